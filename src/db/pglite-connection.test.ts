// The embedded database's connection, in a worker thread and in-process: the same answers, errors,
// transactions and notifications as PGlite itself, and drizzle's results unchanged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { tempDir } from '../test/process.ts';
import { type Database, fromPglite, openInProcess, pgErrorOf, queryRows } from './client.ts';
import { PgliteConnection } from './pglite-connection.ts';

const modes = {
  'worker thread': () => PgliteConnection.inWorker({ dataDir: path.join(tempDir(), 'pgdata') }),
  'in-process': () => openInProcess(undefined),
};

for (const [mode, open] of Object.entries(modes)) {
  describe(`PgliteConnection, ${mode}`, () => {
    let database: Database;
    const ready = open().then((client) => {
      database = fromPglite(client, mode);
    });
    after(async () => {
      await ready;
      await database.close();
    });

    test('answers with the same types as the PostgreSQL driver, raw and through drizzle', async () => {
      await ready;
      const { rows } = await database.query<{ n: number; at: Date; s: string; a: number[] }>(
        `select 42::int8 as n, timestamptz '2026-01-02 03:04:05+00' as at,
                current_setting('pg_trgm.word_similarity_threshold') as s, array[1, 2] as a`,
      );
      assert.deepEqual(rows, [{ n: 42, at: new Date('2026-01-02T03:04:05Z'), s: '0.5', a: [1, 2] }]);
      // drizzle asks for dates as text and numerics as numbers.
      const [row] = await queryRows<{ at: string; d: string; m: number }>(
        database.db,
        sql`select timestamptz '2026-01-02 03:04:05+00' as at, date '2026-05-06' as d, 12.5::numeric as m`,
      );
      assert.deepEqual(row, { at: '2026-01-02 03:04:05+00', d: '2026-05-06', m: 12.5 });
    });

    test('a failed statement rejects with the SQLSTATE and constraint, and the session goes on', async () => {
      await ready;
      await database.query('create table conn_items (id int primary key, name text not null)');
      await database.query(`insert into conn_items values (1, 'one')`);
      const error = await database
        .query(`insert into conn_items values (1, 'again')`)
        .catch((e: unknown) => e);
      assert.equal(pgErrorOf(error)?.code, '23505');
      assert.equal(pgErrorOf(error)?.constraint, 'conn_items_pkey');
      assert.match((error as Error).message, /duplicate key/);
      const { rows } = await database.query<{ n: number }>('select count(*)::int as n from conn_items');
      assert.equal(rows[0]?.n, 1);
    });

    test('a transaction commits or rolls back as a whole, and other statements wait for it', async () => {
      await ready;
      await database.query('create table conn_tx (n int)');
      const order: string[] = [];
      let outside: Promise<void> | undefined;
      await database.db.transaction(async (t) => {
        await t.execute(sql`insert into conn_tx values (1)`);
        // Sent while the transaction is open: must not run inside it, nor before it ends.
        outside = database.query<{ n: number }>('select count(*)::int as n from conn_tx').then((r) => {
          order.push(`outside saw ${r.rows[0]?.n}`);
        });
        await t.execute(sql`insert into conn_tx values (2)`);
        order.push('transaction body done');
      });
      await outside;
      assert.deepEqual(order, ['transaction body done', 'outside saw 2']);

      await assert.rejects(
        database.db.transaction(async (t) => {
          await t.execute(sql`insert into conn_tx values (3)`);
          await t.execute(sql`select 1 / 0`);
        }),
        (error: unknown) => pgErrorOf(error)?.code === '22012',
      );
      const { rows } = await database.query<{ n: number }>('select count(*)::int as n from conn_tx');
      assert.equal(rows[0]?.n, 2, 'the failed transaction left nothing behind');
    });

    test('many concurrent statements all get their own answers', async () => {
      await ready;
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) => database.query<{ i: number }>('select $1::int as i', [i])),
      );
      assert.deepEqual(
        answers.map((a) => a.rows[0]?.i),
        Array.from({ length: 300 }, (_, i) => i),
      );
    });

    test('exec runs several statements; listen delivers notifications until unlistened', async () => {
      await ready;
      const results = await database.pglite!.exec('select 1 as a; select 2 as b');
      assert.deepEqual(
        results.map((r) => r.rows[0]),
        [{ a: 1 }, { b: 2 }],
      );
      const heard: string[] = [];
      const unlisten = await database.pglite!.listen('conn_channel', (payload) => heard.push(payload));
      await database.query(`select pg_notify('conn_channel', 'hello')`);
      await unlisten();
      await database.query(`select pg_notify('conn_channel', 'unheard')`);
      assert.deepEqual(heard, ['hello']);
    });
  });
}

test('a closed connection refuses statements with a clear message', async () => {
  const client = await PgliteConnection.inWorker({ dataDir: path.join(tempDir(), 'pgdata') });
  await client.close();
  assert.equal(client.closed, true);
  await assert.rejects(client.query('select 1'), /The embedded database is closed/);
});

test('a database thread that dies fails what was waiting and what comes after, and says so once', async () => {
  const stops: Error[] = [];
  const client = await PgliteConnection.inWorker(
    { dataDir: path.join(tempDir(), 'pgdata') },
    // A small heap, then a result too big for it: the thread is killed for running out of memory.
    { resourceLimits: { maxOldGenerationSizeMb: 48 }, onStopped: (error) => stops.push(error) },
  );
  await assert.rejects(
    client.query(`select repeat('x', 1000) as s from generate_series(1, 300000)`),
    /The embedded database stopped: .*memory/,
  );
  await assert.rejects(client.query('select 1'), /The embedded database stopped/);
  assert.equal(stops.length, 1);
  await client.close();
  assert.equal(client.closed, true);
});

test('a data directory that cannot be opened fails the start with the reason', async () => {
  // A file where the data directory should be.
  const file = path.join(tempDir(), 'not-a-directory');
  writeFileSync(file, '');
  await assert.rejects(
    PgliteConnection.inWorker({ dataDir: path.join(file, 'pgdata') }),
    /ENOTDIR: not a directory/,
  );
});

test('a command with the database open exits by itself once its work is done', () => {
  // The database thread must not keep the process alive while idle (CLI commands rely on it).
  const dir = path.join(tempDir(), 'pgdata');
  const script = `
    import { PgliteConnection } from ${JSON.stringify(new URL('./pglite-connection.ts', import.meta.url).href)};
    const client = await PgliteConnection.inWorker({ dataDir: ${JSON.stringify(dir)} });
    const { rows } = await client.query('select 7 as n');
    console.log(rows[0].n);`;
  const file = path.join(tempDir(), 'command.mjs');
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '7');
});
