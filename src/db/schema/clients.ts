// Clients and the network: accounts (client companies or households), contacts (people),
// relationships (a member's connection to a contact, with a strength), interactions (logged
// conversations) and the timeline that shows everything about a contact or account in order.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, workspaceId } from './columns.ts';
import { members } from './workspace.ts';

export const accountStatuses = ['prospect', 'active', 'past'] as const;
export type AccountStatus = (typeof accountStatuses)[number];
export const accountSizes = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const;
export const contactKinds = ['client', 'partner', 'prospect', 'network'] as const;
export type ContactKind = (typeof contactKinds)[number];
export const channels = ['email', 'phone', 'text', 'in_person'] as const;
export type Channel = (typeof channels)[number];
export const interactionKinds = ['meeting', 'call', 'message', 'email', 'note'] as const;
export type InteractionKind = (typeof interactionKinds)[number];
export const interactionDirections = ['two_way', 'outbound', 'inbound'] as const;
export type InteractionDirection = (typeof interactionDirections)[number];

export type InteractionStats = Partial<Record<InteractionKind, number>> & {
  twoWay?: number;
  lastKind?: InteractionKind;
};

const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    domain: text('domain'),
    industry: text('industry'),
    size: text('size', { enum: accountSizes }),
    status: text('status', { enum: accountStatuses }).notNull().default('active'),
    clientSince: date('client_since'),
    ownerMemberId: uuid('owner_member_id').references(() => members.id, { onDelete: 'set null' }),
    tags: textArray('tags'),
    notes: text('notes'),
    externalId: text('external_id'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // "A company name creates or matches an account": one live account per name, case-insensitive.
    uniqueIndex('accounts_workspace_name_key')
      .on(t.workspaceId, sql`lower(${t.name})`)
      .where(sql`${t.archivedAt} is null`),
    uniqueIndex('accounts_workspace_external_key').on(t.workspaceId, t.externalId),
    // GIN indexes keep recent rows in a pending list that every search reads through until a
    // vacuum merges it (up to 4 MB by default, about 10 ms a search under PGlite, which has no
    // autovacuum); 256 kB bounds that while inserts still merge in batches.
    index('accounts_name_trgm')
      .using('gin', sql`lower(${t.name}) gin_trgm_ops`)
      .with({ gin_pending_list_limit: 256 }),
    // Search finds a company by part of its domain too.
    index('accounts_domain_trgm')
      .using('gin', sql`lower(${t.domain}) gin_trgm_ops`)
      .with({ gin_pending_list_limit: 256 }),
    index('accounts_workspace_owner_idx').on(t.workspaceId, t.ownerMemberId),
    check('accounts_status_check', sql`${t.status} in ('prospect', 'active', 'past')`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    // Primary email, lower-cased; further addresses in `otherEmails`.
    email: text('email'),
    otherEmails: textArray('other_emails'),
    phone: text('phone'),
    title: text('title'),
    kind: text('kind', { enum: contactKinds }).notNull().default('client'),
    preferredChannel: text('preferred_channel', { enum: channels }),
    bestTime: text('best_time'),
    // Personal context: what a favour or a specific ask needs to know.
    family: text('family'),
    interests: text('interests'),
    workingOn: text('working_on'),
    notes: text('notes'),
    canHelpWith: textArray('can_help_with'),
    tags: textArray('tags'),
    mayEmail: boolean('may_email').notNull().default(true),
    maySurvey: boolean('may_survey').notNull().default(true),
    // Set by the unsubscribe link: never surveyed again, whatever may_survey says later.
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    externalId: text('external_id'),
    // Kept up to date when interactions are logged; drives "last contacted" filters and sorting.
    lastContactedAt: timestamp('last_contacted_at', { withTimezone: true, precision: 3 }),
    // The strongest relationship anyone on the team has with this person (kept by
    // relationships/recompute.ts), so lists can filter and sort by it without a join.
    bestStrength: integer('best_strength').notNull().default(0),
    bestMemberId: uuid('best_member_id').references(() => members.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    // A merged contact stays as a tombstone pointing at the survivor, so old links still resolve.
    mergedIntoId: uuid('merged_into_id'),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contacts_workspace_email_key')
      .on(t.workspaceId, t.email)
      .where(sql`${t.mergedIntoId} is null`),
    uniqueIndex('contacts_workspace_external_key').on(t.workspaceId, t.externalId),
    index('contacts_workspace_account_idx').on(t.workspaceId, t.accountId),
    index('contacts_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`, t.id),
    // Matches the list's sort expression exactly, so "last contacted" pages come from the index.
    index('contacts_workspace_last_contacted_idx').on(
      t.workspaceId,
      sql`coalesce(${t.lastContactedAt}, 'epoch'::timestamptz)`,
      t.id,
    ),
    index('contacts_workspace_email_prefix_idx').on(t.workspaceId, sql`lower(${t.email}) text_pattern_ops`),
    index('contacts_workspace_strength_idx').on(t.workspaceId, t.bestStrength, t.id),
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    // Typo-tolerant search over name and email (pg_trgm, on PGlite and PostgreSQL alike).
    index('contacts_search_trgm')
      .using('gin', sql`(lower(${t.name}) || ' ' || coalesce(${t.email}, '')) gin_trgm_ops`)
      .with({ gin_pending_list_limit: 256 }),
    index('contacts_tags_idx').using('gin', t.tags).with({ gin_pending_list_limit: 256 }),
    // A referred prospect's email is matched against everyone's other addresses too (claims,
    // intake): `other_emails @> array[...]` reads this index instead of every contact.
    index('contacts_other_emails_idx').using('gin', t.otherEmails).with({ gin_pending_list_limit: 256 }),
    check('contacts_kind_check', sql`${t.kind} in ('client', 'partner', 'prospect', 'network')`),
  ],
);

export const relationships = pgTable(
  'relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    // 0-100 from logged interactions (see relationships/strength.ts).
    computedStrength: integer('computed_strength').notNull().default(0),
    // A starting point given by an import (a CRM's own rating), kept as a floor.
    baselineStrength: integer('baseline_strength'),
    overrideStrength: integer('override_strength'),
    overrideReason: text('override_reason'),
    overrideByMemberId: uuid('override_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    overrideAt: timestamp('override_at', { withTimezone: true }),
    // The number shown and used: override, else the larger of computed and baseline.
    strength: integer('strength').notNull().default(0),
    interactionCount: integer('interaction_count').notNull().default(0),
    lastInteractionAt: timestamp('last_interaction_at', { withTimezone: true }),
    // What the computed number is made of (counts by kind, two-way count, last kind), from which
    // the contact page explains the number in words.
    stats: jsonb('stats').$type<InteractionStats>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('relationships_member_contact_key').on(t.memberId, t.contactId),
    index('relationships_workspace_contact_idx').on(t.workspaceId, t.contactId, t.strength),
    check('relationships_strength_check', sql`${t.strength} between 0 and 100`),
  ],
);

export const interactions = pgTable(
  'interactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: interactionKinds }).notNull(),
    direction: text('direction', { enum: interactionDirections }).notNull().default('two_way'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    summary: text('summary'),
    outcome: text('outcome'),
    followUpOn: date('follow_up_on'),
    loggedByMemberId: uuid('logged_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('interactions_workspace_contact_idx').on(t.workspaceId, t.contactId, t.occurredAt),
    uniqueIndex('interactions_workspace_external_key').on(t.workspaceId, t.externalId),
    check('interactions_kind_check', sql`${t.kind} in ('meeting', 'call', 'message', 'email', 'note')`),
  ],
);

/** Team members who took part in an interaction; each one's relationship strength is recomputed. */
export const interactionParticipants = pgTable(
  'interaction_participants',
  {
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    workspaceId: workspaceId(),
  },
  (t) => [
    primaryKey({ columns: [t.interactionId, t.memberId] }),
    index('participants_member_idx').on(t.memberId),
  ],
);

/**
 * The timeline of a contact and of an account. Every feature that has something to show there
 * writes a row here (an interaction logged, a contact merged, later a survey answer or a referral),
 * so reading a timeline is one indexed scan.
 */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    // e.g. 'interaction', 'contact.created', 'contact.merged', 'relationship.override'
    kind: text('kind').notNull(),
    // The row the event is about (an interaction id, ...), for links and updates.
    refId: uuid('ref_id'),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    index('timeline_contact_idx').on(t.workspaceId, t.contactId, t.occurredAt),
    index('timeline_account_idx').on(t.workspaceId, t.accountId, t.occurredAt),
    index('timeline_ref_idx').on(t.refId),
  ],
);
