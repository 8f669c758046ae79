// The database a benchmark runs on: PGlite in a temporary directory, or, with BENCH_DATABASE_URL
// set, a PostgreSQL database of the bench's own that is dropped afterwards. Migrated either way.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance as perfHooks } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { PgliteConnection } from '../../src/db/pglite-connection.ts';

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
    database = await openDatabase({ databaseUrl: undefined, dataDir: dir, thread: loadConfig().dbThread });
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

/**
 * How busy the app's threads were while `run` ran: the main thread and, on PGlite, the database
 * thread (event-loop utilisation, 0-100%), and the process's CPU time as a share of one core.
 */
export async function busyDuring<T>(
  database: Database,
  run: () => Promise<T>,
): Promise<{ result: T; busy: string }> {
  const thread = database.pglite instanceof PgliteConnection ? database.pglite : undefined;
  const main0 = perfHooks.eventLoopUtilization();
  const db0 = thread?.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const parts = [`main thread ${pct(perfHooks.eventLoopUtilization(main0).utilization)}`];
  const db1 = db0 && thread?.eventLoopUtilization(db0);
  if (db1) parts.push(`database thread ${pct(db1.utilization)}`);
  parts.push(`process CPU ${pct((cpu.user + cpu.system) / 1000 / ms)} of one core`);
  return { result, busy: `busy: ${parts.join(', ')}` };
}
