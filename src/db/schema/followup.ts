// The follow-up engine: playbooks (versioned plans triggered by an event), enrolments (one event
// put through one playbook version), tasks (one step for one member, closed only with an
// outcome), asks (every request made to a client) and members' goals.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import { surveyAnswers } from './surveys.ts';
import { members } from './workspace.ts';

/** Events that start a playbook. Later features add theirs (an engagement finished, ...). */
export const playbookTriggers = ['answer.promoter', 'answer.passive', 'answer.detractor'] as const;
export type PlaybookTrigger = (typeof playbookTriggers)[number];

export const taskActions = [
  'call',
  'meeting',
  'email',
  'thank',
  'ask_review',
  'ask_recommendation',
  'ask_introduction',
  'send_offer',
  'resolve_issue',
  'custom',
] as const;
export type TaskAction = (typeof taskActions)[number];

export type OwnerRule =
  | { kind: 'strongest_relationship' }
  | { kind: 'account_owner' }
  | { kind: 'member'; memberId: string }
  | { kind: 'role'; role: 'owner' | 'manager' };

export type PlaybookStep = {
  /** Stable within a playbook across versions, so reports can group by step. */
  key: string;
  title: string;
  action: TaskAction;
  /** Days after the trigger, or after the previous step is done. */
  offsetDays: number;
  after: 'trigger' | 'previous';
  owner: OwnerRule;
  /** 'preferred' uses the contact's preferred channel. */
  channel: 'preferred' | 'email' | 'phone' | 'text' | 'in_person';
  /** Suggested words with merge fields such as {{contact.firstName}}. */
  script: string;
};

export const playbooks = pgTable(
  'playbooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    description: text('description'),
    trigger: text('trigger').notNull(),
    // Only one active playbook per trigger enrols new events.
    active: boolean('active').notNull().default(true),
    currentVersion: integer('current_version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('playbooks_workspace_idx').on(t.workspaceId, t.trigger),
    uniqueIndex('playbooks_active_trigger_key')
      .on(t.workspaceId, t.trigger)
      .where(sql`${t.active} and ${t.archivedAt} is null`),
  ],
);

/** Every saved edit is a new version; tasks point at the version that created them. */
export const playbookVersions = pgTable(
  'playbook_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    playbookId: uuid('playbook_id')
      .notNull()
      .references(() => playbooks.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    steps: jsonb('steps').$type<PlaybookStep[]>().notNull(),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('playbook_versions_key').on(t.playbookId, t.version)],
);

export const enrolmentStatuses = ['active', 'completed', 'cancelled'] as const;

export const playbookEnrolments = pgTable(
  'playbook_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    playbookId: uuid('playbook_id')
      .notNull()
      .references(() => playbooks.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => playbookVersions.id, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    answerId: uuid('answer_id').references(() => surveyAnswers.id, { onDelete: 'cascade' }),
    status: text('status', { enum: enrolmentStatuses }).notNull().default('active'),
    triggeredAt: timestamp('triggered_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // An answer is enrolled once, whatever retries or concurrent enrolment runs do.
    uniqueIndex('playbook_enrolments_answer_key').on(t.answerId),
    index('playbook_enrolments_contact_idx').on(t.workspaceId, t.contactId),
  ],
);

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const askKinds = ['feedback', 'review', 'recommendation', 'introduction'] as const;
export type AskKind = (typeof askKinds)[number];
export const askResults = [
  'introduction_promised',
  'recommendation_given',
  'review_given',
  'feedback_given',
  'not_now',
  'declined',
  'problem_raised',
] as const;
export type AskResult = (typeof askResults)[number];

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    assigneeMemberId: uuid('assignee_member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    enrolmentId: uuid('enrolment_id').references(() => playbookEnrolments.id, { onDelete: 'cascade' }),
    // The referral a task is about (reply to a claim, thank the referrer); no foreign key because
    // referrals are declared after tasks, and a referral is never deleted.
    referralId: uuid('referral_id'),
    // Position of the step in its playbook version; null for a manual task.
    stepIndex: integer('step_index'),
    stepKey: text('step_key'),
    action: text('action').notNull(),
    title: text('title').notNull(),
    // Why the task exists, in words (e.g. the answer and its comment).
    reason: text('reason'),
    // The script with merge fields filled in when the task was created.
    script: text('script'),
    channel: text('channel'),
    // How the owner was chosen, including any fallback ("nobody knows X: account owner").
    assignmentNote: text('assignment_note'),
    // Due day in the assignee's time zone; null for a later step still waiting for the previous one.
    dueOn: date('due_on'),
    snoozedUntil: date('snoozed_until'),
    status: text('status', { enum: taskStatuses }).notNull().default('open'),
    // The reported outcome.
    reached: boolean('reached'),
    askKind: text('ask_kind', { enum: askKinds }),
    askResult: text('ask_result', { enum: askResults }),
    outcomeNote: text('outcome_note'),
    prospectName: text('prospect_name'),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    completedByMemberId: uuid('completed_by_member_id').references(() => members.id, {
      onDelete: 'set null',
    }),
    // When the manager was told the task is overdue (once).
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_assignee_open_idx')
      .on(t.workspaceId, t.assigneeMemberId, t.dueOn)
      .where(sql`${t.status} = 'open'`),
    index('tasks_workspace_due_idx').on(t.workspaceId, t.status, t.dueOn),
    index('tasks_enrolment_idx').on(t.enrolmentId, t.stepIndex),
    index('tasks_contact_idx').on(t.workspaceId, t.contactId),
    index('tasks_referral_idx').on(t.referralId),
    check('tasks_status_check', sql`${t.status} in ('open', 'done', 'cancelled')`),
  ],
);

/** What happened to a task besides its outcome: snoozes and reassignments, with their reasons. */
export const taskHistory = pgTable(
  'task_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    // 'created', 'snoozed', 'reassigned', 'escalated', 'completed', 'cancelled'
    kind: text('kind').notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    fromMemberId: uuid('from_member_id').references(() => members.id, { onDelete: 'set null' }),
    toMemberId: uuid('to_member_id').references(() => members.id, { onDelete: 'set null' }),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('task_history_task_idx').on(t.taskId, t.createdAt)],
);

/** Every request made to a client, from a task outcome or logged by hand. */
export const asks = pgTable(
  'asks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: askKinds }).notNull(),
    result: text('result', { enum: askResults }),
    // The project or engagement the ask was about, in words (engagements link here later).
    about: text('about'),
    prospectName: text('prospect_name'),
    note: text('note'),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    answerId: uuid('answer_id').references(() => surveyAnswers.id, { onDelete: 'set null' }),
    askedAt: timestamp('asked_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('asks_workspace_asked_idx').on(t.workspaceId, t.askedAt),
    index('asks_contact_idx').on(t.workspaceId, t.contactId, t.askedAt),
    index('asks_member_idx').on(t.workspaceId, t.memberId, t.askedAt),
    check('asks_kind_check', sql`${t.kind} in ('feedback', 'review', 'recommendation', 'introduction')`),
  ],
);

export const goalPeriods = ['month', 'quarter'] as const;

/** A member's targets for one period (a month or a quarter starting on `periodStart`). */
export const memberGoals = pgTable(
  'member_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    period: text('period', { enum: goalPeriods }).notNull(),
    periodStart: date('period_start').notNull(),
    asksTarget: integer('asks_target'),
    introductionsTarget: integer('introductions_target'),
    followUpsOnTimeTarget: integer('follow_ups_on_time_target'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('member_goals_key').on(t.memberId, t.period, t.periodStart)],
);
