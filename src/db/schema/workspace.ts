// Tenancy and people: the firm (workspace), its team (members), their sign-in sessions and invites.
// Every tenant table carries workspace_id with ON DELETE CASCADE so a workspace can be removed whole.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const memberRoles = ['owner', 'manager', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const memberStatuses = ['active', 'deactivated'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timeZone: text('time_zone').notNull().default('UTC'),
  // Follow-up settings: no contact is surveyed twice within this many days across all surveys;
  // survey mails leave at most this many per minute; an overdue task is reported to the managers
  // after this many days.
  surveyMinGapDays: integer('survey_min_gap_days').notNull().default(90),
  surveyMailsPerMinute: integer('survey_mails_per_minute').notNull().default(60),
  overdueEscalationDays: integer('overdue_escalation_days').notNull().default(2),
  // Referrals: the currency values are entered in; the stages at which the referrer is thanked
  // (a task for the strongest relationship) and whether a thank-you email also goes out.
  currency: text('currency').notNull().default('USD'),
  referralThankStages: text('referral_thank_stages')
    .array()
    .notNull()
    .default(sql`'{meeting_held,won}'::text[]`),
  referralThankEmail: boolean('referral_thank_email').notNull().default(false),
  createdAt: createdAt(),
});

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // Stored lower-cased so the unique index is case-insensitive without citext.
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    status: text('status', { enum: memberStatuses }).notNull().default('active'),
    passwordHash: text('password_hash').notNull(),
    // Null means "use the workspace's time zone".
    timeZone: text('time_zone'),
    // The morning digest of due tasks is on unless the member turns it off.
    digestOptOut: boolean('digest_opt_out').notNull().default(false),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('members_workspace_email_key').on(t.workspaceId, t.email),
    index('members_email_idx').on(t.email),
    check('members_role_check', sql`${t.role} in ('owner', 'manager', 'member')`),
    check('members_status_check', sql`${t.status} in ('active', 'deactivated')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token: a leaked database row cannot be replayed as a cookie.
    id: text('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_member_idx').on(t.memberId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name'),
    role: text('role', { enum: memberRoles }).notNull(),
    // sha256 of the link token; the token itself exists only in the link.
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedMemberId: uuid('accepted_member_id').references(() => members.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('invites_workspace_idx').on(t.workspaceId),
    check('invites_role_check', sql`${t.role} in ('owner', 'manager', 'member')`),
  ],
);
