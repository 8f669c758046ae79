import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { logAsk } from './log-ask.ts';
import { listAsks } from './queries.ts';
import { askListQuery, askListResponse, askSchema, logAskBody } from './schemas.ts';

export function askRoutes(app: App, ctx: AppContext) {
  const tags = ['asks'];
  app.get(
    '/api/v1/asks',
    {
      schema: {
        tags,
        summary: 'Asks made to clients: filter by member, kind, contact and period',
        querystring: askListQuery,
        response: { 200: askListResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return listAsks(ctx.db, actor.workspaceId, actor.memberId, request.query);
    },
  );
  app.post(
    '/api/v1/asks',
    {
      schema: {
        tags,
        summary: 'Log an ask made outside a task (a timeline event on the contact)',
        body: logAskBody,
        response: { 201: askSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await logAsk(ctx.db, actorOf(request), request.body)),
  );
}
