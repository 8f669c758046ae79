import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { TestContext, WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';
import { sendsTo, surveyRow } from './test-fixtures.ts';

const SECRET_COMMENT = 'Confidential: we are switching providers';
const SECRET_SURVEY = 'Beta board-level survey';

/** B's survey with one answered send. */
async function answeredSurveyInB(t: TestContext, b: WorkspaceHandle) {
  const { surveyId } = await surveyRow(t, b, { name: SECRET_SURVEY });
  const [send] = await sendsTo(t, b, surveyId, [{ name: 'Bea Secret', email: 'bea@beta.test' }]);
  await queryRows(
    t.db,
    sql`insert into survey_answers (workspace_id, survey_id, send_id, contact_id, score, comment, source)
        values (${b.workspaceId}, ${surveyId}, ${send!.sendId}, ${send!.contactId}, 3, ${SECRET_COMMENT}, 'email')`,
  );
  return { surveyId, contactId: send!.contactId };
}

async function answersUnchanged(t: TestContext, b: WorkspaceHandle) {
  const rows = await queryRows<{ score: number; comment: string | null }>(
    t.db,
    sql`select score, comment from survey_answers where workspace_id = ${b.workspaceId}`,
  );
  assert.deepEqual(rows, [{ score: 3, comment: SECRET_COMMENT }]);
}

export const answerIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/surveys/:id/answers',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { surveyId } = await answeredSurveyInB(t, b);
      return {
        request: { method: 'GET', url: `/api/v1/surveys/${surveyId}/answers` },
        secrets: [SECRET_COMMENT],
      };
    },
  },
  {
    route: 'POST /api/v1/surveys/:id/answers',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { surveyId, contactId } = await answeredSurveyInB(t, b);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/surveys/${surveyId}/answers`,
          body: { contactId, score: 10 },
        },
      };
    },
    verify: answersUnchanged,
  },
  {
    route: 'POST /api/v1/surveys/:id/answers',
    expect: 'refused',
    // A's own survey, but B's contact as the respondent.
    arrange: async (t, b, a) => {
      const { contactId } = await answeredSurveyInB(t, b);
      const mine = await surveyRow(t, a);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/surveys/${mine.surveyId}/answers`,
          body: { contactId, score: 10 },
        },
      };
    },
    verify: async (t, b) => {
      await answersUnchanged(t, b);
      const [n] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from timeline_events where workspace_id <> ${b.workspaceId}
            and contact_id in (select id from contacts where workspace_id = ${b.workspaceId})`,
      );
      assert.equal(Number(n!.n), 0);
    },
  },
  {
    route: 'POST /api/v1/surveys/:id/answers/import',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { surveyId } = await answeredSurveyInB(t, b);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/surveys/${surveyId}/answers/import`,
          body: { csv: 'email,score\nbea@beta.test,10\n' },
        },
      };
    },
    verify: answersUnchanged,
  },
  {
    route: 'GET /api/v1/surveys/:id/scores',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { surveyId } = await answeredSurveyInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/surveys/${surveyId}/scores` } };
    },
  },
  {
    route: 'GET /api/v1/nps',
    expect: 'excludes',
    arrange: async (t, b) => {
      await answeredSurveyInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/nps?groupBy=survey' }, secrets: [SECRET_SURVEY] };
    },
  },
  {
    route: 'GET /api/v1/nps',
    expect: 'excludes',
    arrange: async (t, b) => {
      await answeredSurveyInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/nps?groupBy=account' },
        secrets: ['Bea Secret', '-100'],
      };
    },
  },
];
