import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  call,
  createTestApp,
  newMember,
  newWorkspace,
  sessionCookieFrom,
  TEST_PASSWORD,
  type TestContext,
} from '../../test/app.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

const setupBody = {
  firmName: 'Northwind Advisory',
  name: 'Ana Silva',
  email: 'Ana@Northwind.test',
  password: TEST_PASSWORD,
};

describe('first-run setup', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('is open while no workspace exists, creates the owner and signs them in, then answers 404', async () => {
    assert.deepEqual((await call(t, 'GET', '/api/v1/setup')).body, { setupNeeded: true });

    const res = await call(t, 'POST', '/api/v1/setup', { body: { ...setupBody, timeZone: 'Europe/Lisbon' } });
    assert.equal(res.status, 201);
    assert.equal(res.body.member.email, 'ana@northwind.test');
    assert.equal(res.body.member.role, 'owner');
    assert.equal(res.body.workspace.slug, 'northwind-advisory');
    assert.equal(res.body.workspace.timeZone, 'Europe/Lisbon');
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.doesNotMatch(setCookie, /Secure/);

    const cookie = sessionCookieFrom(res);
    const session = await call(t, 'GET', '/api/v1/auth/session', { cookie });
    assert.equal(session.status, 200);
    assert.equal(session.body.member.name, 'Ana Silva');

    assert.equal((await call(t, 'GET', '/api/v1/setup')).status, 404);
    const again = await call(t, 'POST', '/api/v1/setup', { body: { ...setupBody, email: 'other@x.test' } });
    assert.equal(again.status, 404);
  });

  test('rejects a short password and names the field', async () => {
    const fresh = await createTestApp();
    try {
      const res = await call(fresh, 'POST', '/api/v1/setup', { body: { ...setupBody, password: 'short' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.equal(res.body.error.details[0].path, 'body.password');
      assert.match(res.body.error.message, /at least 10 characters/);
    } finally {
      await fresh.close();
    }
  });

  test('two setups at once create exactly one workspace', async () => {
    const fresh = await createTestApp();
    try {
      const results = await Promise.all([
        call(fresh, 'POST', '/api/v1/setup', { body: setupBody }),
        call(fresh, 'POST', '/api/v1/setup', { body: { ...setupBody, firmName: 'Second' } }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 404]);
    } finally {
      await fresh.close();
    }
  });
});

describe('sign in and out', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp({ config: { publicUrl: 'https://warmpath.example.com', secureCookies: true } });
  });
  after(async () => t.close());

  test('signs in with the right password, case-insensitive email, Secure cookie on https', async () => {
    const ws = await newWorkspace(t, 'Login Firm');
    const res = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email: ws.email.toUpperCase(), password: TEST_PASSWORD },
    });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['set-cookie']), /Secure/);
    const cookie = sessionCookieFrom(res);
    assert.equal((await call(t, 'GET', '/api/v1/members', { cookie })).status, 200);

    const out = await call(t, 'POST', '/api/v1/auth/logout', { cookie });
    assert.equal(out.status, 204);
    assert.equal((await call(t, 'GET', '/api/v1/members', { cookie })).status, 401);
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const ws = await newWorkspace(t, 'Wrong Firm');
    const wrong = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email: ws.email, password: 'not-the-password' },
    });
    const unknown = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email: 'nobody@x.test', password: TEST_PASSWORD },
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.deepEqual(wrong.body.error, {
      code: 'invalid_credentials',
      message: 'Email or password is incorrect',
    });
  });

  test('no cookie, a forged cookie or a tampered signature is 401', async () => {
    assert.equal((await call(t, 'GET', '/api/v1/members')).status, 401);
    assert.equal((await call(t, 'GET', '/api/v1/members', { cookie: 'wp_session=made-up' })).status, 401);
    const ws = await newWorkspace(t, 'Tamper Firm');
    const tampered = ws.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await call(t, 'GET', '/api/v1/members', { cookie: tampered })).status, 401);
  });

  test('an email in two workspaces asks which one, then signs into the chosen one', async () => {
    const email = 'shared@person.test';
    for (const firm of ['Shared One', 'Shared Two']) {
      await createWorkspace(t.db, { firmName: firm, owner: { name: 'Sam', email, password: TEST_PASSWORD } });
    }
    const ask = await call(t, 'POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
    assert.equal(ask.status, 409);
    assert.deepEqual(ask.body.error.details.map((d: { message: string }) => d.message).sort(), [
      'shared-one',
      'shared-two',
    ]);
    const chosen = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email, password: TEST_PASSWORD, workspace: 'shared-two' },
    });
    assert.equal(chosen.status, 200);
    assert.equal(chosen.body.workspace.slug, 'shared-two');
  });

  test('a deactivated member cannot sign in', async () => {
    const ws = await newWorkspace(t, 'Deactivated Firm');
    const m = await newMember(t, ws, 'member');
    await call(t, 'PATCH', `/api/v1/members/${m.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'deactivated' },
    });
    const res = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email: m.email, password: TEST_PASSWORD },
    });
    assert.equal(res.status, 401);
  });
});

describe('sign-in rate limits', () => {
  test('per email: five failures lock that email for a while, other emails still work', async () => {
    const t = await createTestApp();
    try {
      const ws = await newWorkspace(t, 'Limit Firm');
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const res = await call(t, 'POST', '/api/v1/auth/login', {
          body: { email: ws.email, password: 'wrong-wrong' },
          headers: { 'x-forwarded-for': `10.0.0.${i}` },
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      // Even the right password waits until the window passes.
      const right = await call(t, 'POST', '/api/v1/auth/login', {
        body: { email: ws.email, password: TEST_PASSWORD },
      });
      assert.equal(right.status, 429);
      assert.equal(right.body.error.code, 'rate_limited');
      assert.ok(Number(right.headers['retry-after']) > 0);
    } finally {
      await t.close();
    }
  });

  test('per IP: more than 10 attempts a minute answer 429', async () => {
    const t = await createTestApp();
    try {
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        const res = await call(t, 'POST', '/api/v1/auth/login', {
          body: { email: `person${i}@x.test`, password: 'whatever-it-is' },
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.deepEqual(statuses.slice(10), [429, 429]);
    } finally {
      await t.close();
    }
  });
});
