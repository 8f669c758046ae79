// Referrals and what produces them: referrals (a prospect who came through someone, with its
// pipeline and stage history), offers (passable "Trojan horse" offers), share links (one personal
// link per referrer and offer), link clicks, claims made through a link, referrer pages (a
// tokenized page per referrer), testimonials, and referrals we send to partners.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, contacts } from './clients.ts';
import { createdAt, updatedAt, workspaceId } from './columns.ts';
import { asks } from './followup.ts';
import { surveyAnswers } from './surveys.ts';
import { members } from './workspace.ts';

/** A recommendation: the client told someone to talk to us. An introduction: they named a person and connect us. */
export const referralKinds = ['recommendation', 'introduction'] as const;
export type ReferralKind = (typeof referralKinds)[number];
export const referralSources = ['client', 'partner', 'offer', 'survey', 'other'] as const;
export type ReferralSource = (typeof referralSources)[number];
/** The pipeline, in order; won and lost end it. */
export const referralStatuses = [
  'new',
  'contacted',
  'meeting_held',
  'qualified',
  'proposal',
  'won',
  'lost',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });

export const offerTypes = [
  'assessment',
  'extra_service',
  'event_invitation',
  'resource',
  'discount',
  'custom',
] as const;
export type OfferType = (typeof offerTypes)[number];
export const offerStatuses = ['active', 'paused', 'archived'] as const;
export type OfferStatus = (typeof offerStatuses)[number];

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    type: text('type', { enum: offerTypes }).notNull(),
    description: text('description'),
    terms: text('terms'),
    // Null means no limit.
    capacityTotal: integer('capacity_total'),
    capacityPerReferrer: integer('capacity_per_referrer'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    // The landing page a share link leads to.
    headline: text('headline').notNull(),
    body: text('body'),
    afterClaim: text('after_claim'),
    // Suggested wording the referrer copies, with merge fields {{referrer.firstName}}, {{colleague.firstName}}...
    shareMessage: text('share_message'),
    shareEmailSubject: text('share_email_subject'),
    shareEmailBody: text('share_email_body'),
    // Who replies to claims; null falls back to the referrer's strongest relationship.
    ownerMemberId: uuid('owner_member_id').references(() => members.id, { onDelete: 'set null' }),
    status: text('status', { enum: offerStatuses }).notNull().default('active'),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('offers_workspace_idx').on(t.workspaceId, t.status, t.createdAt),
    check('offers_status_check', sql`${t.status} in ('active', 'paused', 'archived')`),
    check(
      'offers_capacity_check',
      sql`coalesce(${t.capacityTotal}, 1) > 0 and coalesce(${t.capacityPerReferrer}, 1) > 0`,
    ),
  ],
);

/**
 * One referrer's personal link to one offer: PUBLIC_URL/r/CODE. Codes are random, stored
 * lower-case, unique across all workspaces and never reused (a revoked link keeps its row).
 */
export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    referrerContactId: uuid('referrer_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('share_links_code_key').on(t.code),
    // One live link per referrer and offer; a revoked one can be replaced by a new code.
    uniqueIndex('share_links_live_key').on(t.offerId, t.referrerContactId).where(sql`${t.revokedAt} is null`),
    index('share_links_referrer_idx').on(t.workspaceId, t.referrerContactId),
  ],
);

/**
 * Every click on a share link. No raw IP is kept: visitor_hash is a keyed hash of IP and user
 * agent, enough to count a visitor's repeat clicks within 24 hours as one visit.
 */
export const linkClicks = pgTable(
  'link_clicks',
  {
    // A sequence, not a random uuid: the hottest insert in the product, kept narrow.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // Copied from the link so reports filter by workspace without a join; removed with the link.
    workspaceId: uuid('workspace_id').notNull(),
    linkId: uuid('link_id')
      .notNull()
      .references(() => shareLinks.id, { onDelete: 'cascade' }),
    clickedAt: timestamp('clicked_at', { withTimezone: true, precision: 3 }).notNull(),
    visitorHash: text('visitor_hash').notNull(),
    referer: text('referer'),
    isBot: boolean('is_bot').notNull().default(false),
  },
  // One foreign key only (the link, which cascades from its workspace): each key costs an index
  // probe per click on the hottest path.
  (t) => [
    index('link_clicks_link_idx').on(t.linkId, t.clickedAt),
    index('link_clicks_workspace_idx').on(t.workspaceId, t.clickedAt),
  ],
);

export const claimOutcomes = ['accepted', 'interest'] as const;
export type ClaimOutcome = (typeof claimOutcomes)[number];

/** A claim made on an offer's landing page. Refused claims (full, ended, paused) are kept as interest. */
export const offerClaims = pgTable(
  'offer_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    linkId: uuid('link_id').references(() => shareLinks.id, { onDelete: 'set null' }),
    referrerContactId: uuid('referrer_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    company: text('company'),
    message: text('message'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: claimOutcomes }).notNull(),
    // Why a claim was kept as interest: 'capacity', 'referrer_capacity', 'ended', 'not_started', 'paused'.
    refusalReason: text('refusal_reason'),
    prospectContactId: uuid('prospect_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    // The referral an accepted claim created (no foreign key: the two tables point at each other).
    referralId: uuid('referral_id'),
    visitorHash: text('visitor_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    index('offer_claims_offer_idx').on(t.workspaceId, t.offerId, t.createdAt),
    index('offer_claims_link_idx').on(t.linkId),
    // "Has this email already claimed this offer?" is asked for every claim.
    index('offer_claims_accepted_email_idx').on(t.offerId, t.email).where(sql`${t.outcome} = 'accepted'`),
    check('offer_claims_outcome_check', sql`${t.outcome} in ('accepted', 'interest')`),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    kind: text('kind', { enum: referralKinds }).notNull(),
    source: text('source', { enum: referralSources }).notNull(),
    // Who sent them: a client or partner contact. Null for 'other' when nobody is credited.
    referrerContactId: uuid('referrer_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    // The person referred. A recommendation may not have a contact yet, only a name or nothing.
    prospectContactId: uuid('prospect_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    prospectName: text('prospect_name'),
    // The account it may become.
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    ownerMemberId: uuid('owner_member_id').references(() => members.id, { onDelete: 'set null' }),
    status: text('status', { enum: referralStatuses }).notNull().default('new'),
    lostReason: text('lost_reason'),
    expectedValue: money('expected_value'),
    bookedValue: money('booked_value'),
    currency: text('currency').notNull().default('USD'),
    // What produced it.
    askId: uuid('ask_id').references(() => asks.id, { onDelete: 'set null' }),
    answerId: uuid('answer_id').references(() => surveyAnswers.id, { onDelete: 'set null' }),
    offerId: uuid('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    linkId: uuid('link_id').references(() => shareLinks.id, { onDelete: 'set null' }),
    claimId: uuid('claim_id').references(() => offerClaims.id, { onDelete: 'set null' }),
    // What the prospect said at intake ("how did you hear about us?"), in their words.
    heardAbout: text('heard_about'),
    note: text('note'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    // Set when the referral is won or lost, cleared if reopened.
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    referredAt: timestamp('referred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    externalId: text('external_id'),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('referrals_workspace_status_idx').on(t.workspaceId, t.status, t.statusChangedAt),
    index('referrals_workspace_referred_idx').on(t.workspaceId, t.referredAt, t.id),
    index('referrals_referrer_idx').on(t.workspaceId, t.referrerContactId),
    index('referrals_prospect_idx').on(t.workspaceId, t.prospectContactId),
    index('referrals_owner_idx').on(t.workspaceId, t.ownerMemberId),
    index('referrals_offer_idx').on(t.workspaceId, t.offerId),
    // A task outcome or a survey answer produces at most one referral, whatever retries do.
    uniqueIndex('referrals_ask_key').on(t.askId),
    uniqueIndex('referrals_answer_key').on(t.answerId),
    uniqueIndex('referrals_claim_key').on(t.claimId),
    uniqueIndex('referrals_workspace_external_key').on(t.workspaceId, t.externalId),
    check('referrals_kind_check', sql`${t.kind} in ('recommendation', 'introduction')`),
    check('referrals_source_check', sql`${t.source} in ('client', 'partner', 'offer', 'survey', 'other')`),
    check(
      'referrals_status_check',
      sql`${t.status} in ('new', 'contacted', 'meeting_held', 'qualified', 'proposal', 'won', 'lost')`,
    ),
    check(
      'referrals_values_check',
      sql`coalesce(${t.expectedValue}, 0) >= 0 and coalesce(${t.bookedValue}, 0) >= 0`,
    ),
  ],
);

/** Every change to a referral, kept: stage moves (with the lost reason), owner and value changes. */
export const referralHistory = pgTable(
  'referral_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    // 'created', 'status', 'owner', 'value', 'edited'
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('referral_history_referral_idx').on(t.referralId, t.changedAt)],
);

/**
 * A referrer's personal page: their offers and links and the people they sent us. The token in
 * the URL is the row id signed with the server's link secret (nothing secret is stored); revoking
 * sets revoked_at and a new page gets a new id.
 */
export const referrerPages = pgTable(
  'referrer_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('referrer_pages_live_key').on(t.contactId).where(sql`${t.revokedAt} is null`),
    index('referrer_pages_workspace_idx').on(t.workspaceId, t.contactId),
  ],
);

/** A client's words about us, with their permission to publish (or not). */
export const testimonials = pgTable(
  'testimonials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    // The project or engagement it is about, in words (engagements link here when they exist).
    about: text('about'),
    quote: text('quote').notNull(),
    mayPublish: boolean('may_publish').notNull().default(false),
    // How they want to be credited when published ("Ana S., CFO at Northwind").
    attribution: text('attribution'),
    permissionAt: timestamp('permission_at', { withTimezone: true }),
    answerId: uuid('answer_id').references(() => surveyAnswers.id, { onDelete: 'set null' }),
    collectedByMemberId: uuid('collected_by_member_id').references(() => members.id, {
      onDelete: 'set null',
    }),
    collectedOn: date('collected_on').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('testimonials_workspace_idx').on(t.workspaceId, t.collectedOn)],
);

export const partnerReferralOutcomes = ['pending', 'engaged', 'won', 'no_fit'] as const;

/** A client we sent to a partner (the other direction of a partner's balance). */
export const partnerReferrals = pgTable(
  'partner_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    partnerContactId: uuid('partner_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    // Our client we sent to them; null when it was someone outside our records.
    clientContactId: uuid('client_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    clientName: text('client_name'),
    forWhat: text('for_what').notNull(),
    outcome: text('outcome', { enum: partnerReferralOutcomes }).notNull().default('pending'),
    note: text('note'),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    sentOn: date('sent_on').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partner_referrals_partner_idx').on(t.workspaceId, t.partnerContactId, t.sentOn),
    check('partner_referrals_outcome_check', sql`${t.outcome} in ('pending', 'engaged', 'won', 'no_fit')`),
  ],
);
