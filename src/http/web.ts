// Serves the built React app (web/dist) with a fallback to index.html for client-side routes.
// Unknown /api paths stay JSON 404s.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.ts';
import { sendError } from './errors.ts';
import type { App } from './types.ts';

export const webDistDir = path.resolve(import.meta.dirname, '../../web/dist');

export async function registerWeb(app: App, distDir: string | false) {
  const hasBuild = distDir !== false && existsSync(path.join(distDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      // Hashed asset names can be cached forever; index.html must always be revalidated.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    const wantsPage =
      request.method === 'GET' && !isApi && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && hasBuild) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    if (wantsPage) {
      return reply
        .status(503)
        .type('text/html')
        .send(
          '<!doctype html><title>Warmpath</title><p>The web app is not built yet. Run <code>npm run build</code> ' +
            '(or use <code>npm start</code>, which builds it when missing), then reload.</p>',
        );
    }
    return sendError(
      reply,
      new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
    );
  });
}
