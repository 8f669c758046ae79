// The database thread: one PGlite instance serving the main thread's PgliteConnection through
// pglite-server.ts. Loads no app code: only PGlite and its options.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit } from './pglite-connection.ts';
import { createPglite } from './pglite-options.ts';
import { createPgliteServer, type PgliteRequest } from './pglite-server.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread of the app, not on its own');
const init = workerData as WorkerInit;

try {
  const client = await createPglite({ dataDir: init.dataDir });
  const serve = createPgliteServer(client, (reply) => port.postMessage(reply));
  port.on('message', (request: PgliteRequest) => serve(request));
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ fatal: error instanceof Error ? error.message : String(error) });
}
