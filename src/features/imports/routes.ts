// HTTP wiring for imports and exports. CSV bodies are not buffered: a `text/csv` parser that hands
// the request stream through is registered in this scope only, with its own size limit, so the
// rest of the API keeps its small JSON-only limit.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { contactExportQuery, exportContactsCsv } from './export-contacts.ts';
import { previewImport } from './preview.ts';
import { createImport, getImport, listImports, runImport } from './run-import.ts';
import {
  createImportBody,
  importListResponse,
  importSchema,
  previewQuery,
  previewResponse,
} from './schemas.ts';

export const CSV_BODY_LIMIT_BYTES = 200 * 1024 * 1024;
const PREVIEW_LIMIT_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  new AppError('payload_too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB`);

/** The request body as a byte stream, refused once it passes `limit`. */
async function* bodyOf(request: FastifyRequest, limit: number): AsyncGenerator<Uint8Array> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const body = request.body as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
    return;
  let seen = 0;
  for await (const chunk of body) {
    seen += chunk.byteLength;
    if (seen > limit) throw tooLarge(limit);
    yield chunk;
  }
}

export function importRoutes(app: App, ctx: AppContext) {
  const exclusive = ctx.database.kind === 'pglite';
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('text/csv', { bodyLimit: CSV_BODY_LIMIT_BYTES }, (_request, payload, done) =>
      done(null, payload),
    );
    const tags = ['imports'];

    scope.post(
      '/api/v1/imports/preview',
      {
        config: { access: 'manager' },
        schema: {
          tags,
          summary: 'The header and first rows of a CSV file (text/csv body) with the detected column mapping',
          querystring: previewQuery,
          response: { 200: previewResponse },
        },
      },
      async (request) => {
        try {
          return await previewImport(bodyOf(request, PREVIEW_LIMIT_BYTES), request.query.kind, {
            partial: request.query.partial === 'true',
          });
        } finally {
          // The preview reads only the start; let the rest of the upload drain.
          (request.body as Readable | undefined)?.resume?.();
        }
      },
    );

    scope.post(
      '/api/v1/imports',
      {
        config: { access: 'manager' },
        schema: {
          tags,
          summary: 'Start an import (or a dry run): then PUT the file to /api/v1/imports/:id/file',
          body: createImportBody,
          response: { 201: importSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createImport(ctx.db, actorOf(request), request.body)),
    );

    scope.put(
      '/api/v1/imports/:id/file',
      {
        config: { access: 'manager' },
        schema: {
          tags,
          summary:
            'Upload the CSV (text/csv, streamed, up to 200 MB) and run the import; answers when it has finished. ' +
            'Poll GET /api/v1/imports/:id meanwhile for progress',
          params: idParamSchema,
          response: { 200: importSchema },
        },
      },
      async (request) =>
        runImport({
          db: ctx.db,
          actor: actorOf(request),
          importId: request.params.id,
          source: bodyOf(request, CSV_BODY_LIMIT_BYTES),
          exclusive,
        }),
    );

    scope.get(
      '/api/v1/imports/:id',
      {
        config: { access: 'manager' },
        schema: {
          tags,
          summary: 'An import: progress, problems found, summary',
          params: idParamSchema,
          response: { 200: importSchema },
        },
      },
      async (request) => getImport(ctx.db, actorOf(request).workspaceId, request.params.id),
    );

    scope.get(
      '/api/v1/imports',
      {
        config: { access: 'manager' },
        schema: { tags, summary: 'The latest imports, newest first', response: { 200: importListResponse } },
      },
      async (request) => ({ imports: await listImports(ctx.db, actorOf(request).workspaceId) }),
    );

    scope.get(
      '/api/v1/exports/contacts.csv',
      {
        config: { access: 'manager' },
        schema: {
          tags,
          summary:
            'Contacts as CSV (streamed), in the columns the contacts import reads: all of them, or those the people-list filters match',
          querystring: contactExportQuery,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const date = new Date().toISOString().slice(0, 10);
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="contacts-${date}.csv"`)
          .header('cache-control', 'no-store');
        return reply.send(
          Readable.from(exportContactsCsv(ctx.db, actor, { bom: true, filters: request.query })),
        );
      },
    );
  });
}
