// Survey campaigns through the API, with no SMTP and no job queue in the process: launching mails
// the first batch at once into the built-in outbox, and the scheduler (called directly) does the
// rest: rate-limited batches, reminders and recurring rounds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createMailer } from '../../mail/mailer.ts';
import {
  call,
  createContactVia,
  createTestApp,
  newMember,
  newWorkspace,
  type TestContext,
  type WorkspaceHandle,
} from '../../test/app.ts';
import { deriveLinkSecret, verifySendToken } from './links.ts';
import { runSurveyScheduler } from './send-survey-mail.ts';

describe('surveys', () => {
  let t: TestContext;
  let scheduler: () => ReturnType<typeof runSurveyScheduler>;
  before(async () => {
    t = await createTestApp();
    const deps = {
      db: t.db,
      mailer: createMailer({ smtpUrl: undefined, jobs: undefined }),
      publicUrl: t.config.publicUrl,
      linkSecret: deriveLinkSecret(t.config.sessionSecret!),
    };
    scheduler = () => runSurveyScheduler(deps);
  });
  after(async () => t.close());

  async function people(ws: WorkspaceHandle, n: number, prefix = 'Person') {
    const out = [];
    for (let i = 0; i < n; i++) {
      out.push(
        await createContactVia(t, ws.cookie, {
          name: `${prefix} ${i}`,
          email: `${prefix.toLowerCase().replace(/\W/g, '')}${i}@client.test`,
          accountName: 'Client Co',
        }),
      );
    }
    return out;
  }

  async function newSurvey(ws: WorkspaceHandle, body: Record<string, unknown>) {
    const res = await call(t, 'POST', '/api/v1/surveys', {
      cookie: ws.cookie,
      body: { name: 'Wave', ...body },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  const outbox = (ws: WorkspaceHandle) =>
    queryRows<{ to_address: string; subject: string; text_body: string; html_body: string; status: string }>(
      t.db,
      sql`select * from outbox_messages where workspace_id = ${ws.workspaceId} order by created_at`,
    );

  test('a new survey is a draft with the default question, an open question and a shareable link', async () => {
    const ws = await newWorkspace(t, 'Harbor Test');
    const [p] = await people(ws, 1);
    const survey = await newSurvey(ws, { audience: { kind: 'contacts', contactIds: [p!.id] } });
    assert.equal(survey.status, 'draft');
    assert.equal(survey.question, 'How likely are you to recommend Harbor Test to a colleague?');
    assert.equal(survey.openQuestion, 'What is the main reason for your score?');
    assert.match(survey.shareUrl, /^http:\/\/warmpath\.test\/s\/l\/[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(survey.counts, { total: 0, queued: 0, sent: 0, failed: 0, answered: 0 });
    const edited = await call(t, 'PATCH', `/api/v1/surveys/${survey.id}`, {
      cookie: ws.cookie,
      body: { openQuestion: '', reminderAfterDays: 5 },
    });
    assert.equal(edited.body.openQuestion, null);
    assert.equal(edited.body.reminderAfterDays, 5);
    const list = await call(t, 'GET', '/api/v1/surveys', { cookie: ws.cookie });
    assert.deepEqual(
      list.body.surveys.map((s: { id: string }) => s.id),
      [survey.id],
    );
  });

  test('bad input is refused with the field named, and members cannot create surveys', async () => {
    const ws = await newWorkspace(t);
    const recurringWithoutInterval = await call(t, 'POST', '/api/v1/surveys', {
      cookie: ws.cookie,
      body: { name: 'R', audience: { kind: 'active_clients' }, scheduleKind: 'recurring' },
    });
    assert.equal(recurringWithoutInterval.status, 400);
    assert.equal(recurringWithoutInterval.body.error.details[0].path, 'body.repeatEveryDays');
    const badAudience = await call(t, 'POST', '/api/v1/surveys', {
      cookie: ws.cookie,
      body: { name: 'R', audience: { kind: 'everyone' } },
    });
    assert.equal(badAudience.status, 400);
    const unknownContact = await call(t, 'POST', '/api/v1/surveys', {
      cookie: ws.cookie,
      body: { name: 'R', audience: { kind: 'contacts', contactIds: [crypto.randomUUID()] } },
    });
    assert.equal(unknownContact.status, 400);
    assert.equal(unknownContact.body.error.details[0].path, 'body.audience.contactIds');
    const member = await newMember(t, ws, 'member');
    const forbidden = await call(t, 'POST', '/api/v1/surveys', {
      cookie: member.cookie,
      body: { name: 'R', audience: { kind: 'active_clients' } },
    });
    assert.equal(forbidden.status, 403);
    const list = await call(t, 'GET', '/api/v1/surveys', { cookie: member.cookie });
    assert.equal(list.status, 200);
    assert.equal(list.body.surveys.length, 0);
  });

  test('the preview counts who gets the survey and who is left out, and why', async () => {
    const ws = await newWorkspace(t);
    const [ok, unsub, noSurvey, noEmail, archived, recent] = await people(ws, 6, 'Pre');
    await t.db.execute(sql`update contacts set unsubscribed_at = now() where id = ${unsub!.id}`);
    await t.db.execute(sql`update contacts set may_survey = false where id = ${noSurvey!.id}`);
    await t.db.execute(sql`update contacts set email = null where id = ${noEmail!.id}`);
    await call(t, 'POST', `/api/v1/contacts/${archived!.id}/archive`, { cookie: ws.cookie });
    const earlier = await newSurvey(ws, { audience: { kind: 'contacts', contactIds: [recent!.id] } });
    assert.equal(
      (await call(t, 'POST', `/api/v1/surveys/${earlier.id}/launch`, { cookie: ws.cookie })).status,
      200,
    );

    const preview = await call(t, 'POST', '/api/v1/surveys/audience-preview', {
      cookie: ws.cookie,
      body: { audience: { kind: 'active_clients' } },
    });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.count, 1);
    assert.deepEqual(
      preview.body.sample.map((s: { name: string }) => s.name),
      [ok!.name],
    );
    assert.deepEqual(preview.body.excluded, {
      total: 5,
      archived: 1,
      unsubscribed: 1,
      may_not_survey: 1,
      no_email: 1,
      recently_surveyed: 1,
    });
    assert.equal(preview.body.minGapDays, 90);
  });

  test('a survey to an empty audience is refused with the reasons, and nothing is stored', async () => {
    const ws = await newWorkspace(t);
    const [a, b] = await people(ws, 2, 'Gone');
    await t.db.execute(sql`update contacts set unsubscribed_at = now() where id in (${a!.id}, ${b!.id})`);
    const survey = await newSurvey(ws, { audience: { kind: 'contacts', contactIds: [a!.id, b!.id] } });
    const res = await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /Nobody to send to: all 2 people .* \(2 unsubscribed\)/);
    const after = await call(t, 'GET', `/api/v1/surveys/${survey.id}`, { cookie: ws.cookie });
    assert.equal(after.body.status, 'draft');
    assert.equal(after.body.counts.total, 0);
    assert.equal((await outbox(ws)).length, 0);
    const empty = await newSurvey(ws, { audience: { kind: 'tag', tag: 'nobody-has-this' } });
    const none = await call(t, 'POST', `/api/v1/surveys/${empty.id}/launch`, { cookie: ws.cookie });
    assert.equal(none.status, 409);
    assert.match(none.body.error.message, /names no one/);
  });

  test('launching mails everyone in the audience: score links, unsubscribe link, escaped text, timeline', async () => {
    const ws = await newWorkspace(t, 'Smith <b>&</b> Co');
    const person = await createContactVia(t, ws.cookie, {
      name: 'Ana <script>alert(1)</script> Silva',
      email: 'ana@client.test',
      tags: ['pilot'],
    });
    const other = await createContactVia(t, ws.cookie, { name: 'Bo Berg', email: 'bo@client.test' });
    await createContactVia(t, ws.cookie, { name: 'Not Tagged', email: 'nt@client.test' });
    await call(t, 'PATCH', `/api/v1/contacts/${other.id}`, { cookie: ws.cookie, body: { tags: ['pilot'] } });
    const survey = await newSurvey(ws, {
      audience: { kind: 'tag', tag: 'pilot' },
      question: 'Would you recommend "us" <really>?',
    });
    const launched = await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    assert.equal(launched.status, 200, JSON.stringify(launched.body));
    assert.equal(launched.body.queued, 2);
    assert.equal(launched.body.survey.status, 'active');
    assert.equal(launched.body.survey.counts.sent, 2);
    assert.equal(launched.body.survey.responseRate, 0);

    const messages = await outbox(ws);
    assert.equal(messages.length, 2);
    const mail = messages.find((m) => m.to_address === 'ana@client.test')!;
    assert.equal(mail.status, 'outbox');
    assert.equal(mail.subject, 'One quick question from Smith <b>&</b> Co');
    assert.ok(!mail.html_body.includes('<script>'), 'contact name is escaped');
    assert.ok(mail.html_body.includes('Ana &lt;script&gt;') || mail.html_body.includes('Hi Ana,'));
    assert.ok(mail.html_body.includes('Smith &lt;b&gt;&amp;&lt;/b&gt; Co'));
    assert.ok(mail.html_body.includes('Would you recommend &quot;us&quot; &lt;really&gt;?'));
    const links = [...mail.html_body.matchAll(/href="(http:\/\/warmpath\.test\/s\/[^"]+)"/g)].map(
      (m) => m[1]!,
    );
    assert.equal(links.length, 12, 'eleven scores and the unsubscribe link');
    const token = /\/s\/([A-Za-z0-9_-]{44})\?score=0/.exec(links[0]!)![1]!;
    const sendId = verifySendToken(deriveLinkSecret(t.config.sessionSecret!), token);
    assert.ok(sendId);
    for (let score = 0; score <= 10; score++)
      assert.equal(links[score], `http://warmpath.test/s/${token}?score=${score}`);
    assert.equal(links[11], `http://warmpath.test/s/${token}/unsubscribe`);
    assert.ok(mail.text_body.includes(`10: http://warmpath.test/s/${token}?score=10`));
    assert.ok(mail.text_body.includes(`http://warmpath.test/s/${token}/unsubscribe`));

    const sends = await call(t, 'GET', `/api/v1/surveys/${survey.id}/sends`, { cookie: ws.cookie });
    assert.equal(sends.status, 200);
    assert.deepEqual(
      sends.body.sends.map((s: { contact: { name: string }; status: string; delivery: string }) => [
        s.contact.name,
        s.status,
        s.delivery,
      ]),
      [
        ['Ana <script>alert(1)</script> Silva', 'sent', 'outbox'],
        ['Bo Berg', 'sent', 'outbox'],
      ],
    );
    assert.ok(sends.body.sends.some((s: { id: string }) => s.id === sendId));
    const timeline = await call(t, 'GET', `/api/v1/contacts/${person.id}/timeline`, { cookie: ws.cookie });
    assert.ok(timeline.body.events.some((e: { kind: string }) => e.kind === 'survey.sent'));

    const again = await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    assert.equal(again.status, 409);
    const deleteLaunched = await call(t, 'DELETE', `/api/v1/surveys/${survey.id}`, { cookie: ws.cookie });
    assert.equal(deleteLaunched.status, 409);

    // The minimum gap holds across surveys: a second survey to the same people finds nobody.
    const second = await newSurvey(ws, { audience: { kind: 'tag', tag: 'pilot' } });
    const refused = await call(t, 'POST', `/api/v1/surveys/${second.id}/launch`, { cookie: ws.cookie });
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /2 surveyed in the last 90 days/);
  });

  test('the per-minute rate holds mail back; pause stops it, close cancels what was not sent', async () => {
    const ws = await newWorkspace(t);
    const rate = await call(t, 'PATCH', '/api/v1/workspace', {
      cookie: ws.cookie,
      body: { surveyMailsPerMinute: 2, surveyMinGapDays: 30 },
    });
    assert.equal(rate.status, 200, JSON.stringify(rate.body));
    assert.equal(rate.body.surveyMailsPerMinute, 2);
    const crowd = await people(ws, 5, 'Rate');
    const survey = await newSurvey(ws, {
      audience: { kind: 'accounts', accountIds: [crowd[0]!.account!.id] },
    });
    const launched = await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    assert.equal(launched.body.queued, 5);
    assert.deepEqual([launched.body.survey.counts.sent, launched.body.survey.counts.queued], [2, 3]);
    await scheduler();
    assert.equal((await outbox(ws)).length, 2, 'the minute is not over');
    // A minute later the budget is back.
    await t.db.execute(sql`update survey_sends set sent_at = sent_at - interval '61 seconds'
      where workspace_id = ${ws.workspaceId} and message_id is not null`);
    await call(t, 'POST', `/api/v1/surveys/${survey.id}/pause`, { cookie: ws.cookie });
    await scheduler();
    assert.equal((await outbox(ws)).length, 2, 'a paused survey mails nothing');
    const resumed = await call(t, 'POST', `/api/v1/surveys/${survey.id}/resume`, { cookie: ws.cookie });
    assert.equal(resumed.body.status, 'active');
    assert.equal(resumed.body.counts.sent, 4);
    const queued = await call(t, 'GET', `/api/v1/surveys/${survey.id}/sends?status=queued`, {
      cookie: ws.cookie,
    });
    assert.equal(queued.body.sends.length, 1);
    const closed = await call(t, 'POST', `/api/v1/surveys/${survey.id}/close`, { cookie: ws.cookie });
    assert.equal(closed.body.cancelled, 1);
    assert.equal(closed.body.survey.status, 'closed');
    assert.equal(closed.body.survey.counts.total, 4);
    await t.db.execute(sql`update survey_sends set sent_at = sent_at - interval '61 seconds'
      where workspace_id = ${ws.workspaceId}`);
    await scheduler();
    assert.equal((await outbox(ws)).length, 4);
    const edit = await call(t, 'PATCH', `/api/v1/surveys/${survey.id}`, {
      cookie: ws.cookie,
      body: { name: 'x' },
    });
    assert.equal(edit.status, 409);
  });

  test('someone who unsubscribes while their mail waits is never mailed', async () => {
    const ws = await newWorkspace(t);
    await call(t, 'PATCH', '/api/v1/workspace', { cookie: ws.cookie, body: { surveyMailsPerMinute: 1 } });
    const [first, second] = await people(ws, 2, 'Wait');
    const survey = await newSurvey(ws, {
      audience: { kind: 'contacts', contactIds: [first!.id, second!.id] },
    });
    await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    const waiting = (
      await call(t, 'GET', `/api/v1/surveys/${survey.id}/sends?status=queued`, { cookie: ws.cookie })
    ).body.sends[0];
    await t.db.execute(sql`update contacts set unsubscribed_at = now() where id = ${waiting.contact.id}`);
    await t.db.execute(sql`update survey_sends set sent_at = sent_at - interval '61 seconds'
      where workspace_id = ${ws.workspaceId}`);
    await scheduler();
    const messages = await outbox(ws);
    assert.equal(messages.length, 1);
    assert.notEqual(messages[0]!.to_address, waiting.contact.email);
    const sends = await call(t, 'GET', `/api/v1/surveys/${survey.id}/sends`, { cookie: ws.cookie });
    assert.equal(sends.body.sends.length, 1);
  });

  test('one reminder goes to non-responders after the set days, never twice, never to those who answered', async () => {
    const ws = await newWorkspace(t);
    const [quiet, answered] = await people(ws, 2, 'Remind');
    const survey = await newSurvey(ws, {
      audience: { kind: 'contacts', contactIds: [quiet!.id, answered!.id] },
      reminderAfterDays: 3,
    });
    await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    assert.equal((await scheduler()).reminded, 0, 'not due yet');
    await t.db.execute(sql`update survey_sends set sent_at = sent_at - interval '4 days'
      where workspace_id = ${ws.workspaceId}`);
    await t.db.execute(sql`update survey_sends set answered_at = now()
      where workspace_id = ${ws.workspaceId} and contact_id = ${answered!.id}`);
    const first = await scheduler();
    assert.equal(first.reminded, 1);
    const messages = await outbox(ws);
    const reminder = messages.at(-1)!;
    assert.equal(reminder.to_address, 'remind0@client.test');
    assert.match(reminder.subject, /^Reminder: /);
    const original = messages.find((m) => m.to_address === 'remind0@client.test' && m !== reminder)!;
    const links = (body: string) => body.match(/http:\/\/warmpath\.test\/s\/\S+/g);
    assert.deepEqual(
      links(reminder.text_body),
      links(original.text_body),
      'the reminder repeats the same links',
    );
    await t.db.execute(sql`update survey_sends set reminded_at = reminded_at - interval '2 minutes'
      where workspace_id = ${ws.workspaceId}`);
    assert.equal((await scheduler()).reminded, 0);
    const sends = await call(t, 'GET', `/api/v1/surveys/${survey.id}/sends`, { cookie: ws.cookie });
    const byName = new Map(sends.body.sends.map((s: { contact: { name: string } }) => [s.contact.name, s]));
    assert.ok((byName.get('Remind 0') as { remindedAt: string }).remindedAt);
    assert.equal((byName.get('Remind 1') as { status: string }).status, 'answered');
  });

  test('a recurring survey surveys each person again after its interval, honouring the minimum gap', async () => {
    const ws = await newWorkspace(t);
    const [due, recentlyElsewhere] = await people(ws, 2, 'Again');
    const survey = await newSurvey(ws, {
      audience: { kind: 'filter', filter: { kind: 'client' } },
      scheduleKind: 'recurring',
      repeatEveryDays: 180,
    });
    const launched = await call(t, 'POST', `/api/v1/surveys/${survey.id}/launch`, { cookie: ws.cookie });
    assert.equal(launched.body.queued, 2);
    assert.ok(launched.body.survey.nextRunAt);
    assert.equal((await scheduler()).rounds, 0, 'the next round is not due yet');
    // Half a year later; meanwhile another survey reached one of them a month ago.
    await t.db.execute(sql`update survey_sends set sent_at = sent_at - interval '200 days'
      where workspace_id = ${ws.workspaceId}`);
    await t.db.execute(
      sql`update surveys set next_run_at = now() - interval '1 minute' where id = ${survey.id}`,
    );
    const other = await newSurvey(ws, {
      name: 'Other',
      audience: { kind: 'contacts', contactIds: [due!.id] },
    });
    await t.db.execute(sql`insert into survey_sends (workspace_id, survey_id, contact_id, sent_at, expires_at)
      values (${ws.workspaceId}, ${other.id}, ${recentlyElsewhere!.id}, now() - interval '30 days', now())`);
    const pass = await scheduler();
    assert.equal(pass.rounds, 1);
    const sends = await queryRows<{ contact_id: string }>(
      t.db,
      sql`select contact_id from survey_sends where survey_id = ${survey.id} and sent_at > now() - interval '1 day'`,
    );
    assert.deepEqual(
      sends.map((s) => s.contact_id),
      [due!.id],
    );
    assert.equal((await scheduler()).rounds, 0, 'one round a day at most');
  });
});
