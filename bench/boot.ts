// Boot time: from spawning `warmpath start` to the first 200 from /api/health, on a fresh data
// directory (first start: initdb + migrations) and on an existing one (restart), and on
// PostgreSQL when BENCH_DATABASE_URL is set. Baseline in the same run: a bare node:http server
// spawned the same way. Run: `node bench/boot.ts [runs]` (default 5 runs each; medians printed).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const runs = Number(process.argv[2] ?? 5);
const main = path.resolve(import.meta.dirname, '../src/main.ts');
let nextPort = 4300 + Math.floor(Math.random() * 500);

async function timeToHealthy(args: string[], env: Record<string, string>, url: (port: number) => string) {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      try {
        if ((await fetch(url(port))).status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const fmt = (xs: number[]) =>
  `median ${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;

const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')`;
const results: Record<string, number[]> = {
  baseline: [],
  pgliteFirst: [],
  pgliteRestart: [],
  postgresFirst: [],
  postgresRestart: [],
};

for (let i = 0; i < runs; i++) {
  results.baseline!.push(await timeToHealthy(['-e', bare], {}, (p) => `http://127.0.0.1:${p}/`));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warmpath-bench-'));
  const health = (p: number) => `http://127.0.0.1:${p}/api/health`;
  results.pgliteFirst!.push(await timeToHealthy([main, 'start'], { WARMPATH_DATA_DIR: dir }, health));
  results.pgliteRestart!.push(await timeToHealthy([main, 'start'], { WARMPATH_DATA_DIR: dir }, health));
  rmSync(dir, { recursive: true, force: true });

  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `wpb_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    results.postgresFirst!.push(await timeToHealthy([main, 'start'], { DATABASE_URL: u.toString() }, health));
    results.postgresRestart!.push(
      await timeToHealthy([main, 'start'], { DATABASE_URL: u.toString() }, health),
    );
    await admin.query(`drop database "${name}" with (force)`);
    await admin.end();
  }
}

console.log(
  `boot to first healthy response, ${runs} runs each, ${os.cpus().length} cores, Node ${process.version}`,
);
for (const [name, xs] of Object.entries(results)) {
  if (xs.length)
    console.log(
      `${name.padEnd(16)} ${fmt(xs)}  (${(median(xs) / median(results.baseline!)).toFixed(1)}x baseline)`,
    );
}
