import assert from 'node:assert/strict';
import { call, createContactVia, logVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET = 'Discussed the confidential acquisition';

async function interactionInB(t: TestContext, b: WorkspaceHandle) {
  const c = await createContactVia(t, b.cookie, { name: 'Ivo Interaction' });
  const i = await logVia(t, b.cookie, { contactId: c.id, kind: 'call', summary: SECRET });
  return { contactId: c.id, interactionId: i.id };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/contacts', { cookie: b.cookie });
  const timeline = await call(t, 'GET', `/api/v1/contacts/${list.body.contacts[0].id}/timeline`, {
    cookie: b.cookie,
  });
  const events = timeline.body.events.filter((e: { kind: string }) => e.kind === 'interaction');
  assert.equal(events.length, 1);
  assert.equal(events[0].body, SECRET);
}

export const interactionIsolation: IsolationSpec[] = [
  {
    route: 'POST /api/v1/interactions',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { contactId } = await interactionInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/interactions',
          body: { contactId, kind: 'note', summary: 'planted' },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/interactions',
    expect: 'refused',
    // A's contact, but B's member as a participant.
    arrange: async (t, b, a) => {
      await interactionInB(t, b);
      const mine = await createContactVia(t, a.cookie, { name: 'Mine' });
      return {
        request: {
          method: 'POST',
          url: '/api/v1/interactions',
          body: { contactId: mine.id, kind: 'call', participantIds: [b.memberId] },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'GET /api/v1/interactions/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { interactionId } = await interactionInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/interactions/${interactionId}` }, secrets: [SECRET] };
    },
  },
  {
    route: 'PATCH /api/v1/interactions/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { interactionId } = await interactionInB(t, b);
      return {
        request: {
          method: 'PATCH',
          url: `/api/v1/interactions/${interactionId}`,
          body: { summary: 'rewritten' },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'DELETE /api/v1/interactions/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { interactionId } = await interactionInB(t, b);
      return { request: { method: 'DELETE', url: `/api/v1/interactions/${interactionId}` } };
    },
    verify: unchanged,
  },
];
