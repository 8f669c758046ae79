import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_QUOTE = 'Beta-only words: they rescued our migration';

async function testimonialInB(t: TestContext, b: WorkspaceHandle) {
  const contact = await createContactVia(t, b.cookie, { name: 'Tomasz Quoteworthy', kind: 'client' });
  const res = await call(t, 'POST', '/api/v1/testimonials', {
    cookie: b.cookie,
    body: { contactId: contact.id, quote: SECRET_QUOTE, mayPublish: true },
  });
  assert.equal(res.status, 201);
  return { id: res.body.id as string, contactId: contact.id };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/testimonials', { cookie: b.cookie });
  assert.deepEqual(
    res.body.testimonials.map((x: { quote: string; mayPublish: boolean }) => [x.quote, x.mayPublish]),
    [[SECRET_QUOTE, true]],
  );
}

const byId =
  (method: 'GET' | 'PATCH' | 'DELETE', body?: unknown): IsolationSpec['arrange'] =>
  async (t, b) => {
    const { id } = await testimonialInB(t, b);
    return { request: { method, url: `/api/v1/testimonials/${id}`, body }, secrets: [SECRET_QUOTE] };
  };

export const testimonialIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/testimonials',
    expect: 'excludes',
    arrange: async (t, b) => {
      const { id } = await testimonialInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/testimonials' }, secrets: [SECRET_QUOTE, id] };
    },
  },
  {
    route: 'GET /api/v1/testimonials/export.csv',
    expect: 'excludes',
    arrange: async (t, b) => {
      await testimonialInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/testimonials/export.csv?publishableOnly=false' },
        secrets: [SECRET_QUOTE, 'Quoteworthy'],
      };
    },
  },
  { route: 'GET /api/v1/testimonials/:id', expect: 'not_found', arrange: byId('GET') },
  {
    route: 'POST /api/v1/testimonials',
    expect: 'refused',
    arrange: async (t, b) => {
      const { contactId } = await testimonialInB(t, b);
      return {
        request: { method: 'POST', url: '/api/v1/testimonials', body: { contactId, quote: 'Planted by A' } },
        secrets: ['Tomasz'],
      };
    },
    verify: unchanged,
  },
  {
    route: 'PATCH /api/v1/testimonials/:id',
    expect: 'not_found',
    arrange: byId('PATCH', { quote: 'Changed by A', mayPublish: false }),
    verify: unchanged,
  },
  {
    route: 'DELETE /api/v1/testimonials/:id',
    expect: 'not_found',
    arrange: byId('DELETE'),
    verify: unchanged,
  },
];
