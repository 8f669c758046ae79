import assert from 'node:assert/strict';
import { call, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET = 'Hidden Harbour Holdings';

async function accountInB(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'POST', '/api/v1/accounts', {
    cookie: b.cookie,
    body: { name: SECRET, tags: ['b-only'] },
  });
  assert.equal(res.status, 201);
  return res.body as { id: string };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/accounts?archived=all', { cookie: b.cookie });
  assert.deepEqual(
    res.body.accounts.map((a: { name: string; archived: boolean }) => [a.name, a.archived]),
    [[SECRET, false]],
  );
}

const byId = (method: 'GET' | 'PATCH' | 'POST', suffix = '', body?: unknown) =>
  (async (t: TestContext, b: WorkspaceHandle) => {
    const a = await accountInB(t, b);
    return { request: { method, url: `/api/v1/accounts/${a.id}${suffix}`, body }, secrets: [SECRET] };
  }) satisfies IsolationSpec['arrange'];

export const accountIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/accounts',
    expect: 'excludes',
    arrange: async (t, b) => {
      const a = await accountInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/accounts?archived=all' }, secrets: [a.id, SECRET] };
    },
  },
  {
    route: 'GET /api/v1/accounts/count',
    expect: 'excludes',
    // A has no companies; B's must not be counted for A.
    arrange: async (t, b) => {
      await accountInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/accounts/count?archived=all' },
        secrets: ['"count":1'],
      };
    },
  },
  {
    route: 'POST /api/v1/accounts',
    expect: 'self',
    // Same name as B's account: allowed, because names are unique per workspace only.
    arrange: async (t, b) => {
      await accountInB(t, b);
      return { request: { method: 'POST', url: '/api/v1/accounts', body: { name: SECRET } } };
    },
    verify: unchanged,
  },
  { route: 'GET /api/v1/accounts/:id', expect: 'not_found', arrange: byId('GET') },
  {
    route: 'PATCH /api/v1/accounts/:id',
    expect: 'not_found',
    arrange: byId('PATCH', '', { name: 'Taken over' }),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/accounts/:id/archive',
    expect: 'not_found',
    arrange: byId('POST', '/archive'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/accounts/:id/unarchive',
    expect: 'not_found',
    arrange: byId('POST', '/unarchive'),
    verify: unchanged,
  },
  { route: 'GET /api/v1/accounts/:id/timeline', expect: 'not_found', arrange: byId('GET', '/timeline') },
];
