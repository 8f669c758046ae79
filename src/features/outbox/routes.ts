import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { listOutbox } from './queries.ts';
import { outboxListResponse, outboxQuery } from './schemas.ts';

export function outboxRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/outbox',
    {
      config: { access: 'manager' },
      schema: {
        tags: ['outbox'],
        summary: 'Messages the app sent, newest first (without SMTP, the only place they appear)',
        querystring: outboxQuery,
        response: { 200: outboxListResponse },
      },
    },
    async (request) => ({
      ...(await listOutbox(ctx.db, actorOf(request).workspaceId, request.query)),
      delivering: ctx.mailer.delivers,
    }),
  );
}
