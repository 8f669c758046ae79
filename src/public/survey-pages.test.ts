import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { countAnswers, sendsTo, surveyRow } from '../features/answers/test-fixtures.ts';
import { call, createTestApp, newWorkspace, type TestContext, type WorkspaceHandle } from '../test/app.ts';

function post(t: TestContext, url: string, form: Record<string, string>, accept?: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(accept && { accept }),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

type AnswerRow = {
  id: string;
  score: number;
  category: string;
  comment: string | null;
  account_id: string | null;
  contact_id: string | null;
  enrolled_at: string | null;
  source: string;
  respondent_name: string | null;
  respondent_email: string | null;
  colleague_name: string | null;
  colleague_email: string | null;
  colleague_note: string | null;
};

async function answersOf(t: TestContext, surveyId: string): Promise<AnswerRow[]> {
  return queryRows<AnswerRow>(
    t.db,
    sql`select * from survey_answers where survey_id = ${surveyId} order by created_at`,
  );
}

async function timelineOf(t: TestContext, contactId: string, kind: string) {
  return queryRows<{
    title: string;
    body: string | null;
    account_id: string | null;
    data: Record<string, unknown>;
  }>(
    t.db,
    sql`select title, body, account_id, data from timeline_events where contact_id = ${contactId} and kind = ${kind}`,
  );
}

describe('public survey pages', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Harbor Advisory');
  });
  after(async () => t.close());

  test('the GET shows the question with the score picked and records nothing', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'Ana Silva', email: 'ana@client.test' }]);
    const res = await t.app.inject({ method: 'GET', url: `/s/${send!.token}?score=9` });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /How likely are you to recommend us to a colleague\?/);
    assert.match(res.body, /value="9" required checked/);
    assert.match(res.body, /data-autosave="1"/);
    assert.match(res.body, /<script src="\/s\/assets\/answer\.js" defer><\/script>/);
    assert.match(res.body, /What is the main reason for your score\?/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    // Prefetching the same link again, as scanners do, still stores nothing.
    await t.app.inject({ method: 'GET', url: `/s/${send!.token}?score=2` });
    assert.equal(await countAnswers(t, surveyId), 0);

    const script = await t.app.inject({ method: 'GET', url: '/s/assets/answer.js' });
    assert.equal(script.statusCode, 200);
    assert.match(script.headers['content-type'] as string, /javascript/);
    assert.match(script.body, /fetch\(form\.action/);
  });

  test('the GET without a score offers all eleven, none picked, and no automatic save', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'No Score' }]);
    for (const q of ['', '?score=abc', '?score=11']) {
      const res = await t.app.inject({ method: 'GET', url: `/s/${send!.token}${q}` });
      assert.equal(res.statusCode, 200);
      assert.equal((res.body.match(/type="radio"/g) ?? []).length, 11);
      assert.doesNotMatch(res.body, /required checked/);
      assert.match(res.body, /data-autosave="0"/);
    }
  });

  test('the POST records the answer with its account, timeline event and pending enrolment', async () => {
    const { surveyId } = await surveyRow(t, ws, { name: 'Autumn survey' });
    const [send] = await sendsTo(t, ws, surveyId, [
      { name: 'Ben Ortiz', email: 'ben@northwind.test', accountName: 'Northwind' },
    ]);
    const res = await post(t, `/s/${send!.token}`, { score: '9', comment: '  Great team  ' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/s/${send!.token}/thanks`);
    const [answer, ...rest] = await answersOf(t, surveyId);
    assert.equal(rest.length, 0);
    assert.equal(answer!.score, 9);
    assert.equal(answer!.category, 'promoter');
    assert.equal(answer!.comment, 'Great team');
    assert.equal(answer!.source, 'email');
    assert.equal(answer!.contact_id, send!.contactId);
    assert.ok(answer!.account_id, 'the account is taken from the contact');
    const [sendRow] = await queryRows<{ answered_at: Date | null }>(
      t.db,
      sql`select answered_at from survey_sends where id = ${send!.sendId}`,
    );
    assert.ok(sendRow!.answered_at);
    const events = await timelineOf(t, send!.contactId, 'survey.answer');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.title, 'Scored 9 out of 10 in "Autumn survey"');
    assert.equal(events[0]!.body, 'Great team');
    assert.equal(events[0]!.account_id, answer!.account_id);
  });

  test('a second POST within 7 days changes the answer; after that the answer stands', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'Chloe Chang' }]);
    assert.equal((await post(t, `/s/${send!.token}`, { score: '8' })).statusCode, 303);
    const changed = await post(t, `/s/${send!.token}`, { score: '4', comment: 'Actually, slow replies' });
    assert.equal(changed.statusCode, 303);
    const answers = await answersOf(t, surveyId);
    assert.equal(answers.length, 1);
    assert.equal(answers[0]!.score, 4);
    assert.equal(answers[0]!.category, 'detractor');
    const events = await timelineOf(t, send!.contactId, 'survey.answer');
    assert.equal(events.length, 1, 'the change rewrites the event instead of adding one');
    assert.match(events[0]!.title, /Scored 4 out of 10/);

    const thanks = await t.app.inject({ method: 'GET', url: `/s/${send!.token}/thanks` });
    assert.match(thanks.body, /Change my answer/);

    // The page shows the earlier answer for changing it.
    const page = await t.app.inject({ method: 'GET', url: `/s/${send!.token}` });
    assert.match(page.body, /You answered 4/);
    assert.match(page.body, /Actually, slow replies/);

    await t.db.execute(
      sql`update survey_answers set editable_until = now() - interval '1 minute' where id = ${answers[0]!.id}`,
    );
    const late = await post(t, `/s/${send!.token}`, { score: '10' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /You have already answered/);
    assert.equal((await answersOf(t, surveyId))[0]!.score, 4);
    const latePage = await t.app.inject({ method: 'GET', url: `/s/${send!.token}?score=10` });
    assert.match(latePage.body, /You have already answered/);
    assert.doesNotMatch(latePage.body, /<form/);
    // Once the week is over the thank-you page no longer offers a change it would refuse.
    const lateThanks = await t.app.inject({ method: 'GET', url: `/s/${send!.token}/thanks` });
    assert.equal(lateThanks.statusCode, 200);
    assert.doesNotMatch(lateThanks.body, /Change my answer/);
  });

  test('the page script gets JSON answers', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'Dev Patel' }]);
    const saved = await post(t, `/s/${send!.token}`, { score: '7', comment: '' }, 'application/json');
    assert.equal(saved.statusCode, 200);
    assert.equal(saved.json().status, 'recorded');
    const again = await post(t, `/s/${send!.token}`, { score: '7', comment: 'More' }, 'application/json');
    assert.equal(again.json().status, 'updated');
    const bad = await post(t, `/s/${send!.token}`, { score: '12' }, 'application/json');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().status, 'invalid');
    assert.equal((await answersOf(t, surveyId))[0]!.comment, 'More');
  });

  test('a bad score is refused with the form again and nothing stored', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'Eve Adams' }]);
    for (const score of ['11', '-1', 'abc', '7.5', '']) {
      const res = await post(t, `/s/${send!.token}`, { score, comment: 'kept <b>text</b>' });
      assert.equal(res.statusCode, 400, `score ${JSON.stringify(score)}`);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /class="error"/);
      assert.match(
        res.body,
        score === '' ? /Please choose a score from 0 to 10/ : /whole number from 0 to 10/,
      );
      assert.match(res.body, /kept &lt;b&gt;text&lt;\/b&gt;/, 'the comment is kept, escaped');
    }
    const tooLong = await post(t, `/s/${send!.token}`, { score: '5', comment: 'x'.repeat(5001) });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(await countAnswers(t, surveyId), 0);
  });

  test('forged, unknown and expired links get a friendly page and store nothing', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send, old] = await sendsTo(t, ws, surveyId, [{ name: 'Fay Fox' }, { name: 'Gus Old' }]);
    await t.db.execute(
      sql`update survey_sends set expires_at = now() - interval '1 day' where id = ${old!.sendId}`,
    );
    const token = send!.token;
    const forged = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    for (const bad of [forged, 'nonsense', `${token}x`]) {
      for (const res of [
        await t.app.inject({ method: 'GET', url: `/s/${bad}?score=9` }),
        await post(t, `/s/${bad}`, { score: '9' }),
      ]) {
        assert.equal(res.statusCode, 404);
        assert.match(res.body, /This link does not work/);
        assert.doesNotMatch(res.body, /Error|stack|at /);
      }
    }
    const expiredGet = await t.app.inject({ method: 'GET', url: `/s/${old!.token}?score=9` });
    assert.equal(expiredGet.statusCode, 410);
    assert.match(expiredGet.body, /This survey has closed/);
    const expiredPost = await post(t, `/s/${old!.token}`, { score: '9' });
    assert.equal(expiredPost.statusCode, 410);
    assert.equal(await countAnswers(t, surveyId), 0);

    // A closed survey's links stop too.
    await t.db.execute(sql`update surveys set status = 'closed' where id = ${surveyId}`);
    assert.equal((await post(t, `/s/${token}`, { score: '9' })).statusCode, 410);
    assert.equal(await countAnswers(t, surveyId), 0);
  });

  test('thank-you: promoters see review sites and can suggest a colleague; others are told we follow up', async () => {
    const manager = ws.cookie;
    const created = await call(t, 'POST', '/api/v1/review-destinations', {
      cookie: manager,
      body: { site: 'google', label: 'Review us on Google', url: 'https://g.page/r/harbor/review' },
    });
    assert.equal(created.status, 201);
    await call(t, 'POST', '/api/v1/review-destinations', {
      cookie: manager,
      body: { site: 'g2', label: 'Hidden G2', url: 'https://www.g2.com/x', active: false },
    });
    const { surveyId } = await surveyRow(t, ws);
    const [fan, critic] = await sendsTo(t, ws, surveyId, [{ name: 'Hana Fan' }, { name: 'Ivan Critic' }]);
    await post(t, `/s/${fan!.token}`, { score: '10' });
    const thanks = await t.app.inject({ method: 'GET', url: `/s/${fan!.token}/thanks` });
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /href="https:\/\/g\.page\/r\/harbor\/review"/);
    assert.match(thanks.body, /Review us on Google/);
    assert.doesNotMatch(thanks.body, /Hidden G2/);
    assert.match(thanks.body, /someone who could use our help/);

    const missing = await post(t, `/s/${fan!.token}/thanks`, { name: '', email: 'x' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Please enter their name/);
    const badEmail = await post(t, `/s/${fan!.token}/thanks`, { name: 'Jo', email: 'not-an-email' });
    assert.equal(badEmail.statusCode, 400);

    const sent = await post(t, `/s/${fan!.token}/thanks`, {
      name: 'Jo <Colleague>',
      email: 'JO@Other.test',
      note: 'Migrating their ERP',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/s/${fan!.token}/thanks?sent=1`);
    const [answer] = await answersOf(t, surveyId);
    assert.equal(answer!.colleague_name, 'Jo <Colleague>');
    assert.equal(answer!.colleague_email, 'jo@other.test');
    assert.equal(answer!.colleague_note, 'Migrating their ERP');
    assert.equal((await timelineOf(t, fan!.contactId, 'survey.colleague')).length, 1);
    const after = await t.app.inject({ method: 'GET', url: `/s/${fan!.token}/thanks?sent=1` });
    assert.match(after.body, /Thank you for thinking of Jo &lt;Colleague&gt;/);

    await post(t, `/s/${critic!.token}`, { score: '3' });
    const critical = await t.app.inject({ method: 'GET', url: `/s/${critic!.token}/thanks` });
    assert.match(critical.body, /Someone from our team will call you/);
    assert.doesNotMatch(critical.body, /g\.page/);
    assert.doesNotMatch(critical.body, /<form/);
    // A thank-you page for a link that was never answered is not found.
    const [unanswered] = await sendsTo(t, ws, surveyId, [{ name: 'Kai Silent' }]);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/s/${unanswered!.token}/thanks` })).statusCode,
      404,
    );
  });

  test('unsubscribe: a confirm page, then the contact is never surveyed again (idempotent)', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'Lea Quiet', email: 'lea@quiet.test' }]);
    const page = await t.app.inject({ method: 'GET', url: `/s/${send!.token}/unsubscribe` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /lea@quiet\.test/);
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/);
    const before = await queryRows<{ unsubscribed_at: Date | null }>(
      t.db,
      sql`select unsubscribed_at from contacts where id = ${send!.contactId}`,
    );
    assert.equal(before[0]!.unsubscribed_at, null, 'the GET changes nothing');

    for (let i = 0; i < 2; i++) {
      const res = await post(t, `/s/${send!.token}/unsubscribe`, {});
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /You are unsubscribed/);
    }
    const [contact] = await queryRows<{ unsubscribed_at: Date | null; may_survey: boolean }>(
      t.db,
      sql`select unsubscribed_at, may_survey from contacts where id = ${send!.contactId}`,
    );
    assert.ok(contact!.unsubscribed_at);
    assert.equal(contact!.may_survey, false);
    assert.equal((await timelineOf(t, send!.contactId, 'survey.unsubscribed')).length, 1);
    // Works after the answer links have expired, and a forged link changes nothing.
    await t.db.execute(
      sql`update survey_sends set expires_at = now() - interval '1 day' where id = ${send!.sendId}`,
    );
    assert.match(
      (await t.app.inject({ method: 'GET', url: `/s/${send!.token}/unsubscribe` })).body,
      /You are unsubscribed/,
    );
    assert.equal((await post(t, '/s/forged-token/unsubscribe', {})).statusCode, 404);
  });

  test('share link: anonymous, by a known email, closed, unknown', async () => {
    const { surveyId, shareCode } = await surveyRow(t, ws, {
      question: 'Would you recommend <Harbor & Co>?',
    });
    const page = await t.app.inject({ method: 'GET', url: `/s/l/${shareCode}?score=8` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Would you recommend &lt;Harbor &amp; Co&gt;\?/);
    assert.match(page.body, /value="8" required checked/);
    assert.match(page.body, /name="email"/);
    assert.equal(await countAnswers(t, surveyId), 0);

    const anon = await post(t, `/s/l/${shareCode}`, {
      score: '6',
      comment: 'ok',
      name: 'Someone',
      email: '',
    });
    assert.equal(anon.statusCode, 303);
    const location = String(anon.headers.location);
    assert.match(location, new RegExp(`^/s/l/${shareCode}/thanks/`));
    const thanks = await t.app.inject({ method: 'GET', url: location });
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /Thank you for your answer/);

    const [known] = await sendsTo(t, ws, surveyId, [{ name: 'Mia Known', email: 'mia@known.test' }]);
    const byEmail = await post(t, `/s/l/${shareCode}`, { score: '10', name: 'Mia', email: 'MIA@known.test' });
    assert.equal(byEmail.statusCode, 303);
    const stranger = await post(t, `/s/l/${shareCode}`, {
      score: '9',
      name: 'New Person',
      email: 'new@person.test',
    });
    assert.equal(stranger.statusCode, 303);
    const answers = await answersOf(t, surveyId);
    assert.equal(answers.length, 3);
    assert.deepEqual(
      answers.map((a) => [a.source, a.contact_id, a.respondent_email]),
      [
        ['link', null, null],
        ['link', known!.contactId, 'mia@known.test'],
        ['link', null, 'new@person.test'],
      ],
    );
    const [contacts] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from contacts where workspace_id = ${ws.workspaceId} and email = 'new@person.test'`,
    );
    assert.equal(Number(contacts!.n), 0, 'no contact is created from a public form');

    // The promoter's thank-you has the colleague form, posted to its own signed address.
    const promoterThanks = String(stranger.headers.location);
    const colleague = await post(t, promoterThanks, { name: 'Their CFO' });
    assert.equal(colleague.statusCode, 303);
    assert.equal((await answersOf(t, surveyId))[2]!.colleague_name, 'Their CFO');
    // A thank-you address for another survey's code, or a forged one, is not found.
    assert.equal((await t.app.inject({ method: 'GET', url: `${promoterThanks}x` })).statusCode, 404);

    const bad = await post(t, `/s/l/${shareCode}`, { score: 'ten', name: 'X' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /value="X"/);
    const badEmail = await post(t, `/s/l/${shareCode}`, { score: '5', email: 'nope' });
    assert.equal(badEmail.statusCode, 400);
    assert.equal(await countAnswers(t, surveyId), 3);

    assert.equal((await t.app.inject({ method: 'GET', url: '/s/l/unknown-code' })).statusCode, 404);
    await t.db.execute(sql`update surveys set status = 'closed' where id = ${surveyId}`);
    assert.equal((await post(t, `/s/l/${shareCode}`, { score: '9' })).statusCode, 410);
    assert.equal(await countAnswers(t, surveyId), 3);
  });

  test('many answers at once are all committed before they are acknowledged', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const people = Array.from({ length: 40 }, (_, i) => ({ name: `Batch Person ${i}` }));
    const sends = await sendsTo(t, ws, surveyId, people);
    const results = await Promise.all(
      sends.map((s, i) => post(t, `/s/${s.token}`, { score: String(i % 11) })),
    );
    assert.ok(results.every((r) => r.statusCode === 303));
    const answers = await answersOf(t, surveyId);
    assert.equal(answers.length, 40);
    // The same link twice in one burst: one answer, the later score.
    const [one] = await sendsTo(t, ws, surveyId, [{ name: 'Twice' }]);
    await Promise.all([
      post(t, `/s/${one!.token}`, { score: '1' }),
      post(t, `/s/${one!.token}`, { score: '2' }),
    ]);
    const twice = (await answersOf(t, surveyId)).filter((a) => a.contact_id === one!.contactId);
    assert.equal(twice.length, 1);
  });

  test('public pages are rate limited per link, with a friendly page', async () => {
    const { surveyId } = await surveyRow(t, ws);
    const [send] = await sendsTo(t, ws, surveyId, [{ name: 'Rapid Fire' }]);
    let last = await post(t, `/s/${send!.token}`, { score: '5' });
    for (let i = 0; i < 20; i++) last = await post(t, `/s/${send!.token}`, { score: '5' });
    assert.equal(last.statusCode, 429);
    assert.match(last.headers['content-type'] as string, /text\/html/);
    assert.match(last.body, /Wait a minute, then try again/);
    // Another link is not affected.
    const [other] = await sendsTo(t, ws, surveyId, [{ name: 'Calm Person' }]);
    assert.equal((await post(t, `/s/${other!.token}`, { score: '5' })).statusCode, 303);
  });
});
