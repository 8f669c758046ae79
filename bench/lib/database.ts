// The database a benchmark runs on: PGlite in a temporary directory, or, with BENCH_DATABASE_URL
// set, a PostgreSQL database of the bench's own that is dropped afterwards. Migrated either way.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

export type BenchDatabase = { database: Database; dispose(): Promise<void> };

export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  const url = process.env.BENCH_DATABASE_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), `warmpath-bench-${name}-`));
  let dbName: string | undefined;
  let database: Database;
  if (url) {
    dbName = `warmpath_bench_${name.replace(/\W/g, '_')}_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    database = await openDatabase({ databaseUrl: u.toString(), dataDir: dir, poolSize: 10 });
  } else {
    database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  }
  await migrateDatabase(database);
  return {
    database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
      if (url && dbName) {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`drop database if exists "${dbName}" with (force)`);
        await admin.end();
      }
    },
  };
}

/** BENCH_TRACE=1 (PGlite): time spent per statement (its first words), printed at exit. */
export function traceQueries(database: Database): void {
  const client = database.pglite;
  if (!client) return;
  const spent = new Map<string, { ms: number; n: number }>();
  const wrap = (target: { query: (...a: never[]) => Promise<unknown> }) => {
    const original = target.query.bind(target);
    target.query = (async (...args: never[]) => {
      const t0 = performance.now();
      try {
        return await original(...args);
      } finally {
        const key = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 90);
        const e = spent.get(key) ?? { ms: 0, n: 0 };
        e.ms += performance.now() - t0;
        e.n++;
        spent.set(key, e);
      }
    }) as never;
  };
  wrap(client as never);
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (tx: never) => Promise<unknown>) =>
    transaction((tx) => {
      wrap(tx as never);
      return fn(tx as never);
    })) as never;
  process.on('exit', () => {
    for (const [k, v] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      console.log(`${v.ms.toFixed(0).padStart(8)} ms ${String(v.n).padStart(6)}x  ${k}`);
  });
}
