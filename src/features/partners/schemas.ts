import { z } from 'zod';
import { partnerReferralOutcomes, referralStatuses } from '../../db/schema/referrals.ts';

const day = z.iso.date('Use a date like 2026-03-14');
export const partnerOutcomeSchema = z.enum(partnerReferralOutcomes);
export type PartnerOutcome = z.infer<typeof partnerOutcomeSchema>;

const money = z.object({ currency: z.string(), amount: z.number() });

export const partnerBalanceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  account: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Clients we sent them. */
  sent: z.object({ count: z.number().int(), won: z.number().int(), lastOn: z.string().nullable() }),
  /** Referrals they sent us (any referral crediting them), and revenue booked from the won ones, per currency. */
  received: z.object({
    count: z.number().int(),
    won: z.number().int(),
    revenue: z.array(money),
    lastAt: z.string().nullable(),
  }),
});
export type PartnerBalance = z.infer<typeof partnerBalanceSchema>;

export const partnerSorts = ['name', 'sent', 'received', 'won', 'revenue'] as const;
export const partnerListQuery = z.object({ sort: z.enum(partnerSorts).default('name') });
export type PartnerListQuery = z.infer<typeof partnerListQuery>;
export const partnerListResponse = z.object({
  partners: z.array(partnerBalanceSchema),
  /** The workspace's currency, in which revenue is compared when sorting. */
  currency: z.string(),
});

export const partnerReferralSchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  client: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  clientName: z.string().nullable(),
  forWhat: z.string(),
  outcome: partnerOutcomeSchema,
  note: z.string().nullable(),
  sentOn: z.string(),
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type PartnerReferral = z.infer<typeof partnerReferralSchema>;

export const receivedReferralSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['recommendation', 'introduction']),
  source: z.string(),
  prospect: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  prospectName: z.string().nullable(),
  status: z.enum(referralStatuses),
  bookedValue: z.number().nullable(),
  currency: z.string(),
  referredAt: z.string(),
});
export type ReceivedReferral = z.infer<typeof receivedReferralSchema>;

export const partnerDetailSchema = z.object({
  partner: partnerBalanceSchema,
  sent: z.array(partnerReferralSchema),
  received: z.array(receivedReferralSchema),
});
export type PartnerDetail = z.infer<typeof partnerDetailSchema>;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

export const createPartnerReferralBody = z
  .strictObject({
    /** Our client we sent them; or clientName for someone outside our records. */
    clientContactId: z.uuid('Not a valid contact id').optional(),
    clientName: text(120).min(1, 'Name is required').optional(),
    forWhat: text(300).min(1, 'Say what for'),
    sentOn: day.optional(),
    outcome: partnerOutcomeSchema.optional(),
    note: text(2000).nullable().optional(),
  })
  .refine((b) => Boolean(b.clientContactId) !== Boolean(b.clientName), {
    message: 'Give either the client (clientContactId) or a name (clientName), not both',
    path: ['clientContactId'],
  });
export type CreatePartnerReferralBody = z.infer<typeof createPartnerReferralBody>;

export const updatePartnerReferralBody = z
  .strictObject({
    forWhat: text(300).min(1, 'Say what for').optional(),
    sentOn: day.optional(),
    outcome: partnerOutcomeSchema.optional(),
    note: text(2000).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Nothing to change');
export type UpdatePartnerReferralBody = z.infer<typeof updatePartnerReferralBody>;
