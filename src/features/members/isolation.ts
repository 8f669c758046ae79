import assert from 'node:assert/strict';
import { call, newMember, TEST_PASSWORD } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

async function inviteInB(t: Parameters<IsolationSpec['arrange']>[0], cookie: string) {
  const res = await call(t, 'POST', '/api/v1/invites', {
    cookie,
    body: { email: 'only-in-b@b.test', role: 'member' },
  });
  assert.equal(res.status, 201);
  return res.body.invite.id as string;
}

export const memberIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/members',
    expect: 'excludes',
    arrange: async (_t, b) => ({
      request: { method: 'GET', url: '/api/v1/members' },
      secrets: [b.memberId, b.email],
    }),
  },
  {
    route: 'PATCH /api/v1/members/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const other = await newMember(t, b, 'member');
      return {
        request: {
          method: 'PATCH',
          url: `/api/v1/members/${other.memberId}`,
          body: { status: 'deactivated' },
        },
        secrets: [other.email],
      };
    },
    verify: async (t, b) => {
      const res = await call(t, 'GET', '/api/v1/members', { cookie: b.cookie });
      assert.ok(res.body.members.every((m: { status: string }) => m.status === 'active'));
    },
  },
  {
    route: 'PATCH /api/v1/me',
    expect: 'self',
    arrange: async (_t, b) => ({
      request: { method: 'PATCH', url: '/api/v1/me', body: { name: 'Renamed' } },
      secrets: [b.email],
    }),
    verify: async (t, b) => {
      const res = await call(t, 'GET', '/api/v1/auth/session', { cookie: b.cookie });
      assert.notEqual(res.body.member.name, 'Renamed');
    },
  },
  {
    route: 'POST /api/v1/me/password',
    expect: 'self',
    arrange: async () => ({
      request: {
        method: 'POST',
        url: '/api/v1/me/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
      },
    }),
    verify: async (t, b) => {
      // B's session survives A's password change.
      assert.equal((await call(t, 'GET', '/api/v1/auth/session', { cookie: b.cookie })).status, 200);
    },
  },
  {
    route: 'GET /api/v1/invites',
    expect: 'excludes',
    arrange: async (t, b) => {
      const id = await inviteInB(t, b.cookie);
      return { request: { method: 'GET', url: '/api/v1/invites' }, secrets: [id, 'only-in-b@b.test'] };
    },
  },
  {
    route: 'POST /api/v1/invites',
    expect: 'self',
    arrange: async (_t, b) => ({
      request: { method: 'POST', url: '/api/v1/invites', body: { email: 'newcomer@a.test', role: 'member' } },
      secrets: [b.workspaceId],
    }),
    verify: async (t, b) => {
      const res = await call(t, 'GET', '/api/v1/invites', { cookie: b.cookie });
      assert.equal(res.body.invites.length, 0);
    },
  },
  {
    route: 'DELETE /api/v1/invites/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const id = await inviteInB(t, b.cookie);
      return { request: { method: 'DELETE', url: `/api/v1/invites/${id}` } };
    },
    verify: async (t, b) => {
      const res = await call(t, 'GET', '/api/v1/invites', { cookie: b.cookie });
      assert.equal(res.body.invites[0].status, 'pending');
    },
  },
];
