import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_SURVEY = 'Beta Secret Pulse';
const SECRET_PERSON = 'Sabine Surveyworth';

async function surveyInB(t: TestContext, b: WorkspaceHandle) {
  const contact = await createContactVia(t, b.cookie, {
    name: SECRET_PERSON,
    email: 'sabine@secret-b.test',
    accountName: 'Secret Surveys B',
  });
  const res = await call(t, 'POST', '/api/v1/surveys', {
    cookie: b.cookie,
    body: { name: SECRET_SURVEY, audience: { kind: 'contacts', contactIds: [contact.id] } },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { survey: res.body as { id: string }, contact };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/surveys', { cookie: b.cookie });
  assert.equal(res.body.surveys.length, 1);
  assert.equal(res.body.surveys[0].name, SECRET_SURVEY);
  assert.equal(res.body.surveys[0].status, 'draft');
  assert.equal(res.body.surveys[0].counts.total, 0);
}

const byId = (method: 'GET' | 'PATCH' | 'POST' | 'DELETE', suffix = '', body?: unknown) =>
  (async (t: TestContext, b: WorkspaceHandle) => {
    const { survey } = await surveyInB(t, b);
    return {
      request: { method, url: `/api/v1/surveys/${survey.id}${suffix}`, body },
      secrets: [SECRET_SURVEY, SECRET_PERSON],
    };
  }) satisfies IsolationSpec['arrange'];

export const surveyIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/surveys',
    expect: 'excludes',
    arrange: async (t, b) => {
      const { survey } = await surveyInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/surveys' }, secrets: [survey.id, SECRET_SURVEY] };
    },
  },
  {
    route: 'POST /api/v1/surveys',
    expect: 'refused',
    arrange: async (t, b) => {
      const { contact } = await surveyInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/surveys',
          body: { name: 'Sneaky', audience: { kind: 'contacts', contactIds: [contact.id] } },
        },
        secrets: [SECRET_PERSON],
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/surveys/audience-preview',
    expect: 'refused',
    arrange: async (t, b) => {
      const { contact } = await surveyInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/surveys/audience-preview',
          body: { audience: { kind: 'accounts', accountIds: [contact.account!.id] } },
        },
        secrets: [SECRET_PERSON, 'Secret Surveys B'],
      };
    },
  },
  { route: 'GET /api/v1/surveys/:id', expect: 'not_found', arrange: byId('GET') },
  {
    route: 'PATCH /api/v1/surveys/:id',
    expect: 'not_found',
    arrange: byId('PATCH', '', { name: 'Hijacked' }),
    verify: unchanged,
  },
  { route: 'DELETE /api/v1/surveys/:id', expect: 'not_found', arrange: byId('DELETE'), verify: unchanged },
  {
    route: 'POST /api/v1/surveys/:id/launch',
    expect: 'not_found',
    arrange: byId('POST', '/launch'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/surveys/:id/pause',
    expect: 'not_found',
    arrange: byId('POST', '/pause'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/surveys/:id/resume',
    expect: 'not_found',
    arrange: byId('POST', '/resume'),
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/surveys/:id/close',
    expect: 'not_found',
    arrange: byId('POST', '/close'),
    verify: unchanged,
  },
  { route: 'GET /api/v1/surveys/:id/sends', expect: 'not_found', arrange: byId('GET', '/sends') },
];
