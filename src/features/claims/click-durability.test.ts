// kill -9 under click load: every click whose redirect was answered is in link_clicks after a
// restart on the same data directory (PGlite, in the server's thread or its own; the real server
// as a child process).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { startServerProcess, tempDir, waitForExit } from '../../test/process.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { seedOfferWithLink } from './test-fixtures.ts';

async function countClicks(dir: string, linkId: string): Promise<number> {
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from link_clicks where link_id = ${linkId}`,
    );
    return Number(row!.n);
  } finally {
    await database.close();
  }
}

// Both ways of running the embedded database: in the server's thread and in a thread of its own.
for (const dbThread of ['off', 'on']) {
  test(`kill -9 under click load loses no answered click (database thread ${dbThread})`, {
    skip: Boolean(process.env.TEST_DATABASE_URL) && 'PGlite only',
  }, async () => {
    const dir = tempDir('warmpath-clicks-');
    const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    let linkId: string;
    let code: string;
    try {
      await migrateDatabase(database);
      const { workspace } = await createWorkspace(database.db, {
        firmName: 'Durable Clicks',
        owner: { name: 'Dee', email: 'dee@clicks.test', password: 'durable-password' },
      });
      const { link } = await seedOfferWithLink(database.db, workspace.id);
      linkId = link.id;
      code = link.code;
    } finally {
      await database.close();
    }

    const env = { WARMPATH_DATA_DIR: dir, WARMPATH_DB_THREAD: dbThread };
    const server = await startServerProcess(env);
    let answered = 0;
    let failed = 0;
    let stop = false;
    // 16 clients clicking as fast as they can; the server is killed once 150 clicks were answered
    // (the per-address limit allows 600 a minute, so none is refused).
    const clients = Array.from({ length: 16 }, async () => {
      while (!stop) {
        try {
          const res = await fetch(`${server.url}/r/${code}`, {
            redirect: 'manual',
            headers: { 'user-agent': 'Mozilla/5.0 Firefox/132.0' },
          });
          await res.arrayBuffer();
          if (res.status === 302) answered++;
          else failed++;
        } catch {
          // The connection died with the server: this click was never answered.
          return;
        }
      }
    });
    while (answered < 150 && server.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    await waitForExit(server.child);
    stop = true;
    await Promise.all(clients);
    assert.ok(answered >= 150, `answered ${answered}`);
    assert.equal(failed, 0);

    // Restart on the same directory (recovery after the kill), then stop it cleanly.
    const restarted = await startServerProcess(env);
    const after = await fetch(`${restarted.url}/r/${code}`, { redirect: 'manual' });
    assert.equal(after.status, 302);
    restarted.child.kill('SIGTERM');
    assert.equal(await waitForExit(restarted.child), 0, restarted.output());

    const stored = await countClicks(dir, linkId!);
    // Every answered click is stored, plus the one after the restart; clicks committed whose
    // answer the kill cut off may be stored too (at most one batch of the 16 clients).
    assert.ok(stored >= answered + 1, `stored ${stored}, answered ${answered}`);
    assert.ok(stored <= answered + 1 + 16, `stored ${stored}, answered ${answered}`);
  });
}
