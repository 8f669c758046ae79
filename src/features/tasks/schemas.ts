import { z } from 'zod';
import { channels } from '../../db/schema/clients.ts';
import { askKinds, askResults, taskActions, taskStatuses } from '../../db/schema/followup.ts';
import { optionalText } from '../../shared/lists.ts';

export const taskActionSchema = z.enum(taskActions);
export const taskStatusSchema = z.enum(taskStatuses);
export const channelSchema = z.enum(channels);
export const askKindSchema = z.enum(askKinds);
export const askResultSchema = z.enum(askResults);

const dateSchema = z.iso.date('Use a date like 2026-12-01');
const memberRef = z.object({ id: z.uuid(), name: z.string() });

export const taskListItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  action: taskActionSchema,
  status: taskStatusSchema,
  /** The due day in the assignee's time zone; null for a later step waiting for the previous one. */
  dueOn: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  /** The day that counts: the snooze date when snoozed, else the due day. */
  effectiveDueOn: z.string().nullable(),
  /** Days past the effective due day in the assignee's time zone (0 when not overdue). */
  daysOverdue: z.number(),
  overdue: z.boolean(),
  contact: z
    .object({
      id: z.uuid(),
      name: z.string(),
      accountName: z.string().nullable(),
      preferredChannel: channelSchema.nullable(),
    })
    .nullable(),
  assignee: memberRef,
  /** Why the task exists, in words. */
  reason: z.string().nullable(),
  channel: channelSchema.nullable(),
  fromPlaybook: z.boolean(),
  escalatedAt: z.string().nullable(),
  reached: z.boolean().nullable(),
  askKind: askKindSchema.nullable(),
  askResult: askResultSchema.nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TaskListItem = z.infer<typeof taskListItemSchema>;

export const taskHistoryEntrySchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  at: z.string(),
  by: memberRef.nullable(),
  from: memberRef.nullable(),
  to: memberRef.nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const taskDetailSchema = taskListItemSchema.extend({
  script: z.string().nullable(),
  assignmentNote: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  prospectName: z.string().nullable(),
  completedBy: memberRef.nullable(),
  /** The survey answer that started the task's playbook, if any. */
  answer: z
    .object({
      id: z.uuid(),
      score: z.number(),
      category: z.enum(['promoter', 'passive', 'detractor']),
      comment: z.string().nullable(),
      answeredAt: z.string(),
      surveyName: z.string(),
    })
    .nullable(),
  /** The assignee's relationship with the contact, with the reasons in words. */
  relationship: z.object({ strength: z.number(), reasons: z.array(z.string()) }).nullable(),
  /** Others on the team who know the contact, strongest first (for reassigning). */
  others: z.array(z.object({ id: z.uuid(), name: z.string(), strength: z.number() })),
  history: z.array(taskHistoryEntrySchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const taskListQuery = z.object({
  /** A member id, `me` (default) or `all`. */
  member: z.union([z.literal('me'), z.literal('all'), z.uuid('Not a member id')]).default('me'),
  status: z.enum(['open', 'done', 'cancelled', 'all']).default('open'),
  due: z.enum(['overdue', 'today', 'upcoming']).optional(),
  contact: z.uuid('Not a contact id').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(50).optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

export const taskListResponse = z.object({
  tasks: z.array(taskListItemSchema),
  nextCursor: z.string().nullable(),
});

export const todayResponse = z.object({
  /** The member's "today" in their time zone, and that zone. */
  today: z.string(),
  timeZone: z.string(),
  overdue: z.array(taskListItemSchema),
  dueToday: z.array(taskListItemSchema),
  /** Due in the next 7 days. */
  upcoming: z.array(taskListItemSchema),
});
export type TodayList = z.infer<typeof todayResponse>;

export const createTaskBody = z.strictObject({
  contactId: z.uuid('Choose who the task is about'),
  title: z.string().trim().min(1, 'Say what to do').max(200, 'At most 200 characters'),
  action: taskActionSchema.default('call'),
  dueOn: dateSchema,
  /** Default: the member creating it. */
  assigneeId: z.uuid('Not a member id').optional(),
  channel: channelSchema.nullable().optional(),
  reason: optionalText(2000),
  script: optionalText(10_000),
});
export type CreateTaskBody = z.infer<typeof createTaskBody>;

export const remindInSchema = z.strictObject({
  amount: z.number().int().min(1, 'At least 1').max(365, 'At most 365'),
  unit: z.enum(['days', 'weeks']),
});

export const outcomeAskSchema = z
  .strictObject({
    kind: askKindSchema,
    result: askResultSchema,
    prospectName: optionalText(200),
    about: optionalText(500),
  })
  .superRefine((ask, ctx) => {
    if (ask.result === 'introduction_promised' && !ask.prospectName) {
      ctx.addIssue({
        code: 'custom',
        path: ['prospectName'],
        message: 'Who will they introduce you to? The prospect’s name is needed for an introduction',
      });
    }
  });

export const completeTaskBody = z.strictObject({
  reached: z.boolean({ error: 'Say whether you reached them' }),
  /** The ask made in the conversation, if any. */
  ask: outcomeAskSchema.nullable().optional(),
  note: optionalText(5000),
  /** How the conversation happened; default the task's channel, else the contact's preferred one. */
  channel: channelSchema.optional(),
  /** Creates a follow-up task for the same contact this much later ("not now", "no answer"). */
  remindIn: remindInSchema.nullable().optional(),
});
export type CompleteTaskBody = z.infer<typeof completeTaskBody>;

export const completeTaskResponse = z.object({
  task: taskDetailSchema,
  interactionId: z.uuid().nullable(),
  askId: z.uuid().nullable(),
  followUpTaskId: z.uuid().nullable(),
});

export const snoozeTaskBody = z.strictObject({
  until: dateSchema,
  reason: z.string().trim().min(2, 'Say why, in a few words').max(500),
});

export const reassignTaskBody = z.strictObject({
  memberId: z.uuid('Choose a member'),
  reason: z.string().trim().min(2, 'Say why, in a few words').max(500),
});
