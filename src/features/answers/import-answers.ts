// Importing answers collected by another tool (a CSV export of a survey form), into one survey.
// All or nothing: every row is checked first, and any problem (reported with its row number, the
// header being row 1 as in a spreadsheet, and its column) stores nothing. Rows with an external
// id update the answer imported earlier with that id, so running the same file twice is safe.
//
// Columns (headers matched without regard to case, spaces or punctuation):
//   email (or contact_external_id): who answered; they must be a contact already
//   score: 0-10            comment: optional
//   answered_at: optional, 2026-03-14 or an ISO date-time (default: now)
//   external_id: optional, the answer's id in the other tool
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { emailSchema } from '../../shared/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import { readCsv, unescapeFormula } from '../imports/csv.ts';
import {
  type DirectAnswerInput,
  type EnrolmentDeps,
  recordDirectAnswers,
  requestEnrolmentFor,
} from './record-answer.ts';
import type { ImportAnswersResult, ImportProblem } from './schemas.ts';
import { surveyExists } from './scores.ts';

export const MAX_ANSWER_ROWS = 100_000;
const MAX_PROBLEMS = 1000;
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

type Field = 'email' | 'contact_external_id' | 'score' | 'comment' | 'answered_at' | 'external_id';

const headerNames: Record<Field, string[]> = {
  email: ['email', 'emailaddress', 'contactemail', 'respondentemail', 'mail'],
  contact_external_id: ['contactexternalid', 'contactrecordid', 'customerid', 'clientid'],
  score: ['score', 'npsscore', 'nps', 'rating', 'likelihoodtorecommend', 'answer'],
  comment: ['comment', 'comments', 'feedback', 'reason', 'verbatim', 'openanswer'],
  answered_at: ['answeredat', 'answered', 'date', 'submittedat', 'responsedate', 'timestamp', 'createdat'],
  external_id: ['externalid', 'responseid', 'answerid', 'id'],
};

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export function mapAnswerHeaders(headers: string[]): Partial<Record<Field, number>> {
  const mapping: Partial<Record<Field, number>> = {};
  headers.forEach((header, i) => {
    const key = normalise(header);
    for (const [field, names] of Object.entries(headerNames) as [Field, string[]][]) {
      if (mapping[field] === undefined && names.includes(key)) mapping[field] = i;
    }
  });
  return mapping;
}

type Parsed = {
  row: number;
  email: string | null;
  contactExternalId: string | null;
  input: Omit<DirectAnswerInput, 'contactId'>;
};

function parseDate(value: string): Date | null {
  const v = value.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : new Date(v);
  return Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(v) ? null : date;
}

export async function importAnswers(options: {
  deps: EnrolmentDeps;
  actor: Actor;
  surveyId: string;
  source: AsyncIterable<Uint8Array>;
  dryRun?: boolean;
  /** false: leave enrolment to the follow-up engine's sweep (a CLI process ends right away). */
  promptEnrolment?: boolean;
}): Promise<ImportAnswersResult> {
  const { deps, actor, surveyId } = options;
  const db: Db = deps.db;
  await surveyExists(db, actor.workspaceId, surveyId);
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const problem = (row: number, column: string | null, message: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ row, column, message });
  };

  let headers: string[] | null = null;
  let mapping: Partial<Record<Field, number>> = {};
  const parsed: Parsed[] = [];
  const externalRows = new Map<string, number>();
  let headerBad = false;

  for await (const batch of readCsv(options.source)) {
    for (const record of batch) {
      if (!headers) {
        headers = record.fields.map((h) => h.trim());
        mapping = mapAnswerHeaders(headers);
        if (mapping.score === undefined) problem(1, null, 'No score column: name one "score"');
        if (mapping.email === undefined && mapping.contact_external_id === undefined)
          problem(1, null, 'No column saying who answered: add "email" (or "contact_external_id")');
        headerBad = problemCount > 0;
        if (headerBad) break;
        continue;
      }
      if (parsed.length >= MAX_ANSWER_ROWS) {
        throw new AppError(
          'payload_too_large',
          `At most ${MAX_ANSWER_ROWS.toLocaleString('en')} answers per file`,
        );
      }
      const cell = (field: Field) => {
        const i = mapping[field];
        return i === undefined ? '' : unescapeFormula((record.fields[i] ?? '').trim());
      };
      const col = (field: Field) => headers![mapping[field]!] ?? field;
      const row = record.row;
      let ok = true;

      const rawScore = cell('score');
      let score = 0;
      if (rawScore === '') {
        problem(row, col('score'), 'The score is missing');
        ok = false;
      } else if (!/^\d+$/.test(rawScore)) {
        problem(row, col('score'), `"${rawScore.slice(0, 40)}" is not a whole number from 0 to 10`);
        ok = false;
      } else if (Number(rawScore) > 10) {
        problem(row, col('score'), `${rawScore} is outside 0-10`);
        ok = false;
      } else score = Number(rawScore);

      const rawEmail = cell('email');
      let email: string | null = null;
      if (rawEmail) {
        const checked = emailSchema.safeParse(rawEmail);
        if (checked.success) email = checked.data;
        else {
          problem(row, col('email'), `"${rawEmail.slice(0, 80)}" is not a valid email address`);
          ok = false;
        }
      }
      const contactExternalId = cell('contact_external_id') || null;
      if (!rawEmail && !contactExternalId) {
        problem(
          row,
          mapping.email !== undefined ? col('email') : col('contact_external_id'),
          'Who answered is missing',
        );
        ok = false;
      }

      const comment = cell('comment') || null;
      if (comment && comment.length > 5000) {
        problem(row, col('comment'), 'The comment is longer than 5,000 characters');
        ok = false;
      }

      const rawDate = cell('answered_at');
      let answeredAt: Date | undefined;
      if (rawDate) {
        const date = parseDate(rawDate);
        if (!date) {
          problem(
            row,
            col('answered_at'),
            `"${rawDate.slice(0, 40)}" is not a date (use 2026-03-14 or an ISO date-time)`,
          );
          ok = false;
        } else if (date.getTime() > Date.now() + FUTURE_SLACK_MS) {
          problem(row, col('answered_at'), 'The date is in the future');
          ok = false;
        } else answeredAt = date;
      }

      const externalId = cell('external_id') || null;
      if (externalId) {
        if (externalId.length > 200) {
          problem(row, col('external_id'), 'The external id is longer than 200 characters');
          ok = false;
        } else if (externalRows.has(externalId)) {
          problem(row, col('external_id'), `Repeats the external id of row ${externalRows.get(externalId)}`);
          ok = false;
        } else externalRows.set(externalId, row);
      }
      if (ok)
        parsed.push({ row, email, contactExternalId, input: { score, comment, answeredAt, externalId } });
    }
    if (headerBad) break;
  }
  if (!headers) throw new AppError('unprocessable', 'The file is empty');

  // Who answered: one query for every email and one for every contact external id.
  const emails = [...new Set(parsed.flatMap((p) => (p.email ? [p.email] : [])))];
  const byEmail = new Map<string, string>();
  if (emails.length) {
    const rows = await queryRows<{ email: string; id: string }>(
      db,
      sql`select e.email, min(c.id::text) as id, count(*)::int as n
          from unnest(${sql.param(emails)}::text[]) as e(email)
          join contacts c on c.workspace_id = ${actor.workspaceId} and c.merged_into_id is null and c.erased_at is null
            and (c.email = e.email or c.other_emails @> array[e.email])
          group by e.email having count(*) = 1`,
    );
    for (const r of rows) byEmail.set(r.email, r.id);
  }
  const externalIds = [...new Set(parsed.flatMap((p) => (p.contactExternalId ? [p.contactExternalId] : [])))];
  const byExternal = new Map<string, string>();
  if (externalIds.length) {
    const rows = await queryRows<{ external_id: string; id: string }>(
      db,
      sql`select external_id, id from contacts
          where workspace_id = ${actor.workspaceId} and external_id = any(${sql.param(externalIds)}::text[])`,
    );
    for (const r of rows) byExternal.set(r.external_id, r.id);
  }
  // An external id already used by an answer to another survey would be refused by the insert.
  const usedElsewhere = new Set<string>();
  const answerIds = [...externalRows.keys()];
  if (answerIds.length) {
    const rows = await queryRows<{ external_id: string }>(
      db,
      sql`select external_id from survey_answers
          where workspace_id = ${actor.workspaceId} and external_id = any(${sql.param(answerIds)}::text[])
            and survey_id <> ${surveyId}`,
    );
    for (const r of rows) usedElsewhere.add(r.external_id);
  }

  const inputs: DirectAnswerInput[] = [];
  for (const p of parsed) {
    const contactId = p.email
      ? byEmail.get(p.email)
      : p.contactExternalId
        ? byExternal.get(p.contactExternalId)
        : undefined;
    if (!contactId) {
      const column = p.email ? headers[mapping.email!] : headers[mapping.contact_external_id!];
      problem(
        p.row,
        column ?? null,
        p.email
          ? `No contact with the email ${p.email}: import or add them first`
          : `No contact with the external id ${p.contactExternalId}: import or add them first`,
      );
      continue;
    }
    if (p.input.externalId && usedElsewhere.has(p.input.externalId)) {
      problem(
        p.row,
        headers[mapping.external_id!] ?? null,
        'This external id belongs to an answer to another survey',
      );
      continue;
    }
    inputs.push({ ...p.input, contactId });
  }
  problems.sort((a, b) => a.row - b.row);
  const rows = parsed.length + problemCount;
  if (problemCount > 0) {
    return {
      status: 'invalid',
      dryRun: Boolean(options.dryRun),
      rows,
      created: 0,
      updated: 0,
      errors: problems,
      errorCount: problemCount,
    };
  }

  let created = 0;
  let updated = 0;
  if (options.dryRun) {
    // What importing would do: rows whose external id exists already would update.
    if (answerIds.length) {
      const [existing] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from survey_answers
            where workspace_id = ${actor.workspaceId} and survey_id = ${surveyId}
              and external_id = any(${sql.param(answerIds)}::text[])`,
      );
      updated = Number(existing?.n ?? 0);
    }
    created = inputs.length - updated;
  } else {
    await db.transaction(async (tx) => {
      for (let i = 0; i < inputs.length; i += 5000) {
        const results = await recordDirectAnswers(
          tx,
          { workspaceId: actor.workspaceId, surveyId, source: 'import', memberId: actor.memberId },
          inputs.slice(i, i + 5000),
        );
        for (const r of results) r.created ? created++ : updated++;
      }
    });
    if (inputs.length && options.promptEnrolment !== false) requestEnrolmentFor(deps, [actor.workspaceId]);
  }
  return {
    status: 'completed',
    dryRun: Boolean(options.dryRun),
    rows,
    created,
    updated,
    errors: [],
    errorCount: 0,
  };
}
