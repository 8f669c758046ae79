import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

export const SECRET_NAME = 'Bettina Secretworth';

export async function contactInB(t: TestContext, b: WorkspaceHandle) {
  return createContactVia(t, b.cookie, {
    name: SECRET_NAME,
    email: 'bettina@secret-b.test',
    accountName: 'Secret Holdings B',
    tags: ['only-in-b'],
  });
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/contacts?archived=all', { cookie: b.cookie });
  assert.equal(res.body.contacts.length, 1);
  const [c] = res.body.contacts;
  assert.equal(c.name, SECRET_NAME);
  assert.equal(c.archived, false);
}

const byId = (method: 'GET' | 'PATCH' | 'POST', suffix = '', body?: unknown) =>
  (async (t: TestContext, b: WorkspaceHandle) => {
    const c = await contactInB(t, b);
    return { request: { method, url: `/api/v1/contacts/${c.id}${suffix}`, body }, secrets: [SECRET_NAME] };
  }) satisfies IsolationSpec['arrange'];

export const contactIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/contacts',
    expect: 'excludes',
    arrange: async (t, b) => {
      const c = await contactInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/contacts?archived=all' },
        secrets: [c.id, SECRET_NAME],
      };
    },
  },
  {
    route: 'POST /api/v1/contacts',
    expect: 'refused',
    arrange: async (t, b) => {
      const c = await contactInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/contacts',
          body: { name: 'Sneaky', accountId: c.account!.id },
        },
        secrets: [SECRET_NAME, 'Secret Holdings B'],
      };
    },
    verify: unchanged,
  },
  { route: 'GET /api/v1/contacts/:id', expect: 'not_found', arrange: byId('GET') },
  {
    route: 'PATCH /api/v1/contacts/:id',
    expect: 'not_found',
    arrange: byId('PATCH', '', { name: 'Hijacked' }),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/contacts/:id/archive',
    expect: 'not_found',
    arrange: byId('POST', '/archive'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/contacts/:id/unarchive',
    expect: 'not_found',
    arrange: byId('POST', '/unarchive'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/contacts/:id/erase',
    expect: 'not_found',
    arrange: byId('POST', '/erase'),
    verify: unchanged,
  },
  { route: 'GET /api/v1/contacts/:id/timeline', expect: 'not_found', arrange: byId('GET', '/timeline') },
  {
    route: 'POST /api/v1/contacts/:id/merge',
    expect: 'not_found',
    // A's own contact as the survivor and B's as the duplicate: B's contact must not be swallowed.
    arrange: async (t, b, a) => {
      const theirs = await contactInB(t, b);
      const mine = await createContactVia(t, a.cookie, { name: 'Mine' });
      return {
        request: {
          method: 'POST',
          url: `/api/v1/contacts/${mine.id}/merge`,
          body: { duplicateId: theirs.id },
        },
        secrets: [SECRET_NAME],
      };
    },
    verify: unchanged,
  },
  {
    route: 'GET /api/v1/search',
    expect: 'excludes',
    arrange: async (t, b) => {
      const c = await contactInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/search?q=secretworth' },
        secrets: [c.id, SECRET_NAME, 'Secret Holdings B'],
      };
    },
  },
  {
    route: 'GET /api/v1/contacts/count',
    expect: 'excludes',
    // A has nobody; B's three people (matching every filter below) must not be counted for A.
    arrange: async (t, b) => {
      const c = await contactInB(t, b);
      await createContactVia(t, b.cookie, { name: 'Second Secret', tags: ['only-in-b'] });
      await createContactVia(t, b.cookie, { name: 'Third Secret', tags: ['only-in-b'] });
      return {
        request: { method: 'GET', url: '/api/v1/contacts/count?archived=all&tag=only-in-b' },
        secrets: [c.id, '"count":3', '"count":1'],
      };
    },
  },
  {
    route: 'GET /api/v1/tags',
    expect: 'excludes',
    arrange: async (t, b) => {
      await contactInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/tags' }, secrets: ['only-in-b'] };
    },
  },
];
