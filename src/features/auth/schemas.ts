import { z } from 'zod';
import {
  emailSchema,
  firmNameSchema,
  passwordSchema,
  personNameSchema,
  timeZoneSchema,
} from '../../shared/schemas.ts';
import { memberSchema } from '../members/schemas.ts';
import { workspaceSchema } from '../workspace/schemas.ts';

export const setupStatusResponse = z.object({ setupNeeded: z.literal(true) });

export const setupBody = z.strictObject({
  firmName: firmNameSchema,
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  timeZone: timeZoneSchema.optional(),
});
export type SetupBody = z.infer<typeof setupBody>;

export const loginBody = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'Password is required').max(500),
  /** Needed only when the same email belongs to members of several workspaces. */
  workspace: z.string().trim().max(80).optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const sessionResponse = z.object({
  member: memberSchema,
  workspace: workspaceSchema,
});
export type SessionInfo = z.infer<typeof sessionResponse>;
