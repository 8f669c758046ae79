import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import {
  call,
  createTestApp,
  newMember,
  newWorkspace,
  type TestContext,
  type WorkspaceHandle,
} from '../../test/app.ts';
import { countAnswers, sendsTo, surveyRow } from './test-fixtures.ts';

function postCsv(t: TestContext, cookie: string, surveyId: string, csv: string, dryRun = false) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/surveys/${surveyId}/answers/import${dryRun ? '?dryRun=true' : ''}`,
    headers: { cookie, 'content-type': 'text/csv' },
    payload: csv,
  });
}

describe('answers API, import and scores', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Scores Partners');
  });
  after(async () => t.close());

  test('POST an answer by email or contact id; externalId makes retries idempotent', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [s] = await sendsTo(t, ws, surveyId, [
      { name: 'Api Person', email: 'api@person.test', accountName: 'Api Co' },
    ]);
    const first = await call(t, 'POST', `/api/v1/surveys/${surveyId}/answers`, {
      cookie: ws.cookie,
      body: { email: 'API@person.test', score: 9, comment: 'Said on the phone', externalId: 'typeform-1' },
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.category, 'promoter');
    assert.equal(first.body.source, 'api');
    assert.equal(first.body.contact.id, s!.contactId);
    assert.equal(first.body.account.name, 'Api Co');
    assert.equal(first.body.enrolled, false);
    const retry = await call(t, 'POST', `/api/v1/surveys/${surveyId}/answers`, {
      cookie: ws.cookie,
      body: { contactId: s!.contactId, score: 6, externalId: 'typeform-1' },
    });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.id, first.body.id);
    assert.equal(retry.body.category, 'detractor');
    assert.equal(await countAnswers(t, surveyId), 1);
    const events = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from timeline_events where contact_id = ${s!.contactId} and kind = 'survey.answer'`,
    );
    assert.equal(Number(events[0]!.n), 1);

    // The same externalId in another survey is a conflict, not a silent move.
    const other = await surveyRow(t, ws);
    const moved = await call(t, 'POST', `/api/v1/surveys/${other.surveyId}/answers`, {
      cookie: ws.cookie,
      body: { contactId: s!.contactId, score: 6, externalId: 'typeform-1' },
    });
    assert.equal(moved.status, 409);
  });

  test('bad answers are refused with the field named and nothing stored', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [s] = await sendsTo(t, ws, surveyId, [{ name: 'Bad Input' }]);
    const cases: [unknown, string][] = [
      [{ contactId: s!.contactId, score: 11 }, 'body.score'],
      [{ contactId: s!.contactId, score: -1 }, 'body.score'],
      [{ contactId: s!.contactId, score: '7' }, 'body.score'],
      [{ contactId: s!.contactId, score: 7.5 }, 'body.score'],
      [{ contactId: s!.contactId }, 'body.score'],
      [{ score: 7 }, 'body.contactId'],
      [{ email: 'nobody@nowhere.test', score: 7 }, 'body.email'],
      [{ contactId: s!.contactId, score: 7, answeredAt: '2999-01-01T00:00:00Z' }, 'body.answeredAt'],
    ];
    for (const [body, path] of cases) {
      const res = await call(t, 'POST', `/api/v1/surveys/${surveyId}/answers`, { cookie: ws.cookie, body });
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.ok(res.body.error.message.startsWith(path), `${res.body.error.message} names ${path}`);
    }
    const unknownContact = await call(t, 'POST', `/api/v1/surveys/${surveyId}/answers`, {
      cookie: ws.cookie,
      body: { contactId: '00000000-0000-4000-8000-000000000000', score: 7 },
    });
    assert.equal(unknownContact.status, 404);
    assert.equal(await countAnswers(t, surveyId), 0);
  });

  test('list answers newest first, filtered by category, in pages', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const sends = await sendsTo(
      t,
      ws,
      surveyId,
      Array.from({ length: 5 }, (_, i) => ({ name: `Lister ${i}` })),
    );
    const scores = [10, 9, 8, 3, 0];
    for (const [i, s] of sends.entries()) {
      await call(t, 'POST', `/api/v1/surveys/${surveyId}/answers`, {
        cookie: ws.cookie,
        body: {
          contactId: s.contactId,
          score: scores[i],
          answeredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        },
      });
    }
    const page1 = await call(t, 'GET', `/api/v1/surveys/${surveyId}/answers?limit=2`, { cookie: ws.cookie });
    assert.equal(page1.status, 200);
    assert.deepEqual(
      page1.body.answers.map((a: { score: number }) => a.score),
      [0, 3],
    );
    const page2 = await call(
      t,
      'GET',
      `/api/v1/surveys/${surveyId}/answers?limit=2&cursor=${page1.body.nextCursor}`,
      {
        cookie: ws.cookie,
      },
    );
    assert.deepEqual(
      page2.body.answers.map((a: { score: number }) => a.score),
      [8, 9],
    );
    const promoters = await call(t, 'GET', `/api/v1/surveys/${surveyId}/answers?category=promoter`, {
      cookie: ws.cookie,
    });
    assert.deepEqual(
      promoters.body.answers.map((a: { score: number }) => a.score),
      [9, 10],
    );
    const bad = await call(t, 'GET', `/api/v1/surveys/${surveyId}/answers?category=fan`, {
      cookie: ws.cookie,
    });
    assert.equal(bad.status, 400);
    const missing = await call(t, 'GET', '/api/v1/surveys/00000000-0000-4000-8000-000000000000/answers', {
      cookie: ws.cookie,
    });
    assert.equal(missing.status, 404);
  });

  test('CSV import: all or nothing, problems with row and column, re-import updates', async () => {
    const { surveyId } = await surveyRow(t, ws);
    await sendsTo(t, ws, surveyId, [
      { name: 'Csv One', email: 'one@csv.test' },
      { name: 'Csv Two', email: 'two@csv.test' },
    ]);
    const bad = [
      'Email,Score,Comment,Date,Response ID',
      'one@csv.test,9,Great,2026-03-01,r1',
      'two@csv.test,eleven,,2026-03-02,r2',
      'two@csv.test,12,,2026-03-02,r3',
      'ghost@csv.test,5,,2026-03-02,r4',
      'one@csv.test,5,,03/02/2026,r5',
      'one@csv.test,5,,,r1',
    ].join('\n');
    const invalid = await postCsv(t, ws.cookie, surveyId, bad);
    assert.equal(invalid.statusCode, 200, invalid.body);
    const report = invalid.json();
    assert.equal(report.status, 'invalid');
    assert.deepEqual(
      report.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [
        [3, 'Score'],
        [4, 'Score'],
        [5, 'Email'],
        [6, 'Date'],
        [7, 'Response ID'],
      ],
    );
    assert.match(report.errors[0].message, /not a whole number from 0 to 10/);
    assert.match(report.errors[1].message, /outside 0-10/);
    assert.match(report.errors[2].message, /No contact with the email ghost@csv\.test/);
    assert.equal(await countAnswers(t, surveyId), 0, 'nothing stored');

    const good =
      'email;score;comment;answered_at;external_id\none@csv.test;9;"Great; really";2026-03-01;r1\ntwo@csv.test;4;;2026-03-02T10:00:00Z;r2\n';
    const dry = (await postCsv(t, ws.cookie, surveyId, good, true)).json();
    assert.equal(dry.status, 'completed');
    assert.equal(dry.created, 2);
    assert.equal(await countAnswers(t, surveyId), 0, 'a dry run stores nothing');
    const done = (await postCsv(t, ws.cookie, surveyId, good)).json();
    assert.deepEqual([done.status, done.created, done.updated], ['completed', 2, 0]);
    const again = (await postCsv(t, ws.cookie, surveyId, good.replace(';9;', ';10;'))).json();
    assert.deepEqual([again.created, again.updated], [0, 2]);
    const list = await call(t, 'GET', `/api/v1/surveys/${surveyId}/answers`, { cookie: ws.cookie });
    assert.deepEqual(
      list.body.answers.map((a: { score: number; comment: string | null; source: string }) => [
        a.score,
        a.comment,
        a.source,
      ]),
      [
        [4, null, 'import'],
        [10, 'Great; really', 'import'],
      ],
    );

    const noScore = (await postCsv(t, ws.cookie, surveyId, 'email,comment\none@csv.test,hi\n')).json();
    assert.equal(noScore.status, 'invalid');
    assert.match(noScore.errors[0].message, /No score column/);
    const member = await newMember(t, ws, 'member');
    assert.equal((await postCsv(t, member.cookie, surveyId, good)).statusCode, 403);
  });

  test('survey scores: NPS, counts, response rate and months', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const sends = await sendsTo(
      t,
      ws,
      surveyId,
      Array.from({ length: 5 }, (_, i) => ({ name: `Scored ${i}` })),
    );
    const scores = [10, 9, 7, 2];
    for (const [i, score] of scores.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/s/${sends[i]!.token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `score=${score}`,
      });
      assert.equal(res.statusCode, 303);
    }
    const res = await call(t, 'GET', `/api/v1/surveys/${surveyId}/scores`, { cookie: ws.cookie });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.overall, { promoters: 2, passives: 1, detractors: 1, total: 4, nps: 25 });
    assert.equal(res.body.sends, 5);
    assert.equal(res.body.answeredSends, 4);
    assert.equal(res.body.responseRate, 0.8);
    assert.equal(res.body.months.length, 1);
    assert.equal(res.body.months[0].nps, 25);
  });

  test('workspace NPS: latest answer per person, grouped by month, account, tag, kind and owner', async () => {
    const w = await newWorkspace(t, 'Grouping Firm');
    const { surveyId } = await surveyRow(t, w, { name: 'Grouped' });
    const people = await sendsTo(t, w, surveyId, [
      { name: 'Acme One', accountName: 'Acme', email: 'a1@acme.test' },
      { name: 'Acme Two', accountName: 'Acme', email: 'a2@acme.test' },
      { name: 'Beta One', accountName: 'Beta', email: 'b1@beta.test' },
    ]);
    await t.db.execute(sql`update contacts set tags = array['vip'] where id = ${people[0]!.contactId}`);
    const answer = (i: number, score: number, at: string) =>
      call(t, 'POST', `/api/v1/surveys/${surveyId}/answers`, {
        cookie: w.cookie,
        body: { contactId: people[i]!.contactId, score, answeredAt: at },
      });
    await answer(0, 3, '2026-01-10T12:00:00Z');
    await answer(0, 10, '2026-02-10T12:00:00Z'); // Acme One changed their mind: the latest counts
    await answer(1, 9, '2026-02-11T12:00:00Z');
    await answer(2, 5, '2026-02-12T12:00:00Z');

    const q = (groupBy: string) =>
      call(t, 'GET', `/api/v1/nps?from=2026-01-01&to=2026-02-28&groupBy=${groupBy}`, { cookie: w.cookie });
    const months = await q('month');
    assert.equal(months.status, 200, JSON.stringify(months.body));
    assert.deepEqual(months.body.overall, { promoters: 2, passives: 0, detractors: 1, total: 3, nps: 33 });
    assert.deepEqual(
      months.body.groups.map((g: { key: string; nps: number; change: number | null }) => [
        g.key,
        g.nps,
        g.change,
      ]),
      [
        ['2026-01', -100, null],
        ['2026-02', 33, 133],
      ],
    );
    const accounts = await q('account');
    const byName = Object.fromEntries(
      accounts.body.groups.map((g: { label: string; nps: number; total: number }) => [
        g.label,
        [g.total, g.nps],
      ]),
    );
    assert.deepEqual(byName, { Acme: [2, 100], Beta: [1, -100] });
    const tags = await q('tag');
    assert.deepEqual(
      tags.body.groups.map((g: { label: string; total: number }) => [g.label, g.total]).sort(),
      [
        ['No tag', 2],
        ['vip', 1],
      ],
    );
    const kinds = await q('kind');
    assert.deepEqual(
      kinds.body.groups.map((g: { key: string; total: number }) => [g.key, g.total]),
      [['client', 3]],
    );
    const owners = await q('owner');
    assert.equal(owners.body.groups[0].label, 'No relationship yet');
    const surveys = await q('survey');
    assert.equal(surveys.body.groups[0].label, 'Grouped');
    const statuses = await q('account_status');
    assert.equal(statuses.body.groups[0].key, 'active');

    const backwards = await call(t, 'GET', '/api/v1/nps?from=2026-03-01&to=2026-01-01', { cookie: w.cookie });
    assert.equal(backwards.status, 400);
    const badGroup = await call(t, 'GET', '/api/v1/nps?groupBy=planet', { cookie: w.cookie });
    assert.equal(badGroup.status, 400);
    const empty = await call(t, 'GET', '/api/v1/nps', { cookie: (await newWorkspace(t)).cookie });
    assert.equal(empty.status, 200);
    assert.equal(empty.body.overall.nps, null);
    assert.equal(empty.body.responseRate, null);
  });

  test('review destinations: managers configure them; https only; members read', async () => {
    const member = await newMember(t, ws, 'member');
    const denied = await call(t, 'POST', '/api/v1/review-destinations', {
      cookie: member.cookie,
      body: { site: 'google', label: 'Google', url: 'https://g.page/x' },
    });
    assert.equal(denied.status, 403);
    for (const url of ['http://g.page/x', 'javascript:alert(1)', 'g.page/x', 'https://localhost']) {
      const res = await call(t, 'POST', '/api/v1/review-destinations', {
        cookie: ws.cookie,
        body: { site: 'custom', label: 'Bad', url },
      });
      assert.equal(res.status, 400, url);
      assert.match(res.body.error.message, /^body\.url/);
    }
    const a = await call(t, 'POST', '/api/v1/review-destinations', {
      cookie: ws.cookie,
      body: {
        site: 'linkedin',
        label: 'Recommend us on LinkedIn',
        url: 'https://www.linkedin.com/company/x',
      },
    });
    const b = await call(t, 'POST', '/api/v1/review-destinations', {
      cookie: ws.cookie,
      body: { site: 'clutch', label: 'Clutch', url: 'https://clutch.co/profile/x' },
    });
    assert.equal(b.body.position, a.body.position + 1);
    const moved = await call(t, 'PATCH', `/api/v1/review-destinations/${b.body.id}`, {
      cookie: ws.cookie,
      body: { position: 0, active: false },
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.active, false);
    const list = await call(t, 'GET', '/api/v1/review-destinations', { cookie: member.cookie });
    assert.equal(list.status, 200);
    assert.ok(list.body.destinations.some((d: { id: string }) => d.id === a.body.id));
    const del = await call(t, 'DELETE', `/api/v1/review-destinations/${a.body.id}`, { cookie: ws.cookie });
    assert.equal(del.status, 204);
    const gone = await call(t, 'DELETE', `/api/v1/review-destinations/${a.body.id}`, { cookie: ws.cookie });
    assert.equal(gone.status, 404);
  });
});
