// Reads of answers: one, and a survey's answers newest first with keyset pages.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AnswerCategory, AnswerSource } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import type { Answer, AnswerListQuery } from './schemas.ts';
import { surveyExists } from './scores.ts';

type AnswerRow = {
  id: string;
  survey_id: string;
  score: number;
  category: AnswerCategory;
  comment: string | null;
  source: AnswerSource;
  answered_at: Date | string;
  editable_until: Date | string | null;
  contact_id: string | null;
  contact_name: string | null;
  account_id: string | null;
  account_name: string | null;
  respondent_name: string | null;
  respondent_email: string | null;
  colleague_name: string | null;
  colleague_email: string | null;
  colleague_note: string | null;
  external_id: string | null;
  enrolled_at: Date | string | null;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function toAnswer(r: AnswerRow): Answer {
  return {
    id: r.id,
    surveyId: r.survey_id,
    score: r.score,
    category: r.category,
    comment: r.comment,
    source: r.source,
    answeredAt: iso(r.answered_at),
    editableUntil: r.editable_until ? iso(r.editable_until) : null,
    contact: r.contact_id && r.contact_name ? { id: r.contact_id, name: r.contact_name } : null,
    account: r.account_id && r.account_name ? { id: r.account_id, name: r.account_name } : null,
    respondentName: r.respondent_name,
    respondentEmail: r.respondent_email,
    colleague: r.colleague_name
      ? { name: r.colleague_name, email: r.colleague_email, note: r.colleague_note }
      : null,
    externalId: r.external_id,
    enrolled: r.enrolled_at !== null,
  };
}

const selectAnswers = sql`
  select a.id, a.survey_id, a.score, a.category, a.comment, a.source, a.answered_at, a.editable_until,
         a.contact_id, c.name as contact_name, a.account_id, acc.name as account_name,
         a.respondent_name, a.respondent_email, a.colleague_name, a.colleague_email, a.colleague_note,
         a.external_id, a.enrolled_at
  from survey_answers a
  left join contacts c on c.id = a.contact_id
  left join accounts acc on acc.id = a.account_id`;

export async function getAnswer(db: Db, workspaceId: string, answerId: string): Promise<Answer> {
  const [row] = await queryRows<AnswerRow>(
    db,
    sql`${selectAnswers} where a.workspace_id = ${workspaceId} and a.id = ${answerId}`,
  );
  if (!row) throw notFound('Answer');
  return toAnswer(row);
}

export async function listAnswers(db: Db, workspaceId: string, surveyId: string, query: AnswerListQuery) {
  await surveyExists(db, workspaceId, surveyId);
  const filters: SQL[] = [sql`a.workspace_id = ${workspaceId}`, sql`a.survey_id = ${surveyId}`];
  if (query.category?.length) filters.push(sql`a.category = any(${sql.param(query.category)}::text[])`);
  if (query.cursor) {
    const { value, id } = decodeCursor(query.cursor);
    filters.push(sql`(a.answered_at, a.id) < (${String(value)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await queryRows<AnswerRow>(
    db,
    sql`${selectAnswers} where ${sql.join(filters, sql` and `)}
        order by a.answered_at desc, a.id desc limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit).map(toAnswer);
  const last = page[page.length - 1];
  return {
    answers: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.answeredAt, last.id) : null,
  };
}
