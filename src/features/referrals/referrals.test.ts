import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  contacts,
  outboxMessages,
  referralHistory,
  referrals,
  tasks,
  timelineEvents,
} from '../../db/schema/index.ts';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { suggestColleague } from '../answers/public-queries.ts';
import { insertAnswer, insertEnrolment, insertTask } from '../tasks/test-helpers.ts';

const today = () => new Date().toISOString().slice(0, 10);

async function create(t: TestContext, cookie: string, body: Record<string, unknown>) {
  const res = await call(t, 'POST', '/api/v1/referrals', { cookie, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function move(t: TestContext, cookie: string, id: string, body: Record<string, unknown>) {
  return call(t, 'POST', `/api/v1/referrals/${id}/move`, { cookie, body });
}

async function thankTasks(t: TestContext, referralId: string) {
  return t.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.referralId, referralId), eq(tasks.action, 'thank')));
}

describe('referrals', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('export: the list as CSV with the same filters, formulas escaped, other workspaces absent', async () => {
    const ws = await newWorkspace(t);
    const other = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, { name: '=HYPERLINK("x")', accountName: 'Northwind' });
    await create(t, ws.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'Ivo Intro',
      expectedValue: 1500,
    });
    const rec = await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'other',
      prospectName: 'Rita Rec',
    });
    await move(t, ws.cookie, rec.id, { status: 'won', bookedValue: 2500.5 });
    const bRef = await createContactVia(t, other.cookie, { name: 'Other Referrer' });
    await create(t, other.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: bRef.id,
      prospectName: 'Hidden Person',
    });

    const all = await call(t, 'GET', '/api/v1/referrals/export.csv', { cookie: ws.cookie });
    assert.equal(all.status, 200);
    assert.match(String(all.headers['content-type']), /text\/csv/);
    const lines = String(all.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'referred_at,kind,source,status,referrer,referrer_company,prospect,prospect_company,owner,expected_value,booked_value,currency,lost_reason,status_changed_at,closed_at',
    );
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /,recommendation,other,won,,,Rita Rec,/);
    assert.match(lines[1]!, /,2500\.50,USD,/);
    // A name a spreadsheet would run as a formula is escaped.
    assert.match(lines[2]!, /,introduction,client,new,"'=HYPERLINK\(""x""\)",Northwind,Ivo Intro,/);
    assert.doesNotMatch(String(all.body), /Hidden Person/);

    const intros = await call(t, 'GET', '/api/v1/referrals/export.csv?kind=introduction', {
      cookie: ws.cookie,
    });
    assert.doesNotMatch(String(intros.body), /Rita Rec/);
    assert.match(String(intros.body), /Ivo Intro/);
    const bad = await call(t, 'GET', '/api/v1/referrals/export.csv?kind=sideways', { cookie: ws.cookie });
    assert.equal(bad.status, 400);
  });

  test('recorded by hand, moved with history kept; lost needs a reason; won takes the booked value', async () => {
    const ws = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Member');
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Referrer', accountName: 'Northwind' });
    const created = await create(t, ada.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'Max Prospect',
      prospectEmail: 'MAX@prospect.test',
      prospectCompany: 'Prospect Co',
      expectedValue: 12000,
      note: 'Met at the conference',
    });
    assert.equal(created.kind, 'introduction');
    assert.equal(created.status, 'new');
    assert.equal(created.referrer.name, 'Ana Referrer');
    assert.equal(created.prospect.name, 'Max Prospect');
    assert.equal(created.prospect.accountName, 'Prospect Co');
    assert.equal(created.account.name, 'Prospect Co');
    assert.equal(created.prospectEmail, 'max@prospect.test');
    // Nobody knows Ana yet: the member who recorded it owns it.
    assert.equal(created.owner.id, ada.memberId);
    assert.equal(created.currency, 'USD');
    assert.equal(created.expectedValue, 12000);
    const [prospect] = await t.db.select().from(contacts).where(eq(contacts.email, 'max@prospect.test'));
    assert.equal(prospect!.kind, 'prospect');

    // The same email again matches the contact instead of adding a second one.
    const again = await create(t, ada.cookie, {
      kind: 'recommendation',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'Maximilian P.',
      prospectEmail: 'max@prospect.test',
    });
    assert.equal(again.prospect.contactId, prospect!.id);

    const contacted = await move(t, ada.cookie, created.id, { status: 'contacted' });
    assert.equal(contacted.status, 200, JSON.stringify(contacted.body));
    const noReason = await move(t, ada.cookie, created.id, { status: 'lost' });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.details[0].path, 'body.reason');
    const lost = await move(t, ada.cookie, created.id, { status: 'lost', reason: 'Chose a bigger firm' });
    assert.equal(lost.body.status, 'lost');
    assert.equal(lost.body.lostReason, 'Chose a bigger firm');
    assert.ok(lost.body.closedAt);
    // Reopened: closedAt cleared, the lost reason stays in history.
    const reopened = await move(t, ws.cookie, created.id, { status: 'proposal' });
    assert.equal(reopened.body.closedAt, null);
    assert.equal(reopened.body.lostReason, null);
    const won = await move(t, ws.cookie, created.id, { status: 'won', bookedValue: 15000.5 });
    assert.equal(won.body.bookedValue, 15000.5);
    assert.ok(won.body.closedAt);
    const history = won.body.history.map((h: { kind: string; toStatus: string; reason: string | null }) => [
      h.kind,
      h.toStatus,
      h.reason,
    ]);
    assert.deepEqual(history, [
      ['created', 'new', null],
      ['status', 'contacted', null],
      ['status', 'lost', 'Chose a bigger firm'],
      ['status', 'proposal', null],
      ['status', 'won', null],
    ]);
    assert.equal(won.body.history[1].member.name, 'Ada Member');
    assert.equal(won.body.history[4].member.id, ws.memberId);

    const edited = await call(t, 'PATCH', `/api/v1/referrals/${created.id}`, {
      cookie: ada.cookie,
      body: { ownerMemberId: ws.memberId, expectedValue: 14000, note: 'Signed for a year' },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.owner.id, ws.memberId);
    const kinds = edited.body.history.map((h: { kind: string }) => h.kind);
    assert.deepEqual(kinds.slice(-3).sort(), ['edited', 'owner', 'value']);
    const value = edited.body.history.find((h: { kind: string }) => h.kind === 'value');
    assert.deepEqual(value.data.expectedValue, { from: 12000, to: 14000 });

    // The referrer's and the prospect's timelines both show it.
    const events = await t.db.select().from(timelineEvents).where(eq(timelineEvents.refId, created.id));
    assert.ok(events.some((e) => e.kind === 'referral.sent' && e.contactId === ana.id));
    assert.ok(events.some((e) => e.kind === 'referral.received' && e.contactId === prospect!.id));
  });

  test('"How did you hear about us?": a recommendation recorded after the fact, credited to the referrer', async () => {
    const ws = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Client' });
    const walkIn = await createContactVia(t, ws.cookie, { name: 'Walter Walk-In', kind: 'prospect' });
    const rec = await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'client',
      referrerContactId: ana.id,
      prospectContactId: walkIn.id,
      heardAbout: 'Ana told me at the golf club you sorted out her audit',
    });
    assert.equal(rec.kind, 'recommendation');
    assert.equal(rec.heardAbout, 'Ana told me at the golf club you sorted out her audit');
    assert.equal(rec.prospect.contactId, walkIn.id);
    // A recommendation may not have a name at all yet.
    const anonymous = await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'client',
      referrerContactId: ana.id,
    });
    assert.equal(anonymous.prospect.name, null);
    const sent = await call(t, 'GET', `/api/v1/referrals?referrer=${ana.id}`, { cookie: ws.cookie });
    assert.equal(sent.body.totals.count, 2);
    const received = await call(t, 'GET', `/api/v1/referrals?prospect=${walkIn.id}`, { cookie: ws.cookie });
    assert.deepEqual(
      received.body.referrals.map((r: { id: string }) => r.id),
      [rec.id],
    );
  });

  test('board: columns with counts, per-kind counts and sums, capped cards with "more"; list filters and paging', async () => {
    const ws = await newWorkspace(t);
    const bo = await newMember(t, ws, 'member', 'Bo Owner');
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Sender' });
    const ben = await createContactVia(t, ws.cookie, { name: 'Ben Partner', kind: 'partner' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await create(t, ws.cookie, {
        kind: i % 2 ? 'recommendation' : 'introduction',
        source: i < 3 ? 'client' : 'partner',
        referrerContactId: i < 3 ? ana.id : ben.id,
        prospectName: `Prospect ${i}`,
        expectedValue: 1000 * (i + 1),
        ownerMemberId: i === 4 ? bo.memberId : undefined,
        referredAt: `2026-10-0${i + 1}T10:00:00Z`,
      });
      made.push(r.id);
    }
    await move(t, ws.cookie, made[0]!, { status: 'won', bookedValue: 900 });
    await move(t, ws.cookie, made[1]!, { status: 'won' });
    const eur = await create(t, ws.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'Euro Prospect',
      expectedValue: 50,
      currency: 'eur',
    });
    assert.equal(eur.currency, 'EUR');

    const board = await call(t, 'GET', '/api/v1/referrals/board?perColumn=2', { cookie: ws.cookie });
    assert.equal(board.status, 200, JSON.stringify(board.body));
    const col = (s: string) => board.body.columns.find((c: { status: string }) => c.status === s);
    assert.deepEqual(
      board.body.columns.map((c: { status: string }) => c.status),
      ['new', 'contacted', 'meeting_held', 'qualified', 'proposal', 'won', 'lost'],
    );
    assert.equal(col('new').count, 4);
    assert.equal(col('new').cards.length, 2);
    assert.equal(col('new').more, 2);
    assert.deepEqual(col('new').byKind, { introduction: 3, recommendation: 1 });
    assert.deepEqual(col('new').values, [
      { currency: 'USD', expected: 3000 + 4000 + 5000, booked: 0 },
      { currency: 'EUR', expected: 50, booked: 0 },
    ]);
    assert.equal(col('won').count, 2);
    assert.deepEqual(col('won').values, [{ currency: 'USD', expected: 3000, booked: 900 }]);
    assert.equal(col('lost').count, 0);

    const partners = await call(t, 'GET', '/api/v1/referrals?source=partner', { cookie: ws.cookie });
    assert.equal(partners.body.totals.count, 2);
    const recs = await call(t, 'GET', '/api/v1/referrals?kind=recommendation', { cookie: ws.cookie });
    assert.deepEqual(recs.body.totals.byKind, { recommendation: 2, introduction: 0 });
    const wonList = await call(t, 'GET', '/api/v1/referrals?status=won', { cookie: ws.cookie });
    assert.equal(wonList.body.totals.values[0].booked, 900);
    const bos = await call(t, 'GET', `/api/v1/referrals?owner=${bo.memberId}`, { cookie: ws.cookie });
    assert.deepEqual(
      bos.body.referrals.map((r: { id: string }) => r.id),
      [made[4]],
    );
    const period = await call(t, 'GET', '/api/v1/referrals?from=2026-10-02&to=2026-10-03', {
      cookie: ws.cookie,
    });
    assert.deepEqual(
      period.body.referrals.map((r: { prospect: { name: string } }) => r.prospect.name),
      ['Prospect 2', 'Prospect 1'],
    );
    const named = await call(t, 'GET', '/api/v1/referrals?q=euro', { cookie: ws.cookie });
    assert.equal(named.body.referrals.length, 1);
    const wildcard = await call(t, 'GET', '/api/v1/referrals?q=%25', { cookie: ws.cookie });
    assert.equal(wildcard.body.referrals.length, 0);

    // Cursor paging walks every referral once, newest first.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { referrals: { id: string }[]; nextCursor: string | null } } = await call(
        t,
        'GET',
        `/api/v1/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { cookie: ws.cookie },
      );
      seen.push(...page.body.referrals.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6);
    const badCursor = await call(t, 'GET', '/api/v1/referrals?cursor=nonsense', { cookie: ws.cookie });
    assert.equal(badCursor.status, 400);
  });

  test('closing the loop: one thank-you task per stage for the strongest relationship, never twice', async () => {
    const ws = await newWorkspace(t);
    const close = await newMember(t, ws, 'member', 'Cleo Close');
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Silva', email: 'ana@client.test' });
    await logVia(t, close.cookie, { contactId: ana.id, kind: 'meeting', summary: 'Lunch' });
    const r = await create(t, ws.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'Piet Prospect',
      ownerMemberId: ws.memberId,
      expectedValue: 99999,
    });
    await move(t, ws.cookie, r.id, { status: 'contacted' });
    assert.equal((await thankTasks(t, r.id)).length, 0);
    const met = await move(t, ws.cookie, r.id, { status: 'meeting_held' });
    const [task] = await thankTasks(t, r.id);
    assert.ok(task);
    assert.equal(task.assigneeMemberId, close.memberId);
    assert.equal(task.contactId, ana.id);
    assert.match(task.script!, /Piet Prospect/);
    assert.match(task.script!, /we met Piet Prospect/);
    assert.doesNotMatch(task.script!, /99/);
    const due = new Date(`${task.dueOn}T00:00:00Z`).getTime() - new Date(`${today()}T00:00:00Z`).getTime();
    assert.ok(due > 0 && due <= 2 * 86_400_000, `due ${task.dueOn}`);
    assert.equal(met.body.tasks.length, 1);
    // Back and forth across the stage: still one.
    await move(t, ws.cookie, r.id, { status: 'contacted' });
    await move(t, ws.cookie, r.id, { status: 'meeting_held' });
    assert.equal((await thankTasks(t, r.id)).length, 1);
    await move(t, ws.cookie, r.id, { status: 'won', bookedValue: 20000 });
    await move(t, ws.cookie, r.id, { status: 'won', bookedValue: 21000 });
    const all = await thankTasks(t, r.id);
    assert.equal(all.length, 2);
    assert.ok(all.some((x) => x.title.includes('(won)')));
    const events = await t.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.contactId, ana.id), eq(timelineEvents.kind, 'referral.thank')));
    assert.equal(events.length, 2);
    // The email is off by default.
    const mail = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'ana@client.test'));
    assert.equal(mail.length, 0);

    // Nobody knows the referrer: the owner thanks them.
    const stranger = await createContactVia(t, ws.cookie, { name: 'Sam Stranger' });
    const r2 = await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'client',
      referrerContactId: stranger.id,
      ownerMemberId: close.memberId,
    });
    await move(t, ws.cookie, r2.id, { status: 'won' });
    const [t2] = await thankTasks(t, r2.id);
    assert.equal(t2!.assigneeMemberId, close.memberId);
  });

  test('the thank-you email goes out only when the setting is on, without deal values', async () => {
    const ws = await newWorkspace(t);
    const member = await newMember(t, ws, 'member');
    const refused = await call(t, 'PUT', '/api/v1/referrals/settings', {
      cookie: member.cookie,
      body: { thankEmail: true },
    });
    assert.equal(refused.status, 403);
    const badStage = await call(t, 'PUT', '/api/v1/referrals/settings', {
      cookie: ws.cookie,
      body: { thankStages: ['lost'] },
    });
    assert.equal(badStage.status, 400);
    const settings = await call(t, 'PUT', '/api/v1/referrals/settings', {
      cookie: ws.cookie,
      body: { thankEmail: true, thankStages: ['won', 'qualified', 'won'], currency: 'eur' },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    assert.deepEqual(settings.body, { currency: 'EUR', thankStages: ['qualified', 'won'], thankEmail: true });

    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Mail', email: 'ana@mail.test' });
    const r = await create(t, ws.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'Pia <b>Prospect</b>',
      expectedValue: 4242,
    });
    assert.equal(r.currency, 'EUR');
    await move(t, ws.cookie, r.id, { status: 'meeting_held' });
    assert.equal((await thankTasks(t, r.id)).length, 0, 'meeting held is no longer a thank stage');
    await move(t, ws.cookie, r.id, { status: 'won', bookedValue: 4343 });
    const mail = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'ana@mail.test'));
    assert.equal(mail.length, 1);
    assert.match(mail[0]!.subject, /Pia <b>Prospect<\/b>/);
    assert.doesNotMatch(mail[0]!.textBody, /4242|4343|4,3/);
    assert.equal(mail[0]!.htmlBody, null);

    // A referrer who may not be emailed gets the task but no mail.
    const quiet = await createContactVia(t, ws.cookie, {
      name: 'Quiet Q',
      email: 'q@mail.test',
      mayEmail: false,
    });
    const r2 = await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'client',
      referrerContactId: quiet.id,
    });
    await move(t, ws.cookie, r2.id, { status: 'won' });
    assert.equal((await thankTasks(t, r2.id)).length, 1);
    assert.equal(
      (await t.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'q@mail.test'))).length,
      0,
    );
  });

  test('a task outcome "introduction promised" puts a referral on the board, once', async () => {
    const ws = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Asker');
    const lia = await createContactVia(t, ws.cookie, { name: 'Lia Promoter' });
    const answer = await insertAnswer(t, ws.workspaceId, { contactId: lia.id, score: 10 });
    const enrolment = await insertEnrolment(t, ws.workspaceId, answer);
    const task = await insertTask(t, ws.workspaceId, {
      contactId: lia.id,
      assigneeId: ada.memberId,
      dueOn: today(),
      action: 'ask_introduction',
      enrolmentId: enrolment.id,
    });
    const body = {
      reached: true,
      ask: {
        kind: 'introduction',
        result: 'introduction_promised',
        prospectName: 'Nora Nordhavn',
        about: 'The ERP migration',
      },
    };
    const done = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, { cookie: ada.cookie, body });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const retry = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, { cookie: ada.cookie, body });
    assert.equal(retry.status, 409);
    const board = await call(t, 'GET', '/api/v1/referrals/board', { cookie: ws.cookie });
    const fresh = board.body.columns[0];
    assert.equal(fresh.count, 1);
    const [card] = fresh.cards;
    assert.equal(card.kind, 'introduction');
    assert.equal(card.source, 'client');
    assert.equal(card.referrer.id, lia.id);
    assert.equal(card.prospect.name, 'Nora Nordhavn');
    assert.equal(card.owner.id, ada.memberId);
    const detail = await call(t, 'GET', `/api/v1/referrals/${card.id}`, { cookie: ws.cookie });
    assert.equal(detail.body.ask.id, done.body.askId);
    assert.equal(detail.body.ask.taskId, task.id);
    assert.equal(detail.body.answer.id, answer.id);

    // Logged by hand: an introduction promised and a named recommendation each become one.
    await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: {
        contactId: lia.id,
        kind: 'introduction',
        result: 'introduction_promised',
        prospectName: 'Olaf',
      },
    });
    await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: {
        contactId: lia.id,
        kind: 'recommendation',
        result: 'recommendation_given',
        prospectName: 'Rita',
      },
    });
    await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: { contactId: lia.id, kind: 'recommendation', result: 'recommendation_given' },
    });
    await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: { contactId: lia.id, kind: 'review', result: 'review_given' },
    });
    const list = await call(t, 'GET', `/api/v1/referrals?referrer=${lia.id}`, { cookie: ws.cookie });
    assert.deepEqual(
      list.body.referrals
        .map((r: { kind: string; prospect: { name: string } }) => [r.kind, r.prospect.name])
        .sort(),
      [
        ['introduction', 'Nora Nordhavn'],
        ['introduction', 'Olaf'],
        ['recommendation', 'Rita'],
      ],
    );
  });

  test('a promoter naming a colleague on the thank-you page becomes a referral from the survey', async () => {
    const ws = await newWorkspace(t);
    const fan = await createContactVia(t, ws.cookie, { name: 'Fay Fan' });
    const known = await createContactVia(t, ws.cookie, { name: 'Kai Known', email: 'kai@known.test' });
    const answer = await insertAnswer(t, ws.workspaceId, { contactId: fan.id, score: 9 });
    assert.equal(
      await suggestColleague(t.db, answer.id, {
        name: 'Kai K.',
        email: 'kai@known.test',
        note: 'Needs an audit',
      }),
      true,
    );
    // Posted twice: still one referral.
    await suggestColleague(t.db, answer.id, {
      name: 'Kai K.',
      email: 'kai@known.test',
      note: 'Needs an audit',
    });
    const rows = await t.db.select().from(referrals).where(eq(referrals.answerId, answer.id));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'survey');
    assert.equal(rows[0]!.kind, 'introduction');
    assert.equal(rows[0]!.referrerContactId, fan.id);
    assert.equal(rows[0]!.prospectContactId, known.id);
    assert.equal(rows[0]!.note, 'Needs an audit');

    // Without an email: a name only, no contact created.
    const answer2 = await insertAnswer(t, ws.workspaceId, { contactId: known.id, score: 10 });
    await suggestColleague(t.db, answer2.id, { name: 'Their CFO', email: null, note: null });
    const [byName] = await t.db.select().from(referrals).where(eq(referrals.answerId, answer2.id));
    assert.equal(byName!.prospectContactId, null);
    assert.equal(byName!.prospectName, 'Their CFO');
    const history = await t.db
      .select()
      .from(referralHistory)
      .where(eq(referralHistory.referralId, byName!.id));
    assert.equal(history.length, 1);
  });

  test('bad input is refused with a reason and stores nothing', async () => {
    const ws = await newWorkspace(t);
    const other = await newWorkspace(t);
    const theirs = await createContactVia(t, other.cookie, { name: 'Theirs' });
    const otherMember = other.memberId;
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana' });
    const expect400 = async (body: Record<string, unknown>, path: string) => {
      const res = await call(t, 'POST', '/api/v1/referrals', { cookie: ws.cookie, body });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.ok(
        res.body.error.details?.some((d: { path: string }) => d.path === path),
        `${path} in ${JSON.stringify(res.body)}`,
      );
    };
    const base = { kind: 'recommendation', source: 'client', referrerContactId: ana.id };
    await expect400({ ...base, referrerContactId: theirs.id }, 'body.referrerContactId');
    await expect400({ ...base, prospectContactId: theirs.id }, 'body.prospectContactId');
    await expect400({ ...base, prospectContactId: ana.id }, 'body.prospectContactId');
    await expect400({ ...base, ownerMemberId: otherMember }, 'body.ownerMemberId');
    await expect400({ ...base, expectedValue: -5 }, 'body.expectedValue');
    await expect400({ ...base, expectedValue: 1.234 }, 'body.expectedValue');
    await expect400({ ...base, kind: 'referral' }, 'body.kind');
    await expect400({ ...base, source: 'offer' }, 'body.source');
    await expect400(
      { kind: 'introduction', source: 'client', referrerContactId: ana.id },
      'body.prospectName',
    );
    await expect400({ kind: 'recommendation', source: 'client' }, 'body.referrerContactId');
    await expect400({ ...base, prospectEmail: 'not-an-email', prospectName: 'X' }, 'body.prospectEmail');
    await expect400({ ...base, currency: 'dollars' }, 'body.currency');
    const none = await call(t, 'GET', '/api/v1/referrals', { cookie: ws.cookie });
    assert.equal(none.body.totals.count, 0);

    const html = '<img src=x onerror=alert(1)>';
    const r = await create(t, ws.cookie, { ...base, prospectName: html, note: html });
    assert.equal(r.prospect.name, html);
    const badStatus = await move(t, ws.cookie, r.id, { status: 'signed' });
    assert.equal(badStatus.status, 400);
    const negative = await move(t, ws.cookie, r.id, { status: 'won', bookedValue: -1 });
    assert.equal(negative.status, 400);
    const badPatch = await call(t, 'PATCH', `/api/v1/referrals/${r.id}`, {
      cookie: ws.cookie,
      body: { accountId: '00000000-0000-4000-8000-000000000000' },
    });
    assert.equal(badPatch.status, 400);
    const foreignOwner = await call(t, 'PATCH', `/api/v1/referrals/${r.id}`, {
      cookie: ws.cookie,
      body: { ownerMemberId: otherMember },
    });
    assert.equal(foreignOwner.status, 400);
    const unknown = await call(t, 'GET', '/api/v1/referrals/00000000-0000-4000-8000-000000000000', {
      cookie: ws.cookie,
    });
    assert.equal(unknown.status, 404);
    const notUuid = await call(t, 'GET', '/api/v1/referrals/123', { cookie: ws.cookie });
    assert.equal(notUuid.status, 400);
    const detail = await call(t, 'GET', `/api/v1/referrals/${r.id}`, { cookie: ws.cookie });
    assert.equal(detail.body.status, 'new');
    assert.equal(detail.body.history.length, 1);
  });

  test('insights: leads by kind and source, qualified, won, revenue, owners, referrers, asks', async () => {
    const ws = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Top' });
    const ben = await createContactVia(t, ws.cookie, { name: 'Ben Second' });
    const at = '2026-09-10T10:00:00Z';
    const r1 = await create(t, ws.cookie, {
      kind: 'introduction',
      source: 'client',
      referrerContactId: ana.id,
      prospectName: 'A1',
      referredAt: at,
    });
    const r2 = await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'client',
      referrerContactId: ana.id,
      referredAt: at,
    });
    await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'partner',
      referrerContactId: ben.id,
      referredAt: at,
    });
    await create(t, ws.cookie, {
      kind: 'recommendation',
      source: 'other',
      referredAt: '2026-08-01T10:00:00Z',
    });
    await move(t, ws.cookie, r1.id, { status: 'qualified' });
    await move(t, ws.cookie, r1.id, { status: 'won', bookedValue: 8000 });
    await move(t, ws.cookie, r2.id, { status: 'qualified' });
    await move(t, ws.cookie, r2.id, { status: 'lost', reason: 'No budget' });
    const res = await call(t, 'GET', '/api/v1/referrals/insights?from=2026-09-01&to=2026-09-30', {
      cookie: ws.cookie,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const i = res.body;
    assert.equal(i.total.leads, 3);
    assert.equal(i.total.qualified, 2);
    assert.equal(i.total.won, 1);
    assert.equal(i.total.lost, 1);
    assert.equal(i.total.booked[0].booked, 8000);
    assert.equal(i.byKind.introduction.leads, 1);
    assert.equal(i.byKind.introduction.conversion, 1);
    assert.equal(i.byKind.recommendation.leads, 2);
    assert.deepEqual(
      i.bySource.find((s: { source: string }) => s.source === 'client'),
      { source: 'client', recommendation: 1, introduction: 1 },
    );
    assert.equal(i.topReferrers[0].contact.name, 'Ana Top');
    assert.equal(i.topReferrers[0].introductions, 1);
    assert.equal(i.byOwner[0].member.id, ws.memberId);
    assert.equal(i.asks.length, 4);
    const backwards = await call(t, 'GET', '/api/v1/referrals/insights?from=2026-09-30&to=2026-09-01', {
      cookie: ws.cookie,
    });
    assert.equal(backwards.status, 400);
  });
});
