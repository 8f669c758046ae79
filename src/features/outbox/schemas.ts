import { z } from 'zod';

export const outboxMessageSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  status: z.enum(['outbox', 'queued', 'sent', 'failed']),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxQuery = z.strictObject({
  /** Cursor: the createdAt|id of the last message of the previous page. */
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const outboxListResponse = z.object({
  messages: z.array(outboxMessageSchema),
  nextCursor: z.string().nullable(),
  /** False when SMTP is not configured: these messages were not sent anywhere. */
  delivering: z.boolean(),
});
