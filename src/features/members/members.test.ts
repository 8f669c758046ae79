import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { invites, outboxMessages } from '../../db/schema/index.ts';
import {
  call,
  createTestApp,
  newMember,
  newWorkspace,
  sessionCookieFrom,
  TEST_PASSWORD,
  type TestContext,
} from '../../test/app.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

describe('roles and deactivation', () => {
  test('the owner changes a role; members and managers cannot', async () => {
    const ws = await newWorkspace(t);
    const manager = await newMember(t, ws, 'manager');
    const member = await newMember(t, ws, 'member');

    const byMember = await call(t, 'PATCH', `/api/v1/members/${manager.memberId}`, {
      cookie: member.cookie,
      body: { role: 'member' },
    });
    assert.equal(byMember.status, 403);
    const byManager = await call(t, 'PATCH', `/api/v1/members/${member.memberId}`, {
      cookie: manager.cookie,
      body: { role: 'manager' },
    });
    assert.equal(byManager.status, 403);

    const byOwner = await call(t, 'PATCH', `/api/v1/members/${member.memberId}`, {
      cookie: ws.cookie,
      body: { role: 'manager' },
    });
    assert.equal(byOwner.status, 200);
    assert.equal(byOwner.body.role, 'manager');
  });

  test('deactivating a member ends their sessions at once; reactivating lets them sign in again', async () => {
    const ws = await newWorkspace(t);
    const member = await newMember(t, ws, 'member');
    assert.equal((await call(t, 'GET', '/api/v1/members', { cookie: member.cookie })).status, 200);

    const res = await call(t, 'PATCH', `/api/v1/members/${member.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'deactivated' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'deactivated');
    assert.equal((await call(t, 'GET', '/api/v1/members', { cookie: member.cookie })).status, 401);

    await call(t, 'PATCH', `/api/v1/members/${member.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'active' },
    });
    const login = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email: member.email, password: TEST_PASSWORD },
    });
    assert.equal(login.status, 200);
  });

  test('the last active owner cannot be demoted or deactivated, nor deactivate themselves', async () => {
    const ws = await newWorkspace(t);
    const demote = await call(t, 'PATCH', `/api/v1/members/${ws.memberId}`, {
      cookie: ws.cookie,
      body: { role: 'manager' },
    });
    assert.equal(demote.status, 409);
    assert.match(demote.body.error.message, /at least one active owner/);
    const self = await call(t, 'PATCH', `/api/v1/members/${ws.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'deactivated' },
    });
    assert.equal(self.status, 409);

    const second = await newMember(t, ws, 'owner');
    const ok = await call(t, 'PATCH', `/api/v1/members/${ws.memberId}`, {
      cookie: second.cookie,
      body: { role: 'manager' },
    });
    assert.equal(ok.status, 200);
  });

  test('an unknown id is 404 and a malformed id is 400', async () => {
    const ws = await newWorkspace(t);
    const missing = await call(t, 'PATCH', '/api/v1/members/00000000-0000-4000-8000-000000000000', {
      cookie: ws.cookie,
      body: { role: 'member' },
    });
    assert.equal(missing.status, 404);
    const malformed = await call(t, 'PATCH', '/api/v1/members/not-an-id', {
      cookie: ws.cookie,
      body: { role: 'member' },
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.details[0].path, 'params.id');
    const badRole = await call(t, 'PATCH', `/api/v1/members/${ws.memberId}`, {
      cookie: ws.cookie,
      body: { role: 'king' },
    });
    assert.equal(badRole.status, 400);
    assert.equal(badRole.body.error.details[0].path, 'body.role');
  });
});

describe('profile', () => {
  test('a member renames themselves, sets a time zone and changes their password', async () => {
    const ws = await newWorkspace(t);
    const me = await call(t, 'PATCH', '/api/v1/me', {
      cookie: ws.cookie,
      body: { name: 'New Name', timeZone: 'America/Sao_Paulo' },
    });
    assert.equal(me.status, 200);
    assert.equal(me.body.timeZone, 'America/Sao_Paulo');
    const badTz = await call(t, 'PATCH', '/api/v1/me', {
      cookie: ws.cookie,
      body: { timeZone: 'Mars/Olympus' },
    });
    assert.equal(badTz.status, 400);

    const wrong = await call(t, 'POST', '/api/v1/me/password', {
      cookie: ws.cookie,
      body: { currentPassword: 'nope-nope', newPassword: 'another-long-one' },
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.details[0].path, 'body.currentPassword');

    const other = await call(t, 'POST', '/api/v1/auth/login', {
      body: { email: ws.email, password: TEST_PASSWORD },
    });
    const otherCookie = sessionCookieFrom(other);
    const ok = await call(t, 'POST', '/api/v1/me/password', {
      cookie: ws.cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'another-long-one' },
    });
    assert.equal(ok.status, 204);
    // The browser that changed it stays signed in; every other session ends.
    assert.equal((await call(t, 'GET', '/api/v1/auth/session', { cookie: ws.cookie })).status, 200);
    assert.equal((await call(t, 'GET', '/api/v1/auth/session', { cookie: otherCookie })).status, 401);
  });
});

describe('invites', () => {
  async function invite(cookie: string, body: Record<string, unknown>) {
    return call(t, 'POST', '/api/v1/invites', { cookie, body });
  }
  const tokenOf = (url: string) => url.split('/invite/')[1]!;

  test('invite, preview, accept: the new member is signed in, the link works once', async () => {
    const ws = await newWorkspace(t, 'Invite Firm');
    const created = await invite(ws.cookie, {
      email: 'New.Person@Example.test',
      name: 'New Person',
      role: 'manager',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.invite.status, 'pending');
    assert.equal(created.body.emailed, false);
    assert.match(created.body.url, /^http:\/\/warmpath\.test\/invite\/[A-Za-z0-9_-]{43}$/);

    // Without SMTP the message lands in the outbox, with the link in it.
    const mail = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.workspaceId, ws.workspaceId));
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.toAddress, 'new.person@example.test');
    assert.ok(mail[0]!.textBody.includes(created.body.url));
    // Only the hash of the token is stored.
    const [row] = await t.db.select().from(invites).where(eq(invites.id, created.body.invite.id));
    assert.ok(!JSON.stringify(row).includes(tokenOf(created.body.url)));

    const token = tokenOf(created.body.url);
    const preview = await call(t, 'GET', `/api/v1/invites/accept/${token}`);
    assert.equal(preview.status, 200);
    assert.equal(preview.body.workspaceName, 'Invite Firm');
    assert.equal(preview.body.role, 'manager');

    const accepted = await call(t, 'POST', '/api/v1/invites/accept', {
      body: { token, name: 'New Person', password: TEST_PASSWORD },
    });
    assert.equal(accepted.status, 201);
    assert.equal(accepted.body.member.role, 'manager');
    const cookie = sessionCookieFrom(accepted);
    assert.equal(
      (await call(t, 'GET', '/api/v1/auth/session', { cookie })).body.member.email,
      'new.person@example.test',
    );

    const reused = await call(t, 'POST', '/api/v1/invites/accept', {
      body: { token, name: 'Someone', password: TEST_PASSWORD },
    });
    assert.equal(reused.status, 410);
    assert.equal(reused.body.error.code, 'invite_used');
    assert.equal((await call(t, 'GET', `/api/v1/invites/accept/${token}`)).body.error.code, 'invite_used');
  });

  test('an expired invite says so; a revoked or unknown one is 404', async () => {
    const ws = await newWorkspace(t);
    const created = await invite(ws.cookie, { email: 'late@example.test', role: 'member' });
    await t.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, created.body.invite.id));
    const token = tokenOf(created.body.url);
    const expired = await call(t, 'POST', '/api/v1/invites/accept', {
      body: { token, name: 'Late', password: TEST_PASSWORD },
    });
    assert.equal(expired.status, 410);
    assert.equal(expired.body.error.code, 'invite_expired');
    assert.match(expired.body.error.message, /expired/);

    const second = await invite(ws.cookie, { email: 'gone@example.test', role: 'member' });
    assert.equal(
      (await call(t, 'DELETE', `/api/v1/invites/${second.body.invite.id}`, { cookie: ws.cookie })).status,
      204,
    );
    const revoked = await call(t, 'GET', `/api/v1/invites/accept/${tokenOf(second.body.url)}`);
    assert.equal(revoked.status, 404);
    assert.equal((await call(t, 'GET', '/api/v1/invites/accept/not-a-real-token')).status, 404);
  });

  test('a new invite for the same email replaces the old link', async () => {
    const ws = await newWorkspace(t);
    const first = await invite(ws.cookie, { email: 'twice@example.test', role: 'member' });
    await invite(ws.cookie, { email: 'twice@example.test', role: 'member' });
    assert.equal((await call(t, 'GET', `/api/v1/invites/accept/${tokenOf(first.body.url)}`)).status, 404);
    const list = await call(t, 'GET', '/api/v1/invites', { cookie: ws.cookie });
    assert.equal(list.body.invites.length, 1);
  });

  test('who may invite whom', async () => {
    const ws = await newWorkspace(t);
    const manager = await newMember(t, ws, 'manager');
    const member = await newMember(t, ws, 'member');
    assert.equal((await invite(member.cookie, { email: 'a@x.test', role: 'member' })).status, 403);
    assert.equal((await invite(manager.cookie, { email: 'b@x.test', role: 'member' })).status, 201);
    assert.equal((await invite(manager.cookie, { email: 'c@x.test', role: 'manager' })).status, 403);
    assert.equal((await invite(ws.cookie, { email: 'd@x.test', role: 'owner' })).status, 201);
    const existing = await invite(ws.cookie, { email: member.email, role: 'member' });
    assert.equal(existing.status, 409);
    const bad = await invite(ws.cookie, { email: 'not an email', role: 'member' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].path, 'body.email');
  });
});
