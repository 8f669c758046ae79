// NPS surveys: campaigns (`surveys`), one send per contact and round (`survey_sends`, whose
// delivery is an outbox message), the answers however they arrived (`survey_answers`), and the
// places a promoter can leave a review (`review_destinations`).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, contacts } from './clients.ts';
import { createdAt, updatedAt, workspaceId } from './columns.ts';
import { outboxMessages } from './system.ts';
import { members } from './workspace.ts';

export const surveyStatuses = ['draft', 'active', 'paused', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
export const surveyScheduleKinds = ['once', 'recurring'] as const;
export type SurveyScheduleKind = (typeof surveyScheduleKinds)[number];

/**
 * Who a survey goes to. Only contacts who may be surveyed (may_survey, not unsubscribed, not
 * archived, erased or merged, with an email) are ever sent to, whatever the audience says.
 */
export type SurveyAudience =
  | { kind: 'active_clients' }
  | { kind: 'accounts'; accountIds: string[] }
  | { kind: 'tag'; tag: string }
  | {
      kind: 'filter';
      filter: { kind?: string; tag?: string; accountStatus?: string; ownerId?: string; minStrength?: number };
    }
  | { kind: 'contacts'; contactIds: string[] };

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    question: text('question').notNull(),
    openQuestion: text('open_question'),
    audience: jsonb('audience').$type<SurveyAudience>().notNull(),
    status: text('status', { enum: surveyStatuses }).notNull().default('draft'),
    scheduleKind: text('schedule_kind', { enum: surveyScheduleKinds }).notNull().default('once'),
    // Recurring: each contact in the audience is surveyed again this many days after their last send.
    repeatEveryDays: integer('repeat_every_days'),
    // One reminder to non-responders this many days after the send; null means no reminder.
    reminderAfterDays: integer('reminder_after_days'),
    // Public, unguessable code of the shareable link (not tied to one contact). Shown to members
    // again and again, so it is stored as is; it grants nothing but answering this survey.
    shareCode: text('share_code').unique(),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    // When the scheduler next looks at this survey (recurring rounds, reminders).
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('surveys_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('surveys_next_run_idx').on(t.nextRunAt).where(sql`${t.status} = 'active'`),
    check('surveys_status_check', sql`${t.status} in ('draft', 'active', 'paused', 'closed')`),
    check('surveys_schedule_check', sql`${t.scheduleKind} in ('once', 'recurring')`),
  ],
);

export const surveySendStatuses = ['queued', 'sent', 'failed', 'answered'] as const;

/**
 * One survey mail to one contact. The answer links carry a token derived from the send's id and
 * the instance secret (HMAC), so nothing secret is stored and a reminder can repeat the links.
 */
export const surveySends = pgTable(
  'survey_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
    reminderMessageId: uuid('reminder_message_id').references(() => outboxMessages.id, {
      onDelete: 'set null',
    }),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    // Links stop working after this.
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('survey_sends_survey_idx').on(t.workspaceId, t.surveyId, t.sentAt),
    // "No contact surveyed twice within N days across all surveys" looks up a contact's last send.
    index('survey_sends_contact_idx').on(t.workspaceId, t.contactId, t.sentAt),
  ],
);

export const answerCategories = ['promoter', 'passive', 'detractor'] as const;
export type AnswerCategory = (typeof answerCategories)[number];
export const answerSources = ['email', 'link', 'api', 'import'] as const;
export type AnswerSource = (typeof answerSources)[number];

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    // One answer per send; null for the shareable link, the API and imports.
    sendId: uuid('send_id')
      .unique()
      .references(() => surveySends.id, { onDelete: 'set null' }),
    // Null only for an anonymous answer through the shareable link.
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    // The contact's account when answered, for the B2B roll-up.
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    score: integer('score').notNull(),
    category: text('category', { enum: answerCategories })
      .notNull()
      .generatedAlwaysAs(
        sql`case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end`,
      ),
    comment: text('comment'),
    source: text('source', { enum: answerSources }).notNull(),
    // What a respondent through the shareable link told us about themselves.
    respondentName: text('respondent_name'),
    respondentEmail: text('respondent_email'),
    // A promoter's "a colleague who could use your help"; becomes a referral lead later.
    colleagueName: text('colleague_name'),
    colleagueEmail: text('colleague_email'),
    colleagueNote: text('colleague_note'),
    // Re-imports and API retries upsert by this.
    externalId: text('external_id'),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // The respondent can change the answer until then.
    editableUntil: timestamp('editable_until', { withTimezone: true }),
    // Null until the follow-up engine has enrolled the answer into its playbook.
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('survey_answers_survey_idx').on(t.workspaceId, t.surveyId, t.answeredAt),
    index('survey_answers_contact_idx').on(t.workspaceId, t.contactId, t.answeredAt),
    index('survey_answers_workspace_answered_idx').on(t.workspaceId, t.answeredAt),
    index('survey_answers_pending_enrolment_idx').on(t.workspaceId).where(sql`${t.enrolledAt} is null`),
    uniqueIndex('survey_answers_external_key').on(t.workspaceId, t.externalId),
    check('survey_answers_score_check', sql`${t.score} between 0 and 10`),
    check('survey_answers_source_check', sql`${t.source} in ('email', 'link', 'api', 'import')`),
  ],
);

export const reviewSites = ['google', 'linkedin', 'g2', 'clutch', 'trustpilot', 'custom'] as const;
export type ReviewSite = (typeof reviewSites)[number];

/** Where the firm invites clients to leave a review or an endorsement, in the order shown. */
export const reviewDestinations = pgTable(
  'review_destinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    site: text('site', { enum: reviewSites }).notNull(),
    label: text('label').notNull(),
    url: text('url').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('review_destinations_workspace_idx').on(t.workspaceId, t.position)],
);
