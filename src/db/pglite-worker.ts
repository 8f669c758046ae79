// The database thread: one PGlite instance serving the main thread's PgliteConnection through
// pglite-server.ts. Loads no app code: only PGlite and its options.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { WorkerInit } from './pglite-connection.ts';
import { applySessionSettings, pgliteExtensions, pgliteParsers } from './pglite-options.ts';
import { createPgliteServer, type PgliteRequest } from './pglite-server.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread of the app, not on its own');
const init = workerData as WorkerInit;

try {
  const client = await PGlite.create({
    ...(init.dataDir ? { dataDir: init.dataDir } : {}),
    ...(init.loadDataDir ? { loadDataDir: init.loadDataDir } : {}),
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  });
  await applySessionSettings(client);
  const serve = createPgliteServer(client, (reply) => port.postMessage(reply));
  port.on('message', (request: PgliteRequest) => serve(request));
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ fatal: error instanceof Error ? error.message : String(error) });
}
