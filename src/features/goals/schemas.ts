import { z } from 'zod';
import { askKinds, askResults, goalPeriods } from '../../db/schema/followup.ts';

export const goalPeriodSchema = z.enum(goalPeriods);
const target = z.number().int().min(0, 'At least 0').max(10_000, 'At most 10,000').nullable().optional();

export const goalSchema = z.object({
  id: z.uuid(),
  member: z.object({ id: z.uuid(), name: z.string() }),
  period: goalPeriodSchema,
  periodStart: z.string(),
  /** The last day of the period. */
  periodEnd: z.string(),
  asksTarget: z.number().nullable(),
  introductionsTarget: z.number().nullable(),
  followUpsOnTimeTarget: z.number().nullable(),
});
export type Goal = z.infer<typeof goalSchema>;

export const goalListQuery = z.object({
  member: z.uuid('Not a member id').optional(),
  period: goalPeriodSchema.optional(),
  /** Goals whose period overlaps these inclusive days. */
  from: z.iso.date('Use a date like 2026-12-01').optional(),
  to: z.iso.date('Use a date like 2026-12-31').optional(),
});
export const goalListResponse = z.object({ goals: z.array(goalSchema) });

export const setGoalBody = z
  .strictObject({
    memberId: z.uuid('Choose a member'),
    period: goalPeriodSchema,
    /** The first day of the month, or of the quarter (January, April, July, October). */
    periodStart: z.iso.date('Use a date like 2026-10-01'),
    asksTarget: target,
    introductionsTarget: target,
    followUpsOnTimeTarget: target,
  })
  .superRefine((body, ctx) => {
    const [, month, day] = body.periodStart.split('-').map(Number);
    if (day !== 1 || (body.period === 'quarter' && (month! - 1) % 3 !== 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodStart'],
        message:
          body.period === 'quarter'
            ? 'A quarter starts on 1 January, April, July or October'
            : 'A month starts on its first day',
      });
    }
  });
export type SetGoalBody = z.infer<typeof setGoalBody>;

const countsBy = <T extends readonly string[]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as { [K in T[number]]: z.ZodNumber });
export const asksByKindSchema = countsBy(askKinds);
export const asksByResultSchema = countsBy(askResults);

export const insightsQuery = z
  .object({
    from: z.iso.date('Use a date like 2026-11-01'),
    to: z.iso.date('Use a date like 2026-11-30'),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The period ends before it starts' });
    else if (Date.parse(q.to) - Date.parse(q.from) > 3 * 366 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'At most three years at a time' });
  });

const coverage = z.object({
  answers: z.number(),
  followedUp: z.number(),
  /** followedUp / answers, or null without answers. */
  coverage: z.number().nullable(),
  /** Median hours from the answer to its first completed follow-up (reached), or null. */
  medianHoursToFollowUp: z.number().nullable(),
});

export const followUpInsightsSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** Promoters who answered in the period and were followed up (a playbook task done, reached). */
  promoters: coverage,
  byCategory: z.object({ promoter: coverage, passive: coverage, detractor: coverage }),
  totals: z.object({
    tasksDone: z.number(),
    doneOnTime: z.number(),
    overdueNow: z.number(),
    reached: z.number(),
    notReached: z.number(),
    asks: z.number(),
    asksByKind: asksByKindSchema,
    asksByResult: asksByResultSchema,
  }),
  members: z.array(
    z.object({
      member: z.object({ id: z.uuid(), name: z.string(), status: z.enum(['active', 'deactivated']) }),
      tasksDone: z.number(),
      doneOnTime: z.number(),
      overdueNow: z.number(),
      openNow: z.number(),
      reached: z.number(),
      asks: z.number(),
      introductionsPromised: z.number(),
      asksByKind: asksByKindSchema,
      asksByResult: asksByResultSchema,
      /** Summed targets of the goals that fall within the period; null when none is set. */
      goals: z
        .object({
          asks: z.number().nullable(),
          introductions: z.number().nullable(),
          followUpsOnTime: z.number().nullable(),
        })
        .nullable(),
    }),
  ),
  /** True when the caller is a plain member and sees only their own row. */
  ownRowOnly: z.boolean(),
});
export type FollowUpInsights = z.infer<typeof followUpInsightsSchema>;
