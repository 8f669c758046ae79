// Offers, share links, claims and stats over HTTP. Imported by the web client too (`import type`
// for the server's shapes, plain imports only of pure values), so it holds no server code.
import { z } from 'zod';
import { contactKinds } from '../../db/schema/clients.ts';
import { claimOutcomes, offerStatuses, offerTypes } from '../../db/schema/referrals.ts';
import { optionalText } from '../../shared/lists.ts';
import { unknownFieldMessage } from './wording.ts';

export const offerTypeSchema = z.enum(offerTypes);
export const offerStatusSchema = z.enum(offerStatuses);

export const TITLE_LIMIT = 160;
export const SHARE_MESSAGE_LIMIT = 1000;
export const EMAIL_BODY_LIMIT = 5000;
/** Above this, a capacity is a typo rather than a plan. */
export const CAPACITY_LIMIT = 1_000_000;
/** How many referrers one request may give links to. */
export const LINK_BATCH_LIMIT = 200;

const capacity = (what: string) =>
  z
    .number(`${what} must be a whole number`)
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be at least 1, or empty for no limit`)
    .max(CAPACITY_LIMIT, `${what} must be at most ${CAPACITY_LIMIT.toLocaleString('en')}`)
    .nullable()
    .optional();

const day = z.iso.date('Use a date like 2026-12-31').nullable().optional();

/** Free text the referrer copies: may use merge fields, and only known ones. */
const wording = (max: number) =>
  optionalText(max).superRefine((text, ctx) => {
    const problem = text ? unknownFieldMessage(text) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const offerFields = {
  title: z
    .string()
    .trim()
    .min(1, 'Give the offer a title')
    .max(TITLE_LIMIT, `At most ${TITLE_LIMIT} characters`),
  type: offerTypeSchema,
  description: optionalText(5000),
  terms: optionalText(5000),
  capacityTotal: capacity('Total capacity'),
  capacityPerReferrer: capacity('Capacity per referrer'),
  startsOn: day,
  endsOn: day,
  /** The landing page's heading; the title when left empty. */
  headline: optionalText(200),
  body: optionalText(10000),
  afterClaim: optionalText(2000),
  shareMessage: wording(SHARE_MESSAGE_LIMIT),
  shareEmailSubject: wording(200),
  shareEmailBody: wording(EMAIL_BODY_LIMIT),
  /** Who replies to claims; empty means the referrer's strongest relationship. */
  ownerMemberId: z.uuid('Choose a team member').nullable().optional(),
};

type Limits = {
  startsOn?: string | null;
  endsOn?: string | null;
  capacityTotal?: number | null;
  capacityPerReferrer?: number | null;
};

/** Rules across fields, shared by create (on the body) and update (on the merged result). */
export function offerRuleProblems(o: Limits): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (o.startsOn && o.endsOn && o.endsOn < o.startsOn) {
    problems.push({
      path: 'endsOn',
      message: `The end date cannot be before the start date (${o.startsOn})`,
    });
  }
  if (o.capacityTotal && o.capacityPerReferrer && o.capacityPerReferrer > o.capacityTotal) {
    problems.push({
      path: 'capacityPerReferrer',
      message: `Capacity per referrer cannot exceed the total capacity (${o.capacityTotal})`,
    });
  }
  return problems;
}

export const createOfferBody = z.strictObject(offerFields).superRefine((body, ctx) => {
  for (const p of offerRuleProblems(body))
    ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
});
export type CreateOfferBody = z.infer<typeof createOfferBody>;
export type OfferInput = z.input<typeof createOfferBody>;

export const updateOfferBody = z
  .strictObject({
    ...offerFields,
    title: offerFields.title.optional(),
    type: offerFields.type.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });
export type UpdateOfferBody = z.infer<typeof updateOfferBody>;

export const offerStatsSchema = z.object({
  /** Clicks by people (bots left out). */
  clicks: z.number(),
  /** A visitor's repeat clicks on a link within 24 hours of their previous one count once. */
  visits: z.number(),
  /** Clicks flagged as crawlers or link scanners. */
  botClicks: z.number(),
  /** Claims accepted. */
  claims: z.number(),
  /** Claims kept as interest (beyond capacity, outside the dates, paused). */
  interest: z.number(),
  referrals: z.number(),
  won: z.number(),
  /** Booked value of won referrals, in the workspace's currency. */
  revenue: z.number(),
});
export type OfferStats = z.infer<typeof offerStatsSchema>;

export const offerSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  type: offerTypeSchema,
  status: offerStatusSchema,
  description: z.string().nullable(),
  terms: z.string().nullable(),
  capacityTotal: z.number().nullable(),
  capacityPerReferrer: z.number().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  headline: z.string(),
  body: z.string().nullable(),
  afterClaim: z.string().nullable(),
  shareMessage: z.string().nullable(),
  shareEmailSubject: z.string().nullable(),
  shareEmailBody: z.string().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  pausedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Live (not revoked) links. */
  liveLinks: z.number(),
  stats: offerStatsSchema,
  currency: z.string(),
});
export type Offer = z.infer<typeof offerSchema>;

export const mergeFieldSchema = z.object({ key: z.string(), label: z.string(), fallback: z.string() });

export const offerListQuery = z.object({
  /** `current` (default): active and paused. */
  status: z.enum(['current', 'all', ...offerStatuses]).default('current'),
});
export type OfferListQuery = z.infer<typeof offerListQuery>;

export const offerListResponse = z.object({
  offers: z.array(offerSchema),
  mergeFields: z.array(mergeFieldSchema),
  /** PUBLIC_URL/r/: what every share link starts with, for previews. */
  linkBase: z.string(),
});
export type OfferList = z.infer<typeof offerListResponse>;

export const offerDetailSchema = offerSchema.extend({
  mergeFields: z.array(mergeFieldSchema),
  linkBase: z.string(),
});
export type OfferDetail = z.infer<typeof offerDetailSchema>;

export const wordingSchema = z.object({
  message: z.string().nullable(),
  emailSubject: z.string().nullable(),
  emailBody: z.string().nullable(),
});
export type Wording = z.infer<typeof wordingSchema>;

export const shareLinkSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  url: z.string(),
  offer: z.object({ id: z.uuid(), title: z.string(), status: offerStatusSchema }),
  referrer: z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(contactKinds),
    account: z.string().nullable(),
  }),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  stats: offerStatsSchema,
  /** The suggested wording with this referrer's name and link filled in; null once revoked. */
  wording: wordingSchema.nullable(),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;

export const shareLinkListResponse = z.object({ links: z.array(shareLinkSchema), currency: z.string() });
export type ShareLinkList = z.infer<typeof shareLinkListResponse>;

export const createLinksBody = z.strictObject({
  contactIds: z
    .array(z.uuid('Not a contact id'))
    .min(1, 'Choose at least one referrer')
    .max(LINK_BATCH_LIMIT, `At most ${LINK_BATCH_LIMIT} referrers at a time`),
});
export type CreateLinksBody = z.infer<typeof createLinksBody>;

export const createLinksResponse = z.object({
  links: z.array(shareLinkSchema),
  /** How many of them are new (the others already had a live link, which is returned). */
  created: z.number(),
});

export const linkParamSchema = z.object({ id: z.uuid('Not a valid id') });

export const claimSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  message: z.string().nullable(),
  outcome: z.enum(claimOutcomes),
  refusalReason: z.string().nullable(),
  referrer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  linkCode: z.string().nullable(),
  prospect: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  referral: z.object({ id: z.uuid(), status: z.string() }).nullable(),
  createdAt: z.string(),
});
export type Claim = z.infer<typeof claimSchema>;

export const claimListQuery = z.object({
  outcome: z.enum(claimOutcomes).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(20).optional(),
});
export const claimListResponse = z.object({
  claims: z.array(claimSchema),
  nextCursor: z.string().nullable(),
});
export type ClaimList = z.infer<typeof claimListResponse>;

export const referrerStatsSchema = offerStatsSchema.extend({
  referrer: z.object({ id: z.uuid(), name: z.string(), account: z.string().nullable() }),
  /** The live link's code, if the referrer still has one. */
  liveCode: z.string().nullable(),
  links: z.number(),
});
export type ReferrerStats = z.infer<typeof referrerStatsSchema>;

export const offerStatsResponse = z.object({
  totals: offerStatsSchema,
  referrers: z.array(referrerStatsSchema),
  /** Clicks and visits per day over the last 30 days, in the workspace's time zone. */
  days: z.array(z.object({ day: z.string(), clicks: z.number(), visits: z.number() })),
  currency: z.string(),
});
export type OfferStatsResponse = z.infer<typeof offerStatsResponse>;
