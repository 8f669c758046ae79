import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { accountSchema } from '../accounts/schemas.ts';
import { listTimeline } from '../timeline/queries.ts';
import { timelineQuery, timelineResponse } from '../timeline/schemas.ts';
import { contactFilterQuery, countContacts, listCountSchema } from './count.ts';
import { eraseContact } from './erase-contact.ts';
import { mergeContacts } from './merge-contacts.ts';
import { getContactDetail, getContactRow, listContacts, listTags, quickSearch } from './queries.ts';
import {
  contactDetailSchema,
  contactListItemSchema,
  contactListQuery,
  contactListResponse,
  createContactBody,
  mergeContactBody,
  updateContactBody,
} from './schemas.ts';
import { createContact, setContactArchived, updateContact } from './write-contact.ts';

export function contactRoutes(app: App, ctx: AppContext) {
  const tags = ['contacts'];
  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'People: filter, sort and search (typo-tolerant) with stable cursors',
        querystring: contactListQuery,
        response: { 200: contactListResponse },
      },
    },
    async (request) => listContacts(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.get(
    '/api/v1/contacts/count',
    {
      schema: {
        tags,
        summary: 'How many people the list filters match (estimated past 10,000)',
        querystring: contactFilterQuery,
        response: { 200: listCountSchema },
      },
    },
    async (request) => countContacts(ctx.db, actorOf(request).workspaceId, request.query),
  );
  app.post(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Add a person',
        body: createContactBody,
        response: { 201: contactDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createContact(ctx.db, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'A person with who on the team knows them and why',
        params: idParamSchema,
        response: { 200: contactDetailSchema },
      },
    },
    async (request) => getContactDetail(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a person',
        params: idParamSchema,
        body: updateContactBody,
        response: { 200: contactDetailSchema },
      },
    },
    async (request) => updateContact(ctx.db, actorOf(request), request.params.id, request.body),
  );
  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/v1/contacts/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${archived ? 'Archive' : 'Restore'} a person (history is kept)`,
          params: idParamSchema,
          response: { 200: contactDetailSchema },
        },
      },
      async (request) => setContactArchived(ctx.db, actorOf(request), request.params.id, archived),
    );
  }
  app.post(
    '/api/v1/contacts/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into this person, keeping all history',
        params: idParamSchema,
        body: mergeContactBody,
        response: { 200: contactDetailSchema },
      },
    },
    async (request) => mergeContacts(ctx.db, actorOf(request), request.params.id, request.body.duplicateId),
  );
  app.post(
    '/api/v1/contacts/:id/erase',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'GDPR erasure: remove personal data, keep anonymous counts',
        params: idParamSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await eraseContact(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/contacts/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Everything about a person, newest first',
        params: idParamSchema,
        querystring: timelineQuery,
        response: { 200: timelineResponse },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      await getContactRow(ctx.db, workspaceId, request.params.id);
      return listTimeline(ctx.db, workspaceId, { contactId: request.params.id }, request.query);
    },
  );

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Find people and companies by name, email, company or tag (typo-tolerant)',
        querystring: z.strictObject({
          q: z.string().trim().min(1, 'Type something to search for').max(200),
          limit: z.coerce.number().int().min(1).max(20).default(8),
        }),
        response: {
          200: z.object({ contacts: z.array(contactListItemSchema), accounts: z.array(accountSchema) }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const { q, limit } = request.query;
      return quickSearch(ctx.db, workspaceId, q, limit);
    },
  );

  app.get(
    '/api/v1/tags',
    {
      schema: {
        tags: ['search'],
        summary: 'Tags in use on people and companies, most used first',
        response: { 200: z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number() })) }) },
      },
    },
    async (request) => ({ tags: await listTags(ctx.db, actorOf(request).workspaceId) }),
  );
}
