import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { getWorkspace } from './queries.ts';
import { updateWorkspaceBody, workspaceSchema } from './schemas.ts';
import { updateWorkspace } from './update-workspace.ts';

export function workspaceRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/workspace',
    { schema: { tags: ['workspace'], summary: 'Your firm’s settings', response: { 200: workspaceSchema } } },
    async (request) => getWorkspace(ctx.db, actorOf(request).workspaceId),
  );

  app.patch(
    '/api/v1/workspace',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['workspace'],
        summary: 'Rename the firm or change its time zone',
        body: updateWorkspaceBody,
        response: { 200: workspaceSchema },
      },
    },
    async (request) => updateWorkspace(ctx.db, actorOf(request), request.body),
  );
}
