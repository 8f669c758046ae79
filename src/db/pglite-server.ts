// The database side of a PgliteConnection (pglite-connection.ts): answers its requests on one
// PGlite instance, one at a time and in the order sent. Runs in the database thread
// (pglite-worker.ts), or in the main thread when the connection is in-process (the default).
import type { PGlite } from '@electric-sql/pglite';

export type QueryOptions = { rowMode?: 'object' | 'array'; blob?: Blob | File };

export type PgliteRequest = { id: number } & (
  | { op: 'query'; text: string; params?: unknown[]; options: QueryOptions & { rawTypes?: number[] } }
  | { op: 'exec'; text: string; options?: QueryOptions }
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; channel: string }
  | { op: 'close' }
);

export type PgliteReply =
  | { id: number; result: unknown }
  | {
      id: number;
      error: { message: string; name: string; fields: Record<string, string | number | undefined> };
    }
  | { notify: string; payload: string };

const identity = (value: string) => value;

/** Serves requests on `client`; `reply` receives each answer and every notification. */
export function createPgliteServer(client: PGlite, reply: (message: PgliteReply) => void) {
  const unlisteners = new Map<string, () => Promise<void>>();
  const base = client.parsers;
  // Result parsers per set of types left as text. Given per query, PGlite copies its whole parser
  // table into a new object for every statement (drizzle asks for text dates on each of its
  // queries), which doubled the cost of a small statement; the tables are built once here and set
  // on the instance for the statement instead. Safe because requests run one at a time.
  const parserTables = new Map<string, PGlite['parsers']>();
  const parsersFor = (rawTypes: number[]) => {
    const key = rawTypes.join(',');
    let table = parserTables.get(key);
    if (!table) {
      table = { ...base, ...Object.fromEntries(rawTypes.map((oid) => [oid, identity])) };
      parserTables.set(key, table);
    }
    return table;
  };

  async function answer(request: PgliteRequest): Promise<unknown> {
    switch (request.op) {
      case 'query': {
        const { rawTypes, ...options } = request.options;
        if (!rawTypes) return client.query(request.text, request.params, options);
        client.parsers = parsersFor(rawTypes);
        try {
          return await client.query(request.text, request.params, options);
        } finally {
          client.parsers = base;
        }
      }
      case 'exec':
        return client.exec(request.text, request.options);
      case 'listen': {
        const channel = request.channel;
        if (!unlisteners.has(channel)) {
          unlisteners.set(
            channel,
            await client.listen(channel, (payload) => reply({ notify: channel, payload })),
          );
        }
        return null;
      }
      case 'unlisten': {
        const unlisten = unlisteners.get(request.channel);
        unlisteners.delete(request.channel);
        await unlisten?.();
        return null;
      }
      case 'close':
        if (!client.closed) await client.close();
        return null;
    }
  }

  let previous: Promise<void> = Promise.resolve();
  return (request: PgliteRequest) => {
    previous = previous.then(() =>
      answer(request).then(
        (result) => reply({ id: request.id, result }),
        (error: unknown) => reply(errorReply(request.id, error)),
      ),
    );
  };
}

function errorReply(id: number, error: unknown): PgliteReply {
  if (error instanceof Error) {
    // DatabaseError's fields (code, constraint, detail, table...) are own properties; the plain
    // ones are kept so that the caller's rebuilt error reads the same.
    const fields: Record<string, string | number | undefined> = {};
    for (const [key, value] of Object.entries(error)) {
      if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
    }
    return { id, error: { message: error.message, name: error.name, fields } };
  }
  return { id, error: { message: String(error), name: 'Error', fields: {} } };
}
