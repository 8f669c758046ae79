import assert from 'node:assert/strict';
import { call } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

export const outboxIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/outbox',
    expect: 'excludes',
    arrange: async (t, b) => {
      const res = await call(t, 'POST', '/api/v1/invites', {
        cookie: b.cookie,
        body: { email: 'mail-in-b@b.test', role: 'member' },
      });
      assert.equal(res.status, 201);
      return {
        request: { method: 'GET', url: '/api/v1/outbox' },
        secrets: ['mail-in-b@b.test', res.body.url],
      };
    },
  },
];
