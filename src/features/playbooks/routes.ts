import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { previewScript } from './preview-script.ts';
import { getPlaybook, getPlaybookVersion, listPlaybooks } from './queries.ts';
import {
  createPlaybookBody,
  playbookDetailSchema,
  playbookListSchema,
  playbookVersionDetailSchema,
  previewBody,
  previewSchema,
  updatePlaybookBody,
  versionParamsSchema,
} from './schemas.ts';
import { archivePlaybook, createPlaybook, setPlaybookActive, updatePlaybook } from './write-playbook.ts';

export function playbookRoutes(app: App, ctx: AppContext) {
  const tags = ['playbooks'];
  app.get(
    '/api/v1/playbooks',
    {
      schema: {
        tags,
        summary: 'Playbooks of the workspace, with the merge fields scripts may use',
        response: { 200: playbookListSchema },
      },
    },
    async (request) => listPlaybooks(ctx.db, actorOf(request).workspaceId),
  );
  app.post(
    '/api/v1/playbooks',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Create a playbook (inactive unless its trigger has no active one)',
        body: createPlaybookBody,
        response: { 201: playbookDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPlaybook(ctx.db, actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/playbooks/preview',
    {
      schema: {
        tags,
        summary: 'Render a script for a sample contact, as a task would show it',
        body: previewBody,
        response: { 200: previewSchema },
      },
    },
    async (request) => previewScript(ctx.db, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/playbooks/:id',
    {
      schema: {
        tags,
        summary: 'A playbook with its current steps and version history',
        params: idParamSchema,
        response: { 200: playbookDetailSchema },
      },
    },
    async (request) => getPlaybook(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.get(
    '/api/v1/playbooks/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'The steps of one saved version',
        params: versionParamsSchema,
        response: { 200: playbookVersionDetailSchema },
      },
    },
    async (request) =>
      getPlaybookVersion(ctx.db, actorOf(request).workspaceId, request.params.id, request.params.version),
  );
  app.patch(
    '/api/v1/playbooks/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Change a playbook; changed steps are saved as a new version',
        params: idParamSchema,
        body: updatePlaybookBody,
        response: { 200: playbookDetailSchema },
      },
    },
    async (request) => updatePlaybook(ctx.db, actorOf(request), request.params.id, request.body),
  );
  for (const [action, summary] of [
    ['activate', 'Make this the playbook for its trigger (the active one steps aside)'],
    ['deactivate', 'Stop enrolling new answers into this playbook'],
  ] as const) {
    app.post(
      `/api/v1/playbooks/:id/${action}`,
      {
        config: { access: 'manager' },
        schema: { tags, summary, params: idParamSchema, response: { 200: playbookDetailSchema } },
      },
      async (request) =>
        setPlaybookActive(ctx.db, actorOf(request), request.params.id, action === 'activate'),
    );
  }
  app.post(
    '/api/v1/playbooks/:id/archive',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Archive a playbook (it stops enrolling; its tasks stay)',
        params: idParamSchema,
        response: { 200: playbookDetailSchema },
      },
    },
    async (request) => archivePlaybook(ctx.db, actorOf(request), request.params.id),
  );
}
