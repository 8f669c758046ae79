import { z } from 'zod';
import { askKinds, askResults } from '../../db/schema/followup.ts';
import { referralKinds, referralSources, referralStatuses } from '../../db/schema/referrals.ts';
import { csvList, cursorSchema, limitSchema, optionalText } from '../../shared/lists.ts';
import { emailSchema } from '../../shared/schemas.ts';

export const referralKindSchema = z.enum(referralKinds);
export const referralSourceSchema = z.enum(referralSources);
export const referralStatusSchema = z.enum(referralStatuses, {
  error: `Choose one of: ${referralStatuses.join(', ')}`,
});
export type ReferralKindValue = z.infer<typeof referralKindSchema>;
export type ReferralSourceValue = z.infer<typeof referralSourceSchema>;
export type ReferralStatusValue = z.infer<typeof referralStatusSchema>;

/** Sources a member may enter by hand; offer claims and survey answers create their own. */
export const manualSources = ['client', 'partner', 'other'] as const;

const ref = z.object({ id: z.uuid(), name: z.string() });

const money = z
  .number('Enter an amount')
  .min(0, 'Cannot be negative')
  .max(999_999_999_999, 'Too large')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'At most two decimals');

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD or EUR');

/** Sums of money, one entry per currency (the workspace's first). */
export const moneyTotalSchema = z.object({
  currency: z.string(),
  expected: z.number(),
  booked: z.number(),
});
export type MoneyTotal = z.infer<typeof moneyTotalSchema>;

export const referralListItemSchema = z.object({
  id: z.uuid(),
  kind: referralKindSchema,
  source: referralSourceSchema,
  status: referralStatusSchema,
  referrer: ref.extend({ accountName: z.string().nullable() }).nullable(),
  /** The person referred: a contact, or only a name (a recommendation may have neither yet). */
  prospect: z.object({
    contactId: z.uuid().nullable(),
    name: z.string().nullable(),
    accountName: z.string().nullable(),
  }),
  account: ref.nullable(),
  owner: ref.nullable(),
  expectedValue: z.number().nullable(),
  bookedValue: z.number().nullable(),
  currency: z.string(),
  lostReason: z.string().nullable(),
  referredAt: z.string(),
  statusChangedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type ReferralListItem = z.infer<typeof referralListItemSchema>;

export const referralHistoryEntrySchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  fromStatus: referralStatusSchema.nullable(),
  toStatus: referralStatusSchema.nullable(),
  reason: z.string().nullable(),
  member: ref.nullable(),
  data: z.record(z.string(), z.unknown()),
  changedAt: z.string(),
});
export type ReferralHistoryEntry = z.infer<typeof referralHistoryEntrySchema>;

export const referralTaskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  action: z.string(),
  status: z.string(),
  dueOn: z.string().nullable(),
  assignee: ref,
  completedAt: z.string().nullable(),
});

export const referralDetailSchema = referralListItemSchema.extend({
  note: z.string().nullable(),
  heardAbout: z.string().nullable(),
  prospectEmail: z.string().nullable(),
  ask: z
    .object({
      id: z.uuid(),
      kind: z.enum(askKinds),
      result: z.enum(askResults).nullable(),
      about: z.string().nullable(),
      askedAt: z.string(),
      member: ref.nullable(),
      taskId: z.uuid().nullable(),
    })
    .nullable(),
  answer: z.object({ id: z.uuid(), score: z.number(), surveyId: z.uuid() }).nullable(),
  offer: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  claimId: z.uuid().nullable(),
  createdBy: ref.nullable(),
  history: z.array(referralHistoryEntrySchema),
  tasks: z.array(referralTaskSchema),
});
export type ReferralDetail = z.infer<typeof referralDetailSchema>;

const filterFields = {
  kind: csvList(referralKindSchema).optional(),
  source: csvList(referralSourceSchema).optional(),
  /** The referrer (who sent them). */
  referrer: z.uuid('Not a contact id').optional(),
  /** The prospect (who was referred). */
  prospect: z.uuid('Not a contact id').optional(),
  /** A member id, or `me`. */
  owner: z.union([z.literal('me'), z.uuid('Not a member id')]).optional(),
  /** Inclusive days on the referral date, in the workspace's time zone. */
  from: z.iso.date('Use a date like 2026-12-01').optional(),
  to: z.iso.date('Use a date like 2026-12-31').optional(),
  /** Part of the prospect's name. */
  q: z.string().trim().max(200).optional(),
};

export const referralListQuery = z.strictObject({
  ...filterFields,
  status: csvList(referralStatusSchema).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ReferralListQuery = z.infer<typeof referralListQuery>;

export const kindCountsSchema = z.object({ recommendation: z.number(), introduction: z.number() });

export const referralListResponse = z.object({
  referrals: z.array(referralListItemSchema),
  nextCursor: z.string().nullable(),
  /** Over every referral the filters match, not only this page. */
  totals: z.object({ count: z.number(), byKind: kindCountsSchema, values: z.array(moneyTotalSchema) }),
});
export type ReferralList = z.infer<typeof referralListResponse>;

export const referralBoardQuery = z.strictObject({
  ...filterFields,
  /** Cards shown per column; the rest are counted as "n more". */
  perColumn: z.coerce.number().int().min(1).max(200).default(30),
});
export type ReferralBoardQuery = z.infer<typeof referralBoardQuery>;

export const referralBoardResponse = z.object({
  currency: z.string(),
  columns: z.array(
    z.object({
      status: referralStatusSchema,
      count: z.number(),
      byKind: kindCountsSchema,
      values: z.array(moneyTotalSchema),
      cards: z.array(referralListItemSchema),
      more: z.number(),
    }),
  ),
});
export type ReferralBoard = z.infer<typeof referralBoardResponse>;

const nonNegativeMoney = money.nullable().optional();

export const createReferralBody = z
  .strictObject({
    kind: referralKindSchema,
    source: z.enum(manualSources, {
      error: 'Choose client, partner or other: offer claims and survey answers record their own',
    }),
    referrerContactId: z.uuid('Choose who referred them').nullable().optional(),
    /** An existing contact... */
    prospectContactId: z.uuid('Not a contact id').nullable().optional(),
    /** ...or a person matched by email or created... */
    prospectName: optionalText(200),
    prospectEmail: emailSchema.nullable().optional(),
    prospectCompany: optionalText(200),
    ownerMemberId: z.uuid('Not a member id').nullable().optional(),
    expectedValue: nonNegativeMoney,
    currency: currencySchema.optional(),
    note: optionalText(5000),
    /** "How did you hear about us?" in the prospect's words. */
    heardAbout: optionalText(2000),
    /** Default: now. */
    referredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.prospectContactId && (body.prospectName || body.prospectEmail || body.prospectCompany)) {
      ctx.addIssue({
        code: 'custom',
        path: ['prospectContactId'],
        message: 'Choose an existing person or type a new one, not both',
      });
    }
    if (body.prospectEmail && !body.prospectName) {
      ctx.addIssue({ code: 'custom', path: ['prospectName'], message: 'Give the person’s name too' });
    }
    if (body.kind === 'introduction' && !body.prospectContactId && !body.prospectName) {
      ctx.addIssue({
        code: 'custom',
        path: ['prospectName'],
        message: 'An introduction names a person: who are they introducing?',
      });
    }
    if (body.source !== 'other' && !body.referrerContactId) {
      ctx.addIssue({
        code: 'custom',
        path: ['referrerContactId'],
        message: 'Who referred them? Choose the client or partner (or source “other”)',
      });
    }
  });
export type CreateReferralBody = z.infer<typeof createReferralBody>;

export const updateReferralBody = z.strictObject({
  ownerMemberId: z.uuid('Not a member id').nullable().optional(),
  expectedValue: nonNegativeMoney,
  bookedValue: nonNegativeMoney,
  currency: currencySchema.optional(),
  prospectContactId: z.uuid('Not a contact id').nullable().optional(),
  prospectName: optionalText(200),
  accountId: z.uuid('Not a company id').nullable().optional(),
  note: optionalText(5000),
});
export type UpdateReferralBody = z.infer<typeof updateReferralBody>;

export const moveReferralBody = z
  .strictObject({
    status: referralStatusSchema,
    /** Required when the referral is lost. */
    reason: optionalText(1000),
    /** Asked for (not required) when it is won. */
    bookedValue: nonNegativeMoney,
  })
  .superRefine((body, ctx) => {
    if (body.status === 'lost' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why it was lost' });
    }
  });
export type MoveReferralBody = z.infer<typeof moveReferralBody>;

export const referralSettingsSchema = z.object({
  currency: z.string(),
  /** Stages at which the referrer gets thanked (a task, and the email when on). */
  thankStages: z.array(referralStatusSchema),
  thankEmail: z.boolean(),
});
export type ReferralSettings = z.infer<typeof referralSettingsSchema>;

export const updateReferralSettingsBody = z.strictObject({
  currency: currencySchema.optional(),
  thankStages: z
    .array(
      referralStatusSchema.exclude(['new', 'lost'], { error: 'Thank at a stage after “new”, not “lost”' }),
    )
    .max(5)
    .transform((stages) => [...new Set(stages)])
    .optional(),
  thankEmail: z.boolean().optional(),
});
export type UpdateReferralSettingsBody = z.infer<typeof updateReferralSettingsBody>;

export const referralInsightsQuery = z.strictObject({
  from: z.iso.date('Use a date like 2026-12-01'),
  to: z.iso.date('Use a date like 2026-12-31'),
});

const funnel = z.object({
  leads: z.number(),
  qualified: z.number(),
  won: z.number(),
  lost: z.number(),
  /** Won over leads; null without leads. */
  conversion: z.number().nullable(),
  booked: z.array(moneyTotalSchema),
});

export const referralInsightsSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  byKind: z.object({ recommendation: funnel, introduction: funnel }),
  bySource: z.array(
    z.object({ source: referralSourceSchema, recommendation: z.number(), introduction: z.number() }),
  ),
  total: funnel,
  byOwner: z.array(funnel.extend({ member: ref.nullable() })),
  topReferrers: z.array(
    funnel.extend({ contact: ref, recommendations: z.number(), introductions: z.number() }),
  ),
  asks: z.array(
    z.object({
      kind: z.enum(askKinds),
      asks: z.number(),
      /** Asks whose result was a promise or a recommendation given. */
      yes: z.number(),
      referrals: z.number(),
    }),
  ),
});
export type ReferralInsights = z.infer<typeof referralInsightsSchema>;
