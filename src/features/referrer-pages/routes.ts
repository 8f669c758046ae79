import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import {
  createReferrerPage,
  getReferrerPageState,
  reissueReferrerPage,
  revokeReferrerPage,
  sendReferrerPage,
} from './manage-referrer-page.ts';
import {
  contactIdParams,
  referrerPageSchema,
  referrerPageStateSchema,
  sendReferrerPageBody,
  sendReferrerPageResponse,
} from './schemas.ts';

export function referrerPageRoutes(app: App, ctx: AppContext) {
  const tags = ['referrer pages'];
  const links = { publicUrl: ctx.config.publicUrl, linkSecret: ctx.linkSecret };
  const base = '/api/v1/contacts/:id/referrer-page';
  app.get(
    base,
    {
      schema: {
        tags,
        summary: "A client's or partner's live referrer page, if any, and whether it can be emailed",
        params: contactIdParams,
        response: { 200: referrerPageStateSchema },
      },
    },
    async (request) => getReferrerPageState(ctx.db, links, actorOf(request), request.params.id),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Make the referrer page (or get the live one) and their links for every active offer',
        params: contactIdParams,
        response: { 200: referrerPageSchema, 201: referrerPageSchema },
      },
    },
    async (request, reply) => {
      const { page, created } = await createReferrerPage(ctx.db, links, actorOf(request), request.params.id);
      return reply.status(created ? 201 : 200).send(page);
    },
  );
  app.post(
    `${base}/reissue`,
    {
      schema: {
        tags,
        summary: 'Revoke the live page and make a new one with a new address',
        params: contactIdParams,
        response: { 201: referrerPageSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reissueReferrerPage(ctx.db, links, actorOf(request), request.params.id)),
  );
  app.post(
    `${base}/send`,
    {
      schema: {
        tags,
        summary: 'Email the referrer their page (made if needed); refused when they may not be emailed',
        params: contactIdParams,
        body: sendReferrerPageBody,
        response: { 200: sendReferrerPageResponse },
      },
    },
    async (request) =>
      sendReferrerPage(
        ctx.db,
        { ...links, mailer: ctx.mailer },
        actorOf(request),
        request.params.id,
        request.body ?? {},
      ),
  );
  app.delete(
    base,
    {
      schema: {
        tags,
        summary: 'Revoke the live page: its address stops working at once',
        params: contactIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeReferrerPage(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
