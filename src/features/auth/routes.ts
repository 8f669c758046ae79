// Setup, sign in, sign out and the current session. Cookie handling lives here and nowhere else.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { hashToken } from '../../shared/tokens.ts';
import { getMember } from '../members/queries.ts';
import { getWorkspace } from '../workspace/queries.ts';
import { loginBody, sessionResponse, setupBody, setupStatusResponse } from './schemas.ts';
import { createSession, deleteSession } from './sessions.ts';
import { isSetupNeeded, runSetup } from './setup.ts';
import { checkCredentials } from './sign-in.ts';

export const SESSION_COOKIE = 'wp_session';

export async function sessionInfo(ctx: AppContext, workspaceId: string, memberId: string) {
  return {
    member: await getMember(ctx.db, workspaceId, memberId),
    workspace: await getWorkspace(ctx.db, workspaceId),
  };
}

/** Starts a session for a member and sets the cookie; used by setup, login and accepted invites. */
export async function signIn(
  ctx: AppContext,
  reply: FastifyReply,
  member: { workspaceId: string; id: string },
  userAgent: string | undefined,
) {
  const { token, expiresAt } = await createSession(ctx.db, {
    workspaceId: member.workspaceId,
    memberId: member.id,
    userAgent,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    signed: true,
    expires: expiresAt,
  });
  return sessionInfo(ctx, member.workspaceId, member.id);
}

const strictLimit = { max: 10, timeWindow: '1 minute' };

export function authRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether first-run setup is open (404 once a workspace exists)',
        response: { 200: setupStatusResponse },
      },
    },
    async () => {
      if (!(await isSetupNeeded(ctx.db))) throw new AppError('not_found', 'Setup has already been completed');
      return { setupNeeded: true as const };
    },
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: 'public', rateLimit: strictLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create the first workspace and its owner',
        body: setupBody,
        response: { 201: sessionResponse },
      },
    },
    async (request, reply) => {
      const { owner } = await runSetup(ctx.db, request.body);
      const info = await signIn(ctx, reply, owner, request.headers['user-agent']);
      return reply.status(201).send(info);
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: strictLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      const wait = ctx.loginLimiter.retryAfter(email);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError(
          'rate_limited',
          `Too many failed sign-ins for this email: try again in ${wait} seconds`,
        );
      }
      let match: Awaited<ReturnType<typeof checkCredentials>>;
      try {
        match = await checkCredentials(ctx.db, request.body);
      } catch (error) {
        if (error instanceof AppError && error.code === 'invalid_credentials') ctx.loginLimiter.fail(email);
        throw error;
      }
      ctx.loginLimiter.succeed(email);
      return signIn(ctx, reply, match.member, request.headers['user-agent']);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      if (unsigned?.valid && unsigned.value) {
        await deleteSession(ctx.db, hashToken(unsigned.value));
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in member and workspace',
        response: { 200: sessionResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return sessionInfo(ctx, actor.workspaceId, actor.memberId);
    },
  );
}
