// The `warmpath` command end to end, as an operator runs it: separate processes on a real data
// directory (or the PostgreSQL server in TEST_DATABASE_URL, in a database of its own).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { withDatabaseName } from './test/paths.ts';
import { runCli, startServerProcess, tempDir, waitForExit } from './test/process.ts';

const pgUrl = process.env.TEST_DATABASE_URL;

/** A fresh empty database for the CLI: a data directory, or a new PostgreSQL database. */
async function freshEnv(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (!pgUrl) return { env: { WARMPATH_DATA_DIR: tempDir() }, drop: async () => {} };
  const name = `wpt_cli_${randomBytes(4).toString('hex')}`;
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

describe('operator commands', () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  before(async () => {
    ({ env, drop } = await freshEnv());
  });
  after(async () => drop());

  test('migrate, seed --demo, user create, reset-password, workspace list', async () => {
    const migrate = await runCli(['migrate'], env);
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.match(migrate.stdout, /Applied \d+ migration|up to date/);

    const seed = await runCli(['seed', '--demo'], env);
    assert.equal(seed.code, 0, seed.stderr);
    assert.match(seed.stdout, /Sign in as maya\.lindqvist@harborlane\.example with password warmpath-demo/);
    const again = await runCli(['seed', '--demo'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists: pass --replace/);

    const created = await runCli(
      ['user', 'create', '--email', 'Op@Example.test', '--role', 'manager', '--password-stdin'],
      env,
      'a-long-password\n',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Added op@example\.test to demo as manager/);
    const dup = await runCli(['user', 'create', '--email', 'op@example.test'], env);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already exists/);

    const badRole = await runCli(['user', 'create', '--email', 'x@example.test', '--role', 'king'], env);
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.stderr, /king/);
    const shortPw = await runCli(
      ['user', 'create', '--email', 'y@example.test', '--password-stdin'],
      env,
      'short',
    );
    assert.equal(shortPw.code, 1);
    assert.match(shortPw.stderr, /at least 10 characters/);

    const reset = await runCli(['user', 'reset-password', '--email', 'op@example.test'], env);
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /New password: \S{12,}/);
    const unknown = await runCli(['user', 'reset-password', '--email', 'ghost@example.test'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No member with email ghost@example\.test/);

    const ws = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Second Firm',
        '--owner-email',
        'boss@second.test',
        '--owner-name',
        'Boss',
      ],
      env,
    );
    assert.equal(ws.code, 0, ws.stderr);
    // With two workspaces the CLI needs to be told which one.
    const ambiguous = await runCli(['user', 'create', '--email', 'z@example.test'], env);
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /--workspace SLUG/);
    const list = await runCli(['workspace', 'list'], env);
    assert.match(list.stdout, /^demo\t/m);
    assert.match(list.stdout, /^second-firm\t/m);
  });

  test('a bad environment value stops with one line naming it', async () => {
    const res = await runCli(['migrate'], { ...env, PORT: 'eighty' });
    assert.equal(res.code, 1);
    assert.equal(
      res.stderr.trim(),
      'warmpath: Invalid configuration: PORT must be an integer between 1 and 65535 (got "eighty")',
    );
  });
});

describe('the server process', () => {
  test('second process on the data directory exits at once; kill -9 then restart loses nothing', {
    skip: Boolean(pgUrl) && 'PGlite only',
  }, async () => {
    const dir = tempDir();
    const env = { WARMPATH_DATA_DIR: dir };
    const first = await startServerProcess(env);
    try {
      const setup = await fetch(`${first.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          firmName: 'Durable Firm',
          name: 'Dee',
          email: 'dee@durable.test',
          password: 'durable-password',
        }),
      });
      assert.equal(setup.status, 201);

      const second = await runCli(['migrate'], env);
      assert.equal(second.code, 1);
      assert.ok(
        second.stderr.includes(
          `Data directory ${dir} is in use by another Warmpath process (pid ${first.child.pid}`,
        ),
      );
      // The holder still serves.
      assert.equal((await fetch(`${first.url}/api/health`)).status, 200);
    } finally {
      first.child.kill('SIGKILL');
      await waitForExit(first.child);
    }

    const restarted = await startServerProcess(env);
    try {
      const login = await fetch(`${restarted.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dee@durable.test', password: 'durable-password' }),
      });
      assert.equal(login.status, 200);
      assert.equal((await fetch(`${restarted.url}/api/v1/setup`)).status, 404);
    } finally {
      restarted.child.kill('SIGTERM');
      // SIGTERM: a clean exit that also releases the data directory.
      assert.equal(await waitForExit(restarted.child), 0, restarted.output());
      assert.ok(!existsSync(path.join(dir, 'warmpath.lock')));
    }
  });

  test('separate web and worker processes need PostgreSQL', async () => {
    const res = await runCli(['start', '--services', 'web'], { WARMPATH_DATA_DIR: tempDir() });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /need a shared PostgreSQL server: set DATABASE_URL/);
  });

  test('web and worker as separate processes on PostgreSQL', {
    skip: !pgUrl && 'needs TEST_DATABASE_URL',
  }, async () => {
    const { env, drop } = await freshEnv();
    try {
      const web = await startServerProcess({ ...env, LOG_LEVEL: 'info' }, 30_000).then(async (s) => s);
      web.child.kill('SIGTERM');
      await waitForExit(web.child);
      const webOnly = await startServerProcess({ ...env });
      const worker = await runWorkerBriefly(env);
      webOnly.child.kill('SIGTERM');
      assert.equal(await waitForExit(webOnly.child), 0);
      assert.match(worker, /worker is running/);
    } finally {
      await drop();
    }
  });
});

async function runWorkerBriefly(env: Record<string, string>): Promise<string> {
  const { spawn } = await import('node:child_process');
  const { mainPath } = await import('./test/process.ts');
  const child = spawn(process.execPath, [mainPath, 'start', '--services', 'worker'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 20_000;
  while (!/worker is running/.test(out) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  await waitForExit(child);
  return out;
}
