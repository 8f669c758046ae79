import { z } from 'zod';
import { askKinds, askResults } from '../../db/schema/followup.ts';
import { optionalText } from '../../shared/lists.ts';

export const askKindSchema = z.enum(askKinds);
export const askResultSchema = z.enum(askResults);

export const askSchema = z.object({
  id: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string() }),
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  kind: askKindSchema,
  result: askResultSchema.nullable(),
  about: z.string().nullable(),
  prospectName: z.string().nullable(),
  note: z.string().nullable(),
  taskId: z.uuid().nullable(),
  askedAt: z.string(),
});
export type Ask = z.infer<typeof askSchema>;

export const askListQuery = z.object({
  /** A member id, `me` or `all` (default). */
  member: z.union([z.literal('me'), z.literal('all'), z.uuid('Not a member id')]).default('all'),
  kind: askKindSchema.optional(),
  contact: z.uuid('Not a contact id').optional(),
  /** Inclusive days, in the workspace's time zone. */
  from: z.iso.date('Use a date like 2026-12-01').optional(),
  to: z.iso.date('Use a date like 2026-12-31').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(50).optional(),
});
export type AskListQuery = z.infer<typeof askListQuery>;

export const askListResponse = z.object({ asks: z.array(askSchema), nextCursor: z.string().nullable() });

export const logAskBody = z
  .strictObject({
    contactId: z.uuid('Choose who you asked'),
    kind: askKindSchema,
    result: askResultSchema,
    about: optionalText(500),
    prospectName: optionalText(200),
    note: optionalText(5000),
    /** Default: now. */
    askedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.result === 'introduction_promised' && !body.prospectName) {
      ctx.addIssue({
        code: 'custom',
        path: ['prospectName'],
        message: 'Who will they introduce you to? The prospect’s name is needed for an introduction',
      });
    }
  });
export type LogAskBody = z.infer<typeof logAskBody>;
