import { z } from 'zod';
import { interactionDirections, interactionKinds } from '../../db/schema/clients.ts';
import { optionalText } from '../../shared/lists.ts';

export const interactionKindSchema = z.enum(interactionKinds);
export const interactionDirectionSchema = z.enum(interactionDirections);

export const interactionSchema = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  accountId: z.uuid().nullable(),
  kind: interactionKindSchema,
  direction: interactionDirectionSchema,
  occurredAt: z.string(),
  summary: z.string().nullable(),
  outcome: z.string().nullable(),
  followUpOn: z.string().nullable(),
  participants: z.array(z.object({ id: z.uuid(), name: z.string() })),
  loggedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type Interaction = z.infer<typeof interactionSchema>;

const interactionFields = {
  kind: interactionKindSchema,
  /** Default: two-way for meetings and calls, outbound otherwise. */
  direction: interactionDirectionSchema.optional(),
  /** Default: now. Not more than a day in the future. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  summary: optionalText(10_000),
  outcome: optionalText(2000),
  followUpOn: z.iso.date('Use a date like 2026-12-01').nullable().optional(),
  /** Team members who took part. Default: the member logging it. */
  participantIds: z.array(z.uuid()).min(1).max(20).optional(),
};

export const createInteractionBody = z.strictObject({ contactId: z.uuid(), ...interactionFields });
export type CreateInteractionBody = z.infer<typeof createInteractionBody>;
export const updateInteractionBody = z.strictObject({
  ...interactionFields,
  kind: interactionKindSchema.optional(),
});
export type UpdateInteractionBody = z.infer<typeof updateInteractionBody>;
