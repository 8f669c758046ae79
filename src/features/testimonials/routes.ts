import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import {
  createTestimonialBody,
  testimonialExportQuery,
  testimonialListQuery,
  testimonialListResponse,
  testimonialSchema,
  updateTestimonialBody,
} from './schemas.ts';
import {
  createTestimonial,
  deleteTestimonial,
  exportTestimonialsCsv,
  getTestimonial,
  listTestimonials,
  updateTestimonial,
} from './testimonials.ts';

export function testimonialRoutes(app: App, ctx: AppContext) {
  const tags = ['testimonials'];
  app.get(
    '/api/v1/testimonials',
    {
      schema: {
        tags,
        summary: 'Testimonials, newest first, by person, permission to publish and period',
        querystring: testimonialListQuery,
        response: { 200: testimonialListResponse },
      },
    },
    async (request) => listTestimonials(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.get(
    '/api/v1/testimonials/export.csv',
    {
      schema: {
        tags,
        summary:
          'Testimonials as CSV with only what is fit to publish (quote, attribution, company, work, dates); publishable ones only unless publishableOnly=false',
        querystring: testimonialExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await exportTestimonialsCsv(ctx.db, actorOf(request).workspaceId, request.query);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="testimonials-${date}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
  app.get(
    '/api/v1/testimonials/:id',
    {
      schema: {
        tags,
        summary: 'One testimonial',
        params: idParamSchema,
        response: { 200: testimonialSchema },
      },
    },
    async (request) => getTestimonial(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.post(
    '/api/v1/testimonials',
    {
      schema: {
        tags,
        summary: "Record a client's testimonial (the company is taken from the person)",
        body: createTestimonialBody,
        response: { 201: testimonialSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTestimonial(ctx.db, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/testimonials/:id',
    {
      schema: {
        tags,
        summary: 'Correct a testimonial or change the permission to publish',
        params: idParamSchema,
        body: updateTestimonialBody,
        response: { 200: testimonialSchema },
      },
    },
    async (request) => updateTestimonial(ctx.db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/testimonials/:id',
    {
      schema: { tags, summary: 'Delete a testimonial', params: idParamSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteTestimonial(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
