import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { MemberRole } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../features/auth/actor.ts';
import type { LoginLimiter } from '../features/auth/login-limiter.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Mailer } from '../mail/mailer.ts';

/** Everything a route needs, passed explicitly to each feature's routes. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  jobs: JobQueue | undefined;
  loginLimiter: LoginLimiter;
  /** Signs public survey links (see features/surveys/links.ts). */
  linkSecret: Buffer;
  version: string;
};

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Who may call a route. Routes under /api/v1 need a signed-in member unless they say `public`;
 * a role name means that role or higher.
 */
export type RouteAccess = 'public' | 'member' | MemberRole;

export type RouteEntry = { method: string; url: string; access: RouteAccess };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule; the isolation test checks each one is covered. */
    routeTable: RouteEntry[];
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue');
  return request.actor;
}
