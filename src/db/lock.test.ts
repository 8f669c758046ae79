import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../test/process.ts';
import { DataDirLockedError, lockDataDir } from './lock.ts';

test('creates the directory, writes the lock and releases it', () => {
  const dir = path.join(tempDir(), 'nested', 'data');
  const lock = lockDataDir(dir);
  assert.ok(existsSync(lock.path));
  assert.equal(JSON.parse(readFileSync(lock.path, 'utf8')).pid, process.pid);
  lock.release();
  assert.ok(!existsSync(lock.path));
});

test('a live holder keeps the lock and the message names the directory and the process', async () => {
  const dir = tempDir();
  // A real other Node process holding the lock file.
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    writeFileSync(
      path.join(dir, 'warmpath.lock'),
      JSON.stringify({
        pid: holder.pid,
        host: (await import('node:os')).hostname(),
        startedAt: 'earlier',
        command: 'warmpath start',
      }),
    );
    assert.throws(
      () => lockDataDir(dir),
      (error: Error) => {
        assert.ok(error instanceof DataDirLockedError);
        assert.ok(error.message.includes(dir));
        assert.ok(error.message.includes(`pid ${holder.pid}`));
        return true;
      },
    );
  } finally {
    holder.kill('SIGKILL');
  }
});

test('a stale lock from a dead process is taken over', async () => {
  const dir = tempDir();
  const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => dead.once('exit', r));
  writeFileSync(
    path.join(dir, 'warmpath.lock'),
    JSON.stringify({
      pid: dead.pid,
      host: (await import('node:os')).hostname(),
      startedAt: 'x',
      command: 'x',
    }),
  );
  const lock = lockDataDir(dir);
  assert.equal(JSON.parse(readFileSync(lock.path, 'utf8')).pid, process.pid);
  lock.release();
});

test('a half-written lock file counts as stale', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'warmpath.lock'), '{"pid": 12');
  const lock = lockDataDir(dir);
  lock.release();
});
