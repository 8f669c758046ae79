import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET = 'Beta’s prospect Xavier Confidential';

async function askInB(t: TestContext, b: WorkspaceHandle) {
  const c = await createContactVia(t, b.cookie, { name: 'Bea Beta-Client' });
  const res = await call(t, 'POST', '/api/v1/asks', {
    cookie: b.cookie,
    body: { contactId: c.id, kind: 'introduction', result: 'introduction_promised', prospectName: SECRET },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { contactId: c.id };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/asks', { cookie: b.cookie });
  assert.equal(list.body.asks.length, 1);
  assert.equal(list.body.asks[0].prospectName, SECRET);
}

export const askIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/asks',
    expect: 'excludes',
    arrange: async (t, b) => {
      await askInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/asks' }, secrets: [SECRET] };
    },
  },
  {
    route: 'POST /api/v1/asks',
    expect: 'refused',
    arrange: async (t, b) => {
      const { contactId } = await askInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/asks',
          body: { contactId, kind: 'review', result: 'declined' },
        },
      };
    },
    verify: unchanged,
  },
];
