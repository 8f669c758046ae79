import { z } from 'zod';

export const referrerPageSchema = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  /** PUBLIC_URL/p/TOKEN; the token is derived from the id, so it can be shown again at any time. */
  url: z.string(),
  createdAt: z.string(),
  lastViewedAt: z.string().nullable(),
  /** Active offers the referrer has a live personal link for, out of all active offers. */
  offersWithLink: z.number().int(),
  activeOffers: z.number().int(),
});
export type ReferrerPage = z.infer<typeof referrerPageSchema>;

export const referrerPageStateSchema = z.object({
  /** The live page, or null when none was made or the last one was revoked. */
  page: referrerPageSchema.nullable(),
  /** Why the page cannot be sent by email right now (no address, asked not to be emailed), if so. */
  cannotEmail: z.string().nullable(),
  /** When the last page was revoked, if the contact has no live page. */
  revokedAt: z.string().nullable(),
});
export type ReferrerPageState = z.infer<typeof referrerPageStateSchema>;

export const contactIdParams = z.object({ id: z.uuid('Not a valid id') });

export const sendReferrerPageBody = z.strictObject({
  /** A personal line added above the link, in the member's words. */
  note: z.string().trim().max(2000, 'At most 2,000 characters').optional(),
});
export type SendReferrerPageBody = z.infer<typeof sendReferrerPageBody>;

export const sendReferrerPageResponse = z.object({
  page: referrerPageSchema,
  sentTo: z.string(),
  /** 'queued': leaving by SMTP; 'outbox': no SMTP configured, kept in the built-in outbox. */
  delivery: z.enum(['queued', 'outbox']),
});
