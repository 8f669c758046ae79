// `warmpath import` and `warmpath export` as an operator runs them, including a kill -9 mid-import.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../db/client.ts';
import { withDatabaseName } from '../../test/paths.ts';
import { mainPath, runCli, tempDir, waitForExit } from '../../test/process.ts';

const pgUrl = process.env.TEST_DATABASE_URL;

async function freshEnv(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (!pgUrl) return { env: { WARMPATH_DATA_DIR: tempDir() }, drop: async () => {} };
  const name = `wpt_imp_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    env: { DATABASE_URL: withDatabaseName(pgUrl, name), WARMPATH_DATA_DIR: tempDir() },
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

async function inspect<T>(env: Record<string, string>, sqlText: string): Promise<T[]> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.WARMPATH_DATA_DIR! });
  try {
    return (await database.query<T>(sqlText)).rows;
  } finally {
    await database.close();
  }
}

describe('warmpath import / export', () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let dir: string;
  before(async () => {
    ({ env, drop } = await freshEnv());
    dir = tempDir('warmpath-import-');
    const created = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Import Firm',
        '--owner-email',
        'owner@import.test',
        '--owner-name',
        'Olive Owner',
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
  });
  after(async () => drop());

  test('import, re-run, export to standard output and back, problems refused with a non-zero exit', async () => {
    const file = path.join(dir, 'people.csv');
    writeFileSync(
      file,
      'Full Name,Email Address,Organization,Tags\nAna Silva,ana@cli.test,Acme,vip\nBo Li,bo@cli.test,,\n',
    );
    const dry = await runCli(['import', 'contacts', file, '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /Checked 2 rows of people\.csv: no problems\. Importing would give 2 created, 0 updated, 1 companies added/,
    );
    const first = await runCli(['import', 'contacts', file], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /Imported 2 contacts from people\.csv: 2 created, 0 updated, 1 companies added/,
    );
    const again = await runCli(['import', 'contacts', file], env);
    assert.match(again.stdout, /0 created, 2 updated/);

    const exported = await runCli(['export', 'contacts'], env);
    assert.equal(exported.code, 0, exported.stderr);
    const lines = exported.stdout.trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^name,email,other_emails,phone,title,company,kind/);
    const out = path.join(dir, 'export.csv');
    assert.equal((await runCli(['export', 'contacts', out], env)).code, 0);
    assert.equal(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), exported.stdout);
    const back = await runCli(['import', 'contacts', out], env);
    assert.match(back.stdout, /0 created, 2 updated/);

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'Name,Email\nCy,not-an-email\n,dee@cli.test\n');
    const refused = await runCli(['import', 'contacts', bad], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Row 2, Email: Not a valid email address/);
    assert.match(refused.stderr, /Row 3, Name: Name is required/);
    assert.match(refused.stderr, /2 problem\(s\) in bad\.csv; nothing was stored/);

    const mapped = path.join(dir, 'mapped.csv');
    writeFileSync(mapped, 'Person,Mail\nEd,ed@cli.test\n');
    const noMap = await runCli(['import', 'contacts', mapped], env);
    assert.equal(noMap.code, 1);
    assert.match(noMap.stderr, /No column is mapped to Name/);
    const withMap = await runCli(
      ['import', 'contacts', mapped, '--map', 'Person=name', '--map', 'Mail=email'],
      env,
    );
    assert.equal(withMap.code, 0, withMap.stderr);
  });

  test('a kill -9 mid-import stores nothing; running it again completes', async () => {
    const file = path.join(dir, 'big.csv');
    const rows = ['Name,Email,Company'];
    for (let i = 0; i < 50_000; i++) rows.push(`Person ${i},person${i}@big.test,Company ${i % 500}`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const before = await inspect<{ n: number }>(env, 'select count(*)::int as n from contacts');

    const child = spawn(process.execPath, [mainPath, 'import', 'contacts', file, '--progress'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kill it as soon as the first batch of rows is staged: well before the apply transaction.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr!.on('data', (d) => {
        seen += d;
        if (/progress reading \d+ bytes [1-9]\d* rows/.test(seen)) resolve();
      });
      child.once('exit', () => reject(new Error(`the import ended before it could be interrupted: ${seen}`)));
    });
    child.kill('SIGKILL');
    await waitForExit(child);

    const [state] = await inspect<{ status: string; n: number }>(
      env,
      `select i.status, (select count(*)::int from contacts) as n from imports i order by i.created_at desc limit 1`,
    );
    assert.ok(['running', 'applying'].includes(state!.status), `import was ${state!.status}`);
    assert.equal(state!.n, before[0]!.n, 'no contact was stored');

    const rerun = await runCli(['import', 'contacts', file], env);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(
      rerun.stdout,
      /Imported 50,000 contacts from big\.csv: 50,000 created, 0 updated, 500 companies added/,
    );
    const after = await inspect<{ status: string; message: string | null; staged: number }>(
      env,
      `select status, message, (select count(*)::int from import_rows r where r.import_id = i.id) as staged
       from imports i order by created_at desc limit 2`,
    );
    assert.equal(after[0]!.status, 'completed');
    assert.equal(after[0]!.staged, 0);
    // The export pages through all of them (1,000 at a time), each exactly once.
    const exported = await runCli(['export', 'contacts'], env);
    const emails = exported.stdout
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    assert.equal(emails.length, before[0]!.n + 50_000);
    assert.equal(new Set(emails).size, emails.length);
    if (!pgUrl) {
      // On the embedded database the next import knows the dead one cannot be running elsewhere,
      // and removes its staged rows. On a shared PostgreSQL that waits for its heartbeat to age.
      assert.equal(after[1]!.status, 'failed');
      assert.match(after[1]!.message!, /Interrupted/);
      assert.equal(after[1]!.staged, 0);
    }
  });

  test('with several workspaces, --workspace is required', async () => {
    const second = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Other Firm',
        '--owner-email',
        'owner@other.test',
        '--owner-name',
        'Otto',
      ],
      env,
    );
    assert.equal(second.code, 0, second.stderr);
    const file = path.join(dir, 'one.csv');
    writeFileSync(file, 'Name,Email\nFay,fay@other.test\n');
    const ambiguous = await runCli(['import', 'contacts', file], env);
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /pass --workspace SLUG/);
    const ok = await runCli(['import', 'contacts', file, '--workspace', 'other-firm'], env);
    assert.equal(ok.code, 0, ok.stderr);
    const exported = await runCli(['export', 'contacts', '--workspace', 'other-firm'], env);
    assert.equal(exported.stdout.trim().split('\r\n').length, 2);
  });
});
