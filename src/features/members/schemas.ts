import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema, timeZoneSchema } from '../../shared/schemas.ts';

export const roleSchema = z.enum(['owner', 'manager', 'member']);
export const memberStatusSchema = z.enum(['active', 'deactivated']);

export const memberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  status: memberStatusSchema,
  timeZone: z.string().nullable(),
  /** True when the member turned off the morning digest of due tasks. */
  digestOptOut: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListResponse = z.object({ members: z.array(memberSchema) });

export const updateMemberBody = z.strictObject({
  role: roleSchema.optional(),
  status: memberStatusSchema.optional(),
});
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;

export const updateProfileBody = z.strictObject({
  name: personNameSchema.optional(),
  timeZone: timeZoneSchema.nullable().optional(),
  digestOptOut: z.boolean().optional(),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Current password is required'),
  newPassword: passwordSchema,
});

export const inviteSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  createdAt: z.string(),
  expiresAt: z.string(),
  invitedByName: z.string().nullable(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const inviteListResponse = z.object({ invites: z.array(inviteSchema) });

export const createInviteBody = z.strictObject({
  email: emailSchema,
  name: personNameSchema.optional(),
  role: roleSchema.default('member'),
});
export type CreateInviteBody = z.input<typeof createInviteBody>;

export const createInviteResponse = z.object({
  invite: inviteSchema,
  /** The single-use link; shown once to the inviter and sent by email. */
  url: z.string(),
  emailed: z.boolean(),
});

export const invitePreviewResponse = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  workspaceName: z.string(),
  invitedByName: z.string().nullable(),
  expiresAt: z.string(),
});

export const acceptInviteBody = z.strictObject({
  token: z.string().min(1, 'Invite token is required').max(200),
  name: personNameSchema,
  password: passwordSchema,
});
