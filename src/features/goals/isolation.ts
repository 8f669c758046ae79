import assert from 'node:assert/strict';
import { call, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

async function goalInB(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'PUT', '/api/v1/goals', {
    cookie: b.cookie,
    body: { memberId: b.memberId, period: 'month', periodStart: '2026-11-01', asksTarget: 7 },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { goalId: res.body.id as string };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/goals', { cookie: b.cookie });
  assert.equal(list.body.goals.length, 1);
  assert.equal(list.body.goals[0].asksTarget, 7);
}

export const goalIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/goals',
    expect: 'excludes',
    arrange: async (t, b) => {
      await goalInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/goals' }, secrets: [b.memberId] };
    },
  },
  {
    route: 'PUT /api/v1/goals',
    expect: 'refused',
    arrange: async (t, b) => {
      await goalInB(t, b);
      return {
        request: {
          method: 'PUT',
          url: '/api/v1/goals',
          body: { memberId: b.memberId, period: 'month', periodStart: '2026-11-01', asksTarget: 1 },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'DELETE /api/v1/goals/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { goalId } = await goalInB(t, b);
      return { request: { method: 'DELETE', url: `/api/v1/goals/${goalId}` } };
    },
    verify: unchanged,
  },
  {
    route: 'GET /api/v1/insights/follow-up',
    expect: 'self',
    arrange: async (t, b) => {
      await goalInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/insights/follow-up?from=2026-11-01&to=2026-11-30' },
        secrets: [b.memberId],
      };
    },
    verify: unchanged,
  },
];
