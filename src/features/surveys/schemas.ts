// Survey campaigns over HTTP: the request and response shapes, shared with the web client.
import { z } from 'zod';
import { accountStatuses, contactKinds } from '../../db/schema/clients.ts';
import { surveyScheduleKinds, surveyStatuses } from '../../db/schema/surveys.ts';
import { cursorSchema, tagSchema } from '../../shared/lists.ts';

export const DEFAULT_OPEN_QUESTION = 'What is the main reason for your score?';

/** The 0-10 question when none is given, with the firm's name. */
export function defaultQuestion(firmName: string): string {
  return `How likely are you to recommend ${firmName} to a colleague?`;
}

export const audienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('active_clients') }),
  z.strictObject({
    kind: z.literal('accounts'),
    accountIds: z
      .array(z.uuid('Not a valid company id'))
      .min(1, 'Pick at least one company')
      .max(1000, 'At most 1,000 companies'),
  }),
  z.strictObject({ kind: z.literal('tag'), tag: tagSchema }),
  z.strictObject({
    kind: z.literal('filter'),
    filter: z.strictObject({
      kind: z.enum(contactKinds).optional(),
      tag: tagSchema.optional(),
      accountStatus: z.enum(accountStatuses).optional(),
      ownerId: z.uuid('Not a valid member id').optional(),
      minStrength: z.number().int().min(0).max(100).optional(),
    }),
  }),
  z.strictObject({
    kind: z.literal('contacts'),
    contactIds: z
      .array(z.uuid('Not a valid contact id'))
      .min(1, 'Pick at least one person')
      .max(5000, 'At most 5,000 people'),
  }),
]);
export type Audience = z.infer<typeof audienceSchema>;

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(120, 'Name must be at most 120 characters');
const questionSchema = z
  .string()
  .trim()
  .min(1, 'The question is required')
  .max(300, 'The question must be at most 300 characters');
const openQuestionSchema = z
  .string()
  .trim()
  .max(300, 'The open question must be at most 300 characters')
  .transform((v) => (v === '' ? null : v))
  .nullable();
const repeatSchema = z
  .number()
  .int('Whole days')
  .min(30, 'Survey the same person at most once a month')
  .max(1095, 'At most every three years');
const reminderSchema = z
  .number()
  .int('Whole days')
  .min(1, 'At least one day')
  .max(60, 'At most 60 days')
  .nullable();

const surveyFields = {
  name: nameSchema,
  question: questionSchema.optional(),
  openQuestion: openQuestionSchema.optional(),
  audience: audienceSchema,
  scheduleKind: z.enum(surveyScheduleKinds).default('once'),
  repeatEveryDays: repeatSchema.nullable().optional(),
  reminderAfterDays: reminderSchema.optional(),
};

export const createSurveyBody = z.strictObject(surveyFields);
export type CreateSurveyBody = z.input<typeof createSurveyBody>;

export const updateSurveyBody = z.strictObject({
  name: nameSchema.optional(),
  question: questionSchema.optional(),
  openQuestion: openQuestionSchema.optional(),
  audience: audienceSchema.optional(),
  scheduleKind: z.enum(surveyScheduleKinds).optional(),
  repeatEveryDays: repeatSchema.nullable().optional(),
  reminderAfterDays: reminderSchema.optional(),
});
export type UpdateSurveyBody = z.input<typeof updateSurveyBody>;

export const surveyCountsSchema = z.object({
  /** Every send, whatever its state. */
  total: z.number(),
  queued: z.number(),
  sent: z.number(),
  failed: z.number(),
  answered: z.number(),
});

export const surveySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  question: z.string(),
  openQuestion: z.string().nullable(),
  audience: audienceSchema,
  status: z.enum(surveyStatuses),
  scheduleKind: z.enum(surveyScheduleKinds),
  repeatEveryDays: z.number().nullable(),
  reminderAfterDays: z.number().nullable(),
  shareUrl: z.string().nullable(),
  launchedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: surveyCountsSchema,
  /** Answered over sent (delivered or in the outbox), or null before anything is sent. */
  responseRate: z.number().nullable(),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyListResponse = z.object({ surveys: z.array(surveySchema) });

export const audiencePreviewBody = z.strictObject({ audience: audienceSchema });

export const exclusionReasons = [
  'archived',
  'unsubscribed',
  'may_not_survey',
  'no_email',
  'recently_surveyed',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export const audiencePreviewResponse = z.object({
  /** People who would get the survey now. */
  count: z.number(),
  /** The first of them by name. */
  sample: z.array(z.object({ id: z.uuid(), name: z.string(), accountName: z.string().nullable() })),
  /** People the audience names who will not get it, by reason (each counted once, first reason wins). */
  excluded: z.object({
    total: z.number(),
    archived: z.number(),
    unsubscribed: z.number(),
    may_not_survey: z.number(),
    no_email: z.number(),
    recently_surveyed: z.number(),
  }),
  minGapDays: z.number(),
});
export type AudiencePreview = z.infer<typeof audiencePreviewResponse>;

export const sendStatuses = ['queued', 'sent', 'failed', 'answered'] as const;
export type SendStatus = (typeof sendStatuses)[number];

export const surveySendSchema = z.object({
  id: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
  status: z.enum(sendStatuses),
  /** Where the mail went: a real SMTP server, or the built-in outbox (no SMTP configured). */
  delivery: z.enum(['smtp', 'outbox']).nullable(),
  /** The last delivery error: the reason for a failure, or of the attempt being retried. */
  error: z.string().nullable(),
  sentAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type SurveySend = z.infer<typeof surveySendSchema>;

export const sendListQuery = z.strictObject({
  status: z.enum(sendStatuses).optional(),
  cursor: cursorSchema,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const sendListResponse = z.object({
  sends: z.array(surveySendSchema),
  nextCursor: z.string().nullable(),
});

export const launchResponse = z.object({ survey: surveySchema, queued: z.number() });
export const closeResponse = z.object({ survey: surveySchema, cancelled: z.number() });
