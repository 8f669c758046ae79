// Builds the React app before `npm start` / `npm run e2e` when web/dist is missing or older than
// any of its sources, so nobody serves a stale UI by accident. When the build is current this only
// compares modification times and returns in a few milliseconds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'web', 'dist', 'index.html');

/** Everything the web bundle is made from: the app itself plus the server code it imports. */
function sourceRoots(): string[] {
  const roots = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'src/shared'].map((p) =>
    path.join(root, p),
  );
  const features = path.join(root, 'src', 'features');
  if (existsSync(features)) {
    for (const entry of readdirSync(features, { withFileTypes: true })) {
      if (entry.isDirectory()) roots.push(path.join(features, entry.name, 'schemas.ts'));
    }
  }
  return roots;
}

/** The first file under `target` modified after `since` (ms), or undefined. */
function newerThan(target: string, since: number): string | undefined {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(target);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return stat.mtimeMs > since ? target : undefined;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    const found = newerThan(path.join(target, entry.name), since);
    if (found) return found;
  }
  return undefined;
}

function staleReason(): string | undefined {
  if (!existsSync(builtIndex)) return 'web/dist/index.html is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  for (const source of sourceRoots()) {
    const changed = newerThan(source, builtAt);
    if (changed) return `${path.relative(root, changed)} changed since the last build`;
  }
  return undefined;
}

function fail(message: string): never {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

const reason = staleReason();
if (reason !== undefined) {
  console.log('Building the web app…');
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
  if (!existsSync(bin)) fail('Cannot build the web app: vite is not installed. Run `npm install` first.');
  const startedAt = Date.now();
  const result = spawnSync(bin, ['build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) fail(`Cannot build the web app: ${result.error.message}`);
  if (result.status !== 0 || !existsSync(builtIndex)) {
    const how = result.signal ? `was stopped by ${result.signal}` : `exited with code ${result.status}`;
    fail(
      `The web app build failed (vite ${how}; ${reason}). Fix the errors above, then run \`npm run build\` or start again.`,
    );
  }
  // Date the build from when it started: a source saved while vite was running is then still seen
  // as newer and triggers the next build.
  const started = new Date(startedAt);
  utimesSync(builtIndex, started, started);
}
