import { z } from 'zod';
import { firmNameSchema, timeZoneSchema } from '../../shared/schemas.ts';

export const workspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  /** No contact is surveyed twice within this many days, across all surveys. */
  surveyMinGapDays: z.number(),
  /** Survey mails (first mails and reminders) leave at most this many per minute. */
  surveyMailsPerMinute: z.number(),
  /** Managers and owners are told about a task overdue by this many days. */
  overdueEscalationDays: z.number(),
  createdAt: z.string(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const updateWorkspaceBody = z.strictObject({
  name: firmNameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  surveyMinGapDays: z
    .number()
    .int('Whole days')
    .min(0, 'At least 0 days')
    .max(730, 'At most 730 days (two years)')
    .optional(),
  surveyMailsPerMinute: z
    .number()
    .int('A whole number')
    .min(1, 'At least one mail a minute')
    .max(10_000, 'At most 10,000 mails a minute')
    .optional(),
  overdueEscalationDays: z
    .number()
    .int('Whole days')
    .min(1, 'At least 1 day')
    .max(90, 'At most 90 days')
    .optional(),
});
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceBody>;
