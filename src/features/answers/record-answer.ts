// Recording survey answers, however they arrive.
//
// Glossary:
// - send answer: an answer through the links of one survey mail (source 'email'); one per send
//   (survey_answers.send_id is unique), changeable until editable_until (7 days after the first).
// - direct answer: one not tied to a send: the shareable link ('link'), the API ('api'), a CSV
//   import ('import'). API and import answers carrying an externalId upsert by it, so retries and
//   re-imports do not add duplicates.
//
// Every answer takes the contact's account (for the B2B roll-up), writes a 'survey.answer' event to
// the contact's and account's timeline (a change rewrites that event), and is stored with
// enrolled_at null: callers run requestEnrolment() once their transaction has committed, and the
// follow-up engine picks the answer up from there.
//
// The send path is set-based (one statement for a whole batch) because the public answer POST
// goes through a group commit (db/group-commit.ts): see createAnswerCommitter.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { createGroupCommit, type GroupCommit } from '../../db/group-commit.ts';
import type { AnswerCategory, AnswerSource } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { requestEnrolment } from '../playbooks/request-enrolment.ts';

export const EDITABLE_DAYS = 7;
export const COMMENT_MAX = 5000;

export type SendAnswerInput = { sendId: string; score: number; comment: string | null };

export type SendAnswerOutcome =
  | { status: 'recorded' | 'updated'; answerId: string; workspaceId: string; category: AnswerCategory }
  /** Answered more than EDITABLE_DAYS ago: the answer stands. */
  | { status: 'locked' }
  /** The link's time is up, the survey is closed, or the contact was erased. */
  | { status: 'expired' }
  /** No such send (deleted with its survey). */
  | { status: 'unknown' };

/** Throws a validation error unless `score` is a whole number from 0 to 10. */
export function checkScore(score: unknown, path = 'score'): number {
  const n = typeof score === 'string' && /^\s*\d{1,2}\s*$/.test(score) ? Number(score) : score;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 10) {
    throw new AppError('validation_failed', `${path}: choose a whole number from 0 to 10`, [
      { path, message: 'Choose a whole number from 0 to 10' },
    ]);
  }
  return n;
}

/** Trims a comment; empty becomes null. Over COMMENT_MAX characters is refused. */
export function cleanComment(comment: unknown, path = 'comment'): string | null {
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string') throw new AppError('validation_failed', `${path}: must be text`);
  const text = comment.trim();
  if (text.length > COMMENT_MAX) {
    throw new AppError('validation_failed', `${path}: at most ${COMMENT_MAX} characters`, [
      { path, message: `At most ${COMMENT_MAX} characters` },
    ]);
  }
  return text === '' ? null : text;
}

type SendRow = {
  ord: number;
  workspace_id: string | null;
  writable: boolean | null;
  answer_id: string | null;
  category: AnswerCategory | null;
  inserted: boolean | null;
};

/**
 * Records the answers of survey mails in one statement: inserts new answers, updates those still
 * editable, stamps the sends' answered_at and writes or rewrites the timeline events. Inputs must
 * be validated (checkScore, cleanComment). Returns one outcome per input, in order. Does not
 * request enrolment: the caller does, after commit.
 */
export async function recordSendAnswers(db: Db, inputs: SendAnswerInput[]): Promise<SendAnswerOutcome[]> {
  if (inputs.length === 0) return [];
  // The same send twice in one batch: the later answer wins (as if written one after the other)
  // and both callers get its outcome. ON CONFLICT cannot touch one row twice in a statement.
  const lastIndexOf = new Map<string, number>();
  for (const [i, input] of inputs.entries()) lastIndexOf.set(input.sendId, i);
  const unique = [...lastIndexOf.values()].sort((a, b) => a - b).map((i) => inputs[i]!);

  const rows = await queryRows<SendRow>(
    db,
    sql`
    with input as (
      select * from unnest(
        ${sql.param(unique.map((i) => i.sendId))}::uuid[],
        ${sql.param(unique.map((i) => i.score))}::int[],
        ${sql.param(unique.map((i) => i.comment))}::text[]
      ) with ordinality as i(send_id, score, comment, ord)
    ),
    -- One index lookup per answer (LATERAL ... OFFSET 0 keeps the planner from hashing the whole
    -- sends and contacts tables for a batch of a few hundred rows).
    target as (
      select i.ord, i.score, i.comment, x.*
      from input i
      cross join lateral (
        select s.id as send_id, s.workspace_id, s.survey_id, sv.name as survey_name,
               coalesce(m.id, c.id) as contact_id, coalesce(m.account_id, c.account_id) as account_id,
               s.expires_at > now() and sv.status <> 'closed' and c.erased_at is null as writable
        from survey_sends s
        join surveys sv on sv.id = s.survey_id
        join contacts c on c.id = s.contact_id
        left join contacts m on m.id = c.merged_into_id
        where s.id = i.send_id
        offset 0
      ) x
    ),
    upserted as (
      insert into survey_answers as a
        (id, workspace_id, survey_id, send_id, contact_id, account_id, score, comment, source, answered_at, editable_until)
      select gen_random_uuid(), workspace_id, survey_id, send_id, contact_id, account_id, score, comment, 'email',
             now(), now() + make_interval(days => ${EDITABLE_DAYS})
      from target where writable
      on conflict (send_id) do update
        set score = excluded.score, comment = excluded.comment, answered_at = now(), updated_at = now()
        where a.editable_until > now()
      returning a.id, a.send_id, a.category, (a.xmax = 0) as inserted
    ),
    marked as (
      update survey_sends s set answered_at = now()
      where s.id = any(array(select send_id from upserted where inserted))
      returning s.id
    ),
    new_events as (
      insert into timeline_events (workspace_id, contact_id, account_id, occurred_at, kind, ref_id, title, body, data)
      select t.workspace_id, t.contact_id, t.account_id, now(), 'survey.answer', u.id,
             'Scored ' || t.score || ' out of 10 in "' || t.survey_name || '"', t.comment,
             jsonb_build_object('score', t.score, 'category', u.category, 'surveyId', t.survey_id, 'source', 'email')
      from upserted u join target t on t.send_id = u.send_id
      where u.inserted
      returning id
    ),
    changed_events as (
      update timeline_events e
      set occurred_at = now(),
          title = 'Scored ' || t.score || ' out of 10 in "' || t.survey_name || '" (changed)',
          body = t.comment,
          data = jsonb_build_object('score', t.score, 'category', u.category, 'surveyId', t.survey_id, 'source', 'email')
      from upserted u join target t on t.send_id = u.send_id
      where not u.inserted and e.ref_id = u.id and e.kind = 'survey.answer' and e.workspace_id = t.workspace_id
        and e.ref_id = any(array(select id from upserted where not inserted))
      returning e.id
    )
    select i.ord::int as ord, t.workspace_id, t.writable, u.id as answer_id, u.category, u.inserted
    from input i
    left join target t on t.ord = i.ord
    left join upserted u on u.send_id = i.send_id
    order by i.ord`,
  );

  const bySend = new Map<string, SendAnswerOutcome>();
  rows.forEach((row, k) => {
    const sendId = unique[k]!.sendId;
    if (Number(row.ord) !== k + 1) throw new Error('recordSendAnswers: rows out of order');
    let outcome: SendAnswerOutcome;
    if (!row.workspace_id) outcome = { status: 'unknown' };
    else if (!row.writable) outcome = { status: 'expired' };
    else if (!row.answer_id) outcome = { status: 'locked' };
    else {
      outcome = {
        status: row.inserted ? 'recorded' : 'updated',
        answerId: row.answer_id,
        workspaceId: row.workspace_id,
        category: row.category!,
      };
    }
    bySend.set(sendId, outcome);
  });
  return inputs.map((input) => bySend.get(input.sendId)!);
}

export type EnrolmentDeps = { db: Db; jobs: JobQueue | undefined };

function requestEnrolmentFor(deps: EnrolmentDeps, workspaceIds: Iterable<string>) {
  for (const workspaceId of new Set(workspaceIds)) requestEnrolment(deps, workspaceId);
}

export type AnswerCommitter = GroupCommit<SendAnswerInput, SendAnswerOutcome>;

/**
 * The group commit behind the public answer POST: concurrent answers share one transaction, and
 * each caller's promise resolves after that transaction has committed. Enrolment is requested
 * once per batch and workspace.
 */
export function createAnswerCommitter(
  deps: EnrolmentDeps & {
    concurrency?: number;
    maxBatch?: number;
    /** false: leave the answers to the follow-up engine's cron sweep (enrolled_at stays null). */
    promptEnrolment?: boolean;
  },
): AnswerCommitter {
  return createGroupCommit<SendAnswerInput, SendAnswerOutcome>({
    concurrency: deps.concurrency ?? 1,
    maxBatch: deps.maxBatch ?? 1000,
    async writeBatch(items) {
      // One statement, so its own transaction: no BEGIN and COMMIT round trips around it.
      const outcomes = await recordSendAnswers(deps.db, items);
      if (deps.promptEnrolment === false) return outcomes;
      requestEnrolmentFor(
        deps,
        outcomes.flatMap((o) => ('workspaceId' in o ? [o.workspaceId] : [])),
      );
      return outcomes;
    },
  });
}

export type DirectAnswerInput = {
  /** Null only for an anonymous answer through the shareable link. */
  contactId: string | null;
  score: number;
  comment: string | null;
  answeredAt?: Date | undefined;
  externalId?: string | null | undefined;
  respondentName?: string | null | undefined;
  respondentEmail?: string | null | undefined;
};

export type DirectAnswerResult = { answerId: string; created: boolean };

/**
 * Records answers not tied to a send (shareable link, API, import) for one survey, in one
 * statement; run it inside the caller's transaction. Contacts must be of this workspace (checked
 * here: a foreign or unknown contact id fails the whole call). A retry with the same externalId
 * updates the earlier answer; an externalId already used in another survey is a conflict.
 */
export async function recordDirectAnswers(
  db: Db,
  scope: {
    workspaceId: string;
    surveyId: string;
    source: Exclude<AnswerSource, 'email'>;
    memberId?: string | null;
  },
  inputs: DirectAnswerInput[],
): Promise<DirectAnswerResult[]> {
  if (inputs.length === 0) return [];
  const ids = inputs.map(() => randomUUID());
  const contactIds = [...new Set(inputs.flatMap((i) => (i.contactId ? [i.contactId] : [])))];
  if (contactIds.length > 0) {
    const [found] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from contacts
          where workspace_id = ${scope.workspaceId} and id = any(${sql.param(contactIds)}::uuid[])`,
    );
    if (Number(found?.n) !== contactIds.length) throw new AppError('not_found', 'Contact not found');
  }
  const rows = await queryRows<{ id: string; external_id: string | null; inserted: boolean }>(
    db,
    sql`
    with input as (
      select * from unnest(
        ${sql.param(ids)}::uuid[],
        ${sql.param(inputs.map((i) => i.contactId))}::uuid[],
        ${sql.param(inputs.map((i) => i.score))}::int[],
        ${sql.param(inputs.map((i) => i.comment))}::text[],
        ${sql.param(inputs.map((i) => (i.answeredAt ?? null)?.toISOString() ?? null))}::timestamptz[],
        ${sql.param(inputs.map((i) => i.externalId ?? null))}::text[],
        ${sql.param(inputs.map((i) => i.respondentName ?? null))}::text[],
        ${sql.param(inputs.map((i) => i.respondentEmail ?? null))}::text[]
      ) as i(id, contact_id, score, comment, answered_at, external_id, respondent_name, respondent_email)
    ),
    target as (
      select i.*, coalesce(m.id, c.id) as resolved_contact_id, coalesce(m.account_id, c.account_id) as account_id
      from input i
      left join contacts c on c.id = i.contact_id and c.workspace_id = ${scope.workspaceId}
      left join contacts m on m.id = c.merged_into_id
    ),
    upserted as (
      insert into survey_answers as a
        (id, workspace_id, survey_id, contact_id, account_id, score, comment, source, answered_at,
         external_id, respondent_name, respondent_email)
      select id, ${scope.workspaceId}::uuid, ${scope.surveyId}::uuid, resolved_contact_id, account_id, score, comment,
             ${scope.source}, coalesce(answered_at, now()), external_id, respondent_name, respondent_email
      from target
      on conflict (workspace_id, external_id) do update
        set score = excluded.score, comment = excluded.comment, answered_at = excluded.answered_at,
            contact_id = excluded.contact_id, account_id = excluded.account_id, updated_at = now()
        where a.survey_id = excluded.survey_id
      returning a.id, a.external_id, a.contact_id, a.account_id, a.score, a.comment, a.category, a.answered_at,
                (a.xmax = 0) as inserted
    ),
    survey as (select name from surveys where id = ${scope.surveyId}),
    new_events as (
      insert into timeline_events (workspace_id, contact_id, account_id, occurred_at, kind, ref_id, member_id, title, body, data)
      select ${scope.workspaceId}::uuid, u.contact_id, u.account_id, u.answered_at, 'survey.answer', u.id,
             ${scope.memberId ?? null}::uuid,
             'Scored ' || u.score || ' out of 10 in "' || (select name from survey) || '"', u.comment,
             jsonb_build_object('score', u.score, 'category', u.category, 'surveyId', ${scope.surveyId}::text,
                                'source', ${scope.source}::text)
      from upserted u where u.inserted and u.contact_id is not null
      returning id
    ),
    changed_events as (
      update timeline_events e
      set occurred_at = u.answered_at, body = u.comment,
          title = 'Scored ' || u.score || ' out of 10 in "' || (select name from survey) || '"',
          data = jsonb_build_object('score', u.score, 'category', u.category, 'surveyId', ${scope.surveyId}::text,
                                    'source', ${scope.source}::text)
      from upserted u
      where not u.inserted and e.ref_id = u.id and e.kind = 'survey.answer' and e.workspace_id = ${scope.workspaceId}
      returning e.id
    )
    select id, external_id, inserted from upserted`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byExternal = new Map(rows.filter((r) => r.external_id).map((r) => [r.external_id!, r]));
  return inputs.map((input, i) => {
    const row = byId.get(ids[i]!) ?? (input.externalId ? byExternal.get(input.externalId) : undefined);
    if (!row) {
      throw new AppError(
        'conflict',
        `externalId ${input.externalId}: already used by an answer to another survey`,
        [{ path: 'externalId', message: 'Already used by an answer to another survey' }],
      );
    }
    return { answerId: row.id, created: row.inserted };
  });
}

/**
 * Records one direct answer in its own transaction, then requests enrolment. The answer is
 * committed when this resolves.
 */
export async function recordAnswer(
  deps: EnrolmentDeps,
  scope: {
    workspaceId: string;
    surveyId: string;
    source: Exclude<AnswerSource, 'email'>;
    memberId?: string | null;
  },
  input: DirectAnswerInput,
): Promise<DirectAnswerResult> {
  const [result] = await deps.db.transaction((tx) => recordDirectAnswers(tx, scope, [input]));
  requestEnrolmentFor(deps, [scope.workspaceId]);
  return result!;
}

export { requestEnrolmentFor };
