// Reads and small writes behind the public survey pages (src/public): what a link shows, the
// thank-you page's answer and review destinations, the colleague a promoter suggests, and the
// unsubscribe link. Callers identify the row by a verified token (send id or answer id); nothing
// here trusts anything else from the request.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AnswerCategory, SurveyStatus } from '../../db/schema/index.ts';
import { referralFromColleague } from '../referrals/from-asks.ts';
import { recordTimelineEvent } from '../timeline/record.ts';

export type SendPage = {
  sendId: string;
  workspaceId: string;
  firmName: string;
  surveyId: string;
  question: string;
  openQuestion: string | null;
  contactName: string;
  expired: boolean;
  answer: {
    id: string;
    score: number;
    comment: string | null;
    category: AnswerCategory;
    editable: boolean;
  } | null;
};

/** What the answer page of a send shows, or null for a send that does not exist. */
export async function loadSendPage(db: Db, sendId: string): Promise<SendPage | null> {
  const [row] = await queryRows<{
    workspace_id: string;
    firm_name: string;
    survey_id: string;
    question: string;
    open_question: string | null;
    contact_name: string;
    expired: boolean;
    answer_id: string | null;
    score: number | null;
    comment: string | null;
    category: AnswerCategory | null;
    editable: boolean | null;
  }>(
    db,
    sql`select s.workspace_id, w.name as firm_name, s.survey_id, sv.question, sv.open_question,
               c.name as contact_name,
               (s.expires_at <= now() or sv.status = 'closed' or c.erased_at is not null) as expired,
               a.id as answer_id, a.score, a.comment, a.category, a.editable_until > now() as editable
        from survey_sends s
        join surveys sv on sv.id = s.survey_id
        join workspaces w on w.id = s.workspace_id
        join contacts c on c.id = s.contact_id
        left join survey_answers a on a.send_id = s.id
        where s.id = ${sendId}`,
  );
  if (!row) return null;
  return {
    sendId,
    workspaceId: row.workspace_id,
    firmName: row.firm_name,
    surveyId: row.survey_id,
    question: row.question,
    openQuestion: row.open_question,
    contactName: row.contact_name,
    expired: row.expired,
    answer: row.answer_id
      ? {
          id: row.answer_id,
          score: row.score!,
          comment: row.comment,
          category: row.category!,
          editable: Boolean(row.editable),
        }
      : null,
  };
}

export type SharePage = {
  workspaceId: string;
  firmName: string;
  surveyId: string;
  question: string;
  openQuestion: string | null;
  status: SurveyStatus;
};

/** The survey behind a shareable link's code, or null. */
export async function loadSharePage(db: Db, shareCode: string): Promise<SharePage | null> {
  const [row] = await queryRows<{
    workspace_id: string;
    firm_name: string;
    survey_id: string;
    question: string;
    open_question: string | null;
    status: SurveyStatus;
  }>(
    db,
    sql`select sv.workspace_id, w.name as firm_name, sv.id as survey_id, sv.question, sv.open_question, sv.status
        from surveys sv join workspaces w on w.id = sv.workspace_id
        where sv.share_code = ${shareCode}`,
  );
  if (!row) return null;
  return {
    workspaceId: row.workspace_id,
    firmName: row.firm_name,
    surveyId: row.survey_id,
    question: row.question,
    openQuestion: row.open_question,
    status: row.status,
  };
}

/** The contact with this email (primary or other address) in the workspace, if exactly one. */
export async function findContactByEmail(db: Db, workspaceId: string, email: string): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from contacts
        where workspace_id = ${workspaceId} and merged_into_id is null and erased_at is null
          and (email = ${email} or other_emails @> array[${email}]::text[])
        limit 2`,
  );
  return rows.length === 1 ? rows[0]!.id : null;
}

export type ThanksPage = {
  answerId: string;
  surveyId: string;
  workspaceId: string;
  firmName: string;
  score: number;
  category: AnswerCategory;
  colleagueName: string | null;
  /** Whether the respondent can still change the answer (within its 7 days). */
  editable: boolean;
  reviewDestinations: { label: string; url: string; site: string }[];
};

async function loadThanks(db: Db, where: ReturnType<typeof sql>): Promise<ThanksPage | null> {
  const [row] = await queryRows<{
    id: string;
    survey_id: string;
    workspace_id: string;
    firm_name: string;
    score: number;
    category: AnswerCategory;
    colleague_name: string | null;
    editable: boolean;
  }>(
    db,
    sql`select a.id, a.survey_id, a.workspace_id, w.name as firm_name, a.score, a.category, a.colleague_name,
               coalesce(a.editable_until > now(), false) as editable
        from survey_answers a join workspaces w on w.id = a.workspace_id
        where ${where}`,
  );
  if (!row) return null;
  const reviewDestinations =
    row.category === 'promoter'
      ? await queryRows<{ label: string; url: string; site: string }>(
          db,
          sql`select label, url, site from review_destinations
              where workspace_id = ${row.workspace_id} and active
              order by position, created_at`,
        )
      : [];
  return {
    answerId: row.id,
    surveyId: row.survey_id,
    workspaceId: row.workspace_id,
    firmName: row.firm_name,
    score: row.score,
    category: row.category,
    colleagueName: row.colleague_name,
    editable: row.editable,
    reviewDestinations,
  };
}

export const loadThanksForSend = (db: Db, sendId: string) => loadThanks(db, sql`a.send_id = ${sendId}`);
export const loadThanksForAnswer = (db: Db, answerId: string, surveyId: string) =>
  loadThanks(db, sql`a.id = ${answerId} and a.survey_id = ${surveyId}`);

export type Colleague = { name: string; email: string | null; note: string | null };

/**
 * Stores the colleague a promoter suggested on their answer (a referral lead in a later step) and
 * notes it on the contact's timeline. Only promoters are offered the form; others are refused.
 */
export async function suggestColleague(db: Db, answerId: string, colleague: Colleague): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{
      workspace_id: string;
      contact_id: string | null;
      account_id: string | null;
    }>(
      tx,
      sql`update survey_answers
          set colleague_name = ${colleague.name}, colleague_email = ${colleague.email},
              colleague_note = ${colleague.note}, updated_at = now()
          where id = ${answerId} and category = 'promoter'
          returning workspace_id, contact_id, account_id`,
    );
    if (!row) return false;
    if (row.contact_id) {
      await recordTimelineEvent(tx, {
        workspaceId: row.workspace_id,
        contactId: row.contact_id,
        accountId: row.account_id,
        kind: 'survey.colleague',
        refId: answerId,
        title: `Suggested a colleague who could use our help: ${colleague.name}`,
        body: colleague.note,
        data: { name: colleague.name, email: colleague.email },
      });
    }
    // The colleague is a referral lead; the answer row updated above is locked, so a repeated
    // post waits here and then finds the first one's referral.
    await referralFromColleague(tx, {
      workspaceId: row.workspace_id,
      answerId,
      referrerContactId: row.contact_id,
      colleague,
    });
    return true;
  });
}

/** Who an unsubscribe link is for, or null for a send that does not exist. */
export async function loadUnsubscribePage(
  db: Db,
  sendId: string,
): Promise<{ firmName: string; email: string | null; unsubscribed: boolean } | null> {
  const [row] = await queryRows<{ firm_name: string; email: string | null; unsubscribed: boolean }>(
    db,
    sql`select w.name as firm_name, c.email, c.unsubscribed_at is not null as unsubscribed
        from survey_sends s join contacts c on c.id = s.contact_id join workspaces w on w.id = s.workspace_id
        where s.id = ${sendId}`,
  );
  return row ? { firmName: row.firm_name, email: row.email, unsubscribed: row.unsubscribed } : null;
}

/**
 * Unsubscribes the contact a survey mail went to: never surveyed again. Idempotent: a second
 * click changes nothing and writes no second timeline event. Unsubscribe links keep working after
 * the answer links expire. Returns false for a send that does not exist.
 */
export async function unsubscribeBySend(db: Db, sendId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [send] = await queryRows<{ workspace_id: string; contact_id: string; survey_id: string }>(
      tx,
      sql`select workspace_id, contact_id, survey_id from survey_sends where id = ${sendId}`,
    );
    if (!send) return false;
    const [changed] = await queryRows<{ account_id: string | null }>(
      tx,
      sql`update contacts set unsubscribed_at = now(), may_survey = false, updated_at = now()
          where id = ${send.contact_id} and workspace_id = ${send.workspace_id} and unsubscribed_at is null
          returning account_id`,
    );
    if (changed) {
      await recordTimelineEvent(tx, {
        workspaceId: send.workspace_id,
        contactId: send.contact_id,
        accountId: changed.account_id,
        kind: 'survey.unsubscribed',
        refId: send.survey_id,
        title: 'Unsubscribed from surveys',
        data: { sendId },
      });
    }
    return true;
  });
}
