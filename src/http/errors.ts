// The one place that turns errors into HTTP answers: { "error": { "code", "message", "details"? } }.
// Bad input is always a 4xx naming the field; anything unexpected is logged and becomes a 500
// whose body says nothing about internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/client.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors.ts';

export function sendError(reply: FastifyReply, error: AppError) {
  return reply.status(error.status).send({
    error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) },
  });
}

const fastifyCodes: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'Request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'Request body is empty but Content-Type is JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Unsupported Content-Type: send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: 'Content-Length does not match the body',
  },
};

export function toAppError(error: FastifyError | Error): AppError | null {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const where = fe.validationContext ?? 'body';
    const details: ErrorDetail[] = fe.validation.map((v) => {
      const keys = (v.params as { keys?: string[] }).keys;
      const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const path = [where, field || (keys?.length ? keys.join(',') : '')].filter(Boolean).join('.');
      return { path, message: v.message ?? 'Invalid value' };
    });
    const first = details[0]!;
    return new AppError('validation_failed', `${first.path}: ${first.message}`, details);
  }
  const known = fe.code ? fastifyCodes[fe.code] : undefined;
  if (known) return new AppError(known.code, known.message ?? fe.message);
  if (fe.statusCode === 429)
    return new AppError('rate_limited', fe.message || 'Too many requests: try again later');
  // A unique constraint that a command's own check lost a race to.
  if (isUniqueViolation(error)) return new AppError('conflict', 'That already exists');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new AppError('bad_request', fe.message);
  return null;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError) {
    return sendError(reply, appError);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, new AppError('internal', 'Something went wrong on our side. It has been logged.'));
}
