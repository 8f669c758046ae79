import { z } from 'zod';
import { firmNameSchema, timeZoneSchema } from '../../shared/schemas.ts';

export const workspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const updateWorkspaceBody = z.strictObject({
  name: firmNameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceBody>;
