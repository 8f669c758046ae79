import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { getContactRow } from '../contacts/queries.ts';
import { clearRelationshipOverride, overrideRelationship } from './override.ts';
import { bestPersonToContact } from './queries.ts';
import { bestContactResponse, overrideRelationshipBody, relationshipSchema } from './schemas.ts';

const contactMemberParams = z.object({ id: z.uuid('Not a valid id'), memberId: z.uuid('Not a valid id') });

export function relationshipRoutes(app: App, ctx: AppContext) {
  const tags = ['relationships'];
  app.get(
    '/api/v1/contacts/:id/best-contact',
    {
      schema: {
        tags,
        summary: 'Who on the team should reach out to this person, and why',
        params: idParamSchema,
        response: { 200: bestContactResponse },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      await getContactRow(ctx.db, workspaceId, request.params.id);
      return bestPersonToContact(ctx.db, workspaceId, request.params.id);
    },
  );
  app.put(
    '/api/v1/contacts/:id/relationships/:memberId',
    {
      schema: {
        tags,
        summary: 'Set a relationship’s strength by hand, with a reason',
        params: contactMemberParams,
        body: overrideRelationshipBody,
        response: { 200: relationshipSchema },
      },
    },
    async (request) =>
      overrideRelationship(ctx.db, actorOf(request), {
        contactId: request.params.id,
        memberId: request.params.memberId,
        ...request.body,
      }),
  );
  app.delete(
    '/api/v1/contacts/:id/relationships/:memberId/override',
    {
      schema: {
        tags,
        summary: 'Return a relationship to its computed strength',
        params: contactMemberParams,
        response: { 200: relationshipSchema },
      },
    },
    async (request) =>
      clearRelationshipOverride(ctx.db, actorOf(request), request.params.id, request.params.memberId),
  );
}
