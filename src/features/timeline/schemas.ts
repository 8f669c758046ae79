import { z } from 'zod';
import { cursorSchema } from '../../shared/lists.ts';

export const timelineEventSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  occurredAt: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  refId: z.uuid().nullable(),
  contact: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelineQuery = z.strictObject({
  cursor: cursorSchema,
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const timelineResponse = z.object({
  events: z.array(timelineEventSchema),
  nextCursor: z.string().nullable(),
});
