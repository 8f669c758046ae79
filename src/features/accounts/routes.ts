import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { listCountSchema } from '../contacts/count.ts';
import { listTimeline } from '../timeline/queries.ts';
import { timelineQuery, timelineResponse } from '../timeline/schemas.ts';
import { accountFilterQuery, countAccounts } from './count.ts';
import { getAccount, listAccounts } from './queries.ts';
import {
  accountListQuery,
  accountListResponse,
  accountSchema,
  createAccountBody,
  updateAccountBody,
} from './schemas.ts';
import { createAccount, setAccountArchived, updateAccount } from './write-account.ts';

export function accountRoutes(app: App, ctx: AppContext) {
  const tags = ['accounts'];
  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Client companies and households',
        querystring: accountListQuery,
        response: { 200: accountListResponse },
      },
    },
    async (request) => listAccounts(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.get(
    '/api/v1/accounts/count',
    {
      schema: {
        tags,
        summary: 'How many companies the list filters match (estimated past 10,000)',
        querystring: accountFilterQuery,
        response: { 200: listCountSchema },
      },
    },
    async (request) => countAccounts(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.post(
    '/api/v1/accounts',
    {
      schema: { tags, summary: 'Add an account', body: createAccountBody, response: { 201: accountSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createAccount(ctx.db, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/accounts/:id',
    { schema: { tags, summary: 'One account', params: idParamSchema, response: { 200: accountSchema } } },
    async (request) => getAccount(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Edit an account',
        params: idParamSchema,
        body: updateAccountBody,
        response: { 200: accountSchema },
      },
    },
    async (request) => updateAccount(ctx.db, actorOf(request), request.params.id, request.body),
  );
  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/v1/accounts/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${archived ? 'Archive' : 'Restore'} an account`,
          params: idParamSchema,
          response: { 200: accountSchema },
        },
      },
      async (request) => setAccountArchived(ctx.db, actorOf(request), request.params.id, archived),
    );
  }
  app.get(
    '/api/v1/accounts/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Everything about an account, newest first',
        params: idParamSchema,
        querystring: timelineQuery,
        response: { 200: timelineResponse },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      await getAccount(ctx.db, workspaceId, request.params.id);
      return listTimeline(ctx.db, workspaceId, { accountId: request.params.id }, request.query);
    },
  );
}
