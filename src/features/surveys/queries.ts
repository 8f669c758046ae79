// Reads of surveys: one or all with their send counts, and a survey's sends with the delivery
// status of each (joined from the outbox message that carried it).
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { surveys } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { shareUrl } from './links.ts';
import type { SendStatus, Survey, SurveySend } from './schemas.ts';

type SurveyRow = typeof surveys.$inferSelect;
type Counts = Survey['counts'];

const noCounts: Counts = { total: 0, queued: 0, sent: 0, failed: 0, answered: 0 };

/**
 * A send's status: answered when an answer came back; failed when its mail could not be
 * delivered; sent once delivered (or, with no SMTP, written to the built-in outbox); otherwise
 * queued (waiting for its turn under the rate limit, or for a delivery retry).
 */
const sendStatus = sql`case
  when ss.answered_at is not null or sa.id is not null then 'answered'
  when m.status = 'failed' then 'failed'
  when m.status in ('sent', 'outbox') then 'sent'
  else 'queued' end`;

const sendJoins = sql`left join outbox_messages m on m.id = ss.message_id
  left join survey_answers sa on sa.send_id = ss.id`;

async function countsBySurvey(db: Db, workspaceId: string, surveyId?: string): Promise<Map<string, Counts>> {
  const rows = await queryRows<{ surveyId: string; status: SendStatus; n: number }>(
    db,
    sql`select ss.survey_id as "surveyId", ${sendStatus} as status, count(*)::int as n
        from survey_sends ss ${sendJoins}
        where ss.workspace_id = ${workspaceId} ${surveyId ? sql`and ss.survey_id = ${surveyId}` : sql``}
        group by 1, 2`,
  );
  const out = new Map<string, Counts>();
  for (const row of rows) {
    const counts = out.get(row.surveyId) ?? { ...noCounts };
    const n = Number(row.n);
    counts[row.status] += n;
    counts.total += n;
    out.set(row.surveyId, counts);
  }
  return out;
}

export function toSurveyDto(row: SurveyRow, counts: Counts, publicUrl: string): Survey {
  // An answered send was delivered too, so the rate is answered over everything that went out.
  const reached = counts.sent + counts.answered;
  return {
    id: row.id,
    name: row.name,
    question: row.question,
    openQuestion: row.openQuestion,
    audience: row.audience as Survey['audience'],
    status: row.status,
    scheduleKind: row.scheduleKind,
    repeatEveryDays: row.repeatEveryDays,
    reminderAfterDays: row.reminderAfterDays,
    shareUrl: row.shareCode ? shareUrl(publicUrl, row.shareCode) : null,
    launchedAt: row.launchedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    counts,
    responseRate: reached > 0 ? counts.answered / reached : null,
  };
}

export async function getSurveyRow(db: Db, workspaceId: string, surveyId: string): Promise<SurveyRow> {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)));
  if (!row) throw notFound('Survey');
  return row;
}

export async function getSurvey(db: Db, workspaceId: string, surveyId: string, publicUrl: string) {
  const row = await getSurveyRow(db, workspaceId, surveyId);
  const counts = await countsBySurvey(db, workspaceId, surveyId);
  return toSurveyDto(row, counts.get(row.id) ?? { ...noCounts }, publicUrl);
}

export async function listSurveys(db: Db, workspaceId: string, publicUrl: string): Promise<Survey[]> {
  const rows = await db
    .select()
    .from(surveys)
    .where(eq(surveys.workspaceId, workspaceId))
    .orderBy(sql`${surveys.createdAt} desc`, surveys.id);
  const counts = await countsBySurvey(db, workspaceId);
  return rows.map((row) => toSurveyDto(row, counts.get(row.id) ?? { ...noCounts }, publicUrl));
}

type SendRow = {
  id: string;
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  status: SendStatus;
  outboxStatus: string | null;
  error: string | null;
  mailedAt: string | null;
  remindedAt: string | null;
  answeredAt: string | null;
  sortName: string;
};

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/** A survey's sends by contact name, with each one's delivery status and the reason of a failure. */
export async function listSends(
  db: Db,
  workspaceId: string,
  surveyId: string,
  query: { status?: SendStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<{ sends: SurveySend[]; nextCursor: string | null }> {
  await getSurveyRow(db, workspaceId, surveyId);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await queryRows<SendRow>(
    db,
    sql`select * from (
          select ss.id, c.id as "contactId", c.name as "contactName", c.email as "contactEmail",
            ${sendStatus} as status, m.status as "outboxStatus", m.error,
            case when ss.message_id is not null then ss.sent_at end as "mailedAt",
            ss.reminded_at as "remindedAt", coalesce(ss.answered_at, sa.answered_at) as "answeredAt",
            lower(c.name) as "sortName"
          from survey_sends ss
          join contacts c on c.id = ss.contact_id
          ${sendJoins}
          where ss.workspace_id = ${workspaceId} and ss.survey_id = ${surveyId}
        ) t
        where true
          ${query.status ? sql`and t.status = ${query.status}` : sql``}
          ${after ? sql`and (t."sortName", t.id) > (${String(after.value ?? '')}, ${after.id}::uuid)` : sql``}
        order by t."sortName", t.id
        limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    sends: page.map((r) => ({
      id: r.id,
      contact: { id: r.contactId, name: r.contactName, email: r.contactEmail },
      status: r.status,
      delivery: r.outboxStatus === null ? null : r.outboxStatus === 'outbox' ? 'outbox' : 'smtp',
      error: r.status === 'answered' || r.status === 'sent' ? null : r.error,
      sentAt: iso(r.mailedAt),
      remindedAt: iso(r.remindedAt),
      answeredAt: iso(r.answeredAt),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sortName, last.id) : null,
  };
}
