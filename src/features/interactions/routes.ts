import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { deleteInteraction, logInteraction, updateInteraction } from './log-interaction.ts';
import { getInteraction } from './queries.ts';
import { createInteractionBody, interactionSchema, updateInteractionBody } from './schemas.ts';

export function interactionRoutes(app: App, ctx: AppContext) {
  const tags = ['interactions'];
  app.post(
    '/api/v1/interactions',
    {
      schema: {
        tags,
        summary: 'Log a conversation with a contact',
        body: createInteractionBody,
        response: { 201: interactionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await logInteraction(ctx.db, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        summary: 'One logged conversation',
        params: idParamSchema,
        response: { 200: interactionSchema },
      },
    },
    async (request) => getInteraction(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.patch(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        summary: 'Correct a logged conversation',
        params: idParamSchema,
        body: updateInteractionBody,
        response: { 200: interactionSchema },
      },
    },
    async (request) => updateInteraction(ctx.db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        summary: 'Delete a logged conversation',
        params: idParamSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteInteraction(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
