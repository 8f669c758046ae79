import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import {
  deletePartnerReferral,
  getPartner,
  listPartners,
  logPartnerReferral,
  updatePartnerReferral,
} from './partners.ts';
import {
  createPartnerReferralBody,
  partnerDetailSchema,
  partnerListQuery,
  partnerListResponse,
  partnerReferralSchema,
  updatePartnerReferralBody,
} from './schemas.ts';

export function partnerRoutes(app: App, ctx: AppContext) {
  const tags = ['partners'];
  app.get(
    '/api/v1/partners',
    {
      schema: {
        tags,
        summary:
          'Partner contacts with the balance both ways: clients sent to them, referrals received from them',
        querystring: partnerListQuery,
        response: { 200: partnerListResponse },
      },
    },
    async (request) => listPartners(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.get(
    '/api/v1/partners/:id',
    {
      schema: {
        tags,
        summary: 'One partner: the balance and the referrals in both directions',
        params: idParamSchema,
        response: { 200: partnerDetailSchema },
      },
    },
    async (request) => getPartner(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.post(
    '/api/v1/partners/:id/referrals',
    {
      schema: {
        tags,
        summary: 'Log a client we sent to this partner',
        params: idParamSchema,
        body: createPartnerReferralBody,
        response: { 201: partnerReferralSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await logPartnerReferral(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/v1/partner-referrals/:id',
    {
      schema: {
        tags,
        summary: 'Change the outcome (or details) of a referral we sent to a partner',
        params: idParamSchema,
        body: updatePartnerReferralBody,
        response: { 200: partnerReferralSchema },
      },
    },
    async (request) => updatePartnerReferral(ctx.db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/partner-referrals/:id',
    {
      schema: {
        tags,
        summary: 'Remove a referral we sent to a partner (logged by mistake)',
        params: idParamSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePartnerReferral(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
