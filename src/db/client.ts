// One database handle for the whole app: embedded PGlite in the data directory (with a lock), or a
// pg pool when DATABASE_URL is set. Same schema, same drizzle API, same results: driver differences
// (int8 and numeric as strings in pg) are normalised here and nowhere else.
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type DirLock, lockDataDir } from './lock.ts';
import { type PgliteClient, PgliteConnection } from './pglite-connection.ts';
import { createPglite, numericOids, sessionSettings, toNumber } from './pglite-options.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A drizzle database or transaction on either driver. Commands take it explicitly. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  db: Db;
  /** Where the data lives, for messages: a directory or a redacted URL. */
  location: string;
  /** Runs raw SQL with parameters; used by pg-boss and by maintenance commands. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  pglite?: PgliteClient;
  pool?: pg.Pool;
  close(): Promise<void>;
};

export type OpenOptions = {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PGlite in a worker thread (the server, when configured); in this thread otherwise. */
  thread?: boolean;
  /** With `thread`: called if the database thread dies. */
  onThreadStopped?: (error: Error) => void;
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize);
  const lock = lockDataDir(options.dataDir);
  try {
    const dir = path.join(options.dataDir, 'pgdata');
    const client = options.thread
      ? await PgliteConnection.inWorker({ dataDir: dir }, { onStopped: options.onThreadStopped })
      : await openInProcess(dir);
    return fromPglite(client, dir, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** PGlite in this thread, through the same connection as the database thread's. */
export async function openInProcess(
  dataDir: string | undefined,
  loadDataDir?: Blob,
): Promise<PgliteConnection> {
  return PgliteConnection.inProcess(await createPglite({ dataDir, loadDataDir }));
}

/**
 * Raw SQL with parameters on the driver under a drizzle handle, for code that holds only the
 * handle (the demo seed). Both drivers' clients, PGlite and a pg pool, answer query(text, params)
 * with rows.
 */
export function driverQuery(db: Db): Database['query'] {
  const client = (db as unknown as { $client: { query: Database['query'] } }).$client;
  return (text, params) => client.query(text, params);
}

export function fromPglite(client: PgliteClient, location: string, lock?: DirLock): Database {
  return {
    kind: 'pglite',
    db: drizzlePglite({ client: client as never, schema }) as unknown as Db,
    location,
    pglite: client,
    query: async <T>(text: string, params?: unknown[]) => {
      const result = await client.query<T>(text, params);
      return { rows: result.rows };
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: Object.entries(sessionSettings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' '),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (numericOids.includes(oid)) return toNumber;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    db: drizzlePg({ client: pool, schema }) as unknown as Db,
    location: redactUrl(url),
    pool,
    query: async <T>(text: string, params?: unknown[]) => {
      const result = await pool.query(text, params);
      return { rows: result.rows as T[] };
    },
    close: async () => {
      await pool.end();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Rows of a raw `sql` query; both drivers answer `{ rows }` (their result types differ only in name). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The PostgreSQL error behind an exception, if any. Drizzle wraps driver errors (the original is
 * the `cause`); both drivers put the SQLSTATE in `code` and the violated constraint in `constraint`.
 */
export function pgErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: (e as { constraint?: string }).constraint };
    }
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorOf(error)?.code === '23505';

/**
 * Runs a search in a transaction that steers the planner to the trigram indexes and to fetching
 * the matches by primary key. PostgreSQL underestimates how costly checking `<%` row by row is
 * (most of all under PGlite's WebAssembly), so for a few hundred expected matches it picks a
 * sequential scan, or a hash join against every contact, that takes hundreds of milliseconds at
 * 100,000 rows where the indexes take tens.
 */
export async function withIndexedSearch<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_hashjoin = off`);
    await tx.execute(sql`set local enable_mergejoin = off`);
    return run(tx);
  });
}
