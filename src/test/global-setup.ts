// Runs once before the test files (node --test-global-setup). Migrates one database and keeps it
// as a template: PGlite tests start from its dump (~0.3 s instead of a 3 s initdb), PostgreSQL
// tests (TEST_DATABASE_URL) clone it with CREATE DATABASE ... TEMPLATE.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { Database } from '../db/client.ts';
import { fromPglite, openPostgres } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { PgliteConnection } from '../db/pglite-connection.ts';
import { createPglite } from '../db/pglite-options.ts';
import { allJobSpecs } from '../jobs/index.ts';
import { createBoss, startJobQueue } from '../jobs/queue.ts';
import { PG_TEMPLATE_DB, templateDumpPath, testDataDir, withDatabaseName } from './paths.ts';

async function prepare(database: Database, url: string | undefined) {
  await migrateDatabase(database);
  // Create pg-boss's schema and queues now so tests that start a queue do not each migrate it.
  const boss = createBoss(database, url, { supervise: false });
  await startJobQueue(boss, allJobSpecs, {});
  await boss.stop({ graceful: false, close: true });
}

export async function globalSetup() {
  mkdirSync(testDataDir, { recursive: true });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Leftovers of an interrupted earlier run.
      const old = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'wpt\\_%' or datname = $1`,
        [PG_TEMPLATE_DB],
      );
      for (const { datname } of old.rows)
        await admin.query(`drop database if exists "${datname}" with (force)`);
      await admin.query(`create database "${PG_TEMPLATE_DB}"`);
    } finally {
      await admin.end();
    }
    const templateUrl = withDatabaseName(url, PG_TEMPLATE_DB);
    const database = openPostgres(templateUrl, 2);
    try {
      await prepare(database, templateUrl);
    } finally {
      await database.close();
    }
    return;
  }
  const client = await createPglite({});
  const database = fromPglite(PgliteConnection.inProcess(client), 'memory://template');
  await prepare(database, undefined);
  const dump = await client.dumpDataDir('none');
  writeFileSync(templateDumpPath, Buffer.from(await dump.arrayBuffer()));
  await client.close();
}
