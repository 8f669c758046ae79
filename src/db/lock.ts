// PGlite has no lock of its own: two processes on one data directory silently lose writes. This
// lock file makes the second process stop at once with a message naming the holder, and lets a
// new process take over a lock whose holder was killed (kill -9 leaves the file behind).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {}

type LockInfo = { pid: number; host: string; startedAt: string; command: string };

export type DirLock = { path: string; release(): void };

const LOCK_FILE = 'warmpath.lock';

export function lockDataDir(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_FILE);
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
  };

  // A few rounds: another process may take over a stale lock between our read and our write.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' });
      return makeLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(lockPath);
    if (holder && holderIsAlive(holder)) {
      throw new DataDirLockedError(
        `Data directory ${dir} is in use by another Warmpath process (pid ${holder.pid} on ${holder.host}, ` +
          `started ${holder.startedAt}: ${holder.command}). Stop that process first, or set WARMPATH_DATA_DIR ` +
          `to another directory, or use DATABASE_URL to share a PostgreSQL server between processes.`,
      );
    }
    // Stale: its holder is gone. Remove it only if it is still the same stale file we read.
    try {
      const again = readLock(lockPath);
      if (again?.pid === holder?.pid && again?.startedAt === holder?.startedAt) fs.unlinkSync(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DataDirLockedError(`Could not lock data directory ${dir}: another process keeps taking it.`);
}

function makeLock(lockPath: string): DirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readLock(lockPath)?.pid === process.pid) fs.unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.once('exit', release);
  return { path: lockPath, release };
}

function readLock(lockPath: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ''),
      startedAt: String(parsed.startedAt ?? ''),
      command: String(parsed.command ?? ''),
    };
  } catch {
    // Unreadable or half-written (a crash mid-write): treated as stale.
    return undefined;
  }
}

function holderIsAlive(holder: LockInfo): boolean {
  // A lock from another host (a shared network volume) cannot be checked: assume it is held.
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // The pid is alive, but after a reboot or a kill -9 it may have been reused by an unrelated
  // program. On Linux, check that it is a Node process.
  try {
    const cmdline = fs.readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8');
    return /node|warmpath/.test(cmdline);
  } catch {
    return true;
  }
}
