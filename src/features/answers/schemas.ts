import { z } from 'zod';
import { answerCategories, answerSources } from '../../db/schema/surveys.ts';
import { csvList, cursorSchema, limitSchema, optionalText } from '../../shared/lists.ts';
import { emailSchema } from '../../shared/schemas.ts';

export const answerCategorySchema = z.enum(answerCategories);
export type AnswerCategory = z.infer<typeof answerCategorySchema>;
export const answerSourceSchema = z.enum(answerSources);

const ref = z.object({ id: z.uuid(), name: z.string() });

export const answerSchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  score: z.number().int(),
  category: answerCategorySchema,
  comment: z.string().nullable(),
  source: answerSourceSchema,
  answeredAt: z.string(),
  /** Until then the respondent can change the answer (email answers only). */
  editableUntil: z.string().nullable(),
  contact: ref.nullable(),
  account: ref.nullable(),
  /** What someone answering through the shareable link told us about themselves. */
  respondentName: z.string().nullable(),
  respondentEmail: z.string().nullable(),
  /** The colleague a promoter suggested, who could use our help. */
  colleague: z
    .object({ name: z.string(), email: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
  externalId: z.string().nullable(),
  /** Whether the follow-up engine has picked the answer up yet. */
  enrolled: z.boolean(),
});
export type Answer = z.infer<typeof answerSchema>;

export const answerListQuery = z.strictObject({
  category: csvList(answerCategorySchema).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type AnswerListQuery = z.infer<typeof answerListQuery>;

export const answerListResponse = z.object({
  answers: z.array(answerSchema),
  nextCursor: z.string().nullable(),
});

export const surveyIdParams = z.object({ id: z.uuid('Not a valid id') });

export const createAnswerBody = z
  .strictObject({
    /** Who answered: a contact id, or the email of a contact of this workspace. */
    contactId: z.uuid().optional(),
    email: emailSchema.optional(),
    score: z.number('Give a score from 0 to 10').int('The score is a whole number').min(0).max(10),
    comment: optionalText(5000),
    /** Default: now. Not in the future. */
    answeredAt: z.iso.datetime({ offset: true }).optional(),
    /** The answer's id in the tool it came from: sending it again updates instead of adding. */
    externalId: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => (b.contactId ? 1 : 0) + (b.email ? 1 : 0) === 1, {
    message: 'Give either contactId or email',
    path: ['contactId'],
  });
export type CreateAnswerBody = z.infer<typeof createAnswerBody>;

export const importAnswersQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).optional() });

export const importProblemSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importAnswersResponse = z.object({
  /** 'invalid': problems were found and nothing was stored. */
  status: z.enum(['completed', 'invalid']),
  dryRun: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(importProblemSchema),
  errorCount: z.number(),
});
export type ImportAnswersResult = z.infer<typeof importAnswersResponse>;

export const scoreCountsSchema = z.object({
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  total: z.number(),
  /** %promoters - %detractors, rounded; null without answers. */
  nps: z.number().nullable(),
});
export type ScoreCounts = z.infer<typeof scoreCountsSchema>;

export const monthScoresSchema = scoreCountsSchema.extend({
  /** 2026-03, in the workspace's time zone. */
  month: z.string(),
  /** NPS change from the previous month with answers; null for the first. */
  change: z.number().nullable(),
});

export const surveyScoresResponse = z.object({
  surveyId: z.uuid(),
  overall: scoreCountsSchema,
  sends: z.number(),
  answeredSends: z.number(),
  /** Answered sends / sends, 0-1; null before anything was sent. */
  responseRate: z.number().nullable(),
  months: z.array(monthScoresSchema),
});
export type SurveyScores = z.infer<typeof surveyScoresResponse>;

export const npsGroupings = ['month', 'survey', 'account', 'kind', 'account_status', 'tag', 'owner'] as const;
export type NpsGrouping = (typeof npsGroupings)[number];

export const npsQuery = z.strictObject({
  /** Inclusive, YYYY-MM-DD in the workspace's time zone. Default: twelve months before `to`. */
  from: z.iso.date('Use a date like 2026-01-01').optional(),
  /** Inclusive. Default: today. */
  to: z.iso.date('Use a date like 2026-12-31').optional(),
  groupBy: z.enum(npsGroupings).default('month'),
});
export type NpsQuery = z.infer<typeof npsQuery>;

export const npsGroupSchema = scoreCountsSchema.extend({
  /** The group's id (account, member, survey id), value (kind, status, tag) or month; null for "none". */
  key: z.string().nullable(),
  label: z.string(),
  change: z.number().nullable(),
});
export type NpsGroup = z.infer<typeof npsGroupSchema>;

export const npsResponse = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(npsGroupings),
  overall: scoreCountsSchema,
  sends: z.number(),
  answeredSends: z.number(),
  responseRate: z.number().nullable(),
  groups: z.array(npsGroupSchema),
});
export type NpsReport = z.infer<typeof npsResponse>;
