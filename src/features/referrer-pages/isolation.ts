import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_NAME = 'Renata Referrer-Secret';

async function referrerInB(t: TestContext, b: WorkspaceHandle, withPage: boolean) {
  const contact = await createContactVia(t, b.cookie, {
    name: SECRET_NAME,
    email: 'renata@secret-b.test',
    kind: 'client',
  });
  let url: string | null = null;
  if (withPage) {
    const res = await call(t, 'POST', `/api/v1/contacts/${contact.id}/referrer-page`, { cookie: b.cookie });
    assert.equal(res.status, 201);
    url = res.body.url;
  }
  return { id: contact.id, url };
}

/** B's page is exactly as it was: the same live address, or still none. */
function unchanged(contactId: () => string, url: () => string | null) {
  return async (t: TestContext, b: WorkspaceHandle) => {
    const res = await call(t, 'GET', `/api/v1/contacts/${contactId()}/referrer-page`, { cookie: b.cookie });
    assert.equal(res.status, 200);
    assert.equal(res.body.page?.url ?? null, url());
  };
}

function spec(
  route: string,
  method: 'GET' | 'POST' | 'DELETE',
  suffix: string,
  withPage: boolean,
  body?: unknown,
): IsolationSpec {
  let made: { id: string; url: string | null } = { id: '', url: null };
  return {
    route,
    expect: 'not_found',
    arrange: async (t, b) => {
      made = await referrerInB(t, b, withPage);
      return {
        request: { method, url: `/api/v1/contacts/${made.id}/referrer-page${suffix}`, body },
        secrets: [SECRET_NAME, ...(made.url ? [made.url] : [])],
      };
    },
    verify: unchanged(
      () => made.id,
      () => made.url,
    ),
  };
}

export const referrerPageIsolation: IsolationSpec[] = [
  spec('GET /api/v1/contacts/:id/referrer-page', 'GET', '', true),
  spec('POST /api/v1/contacts/:id/referrer-page', 'POST', '', false),
  spec('POST /api/v1/contacts/:id/referrer-page/reissue', 'POST', '/reissue', true),
  spec('POST /api/v1/contacts/:id/referrer-page/send', 'POST', '/send', true, {}),
  spec('DELETE /api/v1/contacts/:id/referrer-page', 'DELETE', '', true),
];
