// A fresh, migrated database per test: PGlite loaded from the template dump, or a PostgreSQL
// database cloned from the template when TEST_DATABASE_URL is set. close() throws it away.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, fromPglite, openInProcess, openPostgres } from '../db/client.ts';
import { PG_TEMPLATE_DB, templateDumpPath, withDatabaseName } from './paths.ts';

let dump: Buffer | undefined;

export const testingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(): Promise<Database & { url: string | undefined }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    dump ??= readFileSync(templateDumpPath);
    const client = await openInProcess(undefined, new Blob([new Uint8Array(dump)]));
    return { ...fromPglite(client, 'memory://test'), url: undefined };
  }
  const name = `wpt_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${PG_TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabaseName(url, name);
  const database = openPostgres(dbUrl, 4);
  return {
    ...database,
    url: dbUrl,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
