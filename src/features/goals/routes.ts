import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { followUpInsights, listGoals } from './queries.ts';
import {
  followUpInsightsSchema,
  goalListQuery,
  goalListResponse,
  goalSchema,
  insightsQuery,
  setGoalBody,
} from './schemas.ts';
import { deleteGoal, setGoal } from './set-goal.ts';

export function goalRoutes(app: App, ctx: AppContext) {
  const tags = ['goals'];
  app.get(
    '/api/v1/goals',
    {
      schema: {
        tags,
        summary: 'Members’ goals per month or quarter',
        querystring: goalListQuery,
        response: { 200: goalListResponse },
      },
    },
    async (request) => ({ goals: await listGoals(ctx.db, actorOf(request).workspaceId, request.query) }),
  );
  app.put(
    '/api/v1/goals',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Set a member’s goals for a month or a quarter (replaces earlier targets)',
        body: setGoalBody,
        response: { 200: goalSchema },
      },
    },
    async (request) => setGoal(ctx.db, actorOf(request), request.body),
  );
  app.delete(
    '/api/v1/goals/:id',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Remove a goal', params: idParamSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteGoal(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/insights/follow-up',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Follow-up accountability: promoters followed up and how fast; per member tasks, asks and goals',
        querystring: insightsQuery,
        response: { 200: followUpInsightsSchema },
      },
    },
    async (request) => followUpInsights(ctx.db, actorOf(request), request.query),
  );
}
