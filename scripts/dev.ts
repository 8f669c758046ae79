// `npm run dev`: the API (restarted by node --watch on every server change) and the Vite dev server
// (hot reload; it proxies /api to the API) side by side, their output prefixed [api] and [web].
// Ctrl-C stops both, and so does either one exiting: half a dev environment only confuses.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const apiPort = process.env.PORT?.trim() || '3000';
const webPort = 5173;
const colour = process.stdout.isTTY && !process.env.NO_COLOR;

function label(name: string, code: number): string {
  return colour ? `\x1b[${code}m[${name}]\x1b[0m` : `[${name}]`;
}

function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string, out: NodeJS.WriteStream) {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    out.write(`${prefix} ${line}\n`);
  });
}

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function start(name: string, code: number, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  const prefix = label(name, code);
  pipeLines(child.stdout, prefix, process.stdout);
  pipeLines(child.stderr, prefix, process.stderr);
  child.on('error', (error) => {
    process.stderr.write(`${prefix} could not start: ${error.message}\n`);
    stop(1);
  });
  child.on('close', (exitCode, signal) => {
    if (!stopping) {
      process.stderr.write(
        `${prefix} exited (${signal ?? `code ${exitCode}`}); stopping the other process too\n`,
      );
      stop(exitCode === 0 ? 0 : 1);
    }
    if (children.every((c) => c.child.exitCode !== null || c.child.signalCode !== null)) {
      process.exit(process.exitCode ?? 0);
    }
  });
  children.push({ name, child });
}

function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  // The server gives itself 20 s to drain; do not wait forever on a stuck child.
  setTimeout(() => {
    for (const { child } of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    process.exit(process.exitCode ?? 1);
  }, 25_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const vite = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
if (!existsSync(vite)) {
  process.stderr.write('vite is not installed: run `npm install` first.\n');
  process.exit(1);
}

// Colours survive the pipe only when asked for.
const childEnv: NodeJS.ProcessEnv = colour ? { ...process.env, FORCE_COLOR: '1' } : { ...process.env };

start('api', 36, process.execPath, ['--watch', 'src/main.ts', 'start'], {
  ...childEnv,
  PORT: apiPort,
  // Pages, and so invite links, are served by Vite in development.
  PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${webPort}`,
});
start('web', 35, vite, ['--config', 'web/vite.config.ts', '--port', String(webPort)], childEnv);

if (apiPort !== '3000') {
  process.stderr.write(
    `Note: web/vite.config.ts proxies /api to :3000, but PORT is ${apiPort}; API calls from the dev UI will fail.\n`,
  );
}
console.log(`Open http://localhost:${webPort} (API on :${apiPort})`);
