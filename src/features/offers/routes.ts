import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { getContactRow } from '../contacts/queries.ts';
import { issueShareLinks, reissueShareLink, revokeShareLink } from './issue-links.ts';
import {
  getOffer,
  listClaims,
  listOffers,
  offerStats,
  selectShareLinks,
  workspaceCurrency,
} from './queries.ts';
import {
  claimListQuery,
  claimListResponse,
  createLinksBody,
  createLinksResponse,
  createOfferBody,
  linkParamSchema,
  offerDetailSchema,
  offerListQuery,
  offerListResponse,
  offerStatsResponse,
  shareLinkListResponse,
  shareLinkSchema,
  updateOfferBody,
} from './schemas.ts';
import { shareLinkUrl } from './share-links.ts';
import { offerMergeFields } from './wording.ts';
import { createOffer, type OfferAction, setOfferStatus, updateOffer } from './write-offer.ts';

export function offerRoutes(app: App, ctx: AppContext) {
  const tags = ['offers'];
  const publicUrl = ctx.config.publicUrl;
  const linkBase = shareLinkUrl(publicUrl, '');
  const withMeta = <T>(offer: T) => ({ ...offer, mergeFields: [...offerMergeFields], linkBase });

  app.get(
    '/api/v1/offers',
    {
      schema: {
        tags,
        summary: 'Offers with their clicks, visits, claims, referrals, won and revenue',
        querystring: offerListQuery,
        response: { 200: offerListResponse },
      },
    },
    async (request) => ({
      offers: await listOffers(ctx.db, actorOf(request).workspaceId, request.query),
      mergeFields: [...offerMergeFields],
      linkBase,
    }),
  );
  app.post(
    '/api/v1/offers',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Create an offer',
        body: createOfferBody,
        response: { 201: offerDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withMeta(await createOffer(ctx.db, actorOf(request), request.body))),
  );
  app.get(
    '/api/v1/offers/:id',
    {
      schema: {
        tags,
        summary: 'An offer with its numbers',
        params: idParamSchema,
        response: { 200: offerDetailSchema },
      },
    },
    async (request) => withMeta(await getOffer(ctx.db, actorOf(request).workspaceId, request.params.id)),
  );
  app.patch(
    '/api/v1/offers/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Edit an offer (not once archived)',
        params: idParamSchema,
        body: updateOfferBody,
        response: { 200: offerDetailSchema },
      },
    },
    async (request) => withMeta(await updateOffer(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  for (const [action, summary] of [
    ['pause', 'Pause an offer: its page takes claims as interest only'],
    ['resume', 'Resume a paused offer'],
  ] as [OfferAction, string][]) {
    app.post(
      `/api/v1/offers/:id/${action}`,
      {
        config: { access: 'manager' },
        schema: { tags, summary, params: idParamSchema, response: { 200: offerDetailSchema } },
      },
      async (request) => withMeta(await setOfferStatus(ctx.db, actorOf(request), request.params.id, action)),
    );
  }
  app.delete(
    '/api/v1/offers/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Archive an offer (never deleted: its links say the offer has ended)',
        params: idParamSchema,
        response: { 200: offerDetailSchema },
      },
    },
    async (request) => withMeta(await setOfferStatus(ctx.db, actorOf(request), request.params.id, 'archive')),
  );

  app.get(
    '/api/v1/offers/:id/links',
    {
      schema: {
        tags,
        summary: 'The personal links to an offer, live first, with their numbers and wording',
        params: idParamSchema,
        response: { 200: shareLinkListResponse },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const offer = await getOffer(ctx.db, workspaceId, request.params.id);
      const links = await selectShareLinks(ctx.db, workspaceId, publicUrl, { offerId: offer.id });
      return { links, currency: offer.currency };
    },
  );
  app.post(
    '/api/v1/offers/:id/links',
    {
      schema: {
        tags,
        summary: 'Give referrers their personal link (an existing live link is kept)',
        params: idParamSchema,
        body: createLinksBody,
        response: { 201: createLinksResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await issueShareLinks(
            ctx.db,
            actorOf(request),
            publicUrl,
            request.params.id,
            request.body.contactIds,
          ),
        ),
  );
  app.get(
    '/api/v1/offers/:id/claims',
    {
      schema: {
        tags,
        summary: 'Claims made on an offer, newest first',
        params: idParamSchema,
        querystring: claimListQuery,
        response: { 200: claimListResponse },
      },
    },
    async (request) => listClaims(ctx.db, actorOf(request).workspaceId, request.params.id, request.query),
  );
  app.get(
    '/api/v1/offers/:id/stats',
    {
      schema: {
        tags,
        summary: 'An offer’s numbers by referrer, and clicks per day over 30 days',
        params: idParamSchema,
        response: { 200: offerStatsResponse },
      },
    },
    async (request) => offerStats(ctx.db, actorOf(request).workspaceId, request.params.id),
  );

  app.get(
    '/api/v1/contacts/:id/share-links',
    {
      schema: {
        tags,
        summary: 'A person’s personal links to offers, with their numbers and wording',
        params: idParamSchema,
        response: { 200: shareLinkListResponse },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      await getContactRow(ctx.db, workspaceId, request.params.id);
      const links = await selectShareLinks(ctx.db, workspaceId, publicUrl, {
        contactId: request.params.id,
      });
      return { links, currency: await workspaceCurrency(ctx.db, workspaceId) };
    },
  );
  app.post(
    '/api/v1/share-links/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Stop a link working (its code is never reused)',
        params: linkParamSchema,
        response: { 200: shareLinkSchema },
      },
    },
    async (request) => revokeShareLink(ctx.db, actorOf(request), publicUrl, request.params.id),
  );
  app.post(
    '/api/v1/share-links/:id/reissue',
    {
      schema: {
        tags,
        summary: 'Replace a link with a new code for the same referrer; the old one stops working',
        params: linkParamSchema,
        response: { 201: shareLinkSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reissueShareLink(ctx.db, actorOf(request), publicUrl, request.params.id)),
  );
}
