// What every embedded database is opened with, in the main thread (the default, CLI commands and
// tests) or in the database thread (WARMPATH_DB_THREAD=on): the extensions the schema needs, the result parsers that make both drivers
// answer alike, and the per-session settings. Kept apart from client.ts so that the database
// thread loads PGlite alone, not drizzle and pg.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
export const numericOids = [INT8_OID, NUMERIC_OID];
// Counts and sums come back as numbers on both drivers. Values beyond 2^53 do not occur in this
// domain (counts of rows, money in minor units).
export const toNumber = (value: string) => Number(value);

const pgliteExtensions = { pg_trgm };
const pgliteParsers = { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };

/**
 * Per-session settings, the same on both drivers. Typo-tolerant search uses pg_trgm's `<%`
 * operator (index-backed) with this threshold: names with one or two wrong letters score 0.6 to
 * 0.85 ("elena marketti" against "elena marchetti" is 0.63), while a name that only shares one
 * word with the query ("harbor softwre" against "harbor logistics") scores below 0.5.
 */
export const sessionSettings: Record<string, string> = { 'pg_trgm.word_similarity_threshold': '0.5' };

async function applySessionSettings(client: PGlite): Promise<void> {
  for (const [name, value] of Object.entries(sessionSettings)) {
    await client.query('select set_config($1, $2, false)', [name, value]);
  }
}

/**
 * Opens PGlite with the app's extensions, parsers and session settings: from a data directory,
 * from a dump (tests), or in memory when given neither.
 */
export async function createPglite(from: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  const client = await PGlite.create({
    ...(from.dataDir ? { dataDir: from.dataDir } : {}),
    ...(from.loadDataDir ? { loadDataDir: from.loadDataDir } : {}),
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  });
  await applySessionSettings(client);
  return client;
}
