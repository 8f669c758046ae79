import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_NAME = 'Confidential escalation plan';
const SECRET_SCRIPT = 'Mention the undisclosed merger with {{account.name}}';

const step = (script = 'Hi {{contact.firstName}}') => ({
  title: 'Call them',
  action: 'call',
  offsetDays: 1,
  after: 'trigger',
  owner: { kind: 'strongest_relationship' },
  channel: 'preferred',
  script,
});

async function playbookInB(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'POST', '/api/v1/playbooks', {
    cookie: b.cookie,
    body: { name: SECRET_NAME, trigger: 'answer.detractor', steps: [step(SECRET_SCRIPT)] },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/playbooks', { cookie: b.cookie });
  const mine = list.body.playbooks.find((p: { name: string }) => p.name === SECRET_NAME);
  assert.ok(mine, 'B still has its playbook');
  assert.equal(mine.currentVersion, 1);
  assert.equal(mine.archived, false);
  // Created while B's default detractor playbook was active, so it is inactive and stays so.
  assert.equal(mine.active, false);
}

const byId =
  (method: 'GET' | 'POST' | 'PATCH', suffix = '', body?: unknown) =>
  async (t: TestContext, b: WorkspaceHandle) => {
    const { id } = await playbookInB(t, b);
    return {
      request: { method, url: `/api/v1/playbooks/${id}${suffix}`, ...(body !== undefined && { body }) },
      secrets: [SECRET_NAME, SECRET_SCRIPT],
    };
  };

export const playbookIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/playbooks',
    expect: 'excludes',
    arrange: async (t, b) => {
      await playbookInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/playbooks' }, secrets: [SECRET_NAME, SECRET_SCRIPT] };
    },
  },
  { route: 'GET /api/v1/playbooks/:id', expect: 'not_found', arrange: byId('GET') },
  {
    route: 'GET /api/v1/playbooks/:id/versions/:version',
    expect: 'not_found',
    arrange: byId('GET', '/versions/1'),
  },
  {
    route: 'PATCH /api/v1/playbooks/:id',
    expect: 'not_found',
    arrange: byId('PATCH', '', { name: 'Renamed', steps: [step('Taken over')] }),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/playbooks/:id/activate',
    expect: 'not_found',
    arrange: byId('POST', '/activate'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/playbooks/:id/deactivate',
    expect: 'not_found',
    arrange: byId('POST', '/deactivate'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/playbooks/:id/archive',
    expect: 'not_found',
    arrange: byId('POST', '/archive'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/playbooks',
    expect: 'refused',
    // A step naming one of B's members as its owner.
    arrange: async (t, b) => {
      await playbookInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/playbooks',
          body: {
            name: 'Borrowed owner',
            trigger: 'answer.promoter',
            steps: [{ ...step(), owner: { kind: 'member', memberId: b.memberId } }],
          },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/playbooks/preview',
    expect: 'not_found',
    arrange: async (t, b) => {
      const contact = await createContactVia(t, b.cookie, { name: 'Secret Sample Person' });
      return {
        request: {
          method: 'POST',
          url: '/api/v1/playbooks/preview',
          body: { script: 'Hi {{contact.name}}', contactId: contact.id },
        },
        secrets: ['Secret Sample Person'],
      };
    },
  },
];
