// What every server-rendered public page shares: form-encoded bodies parsed into a flat record,
// errors rendered as friendly pages (a 429 page for rate limits, never a stack), and the HTML
// reply with no caching. Each public feature registers its routes in a scope prepared here.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toAppError } from '../http/errors.ts';
import type { App } from '../http/types.ts';
import { messagePage } from './html.ts';

export const FORM_BODY_LIMIT = 32 * 1024;

export type Form = Record<string, string>;

export function wantsJson(request: FastifyRequest) {
  return String(request.headers.accept ?? '').includes('application/json');
}

export function sendHtml(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

export function formOf(request: FastifyRequest): Form {
  return request.body && typeof request.body === 'object' ? (request.body as Form) : {};
}

/**
 * Form parsing and the error pages for one plugin scope. `rateLimitedText` is what the 429 page
 * says, since a page limited per link and one limited per address explain it differently.
 */
export function preparePublicScope(
  scope: App,
  options: { rateLimitedText: string } = {
    rateLimitedText:
      'We received many requests from this link in a short time. Wait a minute, then try again.',
  },
) {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      const form: Form = {};
      for (const [key, value] of new URLSearchParams(body as string)) form[key] = value;
      done(null, form);
    },
  );
  scope.setErrorHandler((error, request, reply) => {
    const known = toAppError(error as Error);
    if (!known) request.log.error({ err: error }, 'unhandled error on a public page');
    const status = known?.status ?? 500;
    if (wantsJson(request)) {
      return reply.status(status).send({
        status: known?.code ?? 'internal',
        message: known?.message ?? 'Something went wrong on our side.',
      });
    }
    if (known?.code === 'rate_limited') {
      return sendHtml(reply, 429, messagePage('One moment, please', [options.rateLimitedText]));
    }
    if (known?.code === 'unsupported_media_type' || (known && status < 500)) {
      return sendHtml(reply, status, messagePage('That did not work', [known.message]));
    }
    return sendHtml(
      reply,
      500,
      messagePage('Something went wrong on our side', ['It has been logged. Please try again in a moment.']),
    );
  });
}
