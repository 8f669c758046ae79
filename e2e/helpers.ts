// Browser tests drive the real thing: `node src/main.ts start` as a child process on a free port
// with its own empty data directory (or, with E2E_DATABASE_URL, its own fresh PostgreSQL database),
// and Debian's Chromium through playwright-core. Each browser "context" is a persistent profile in
// its own temporary directory, so two of them are two independent people.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, type TestContext, test } from 'node:test';
import pg from 'pg';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
export const screenshotDir = path.join(import.meta.dirname, 'screenshots');

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long a step may wait for the page; generous because CI machines have two slow cores. */
export const STEP_TIMEOUT = 20_000;

// ---------------------------------------------------------------------------------------------
// The server

export type RunningServer = {
  url: string;
  /** What the server printed, for failure reports. */
  output: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new, empty database on the E2E_DATABASE_URL server; dropped again by the returned function. */
async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `wpe_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(adminUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `warmpath start` and resolves once GET /api/health answers 200. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warmpath-e2e-'));
  const adminUrl = process.env.E2E_DATABASE_URL?.trim();
  const database = adminUrl ? await createPostgresDatabase(adminUrl) : undefined;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WARMPATH_DATA_DIR: dataDir,
    // Kept in memory and shown only when a test fails.
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  if (database) env.DATABASE_URL = database.url;

  const child = spawn(process.execPath, ['src/main.ts', 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    lines.push(`[the server process exited: ${signal ?? `code ${code}`}]`);
  });
  const output = () => lines.join('\n');

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 25_000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let lastProblem = 'no answer yet';
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `The server exited during startup (${child.signalCode ?? `code ${child.exitCode}`}):\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
      lastProblem = `GET /api/health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server was not healthy after 90 s (${lastProblem}):\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, output, stop };
}

// ---------------------------------------------------------------------------------------------
// Browsers

export type Browser = {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, for failure reports. */
  problems: string[];
  close: () => Promise<void>;
};

export type BrowserOptions = { width?: number; height?: number };

/** A fresh Chromium profile (its own cookies and storage) with one page open. */
export async function openBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'warmpath-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const watch = (p: Page) => {
    p.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    p.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
  };
  watch(page);
  context.on('page', watch);
  let closed: Promise<void> | undefined;
  return {
    context,
    page,
    problems,
    close: () => {
      closed ??= context
        .close()
        .catch(() => {})
        .finally(() => rmSync(userDataDir, { recursive: true, force: true }));
      return closed;
    },
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Saves a PNG of every open page of every browser; returns where. */
export async function screenshotAll(testName: string, browsers: Browser[]): Promise<string[]> {
  mkdirSync(screenshotDir, { recursive: true });
  const saved: string[] = [];
  for (const [b, browser] of browsers.entries()) {
    for (const [p, page] of browser.context.pages().entries()) {
      const file = path.join(screenshotDir, `${slug(testName)}-browser${b + 1}-page${p + 1}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        saved.push(`${path.relative(root, file)} (${page.url()})`);
      } catch (error) {
        saved.push(`no screenshot of ${page.url()}: ${error instanceof Error ? error.message : error}`);
      }
    }
  }
  return saved;
}

// ---------------------------------------------------------------------------------------------
// One server per test file, browser tests that report what they saw when they fail

export type E2E = {
  /** Base URL of the running server, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Opens a new browser (a separate profile); closed at the end of the test. */
  browser: (options?: BrowserOptions) => Promise<Browser>;
};

/**
 * Starts one server for the test file (before) and stops it (after). Use the returned `test`
 * for browser tests: on failure it saves screenshots of every open page under e2e/screenshots/
 * and prints browser errors and the server's recent output.
 */
export function serverForThisFile() {
  let server: RunningServer | undefined;
  before(
    async () => {
      server = await startServer();
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await server?.stop();
  });

  const running = (): RunningServer => {
    assert.ok(server, 'the e2e server did not start (see the error of the before hook)');
    return server;
  };

  function browserTest(name: string, fn: (e2e: E2E, t: TestContext) => Promise<void>) {
    test(name, { timeout: 180_000 }, async (t) => {
      const browsers: Browser[] = [];
      const e2e: E2E = {
        get url() {
          return running().url;
        },
        browser: async (options) => {
          const b = await openBrowser(options);
          browsers.push(b);
          return b;
        },
      };
      try {
        await fn(e2e, t);
      } catch (error) {
        for (const line of await screenshotAll(name, browsers)) t.diagnostic(`screenshot: ${line}`);
        for (const [i, b] of browsers.entries()) {
          for (const problem of b.problems.slice(-20)) t.diagnostic(`browser ${i + 1} ${problem}`);
        }
        const tail = server?.output().split('\n').slice(-40).join('\n');
        if (tail) t.diagnostic(`server output (last lines):\n${tail}`);
        throw error;
      } finally {
        await Promise.all(browsers.map((b) => b.close()));
      }
    });
  }

  return {
    get url() {
      return running().url;
    },
    api: (): ApiClient => new ApiClient(running().url),
    test: browserTest,
  };
}

// ---------------------------------------------------------------------------------------------
// Preparing data through the API, for tests that are about something else than the forms

export type Credentials = { email: string; password: string };

export class ApiClient {
  readonly base: string;
  private cookie = '';

  constructor(base: string) {
    this.base = base;
  }

  async request<T>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.base}${pathname}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie();
    if (setCookie.length > 0) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** Runs first-run setup if nobody has yet; either way, signs in as `owner`. */
  async ensureWorkspace(owner: Credentials & { firmName: string; name: string }): Promise<void> {
    const status = await this.request('GET', '/api/v1/setup');
    if (status.status === 200) {
      const setup = await this.request('POST', '/api/v1/setup', { ...owner, timeZone: 'Europe/Lisbon' });
      assert.equal(setup.status, 201, `setup failed: ${JSON.stringify(setup.body)}`);
      return;
    }
    await this.signIn(owner);
  }

  async signIn(credentials: Credentials): Promise<void> {
    const login = await this.request('POST', '/api/v1/auth/login', {
      email: credentials.email,
      password: credentials.password,
    });
    assert.equal(login.status, 200, `sign-in as ${credentials.email} failed: ${JSON.stringify(login.body)}`);
  }

  /** Creates an invite and returns its single-use link. */
  async invite(email: string, role: 'owner' | 'manager' | 'member' = 'member'): Promise<string> {
    const created = await this.request<{ url: string }>('POST', '/api/v1/invites', { email, role });
    assert.equal(created.status, 201, `invite failed: ${JSON.stringify(created.body)}`);
    return created.body.url;
  }

  async acceptInvite(link: string, name: string, password: string): Promise<void> {
    const token = new URL(link).pathname.split('/').pop();
    const accepted = await this.request('POST', '/api/v1/invites/accept', { token, name, password });
    assert.equal(accepted.status, 201, `accepting the invite failed: ${JSON.stringify(accepted.body)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Page checks (playwright-core has no `expect`)

/** Waits until the page URL's path matches. */
export async function waitForPath(page: Page, pathname: string | RegExp): Promise<void> {
  await page.waitForURL(
    (url) => (typeof pathname === 'string' ? url.pathname === pathname : pathname.test(url.pathname)),
    { timeout: STEP_TIMEOUT },
  );
}

/** Waits until the app shell is on screen (its "Today" navigation link). */
export async function waitForAppShell(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Today', exact: true }).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Account menu' }).waitFor({ state: 'visible' });
}

/**
 * Opens a select and picks an option. A form that re-renders just after the click (a field
 * appearing above, a value filled in) can close the dropdown it opened, so the field is clicked
 * again while the option has not appeared.
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  name: string | RegExp,
  options: { exact?: boolean } = {},
): Promise<void> {
  const option = page.getByRole('option', { name, ...options });
  for (let attempt = 1; ; attempt++) {
    await field.click();
    try {
      await option.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  await option.click();
}

/** How far the document is wider than the viewport (0 = no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    return Math.max(doc.scrollWidth, document.body.scrollWidth) - doc.clientWidth;
  });
}

/**
 * Matches a form label exactly, with or without the " *" Mantine adds to required fields, so
 * "Email" finds the Email input but not "Email notifications".
 */
export function label(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?\\s*$`);
}

// ---------------------------------------------------------------------------------------------
// Shared by the feature tests

/** The firm most browser tests set up and sign in as. */
export const harborLaneOwner = {
  firmName: 'Harbor & Lane Advisory',
  name: 'Maya Lindqvist',
  email: 'maya@harborlane.example',
  password: 'maple-harbour-5512',
};

/** A function that saves full-page screenshots as `dir/NAME.png` (the folder made on first use). */
export function screenshotsIn(dir: string) {
  return async (page: Page, name: string) => {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  };
}

/** Signs in through the login page and waits for the app. */
export async function signInAs(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(`${url}/login`);
  await page.getByLabel(label('Email')).fill(who.email);
  await page.getByLabel(label('Password')).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForAppShell(page);
}
