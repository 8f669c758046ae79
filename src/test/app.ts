// Test harness: a Fastify app on a fresh database, driven through inject() (no port), plus
// helpers to make workspaces and call the API as one of their members.
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { MemberRole } from '../db/schema/index.ts';
import { SESSION_COOKIE } from '../features/auth/routes.ts';
import { createSession } from '../features/auth/sessions.ts';
import { createMember } from '../features/members/create-member.ts';
import { createWorkspace } from '../features/workspace/create-workspace.ts';
import { buildApp } from '../http/app.ts';
import type { App } from '../http/types.ts';
import { createTestDatabase } from './db.ts';

export type TestContext = {
  app: App;
  /** `url` is set on PostgreSQL, for code that opens its own connections (pg-boss). */
  database: Database & { url: string | undefined };
  db: Db;
  config: Config;
  close(): Promise<void>;
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    dbThread: false,
    publicUrl: 'http://warmpath.test',
    secureCookies: false,
    smtpUrl: undefined,
    sessionSecret: 'test-secret-test-secret-test-secret!',
    logLevel: (process.env.LOG_LEVEL as Config['logLevel']) ?? 'silent',
    ...overrides,
  };
}

export async function createTestApp(
  options: { config?: Partial<Config>; beforeReady?: (app: App) => void } = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = testConfig(options.config);
  const app = await buildApp({ config, database, sessionSecret: config.sessionSecret!, webDist: false });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies and assert on their shape.
export type Response = { status: number; body: any; headers: Record<string, unknown> };

/** Calls the API as whoever holds `cookie` (or anonymously). */
export async function call(
  t: Pick<TestContext, 'app'>,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  options: { cookie?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(options.cookie && { cookie: options.cookie }), ...options.headers },
    ...(options.body !== undefined && { payload: options.body as object }),
  });
  let body: unknown = res.body;
  if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body) body = res.json();
  return { status: res.statusCode, body, headers: res.headers };
}

export function sessionCookieFrom(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [raw];
  const found = all.map(String).find((c) => c.startsWith('wp_session='));
  if (!found) throw new Error('no session cookie in response');
  return found.split(';')[0]!;
}

export const TEST_PASSWORD = 'correct-horse-battery';

export type WorkspaceHandle = {
  workspaceId: string;
  slug: string;
  memberId: string;
  email: string;
  cookie: string;
};

let counter = 0;

/** Creates a workspace with an owner and signs the owner in. */
export async function newWorkspace(t: TestContext, firmName = `Firm ${++counter}`): Promise<WorkspaceHandle> {
  const email = `owner${++counter}@${firmName.toLowerCase().replace(/[^a-z0-9]+/g, '')}.test`;
  const { workspace, owner } = await createWorkspace(t.db, {
    firmName,
    owner: { name: `Owner of ${firmName}`, email, password: TEST_PASSWORD },
  });
  const cookie = await sessionFor(t, workspace.id, owner.id);
  return { workspaceId: workspace.id, slug: workspace.slug, memberId: owner.id, email, cookie };
}

/** Adds a member with the given role to a workspace and signs them in. */
export async function newMember(t: TestContext, ws: WorkspaceHandle, role: MemberRole, name = `A ${role}`) {
  const email = `${role}${++counter}@member.test`;
  const member = await createMember(t.db, {
    workspaceId: ws.workspaceId,
    email,
    name,
    role,
    password: TEST_PASSWORD,
  });
  const cookie = await sessionFor(t, ws.workspaceId, member.id);
  return { memberId: member.id, email, cookie };
}

/**
 * A signed session cookie for a member, made without the login route so that helpers do not
 * spend the per-IP sign-in rate limit (which has its own tests).
 */
export async function sessionFor(t: TestContext, workspaceId: string, memberId: string): Promise<string> {
  const { token } = await createSession(t.db, { workspaceId, memberId });
  return `${SESSION_COOKIE}=${t.app.signCookie(token)}`;
}

export async function login(
  t: Pick<TestContext, 'app'>,
  email: string,
  password: string,
  workspace?: string,
) {
  const res = await call(t, 'POST', '/api/v1/auth/login', { body: { email, password, workspace } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return sessionCookieFrom(res);
}

/** Creates a person through the API as `cookie`'s member and returns the created contact. */
export async function createContactVia(t: TestContext, cookie: string, body: Record<string, unknown>) {
  const res = await call(t, 'POST', '/api/v1/contacts', { cookie, body });
  if (res.status !== 201) throw new Error(`create contact failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; account: { id: string } | null };
}

/** Logs a conversation through the API and returns it. */
export async function logVia(t: TestContext, cookie: string, body: Record<string, unknown>) {
  const res = await call(t, 'POST', '/api/v1/interactions', { cookie, body });
  if (res.status !== 201)
    throw new Error(`log interaction failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}
