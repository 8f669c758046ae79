import assert from 'node:assert/strict';
import { call, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_FILE = 'secret-b-clients.csv';
const SECRET_NAME = 'Bettina Importworth';

/** B imports one contact from a file whose name and content must stay B's. */
async function importInB(t: TestContext, b: WorkspaceHandle) {
  const created = await call(t, 'POST', '/api/v1/imports', {
    cookie: b.cookie,
    body: { kind: 'contacts', fileName: SECRET_FILE },
  });
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/imports/${created.body.id}/file`,
    headers: { cookie: b.cookie, 'content-type': 'text/csv' },
    payload: `Name,Email\n${SECRET_NAME},bettina@import-b.test\n`,
  });
  assert.equal(res.statusCode, 200, res.body);
  return created.body as { id: string };
}

async function bUnchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/imports', { cookie: b.cookie });
  assert.equal(res.body.imports.length, 1);
  assert.equal(res.body.imports[0].status, 'completed');
  const contacts = await call(t, 'GET', '/api/v1/contacts', { cookie: b.cookie });
  assert.deepEqual(
    contacts.body.contacts.map((c: { name: string }) => c.name),
    [SECRET_NAME],
  );
}

export const importIsolation: IsolationSpec[] = [
  {
    route: 'POST /api/v1/imports/preview',
    expect: 'self',
    arrange: async (t, b) => {
      await importInB(t, b);
      return {
        request: { method: 'POST', url: '/api/v1/imports/preview?kind=contacts' },
        secrets: [SECRET_FILE, SECRET_NAME],
      };
    },
    verify: bUnchanged,
  },
  {
    route: 'POST /api/v1/imports',
    expect: 'self',
    arrange: async (t, b) => {
      await importInB(t, b);
      return {
        request: { method: 'POST', url: '/api/v1/imports', body: { kind: 'contacts', fileName: 'mine.csv' } },
        secrets: [SECRET_FILE],
      };
    },
    verify: bUnchanged,
  },
  {
    route: 'PUT /api/v1/imports/:id/file',
    expect: 'not_found',
    arrange: async (t, b) => {
      const imp = await importInB(t, b);
      return { request: { method: 'PUT', url: `/api/v1/imports/${imp.id}/file` }, secrets: [SECRET_FILE] };
    },
    verify: bUnchanged,
  },
  {
    route: 'GET /api/v1/imports/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const imp = await importInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/imports/${imp.id}` }, secrets: [SECRET_FILE] };
    },
  },
  {
    route: 'GET /api/v1/imports',
    expect: 'excludes',
    arrange: async (t, b) => {
      const imp = await importInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/imports' }, secrets: [imp.id, SECRET_FILE] };
    },
  },
  {
    route: 'GET /api/v1/exports/contacts.csv',
    expect: 'self',
    arrange: async (t, b) => {
      await importInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/exports/contacts.csv' },
        secrets: [SECRET_NAME, 'bettina@import-b.test'],
      };
    },
  },
];
