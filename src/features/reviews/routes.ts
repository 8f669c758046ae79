import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import {
  createReviewDestination,
  deleteReviewDestination,
  listReviewDestinations,
  updateReviewDestination,
} from './review-destinations.ts';
import {
  createReviewDestinationBody,
  reviewDestinationListResponse,
  reviewDestinationSchema,
  updateReviewDestinationBody,
} from './schemas.ts';

export function reviewRoutes(app: App, ctx: AppContext) {
  const tags = ['reviews'];
  app.get(
    '/api/v1/review-destinations',
    {
      schema: {
        tags,
        summary: 'Where promoters are invited to leave a review, in the order shown',
        response: { 200: reviewDestinationListResponse },
      },
    },
    async (request) => ({ destinations: await listReviewDestinations(ctx.db, actorOf(request).workspaceId) }),
  );
  app.post(
    '/api/v1/review-destinations',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Add a review destination (an https address)',
        body: createReviewDestinationBody,
        response: { 201: reviewDestinationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createReviewDestination(ctx.db, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/review-destinations/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Change a review destination (label, address, order, active)',
        params: idParamSchema,
        body: updateReviewDestinationBody,
        response: { 200: reviewDestinationSchema },
      },
    },
    async (request) => updateReviewDestination(ctx.db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/review-destinations/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Remove a review destination',
        params: idParamSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteReviewDestination(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
