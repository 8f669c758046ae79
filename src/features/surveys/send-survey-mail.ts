// Mailing surveys. Glossary: a *queued send* is a survey_sends row without a message yet; mailing
// it writes the outbox message (which the mailer delivers, with retries, when SMTP is set) and
// records its id on the send in the same transaction, so a send is mailed at most once however
// often a job runs or restarts. Each workspace has a budget of `survey_mails_per_minute`, shared by
// first mails and reminders, counted over the last minute; a per-workspace advisory lock keeps two
// workers from spending it twice.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { createSends, mayBeMailed, SEND_VALID_DAYS, workspaceSurveySettings } from './audience.ts';
import { renderSurveyMail } from './email.ts';

export type SurveyMailDeps = { db: Db; mailer: Mailer; publicUrl: string; linkSecret: Buffer };

/** Rows mailed per transaction: big enough to be quick, small enough to keep locks short. */
const CHUNK = 200;

async function lockWorkspaceMail(tx: Db, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`survey-mail:${workspaceId}`}, 0))`);
}

/** Mails the workspace may still send this minute. */
async function remainingBudget(tx: Db, workspaceId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select w.survey_mails_per_minute
          - (select count(*) from survey_sends s where s.workspace_id = w.id
               and s.message_id is not null and s.sent_at > now() - interval '1 minute')
          - (select count(*) from survey_sends s where s.workspace_id = w.id
               and s.reminded_at > now() - interval '1 minute') as n
        from workspaces w where w.id = ${workspaceId}`,
  );
  return Math.max(0, Number(row?.n ?? 0));
}

type MailRow = {
  id: string;
  contactName: string;
  email: string;
  firmName: string;
  question: string;
  openQuestion: string | null;
  eligible: boolean;
};

async function writeMessages(
  deps: SurveyMailDeps,
  tx: Db,
  workspaceId: string,
  rows: MailRow[],
  reminder: boolean,
): Promise<{ ids: string[]; messageIds: string[] }> {
  const mails = rows.map((row) => ({
    workspaceId,
    to: row.email,
    ...renderSurveyMail({
      publicUrl: deps.publicUrl,
      linkSecret: deps.linkSecret,
      sendId: row.id,
      firmName: row.firmName,
      contactName: row.contactName,
      question: row.question,
      openQuestion: row.openQuestion,
      reminder,
    }),
  }));
  const queued = await deps.mailer.queueMany(tx, mails);
  const ids = rows.map((row) => row.id);
  const messageIds = queued.map((q) => q.id);
  return { ids, messageIds };
}

async function recordOnTimeline(tx: Db, sendIds: string[], kind: 'survey.sent' | 'survey.reminded') {
  const title = kind === 'survey.sent' ? 'Survey sent: ' : 'Survey reminder sent: ';
  await tx.execute(sql`insert into timeline_events (workspace_id, contact_id, account_id, occurred_at, kind, ref_id, title, data)
    select ss.workspace_id, ss.contact_id, c.account_id, now(), ${kind}, ss.survey_id, ${title} || sv.name,
           jsonb_build_object('surveyId', ss.survey_id, 'sendId', ss.id)
    from survey_sends ss join contacts c on c.id = ss.contact_id join surveys sv on sv.id = ss.survey_id
    where ss.id = any(${sql.param(sendIds)}::uuid[])`);
}

/**
 * Mails the workspace's queued sends of active surveys (of one survey when `surveyId` is given),
 * oldest first, within the per-minute budget. A send whose contact may no longer be surveyed
 * (unsubscribed or archived since the launch, say) is dropped unsent. Returns how many were mailed.
 */
export async function mailQueuedSends(
  deps: SurveyMailDeps,
  workspaceId: string,
  options: { surveyId?: string } = {},
): Promise<number> {
  let mailed = 0;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      await lockWorkspaceMail(tx, workspaceId);
      const budget = await remainingBudget(tx, workspaceId);
      if (budget === 0) return 0;
      const rows = await queryRows<MailRow>(
        tx,
        sql`select ss.id, c.name as "contactName", c.email, w.name as "firmName", sv.question,
              sv.open_question as "openQuestion", (${mayBeMailed}) as eligible
            from survey_sends ss
            join surveys sv on sv.id = ss.survey_id
            join contacts c on c.id = ss.contact_id
            join workspaces w on w.id = ss.workspace_id
            where ss.workspace_id = ${workspaceId} and ss.message_id is null and sv.status = 'active'
              ${options.surveyId ? sql`and ss.survey_id = ${options.surveyId}` : sql``}
            order by ss.created_at, ss.id
            limit ${Math.min(budget, CHUNK)}
            for update of ss skip locked`,
      );
      if (rows.length === 0) return 0;
      const dropped = rows.filter((r) => !r.eligible).map((r) => r.id);
      if (dropped.length)
        await tx.execute(sql`delete from survey_sends where id = any(${sql.param(dropped)}::uuid[])`);
      const { ids, messageIds } = await writeMessages(
        deps,
        tx,
        workspaceId,
        rows.filter((r) => r.eligible),
        false,
      );
      if (ids.length) {
        await tx.execute(sql`update survey_sends s
          set message_id = v.message_id, sent_at = now(),
              expires_at = now() + make_interval(days => ${SEND_VALID_DAYS}::int)
          from (select unnest(${sql.param(ids)}::uuid[]) as id, unnest(${sql.param(messageIds)}::uuid[]) as message_id) v
          where s.id = v.id`);
        await recordOnTimeline(tx, ids, 'survey.sent');
      }
      mailed += ids.length;
      // Rows were there: go round again, unless the budget is spent.
      return rows.length;
    });
    if (done === 0) return mailed;
  }
}

/**
 * Sends the one reminder to people who have not answered `reminder_after_days` after their mail
 * was delivered, with the same links; never twice, never after a failed delivery, never to someone
 * who has since unsubscribed or whose links are about to expire. Returns how many were mailed.
 */
export async function remindNonResponders(deps: SurveyMailDeps, workspaceId: string): Promise<number> {
  let reminded = 0;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      await lockWorkspaceMail(tx, workspaceId);
      const budget = await remainingBudget(tx, workspaceId);
      if (budget === 0) return 0;
      const rows = await queryRows<MailRow>(
        tx,
        sql`select ss.id, c.name as "contactName", c.email, w.name as "firmName", sv.question,
              sv.open_question as "openQuestion", true as eligible
            from survey_sends ss
            join surveys sv on sv.id = ss.survey_id
            join contacts c on c.id = ss.contact_id
            join workspaces w on w.id = ss.workspace_id
            join outbox_messages m on m.id = ss.message_id
            where ss.workspace_id = ${workspaceId} and sv.status = 'active'
              and sv.reminder_after_days is not null
              and ss.reminded_at is null and ss.answered_at is null
              and not exists (select 1 from survey_answers sa where sa.send_id = ss.id)
              and m.status in ('sent', 'outbox')
              and ss.sent_at <= now() - make_interval(days => sv.reminder_after_days)
              and ss.expires_at > now() + interval '2 days'
              and ${mayBeMailed}
            order by ss.sent_at, ss.id
            limit ${Math.min(budget, CHUNK)}
            for update of ss skip locked`,
      );
      if (rows.length === 0) return 0;
      const { ids, messageIds } = await writeMessages(deps, tx, workspaceId, rows, true);
      await tx.execute(sql`update survey_sends s
        set reminder_message_id = v.message_id, reminded_at = now()
        from (select unnest(${sql.param(ids)}::uuid[]) as id, unnest(${sql.param(messageIds)}::uuid[]) as message_id) v
        where s.id = v.id`);
      await recordOnTimeline(tx, ids, 'survey.reminded');
      reminded += ids.length;
      return rows.length;
    });
    if (done === 0) return reminded;
  }
}

/** Recurring surveys look for contacts due again once a day. */
const ROUND_EVERY = sql`interval '1 day'`;

/**
 * Starts the next round of every active recurring survey that is due: a queued send for each
 * contact of its audience that this survey last reached `repeat_every_days` ago or more (or never),
 * still honouring the workspace's minimum gap across all surveys. Returns sends created.
 */
export async function startDueRounds(db: Db): Promise<number> {
  const due = await queryRows<{ id: string; workspaceId: string }>(
    db,
    sql`select id, workspace_id as "workspaceId" from surveys
        where status = 'active' and schedule_kind = 'recurring' and next_run_at <= now()`,
  );
  let created = 0;
  for (const { id, workspaceId } of due) {
    created += await db.transaction(async (tx) => {
      const [survey] = await queryRows<{ audience: unknown; repeatEveryDays: number | null }>(
        tx,
        sql`select audience, repeat_every_days as "repeatEveryDays" from surveys
            where id = ${id} and status = 'active' and next_run_at <= now() for update skip locked`,
      );
      if (!survey) return 0;
      const settings = await workspaceSurveySettings(tx, workspaceId);
      const n = await createSends(tx, {
        workspaceId,
        surveyId: id,
        audience: survey.audience as Parameters<typeof createSends>[1]['audience'],
        minGapDays: settings.surveyMinGapDays,
        repeatEveryDays: survey.repeatEveryDays,
      });
      await tx.execute(sql`update surveys set next_run_at = now() + ${ROUND_EVERY} where id = ${id}`);
      return n;
    });
  }
  return created;
}

/**
 * One pass of the survey scheduler: due recurring rounds, then, per workspace with an active
 * survey, queued sends and reminders within its budget.
 */
export async function runSurveyScheduler(deps: SurveyMailDeps) {
  const rounds = await startDueRounds(deps.db);
  const workspaces = await queryRows<{ workspaceId: string }>(
    deps.db,
    sql`select distinct workspace_id as "workspaceId" from surveys where status = 'active'`,
  );
  let mailed = 0;
  let reminded = 0;
  for (const { workspaceId } of workspaces) {
    mailed += await mailQueuedSends(deps, workspaceId);
    reminded += await remindNonResponders(deps, workspaceId);
  }
  return { rounds, mailed, reminded };
}
