import assert from 'node:assert/strict';
import { call, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_URL = 'https://www.g2.com/products/beta-secret/reviews';

async function destinationInB(t: TestContext, b: WorkspaceHandle): Promise<string> {
  const res = await call(t, 'POST', '/api/v1/review-destinations', {
    cookie: b.cookie,
    body: { site: 'g2', label: 'Beta on G2', url: SECRET_URL },
  });
  assert.equal(res.status, 201);
  return res.body.id;
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/review-destinations', { cookie: b.cookie });
  assert.deepEqual(
    list.body.destinations.map((d: { label: string; url: string; active: boolean }) => [
      d.label,
      d.url,
      d.active,
    ]),
    [['Beta on G2', SECRET_URL, true]],
  );
}

export const reviewIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/review-destinations',
    expect: 'excludes',
    arrange: async (t, b) => {
      await destinationInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/review-destinations' }, secrets: [SECRET_URL] };
    },
  },
  {
    route: 'POST /api/v1/review-destinations',
    expect: 'self',
    arrange: async (t, b) => {
      await destinationInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/review-destinations',
          body: { site: 'google', label: 'Alpha on Google', url: 'https://g.page/alpha' },
        },
        secrets: [SECRET_URL],
      };
    },
    verify: unchanged,
  },
  {
    route: 'PATCH /api/v1/review-destinations/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const id = await destinationInB(t, b);
      return {
        request: { method: 'PATCH', url: `/api/v1/review-destinations/${id}`, body: { active: false } },
      };
    },
    verify: unchanged,
  },
  {
    route: 'DELETE /api/v1/review-destinations/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const id = await destinationInB(t, b);
      return { request: { method: 'DELETE', url: `/api/v1/review-destinations/${id}` } };
    },
    verify: unchanged,
  },
];
