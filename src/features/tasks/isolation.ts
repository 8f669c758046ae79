import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET = 'Ask Beta’s client about the confidential merger';

/** A task in workspace B (due today, for its owner) and B's contact. */
async function taskInB(t: TestContext, b: WorkspaceHandle) {
  const c = await createContactVia(t, b.cookie, { name: 'Bea Beta-Client' });
  const res = await call(t, 'POST', '/api/v1/tasks', {
    cookie: b.cookie,
    body: {
      contactId: c.id,
      title: SECRET,
      dueOn: new Date().toISOString().slice(0, 10),
      reason: SECRET,
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { contactId: c.id, taskId: res.body.id as string };
}

/** B's task is still open, B's, and the only task on B's contact. */
async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/tasks?member=all&status=all', { cookie: b.cookie });
  assert.equal(list.body.tasks.length, 1);
  const [task] = list.body.tasks;
  assert.equal(task.status, 'open');
  assert.equal(task.assignee.id, b.memberId);
  assert.equal(task.snoozedUntil, null);
}

const later = () => new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);

export const taskIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/tasks',
    expect: 'excludes',
    arrange: async (t, b) => {
      await taskInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/tasks?member=all&status=all' }, secrets: [SECRET] };
    },
  },
  {
    route: 'GET /api/v1/tasks/today',
    expect: 'self',
    arrange: async (t, b) => {
      await taskInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/tasks/today' }, secrets: [SECRET] };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/tasks',
    expect: 'refused',
    arrange: async (t, b) => {
      const { contactId } = await taskInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/tasks',
          body: { contactId, title: 'planted', dueOn: later() },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/tasks',
    expect: 'refused',
    // A's own contact, assigned to B's member.
    arrange: async (t, b, a) => {
      await taskInB(t, b);
      const mine = await createContactVia(t, a.cookie, { name: 'Mine' });
      return {
        request: {
          method: 'POST',
          url: '/api/v1/tasks',
          body: { contactId: mine.id, title: 'planted', dueOn: later(), assigneeId: b.memberId },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'GET /api/v1/tasks/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { taskId } = await taskInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/tasks/${taskId}` }, secrets: [SECRET] };
    },
  },
  {
    route: 'POST /api/v1/tasks/:id/complete',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { taskId } = await taskInB(t, b);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/tasks/${taskId}/complete`,
          body: { reached: true, note: 'x' },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/tasks/:id/snooze',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { taskId } = await taskInB(t, b);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/tasks/${taskId}/snooze`,
          body: { until: later(), reason: 'planted' },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/tasks/:id/reassign',
    expect: 'not_found',
    arrange: async (t, b, a) => {
      const { taskId } = await taskInB(t, b);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/tasks/${taskId}/reassign`,
          body: { memberId: a.memberId, reason: 'planted' },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/tasks/:id/reassign',
    expect: 'refused',
    // A's own task, handed to B's member.
    arrange: async (t, b, a) => {
      await taskInB(t, b);
      const mine = await createContactVia(t, a.cookie, { name: 'Mine' });
      const own = await call(t, 'POST', '/api/v1/tasks', {
        cookie: a.cookie,
        body: { contactId: mine.id, title: 'Mine', dueOn: later() },
      });
      return {
        request: {
          method: 'POST',
          url: `/api/v1/tasks/${own.body.id}/reassign`,
          body: { memberId: b.memberId, reason: 'planted' },
        },
      };
    },
    verify: unchanged,
  },
];
