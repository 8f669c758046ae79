// HTTP wiring for answers and NPS figures. The public answer pages are in src/public.
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { addAnswer } from './add-answer.ts';
import { importAnswers } from './import-answers.ts';
import { listAnswers } from './queries.ts';
import {
  answerListQuery,
  answerListResponse,
  answerSchema,
  createAnswerBody,
  importAnswersQuery,
  importAnswersResponse,
  npsQuery,
  npsResponse,
  surveyIdParams,
  surveyScoresResponse,
} from './schemas.ts';
import { npsReport, surveyScores } from './scores.ts';

export const ANSWER_CSV_LIMIT_BYTES = 20 * 1024 * 1024;

const tooLarge = () =>
  new AppError('payload_too_large', `The file is larger than ${ANSWER_CSV_LIMIT_BYTES / 1024 / 1024} MB`);

async function* csvBody(request: FastifyRequest): AsyncGenerator<Uint8Array> {
  if (Number(request.headers['content-length'] ?? 0) > ANSWER_CSV_LIMIT_BYTES) throw tooLarge();
  const body = request.body as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
    return;
  let seen = 0;
  for await (const chunk of body) {
    seen += chunk.byteLength;
    if (seen > ANSWER_CSV_LIMIT_BYTES) throw tooLarge();
    yield chunk;
  }
}

export function answerRoutes(app: App, ctx: AppContext) {
  const tags = ['answers'];
  const deps = { db: ctx.db, jobs: ctx.jobs };

  app.get(
    '/api/v1/surveys/:id/answers',
    {
      schema: {
        tags,
        summary: "A survey's answers, newest first (filter by category)",
        params: surveyIdParams,
        querystring: answerListQuery,
        response: { 200: answerListResponse },
      },
    },
    async (request) => listAnswers(ctx.db, actorOf(request).workspaceId, request.params.id, request.query),
  );

  app.post(
    '/api/v1/surveys/:id/answers',
    {
      schema: {
        tags,
        summary:
          'Add an answer collected elsewhere (contactId or email); the same externalId again updates it (200) instead of adding one (201)',
        params: surveyIdParams,
        body: createAnswerBody,
        response: { 200: answerSchema, 201: answerSchema },
      },
    },
    async (request, reply) => {
      const { answer, created } = await addAnswer(deps, actorOf(request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(answer);
    },
  );

  app.get(
    '/api/v1/surveys/:id/scores',
    {
      schema: {
        tags,
        summary: "A survey's NPS, promoter / passive / detractor counts, response rate and months",
        params: surveyIdParams,
        response: { 200: surveyScoresResponse },
      },
    },
    async (request) => surveyScores(ctx.db, actorOf(request).workspaceId, request.params.id),
  );

  app.get(
    '/api/v1/nps',
    {
      schema: {
        tags,
        summary:
          'Workspace NPS between two dates, grouped by month, survey, account (B2B roll-up), contact kind, account status, tag or relationship owner',
        querystring: npsQuery,
        response: { 200: npsResponse },
      },
    },
    async (request) => npsReport(ctx.db, actorOf(request).workspaceId, request.query),
  );

  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('text/csv', { bodyLimit: ANSWER_CSV_LIMIT_BYTES }, (_request, payload, done) =>
      done(null, payload),
    );
    scope.post(
      '/api/v1/surveys/:id/answers/import',
      {
        config: { access: 'manager' },
        schema: {
          tags,
          summary:
            'Import answers from CSV (text/csv body: email or contact_external_id, score, comment, answered_at, external_id); all or nothing',
          params: surveyIdParams,
          querystring: importAnswersQuery,
          response: { 200: importAnswersResponse },
        },
      },
      async (request) => {
        try {
          return await importAnswers({
            deps,
            actor: actorOf(request),
            surveyId: request.params.id,
            source: csvBody(request),
            dryRun: request.query.dryRun === 'true',
          });
        } finally {
          (request.body as { resume?: () => void } | undefined)?.resume?.();
        }
      },
    );
  });
}
