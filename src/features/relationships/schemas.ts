import { z } from 'zod';

export const relationshipSchema = z.object({
  id: z.uuid(),
  member: z.object({ id: z.uuid(), name: z.string(), status: z.enum(['active', 'deactivated']) }),
  contactId: z.uuid(),
  strength: z.number(),
  computedStrength: z.number(),
  baselineStrength: z.number().nullable(),
  override: z
    .object({ strength: z.number(), reason: z.string(), byName: z.string().nullable(), at: z.string() })
    .nullable(),
  interactionCount: z.number(),
  lastInteractionAt: z.string().nullable(),
  /** Plain sentences explaining the number. */
  reasons: z.array(z.string()),
});
export type Relationship = z.infer<typeof relationshipSchema>;

export const overrideRelationshipBody = z.strictObject({
  strength: z.number().int().min(0, 'Strength is 0 to 100').max(100, 'Strength is 0 to 100'),
  reason: z.string().trim().min(3, 'Say why, in a few words').max(500),
});

export const bestContactResponse = z.object({
  /** Null when nobody on the team has a relationship with this person yet. */
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  strength: z.number(),
  reasons: z.array(z.string()),
  /** The other candidates, strongest first. */
  alternatives: z.array(z.object({ id: z.uuid(), name: z.string(), strength: z.number() })),
});
export type BestContact = z.infer<typeof bestContactResponse>;
