// Builds the Fastify app without listening, so tests drive it through inject() and `start` adds
// the port. Order matters: parsers and compilers, security plugins, the auth hook, then routes.
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { accountRoutes } from '../features/accounts/routes.ts';
import { answerRoutes } from '../features/answers/routes.ts';
import { askRoutes } from '../features/asks/routes.ts';
import { hasRole } from '../features/auth/actor.ts';
import { createLoginLimiter, type LoginLimiter } from '../features/auth/login-limiter.ts';
import { authRoutes, SESSION_COOKIE } from '../features/auth/routes.ts';
import { actorForSessionToken } from '../features/auth/sessions.ts';
import { contactRoutes } from '../features/contacts/routes.ts';
import { goalRoutes } from '../features/goals/routes.ts';
import { healthRoutes } from '../features/health/routes.ts';
import { importRoutes } from '../features/imports/routes.ts';
import { interactionRoutes } from '../features/interactions/routes.ts';
import { memberRoutes } from '../features/members/routes.ts';
import { offerRoutes } from '../features/offers/routes.ts';
import { outboxRoutes } from '../features/outbox/routes.ts';
import { partnerRoutes } from '../features/partners/routes.ts';
import { playbookRoutes } from '../features/playbooks/routes.ts';
import { referralRoutes } from '../features/referrals/routes.ts';
import { referrerPageRoutes } from '../features/referrer-pages/routes.ts';
import { relationshipRoutes } from '../features/relationships/routes.ts';
import { reviewRoutes } from '../features/reviews/routes.ts';
import { deriveLinkSecret } from '../features/surveys/links.ts';
import { surveyRoutes } from '../features/surveys/routes.ts';
import { taskRoutes } from '../features/tasks/routes.ts';
import { testimonialRoutes } from '../features/testimonials/routes.ts';
import { workspaceRoutes } from '../features/workspace/routes.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { type OfferPageLimits, publicOfferRoutes } from '../public/offer-pages.ts';
import { publicReferrerPageRoutes } from '../public/referrer-page.ts';
import { publicSurveyRoutes } from '../public/survey-pages.ts';
import { errorHandler } from './errors.ts';
import type { App, AppContext, RouteAccess, RouteEntry } from './types.ts';
import { registerWeb, webDistDir } from './web.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

const docsLogo = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 180 32"><rect width="32" height="32" rx="7" fill="#e8590c"/>' +
    '<path d="M7 21c3-7 6-10 9-10s6 3 9 10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>' +
    '<circle cx="16" cy="11" r="2.5" fill="#fff"/><text x="42" y="23" font-family="sans-serif" font-size="20" ' +
    'font-weight="700" fill="#fff">Warmpath</text></svg>',
);

/** One log line per request, when it completes, instead of Fastify's two (incoming + completed). */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  }
}

export type BuildAppOptions = {
  config: Config;
  database: Database;
  sessionSecret: string;
  jobs?: JobQueue | undefined;
  mailer?: Mailer;
  loginLimiter?: LoginLimiter;
  /** Directory of the built web app; false to serve the API only. */
  webDist?: string | false;
  /**
   * false: answers from the public pages are left to the follow-up engine's cron sweep instead of
   * being enrolled promptly in this process (benchmarks measure the answer path on its own).
   */
  promptEnrolment?: boolean;
  /** Per-address limits of the public offer pages (benchmarks raise them: all load is from one address). */
  offerPageLimits?: Partial<OfferPageLimits>;
  /** A pino logger to share with the rest of the process; otherwise one is made from LOG_LEVEL. */
  loggerInstance?: FastifyBaseLogger;
  version?: string;
};

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database } = options;
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: { level: config.logLevel } }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    // Long-running connections must not hold shutdown forever.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();

  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    jobs: options.jobs,
    mailer: options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, jobs: options.jobs }),
    loginLimiter: options.loginLimiter ?? createLoginLimiter({ maxFailures: 5, windowMs: 15 * 60 * 1000 }),
    linkSecret: deriveLinkSecret(options.sessionSecret),
    version: options.version ?? '0.1.0',
  };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Only JSON bodies: a cross-site form post (text/plain, form-encoded) is refused with 415.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(fastifyCookie, { secret: options.sessionSecret });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Too many requests: try again in ${Math.ceil(context.ttl / 1000)} seconds`,
      ),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Warmpath API',
        version: ctx.version,
        description: 'Referral engine API. Session cookie auth.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    logo: { type: 'image/svg+xml', content: docsLogo, href: '/', target: '_self' },
    theme: { title: 'Warmpath API' },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access ?? (url.startsWith('/api/v1/') ? 'member' : 'public');
    for (const method of methods) if (method !== 'HEAD') routeTable.push({ method, url, access });
    // Public routes show no lock in the API docs.
    if (access === 'public' && route.schema) route.schema = { ...route.schema, security: [] };
  });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    // Unknown paths fall through to the 404 handler.
    if (!request.routeOptions.url) return;
    const access: RouteAccess =
      request.routeOptions.config.access ?? (request.url.startsWith('/api/v1/') ? 'member' : 'public');
    if (access === 'public') return;
    const raw = request.cookies[SESSION_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    const actor =
      unsigned?.valid && unsigned.value ? await actorForSessionToken(ctx.db, unsigned.value) : null;
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (access !== 'member' && !hasRole(actor, access)) {
      throw new AppError('forbidden', `This needs the ${access} role or higher`);
    }
    request.actor = actor;
  });

  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  memberRoutes(app, ctx);
  workspaceRoutes(app, ctx);
  outboxRoutes(app, ctx);
  accountRoutes(app, ctx);
  contactRoutes(app, ctx);
  relationshipRoutes(app, ctx);
  interactionRoutes(app, ctx);
  importRoutes(app, ctx);
  surveyRoutes(app, ctx);
  answerRoutes(app, ctx);
  reviewRoutes(app, ctx);
  publicSurveyRoutes(app, ctx, { promptEnrolment: options.promptEnrolment ?? true });
  publicOfferRoutes(app, ctx, { limits: options.offerPageLimits ?? {} });
  taskRoutes(app, ctx);
  playbookRoutes(app, ctx);
  askRoutes(app, ctx);
  goalRoutes(app, ctx);
  referralRoutes(app, ctx);
  offerRoutes(app, ctx);
  referrerPageRoutes(app, ctx);
  testimonialRoutes(app, ctx);
  partnerRoutes(app, ctx);
  publicReferrerPageRoutes(app, ctx);

  await registerWeb(app, options.webDist ?? webDistDir);
  return app;
}
