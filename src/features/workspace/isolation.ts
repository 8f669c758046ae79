import assert from 'node:assert/strict';
import { call } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

export const workspaceIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/workspace',
    expect: 'excludes',
    arrange: async (_t, b) => ({
      request: { method: 'GET', url: '/api/v1/workspace' },
      secrets: [b.workspaceId, b.slug],
    }),
  },
  {
    route: 'PATCH /api/v1/workspace',
    expect: 'self',
    arrange: async (_t, b) => ({
      request: { method: 'PATCH', url: '/api/v1/workspace', body: { name: 'Renamed firm' } },
      secrets: [b.workspaceId],
    }),
    verify: async (t, b) => {
      const res = await call(t, 'GET', '/api/v1/workspace', { cookie: b.cookie });
      assert.notEqual(res.body.name, 'Renamed firm');
    },
  },
];
