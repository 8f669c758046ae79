import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { signIn } from '../auth/routes.ts';
import { sessionResponse } from '../auth/schemas.ts';
import { acceptInvite, createInvite, listInvites, previewInvite, revokeInvite } from './invites.ts';
import { changePassword, updateProfile } from './profile.ts';
import { listMembers } from './queries.ts';
import {
  acceptInviteBody,
  changePasswordBody,
  createInviteBody,
  createInviteResponse,
  inviteListResponse,
  invitePreviewResponse,
  memberListResponse,
  memberSchema,
  updateMemberBody,
  updateProfileBody,
} from './schemas.ts';
import { updateMember } from './update-member.ts';

export function memberRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/members',
    { schema: { tags: ['members'], summary: 'Everyone on the team', response: { 200: memberListResponse } } },
    async (request) => ({ members: await listMembers(ctx.db, actorOf(request).workspaceId) }),
  );

  app.patch(
    '/api/v1/members/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Change a member’s role or deactivate them (ends their sessions at once)',
        params: idParamSchema,
        body: updateMemberBody,
        response: { 200: memberSchema },
      },
    },
    async (request) => updateMember(ctx.db, actorOf(request), request.params.id, request.body),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['members'],
        summary: 'Update your own name or time zone',
        body: updateProfileBody,
        response: { 200: memberSchema },
      },
    },
    async (request) => updateProfile(ctx.db, actorOf(request), request.body),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['members'],
        summary: 'Change your password (signs out your other sessions)',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changePassword(ctx.db, actorOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/invites',
    {
      config: { access: 'manager' },
      schema: { tags: ['members'], summary: 'Pending invites', response: { 200: inviteListResponse } },
    },
    async (request) => ({ invites: await listInvites(ctx.db, actorOf(request)) }),
  );

  app.post(
    '/api/v1/invites',
    {
      config: { access: 'manager' },
      schema: {
        tags: ['members'],
        summary: 'Invite a teammate by a single-use link',
        body: createInviteBody,
        response: { 201: createInviteResponse },
      },
    },
    async (request, reply) => {
      const result = await createInvite(
        { db: ctx.db, mailer: ctx.mailer, publicUrl: ctx.config.publicUrl },
        actorOf(request),
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.delete(
    '/api/v1/invites/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags: ['members'],
        summary: 'Revoke a pending invite',
        params: idParamSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeInvite(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/invites/accept/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['members'],
        summary: 'What an invite link offers (404 unknown, 410 used or expired)',
        params: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: invitePreviewResponse },
      },
    },
    async (request) => previewInvite(ctx.db, request.params.token),
  );

  app.post(
    '/api/v1/invites/accept',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['members'],
        summary: 'Accept an invite: set name and password, then sign in',
        body: acceptInviteBody,
        response: { 201: sessionResponse },
      },
    },
    async (request, reply) => {
      const member = await acceptInvite(ctx.db, request.body);
      const info = await signIn(ctx, reply, member, request.headers['user-agent']);
      return reply.status(201).send(info);
    },
  );
}
