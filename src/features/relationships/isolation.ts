import assert from 'node:assert/strict';
import { call, createContactVia, logVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

async function knownInB(t: TestContext, b: WorkspaceHandle) {
  const c = await createContactVia(t, b.cookie, { name: 'Rel Secret' });
  await logVia(t, b.cookie, { contactId: c.id, kind: 'meeting' });
  return c;
}

async function strengthUnchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/contacts', { cookie: b.cookie });
  const detail = await call(t, 'GET', `/api/v1/contacts/${list.body.contacts[0].id}`, { cookie: b.cookie });
  assert.equal(detail.body.relationships[0].override, null);
}

export const relationshipIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/contacts/:id/best-contact',
    expect: 'not_found',
    arrange: async (t, b) => {
      const c = await knownInB(t, b);
      return {
        request: { method: 'GET', url: `/api/v1/contacts/${c.id}/best-contact` },
        secrets: [b.memberId],
      };
    },
  },
  {
    route: 'PUT /api/v1/contacts/:id/relationships/:memberId',
    expect: 'not_found',
    arrange: async (t, b) => {
      const c = await knownInB(t, b);
      return {
        request: {
          method: 'PUT',
          url: `/api/v1/contacts/${c.id}/relationships/${b.memberId}`,
          body: { strength: 1, reason: 'sabotage' },
        },
      };
    },
    verify: strengthUnchanged,
  },
  {
    route: 'DELETE /api/v1/contacts/:id/relationships/:memberId/override',
    expect: 'not_found',
    arrange: async (t, b) => {
      const c = await knownInB(t, b);
      return {
        request: { method: 'DELETE', url: `/api/v1/contacts/${c.id}/relationships/${b.memberId}/override` },
      };
    },
    verify: strengthUnchanged,
  },
];
