// Playbooks over HTTP. Imported by the web client too (`import type`), so it holds no server code.
import { z } from 'zod';
import { playbookTriggers, taskActions } from '../../db/schema/followup.ts';

export const playbookTriggerSchema = z.enum(playbookTriggers);
export const taskActionSchema = z.enum(taskActions);
export const stepChannels = ['preferred', 'email', 'phone', 'text', 'in_person'] as const;

export const ownerRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('strongest_relationship') }),
  z.object({ kind: z.literal('account_owner') }),
  z.object({ kind: z.literal('member'), memberId: z.uuid('Choose a team member') }),
  z.object({ kind: z.literal('role'), role: z.enum(['owner', 'manager']) }),
]);
export type OwnerRuleInput = z.infer<typeof ownerRuleSchema>;

export const STEP_LIMIT = 20;
export const SCRIPT_LIMIT = 4000;

export const stepSchema = z.object({
  /** Stable across versions; the server makes one from the title for a new step. */
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Lower-case letters, digits and dashes, at most 48')
    .optional(),
  title: z.string().trim().min(1, 'Give the step a title').max(120, 'At most 120 characters'),
  action: taskActionSchema,
  offsetDays: z.number().int('Whole days').min(0, 'Not before the trigger').max(365, 'At most 365 days'),
  after: z.enum(['trigger', 'previous']),
  owner: ownerRuleSchema,
  channel: z.enum(stepChannels),
  script: z.string().max(SCRIPT_LIMIT, `At most ${SCRIPT_LIMIT} characters`),
});
export type StepInput = z.infer<typeof stepSchema>;

const stepsSchema = z
  .array(stepSchema)
  .min(1, 'A playbook needs at least one step')
  .max(STEP_LIMIT, `At most ${STEP_LIMIT} steps`);

export const createPlaybookBody = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120, 'At most 120 characters'),
  description: z.string().trim().max(1000, 'At most 1000 characters').nullable().optional(),
  trigger: playbookTriggerSchema,
  steps: stepsSchema,
});
export type CreatePlaybookBody = z.infer<typeof createPlaybookBody>;

export const updatePlaybookBody = z
  .object({
    name: createPlaybookBody.shape.name.optional(),
    description: createPlaybookBody.shape.description,
    steps: stepsSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.description !== undefined || b.steps !== undefined, {
    message: 'Nothing to change',
  });
export type UpdatePlaybookBody = z.infer<typeof updatePlaybookBody>;

export const playbookStepSchema = stepSchema.extend({ key: z.string() });
export type PlaybookStepDto = z.infer<typeof playbookStepSchema>;

export const playbookListItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  trigger: playbookTriggerSchema,
  active: z.boolean(),
  archived: z.boolean(),
  currentVersion: z.number(),
  stepCount: z.number(),
  /** Answers put through this playbook, all versions. */
  enrolments: z.number(),
  updatedAt: z.string(),
});
export type PlaybookListItem = z.infer<typeof playbookListItemSchema>;

export const mergeFieldSchema = z.object({ key: z.string(), label: z.string(), fallback: z.string() });
export type MergeFieldDto = z.infer<typeof mergeFieldSchema>;

export const playbookListSchema = z.object({
  playbooks: z.array(playbookListItemSchema),
  mergeFields: z.array(mergeFieldSchema),
});
export type PlaybookList = z.infer<typeof playbookListSchema>;

export const playbookVersionSchema = z.object({
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  stepCount: z.number(),
  /** Tasks created from this version. */
  tasks: z.number(),
});

export const playbookDetailSchema = playbookListItemSchema.extend({
  steps: z.array(playbookStepSchema),
  versions: z.array(playbookVersionSchema),
});
export type PlaybookDetail = z.infer<typeof playbookDetailSchema>;

export const versionParamsSchema = z.object({
  id: z.uuid('Not a valid id'),
  version: z.coerce.number().int().min(1, 'Versions start at 1'),
});

export const playbookVersionDetailSchema = z.object({
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  steps: z.array(playbookStepSchema),
});
export type PlaybookVersionDetail = z.infer<typeof playbookVersionDetailSchema>;

export const previewBody = z.object({
  script: z.string().max(SCRIPT_LIMIT, `At most ${SCRIPT_LIMIT} characters`),
  /** The contact to fill the fields for; by default the latest to answer a survey, else anyone. */
  contactId: z.uuid().optional(),
});
export type PreviewBody = z.infer<typeof previewBody>;

export const previewSchema = z.object({
  text: z.string(),
  unknownFields: z.array(z.string()),
  /** Who the preview was filled in for; null when the workspace has no contacts yet. */
  contact: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  values: z.record(z.string(), z.string().nullable()),
});
export type Preview = z.infer<typeof previewSchema>;
