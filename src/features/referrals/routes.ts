import { Readable } from 'node:stream';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { exportReferralsCsv, referralExportQuery } from './export-referrals.ts';
import { referralInsights } from './insights.ts';
import { getReferral, getReferralSettings, listReferrals, referralBoard } from './queries.ts';
import {
  createReferralBody,
  moveReferralBody,
  referralBoardQuery,
  referralBoardResponse,
  referralDetailSchema,
  referralInsightsQuery,
  referralInsightsSchema,
  referralListQuery,
  referralListResponse,
  referralSettingsSchema,
  updateReferralBody,
  updateReferralSettingsBody,
} from './schemas.ts';
import { updateReferralSettings } from './settings.ts';
import { createReferral, moveReferral, updateReferral } from './write-referral.ts';

export function referralRoutes(app: App, ctx: AppContext) {
  const tags = ['referrals'];
  const deps = { db: ctx.db, mailer: ctx.mailer };
  app.get(
    '/api/v1/referrals',
    {
      schema: {
        tags,
        summary: 'Referrals: filter by kind, source, status, referrer, prospect, owner, period and name',
        querystring: referralListQuery,
        response: { 200: referralListResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return listReferrals(ctx.db, actor.workspaceId, actor.memberId, request.query);
    },
  );
  app.get(
    '/api/v1/referrals/export.csv',
    {
      schema: {
        tags,
        summary: 'Referrals as CSV (streamed), with the same filters as the list',
        querystring: referralExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const date = new Date().toISOString().slice(0, 10);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="referrals-${date}.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(
        Readable.from(
          exportReferralsCsv(ctx.db, actor.workspaceId, actor.memberId, request.query, { bom: true }),
        ),
      );
    },
  );
  app.get(
    '/api/v1/referrals/board',
    {
      schema: {
        tags,
        summary: 'The pipeline: one column per status with counts, sums and the latest cards',
        querystring: referralBoardQuery,
        response: { 200: referralBoardResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return referralBoard(ctx.db, actor.workspaceId, actor.memberId, request.query);
    },
  );
  app.get(
    '/api/v1/referrals/insights',
    {
      schema: {
        tags,
        summary:
          'Referral leads, qualified, won and revenue for a period, by kind, source, owner and referrer',
        querystring: referralInsightsQuery,
        response: { 200: referralInsightsSchema },
      },
    },
    async (request) => referralInsights(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.get(
    '/api/v1/referrals/settings',
    {
      schema: {
        tags,
        summary: 'Currency, thank-you stages and the thank-you email switch',
        response: { 200: referralSettingsSchema },
      },
    },
    async (request) => getReferralSettings(ctx.db, actorOf(request).workspaceId),
  );
  app.put(
    '/api/v1/referrals/settings',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Change the referral settings',
        body: updateReferralSettingsBody,
        response: { 200: referralSettingsSchema },
      },
    },
    async (request) => updateReferralSettings(ctx.db, actorOf(request), request.body),
  );
  app.post(
    '/api/v1/referrals',
    {
      schema: {
        tags,
        summary: 'Record a referral by hand (also “how did you hear about us?” at intake)',
        body: createReferralBody,
        response: { 201: referralDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createReferral(deps, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/referrals/:id',
    {
      schema: {
        tags,
        summary: 'One referral with what produced it, its history and its tasks',
        params: idParamSchema,
        response: { 200: referralDetailSchema },
      },
    },
    async (request) => getReferral(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.patch(
    '/api/v1/referrals/:id',
    {
      schema: {
        tags,
        summary: 'Change owner, values, currency, prospect, company or note (each change kept in history)',
        params: idParamSchema,
        body: updateReferralBody,
        response: { 200: referralDetailSchema },
      },
    },
    async (request) => updateReferral(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/referrals/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a referral to another stage (lost needs a reason; won takes the booked value)',
        params: idParamSchema,
        body: moveReferralBody,
        response: { 200: referralDetailSchema },
      },
    },
    async (request) => moveReferral(deps, actorOf(request), request.params.id, request.body),
  );
}
