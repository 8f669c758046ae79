import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import {
  asks,
  interactions,
  members,
  outboxMessages,
  relationships,
  taskHistory,
  tasks,
  timelineEvents,
} from '../../db/schema/index.ts';
import { createMailer } from '../../mail/mailer.ts';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { addDays, localDate } from './dates.ts';
import { escalateOverdueTasks } from './escalate-overdue.ts';
import { listTasks, todayList } from './queries.ts';
import { sendMorningDigests } from './send-digests.ts';
import { insertAnswer, insertEnrolment, insertTask } from './test-helpers.ts';

const today = () => localDate('UTC');

describe('tasks', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  async function historyKinds(taskId: string) {
    const rows = await t.db
      .select({ kind: taskHistory.kind })
      .from(taskHistory)
      .where(eq(taskHistory.taskId, taskId))
      .orderBy(taskHistory.createdAt);
    return rows.map((r) => r.kind);
  }

  test('closing with an outcome writes the interaction, the ask and the history in one go', async () => {
    const ws = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Silva', preferredChannel: 'phone' });
    const answer = await insertAnswer(t, ws.workspaceId, {
      contactId: ana.id,
      score: 10,
      comment: 'Great audit',
    });
    const enrolment = await insertEnrolment(t, ws.workspaceId, answer);
    const task = await insertTask(t, ws.workspaceId, {
      contactId: ana.id,
      assigneeId: ws.memberId,
      dueOn: today(),
      action: 'ask_introduction',
      title: 'Ask Ana for an introduction',
      reason: 'Promoter (10): “Great audit”',
      script: 'Hi Ana, ...',
      channel: 'phone',
      enrolmentId: enrolment.id,
    });

    const detail = await call(t, 'GET', `/api/v1/tasks/${task.id}`, { cookie: ws.cookie });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.answer.score, 10);
    assert.equal(detail.body.answer.comment, 'Great audit');
    assert.equal(detail.body.contact.preferredChannel, 'phone');
    assert.equal(detail.body.relationship, null);

    // The prospect's name is required for a promised introduction; nothing is stored without it.
    const noName = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      cookie: ws.cookie,
      body: {
        reached: true,
        ask: { kind: 'introduction', result: 'introduction_promised' },
        note: 'Happy to help',
      },
    });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.details[0].path, 'body.ask.prospectName');
    const [still] = await t.db.select().from(tasks).where(eq(tasks.id, task.id));
    assert.equal(still!.status, 'open');

    // An ask action reached without reporting the ask is refused too.
    const noAsk = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      cookie: ws.cookie,
      body: { reached: true },
    });
    assert.equal(noAsk.status, 400);

    const done = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      cookie: ws.cookie,
      body: {
        reached: true,
        ask: { kind: 'introduction', result: 'introduction_promised', prospectName: 'Bruno Costa' },
        note: 'She will introduce us to her CFO friend',
      },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.task.status, 'done');
    assert.equal(done.body.task.reached, true);
    assert.equal(done.body.task.prospectName, 'Bruno Costa');

    const [interaction] = await t.db.select().from(interactions).where(eq(interactions.contactId, ana.id));
    assert.equal(interaction!.id, done.body.interactionId);
    assert.equal(interaction!.kind, 'call');
    assert.equal(interaction!.direction, 'two_way');
    assert.match(interaction!.summary!, /Ask Ana for an introduction: She will introduce us/);
    const [rel] = await t.db
      .select()
      .from(relationships)
      .where(and(eq(relationships.contactId, ana.id), eq(relationships.memberId, ws.memberId)));
    assert.ok(rel!.strength > 0, 'relationship strength recomputed from the logged call');

    const [ask] = await t.db.select().from(asks).where(eq(asks.contactId, ana.id));
    assert.equal(ask!.kind, 'introduction');
    assert.equal(ask!.result, 'introduction_promised');
    assert.equal(ask!.prospectName, 'Bruno Costa');
    assert.equal(ask!.taskId, task.id);
    assert.equal(ask!.answerId, answer.id);

    const events = await t.db
      .select({ kind: timelineEvents.kind })
      .from(timelineEvents)
      .where(eq(timelineEvents.contactId, ana.id));
    // The promised introduction is also a referral sent by Ana (see features/referrals).
    assert.deepEqual(
      events.map((e) => e.kind).sort(),
      ['ask', 'contact.created', 'interaction', 'referral.sent'].sort(),
    );
    assert.deepEqual(await historyKinds(task.id), ['created', 'completed']);

    const again = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      cookie: ws.cookie,
      body: { reached: false },
    });
    assert.equal(again.status, 409);
    const count = await t.db.select().from(interactions).where(eq(interactions.contactId, ana.id));
    assert.equal(count.length, 1, 'a refused second close stores nothing');
  });

  test('closing a playbook task schedules its next step', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Nia Next', preferredChannel: 'phone' });
    const answer = await insertAnswer(t, ws.workspaceId, { contactId: c.id, score: 9 });
    const step = (key: string, after: 'trigger' | 'previous', offsetDays: number) => ({
      key,
      title: key === 'thank' ? 'Thank {{contact.firstName}}' : 'Ask {{contact.firstName}} for a review',
      action: (key === 'thank' ? 'thank' : 'ask_review') as 'thank' | 'ask_review',
      offsetDays,
      after,
      owner: { kind: 'member' as const, memberId: ws.memberId },
      channel: 'preferred' as const,
      script: 'Hello {{contact.firstName}}',
    });
    const enrolment = await insertEnrolment(t, ws.workspaceId, answer, [
      step('thank', 'trigger', 0),
      step('review', 'previous', 5),
    ]);
    const first = await insertTask(t, ws.workspaceId, {
      contactId: c.id,
      assigneeId: ws.memberId,
      dueOn: today(),
      action: 'thank',
      enrolmentId: enrolment.id,
    });
    const done = await call(t, 'POST', `/api/v1/tasks/${first.id}/complete`, {
      cookie: ws.cookie,
      body: { reached: true, note: 'Thanked her' },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const next = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.enrolmentId, enrolment.id), eq(tasks.stepIndex, 1)));
    assert.equal(next.length, 1, 'the waiting step is created when the previous one closes');
    assert.equal(next[0]!.action, 'ask_review');
    assert.equal(next[0]!.status, 'open');
  });

  test('not reached by email: an outbound email, no ask, and "remind me in 2 weeks" makes a follow-up', async () => {
    const ws = await newWorkspace(t);
    const ben = await createContactVia(t, ws.cookie, { name: 'Ben Ode', preferredChannel: 'email' });
    const created = await call(t, 'POST', '/api/v1/tasks', {
      cookie: ws.cookie,
      body: { contactId: ben.id, title: 'Check in with Ben', action: 'call', dueOn: today() },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const bad = await call(t, 'POST', `/api/v1/tasks/${created.body.id}/complete`, {
      cookie: ws.cookie,
      body: { reached: false, ask: { kind: 'review', result: 'declined' } },
    });
    assert.equal(bad.status, 400, 'no ask without reaching them');
    const done = await call(t, 'POST', `/api/v1/tasks/${created.body.id}/complete`, {
      cookie: ws.cookie,
      body: { reached: false, note: 'No reply', remindIn: { amount: 2, unit: 'weeks' } },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.askId, null);
    const [interaction] = await t.db.select().from(interactions).where(eq(interactions.contactId, ben.id));
    assert.equal(interaction!.kind, 'email');
    assert.equal(interaction!.direction, 'outbound');
    const follow = await call(t, 'GET', `/api/v1/tasks/${done.body.followUpTaskId}`, { cookie: ws.cookie });
    assert.equal(follow.body.status, 'open');
    assert.equal(follow.body.dueOn, addDays(today(), 14));
    assert.match(follow.body.reason, /Not reached on .*: No reply/);
    assert.equal(follow.body.contact.id, ben.id);
  });

  test('a manual task needs an active member of this workspace and a contact of this workspace', async () => {
    const ws = await newWorkspace(t);
    const other = await newWorkspace(t);
    const mine = await createContactVia(t, ws.cookie, { name: 'Cara Mine' });
    const theirs = await createContactVia(t, other.cookie, { name: 'Dan Theirs' });
    const wrongContact = await call(t, 'POST', '/api/v1/tasks', {
      cookie: ws.cookie,
      body: { contactId: theirs.id, title: 'Call', dueOn: today() },
    });
    assert.equal(wrongContact.status, 404);
    const wrongMember = await call(t, 'POST', '/api/v1/tasks', {
      cookie: ws.cookie,
      body: { contactId: mine.id, title: 'Call', dueOn: today(), assigneeId: other.memberId },
    });
    assert.equal(wrongMember.status, 400);
    const badDate = await call(t, 'POST', '/api/v1/tasks', {
      cookie: ws.cookie,
      body: { contactId: mine.id, title: 'Call', dueOn: '2026-02-30x' },
    });
    assert.equal(badDate.status, 400);
    const list = await call(t, 'GET', `/api/v1/tasks?contact=${mine.id}&member=all`, { cookie: ws.cookie });
    assert.equal(list.body.tasks.length, 0);
  });

  test('snooze and reassign: assignee or manager only, active members of the same workspace only', async () => {
    const ws = await newWorkspace(t);
    const other = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Assignee');
    const bob = await newMember(t, ws, 'member', 'Bob Bystander');
    const mia = await newMember(t, ws, 'manager', 'Mia Manager');
    const gone = await newMember(t, ws, 'member', 'Gil Gone');
    await t.db.update(members).set({ status: 'deactivated' }).where(eq(members.id, gone.memberId));
    const c = await createContactVia(t, ws.cookie, { name: 'Eve Client' });
    const task = await insertTask(t, ws.workspaceId, {
      contactId: c.id,
      assigneeId: ada.memberId,
      dueOn: today(),
    });
    const later = addDays(today(), 3);

    const bystander = await call(t, 'POST', `/api/v1/tasks/${task.id}/snooze`, {
      cookie: bob.cookie,
      body: { until: later, reason: 'busy' },
    });
    assert.equal(bystander.status, 403);
    const bystanderReassign = await call(t, 'POST', `/api/v1/tasks/${task.id}/reassign`, {
      cookie: bob.cookie,
      body: { memberId: bob.memberId, reason: 'mine now' },
    });
    assert.equal(bystanderReassign.status, 403);
    const past = await call(t, 'POST', `/api/v1/tasks/${task.id}/snooze`, {
      cookie: ada.cookie,
      body: { until: today(), reason: 'busy' },
    });
    assert.equal(past.status, 400);
    const snoozed = await call(t, 'POST', `/api/v1/tasks/${task.id}/snooze`, {
      cookie: ada.cookie,
      body: { until: later, reason: 'They are travelling this week' },
    });
    assert.equal(snoozed.status, 200);
    assert.equal(snoozed.body.effectiveDueOn, later);
    assert.equal(snoozed.body.dueOn, today());

    const crossWorkspace = await call(t, 'POST', `/api/v1/tasks/${task.id}/reassign`, {
      cookie: mia.cookie,
      body: { memberId: other.memberId, reason: 'try' },
    });
    assert.equal(crossWorkspace.status, 400);
    const deactivated = await call(t, 'POST', `/api/v1/tasks/${task.id}/reassign`, {
      cookie: mia.cookie,
      body: { memberId: gone.memberId, reason: 'try' },
    });
    assert.equal(deactivated.status, 400);
    const moved = await call(t, 'POST', `/api/v1/tasks/${task.id}/reassign`, {
      cookie: mia.cookie,
      body: { memberId: bob.memberId, reason: 'Bob met her at the conference' },
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.assignee.id, bob.memberId);
    const reassigned = moved.body.history.find((h: { kind: string }) => h.kind === 'reassigned');
    assert.equal(reassigned.from.id, ada.memberId);
    assert.equal(reassigned.to.id, bob.memberId);
    assert.equal(reassigned.by.id, mia.memberId);
    assert.equal(reassigned.reason, 'Bob met her at the conference');
    assert.deepEqual(await historyKinds(task.id), ['created', 'snoozed', 'reassigned']);

    // Ada no longer owns it, so she cannot act on it any more.
    const formerOwner = await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      cookie: ada.cookie,
      body: { reached: true },
    });
    assert.equal(formerOwner.status, 403);
    await call(t, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      cookie: bob.cookie,
      body: { reached: true },
    });
    const closed = await call(t, 'POST', `/api/v1/tasks/${task.id}/snooze`, {
      cookie: bob.cookie,
      body: { until: later, reason: 'x1' },
    });
    assert.equal(closed.status, 409);
  });

  test('overdue is judged in the assignee’s own time zone', async () => {
    const ws = await newWorkspace(t);
    const kiwi = await newMember(t, ws, 'member', 'Kiri Auckland');
    const west = await newMember(t, ws, 'member', 'Lou Los Angeles');
    await t.db.update(members).set({ timeZone: 'Pacific/Auckland' }).where(eq(members.id, kiwi.memberId));
    await t.db.update(members).set({ timeZone: 'America/Los_Angeles' }).where(eq(members.id, west.memberId));
    const c = await createContactVia(t, ws.cookie, { name: 'Fay Client' });
    await insertTask(t, ws.workspaceId, { contactId: c.id, assigneeId: kiwi.memberId, dueOn: '2026-11-23' });
    await insertTask(t, ws.workspaceId, { contactId: c.id, assigneeId: west.memberId, dueOn: '2026-11-23' });
    // 20:00 UTC on 23 November: already 09:00 on the 24th in Auckland, noon on the 23rd in Los Angeles.
    const now = new Date('2026-11-23T20:00:00Z');
    const kiwiDay = await todayList(t.db, ws.workspaceId, kiwi.memberId, now);
    assert.equal(kiwiDay.today, '2026-11-24');
    assert.equal(kiwiDay.overdue.length, 1);
    assert.equal(kiwiDay.overdue[0]!.daysOverdue, 1);
    const westDay = await todayList(t.db, ws.workspaceId, west.memberId, now);
    assert.equal(westDay.today, '2026-11-23');
    assert.equal(westDay.overdue.length, 0);
    assert.equal(westDay.dueToday.length, 1);
    const overdueAll = await listTasks(
      t.db,
      ws.workspaceId,
      ws.memberId,
      { member: 'all', status: 'open', due: 'overdue', limit: 50 },
      now,
    );
    assert.deepEqual(
      overdueAll.tasks.map((x) => x.assignee.name),
      ['Kiri Auckland'],
    );
  });

  test('an overdue task is escalated to managers and owners once', async () => {
    const ws = await newWorkspace(t);
    const tooSoon = await call(t, 'PATCH', '/api/v1/workspace', {
      cookie: ws.cookie,
      body: { overdueEscalationDays: 0 },
    });
    assert.equal(tooSoon.status, 400);
    const setting = await call(t, 'PATCH', '/api/v1/workspace', {
      cookie: ws.cookie,
      body: { overdueEscalationDays: 2 },
    });
    assert.equal(setting.status, 200);
    assert.equal(setting.body.overdueEscalationDays, 2);
    const mia = await newMember(t, ws, 'manager', 'Mia Manager');
    const ada = await newMember(t, ws, 'member', 'Ada Assignee');
    await newMember(t, ws, 'member', 'Bob Bystander');
    const c = await createContactVia(t, ws.cookie, { name: 'Gus Client' });
    const now = new Date('2026-11-25T12:00:00Z');
    const late = await insertTask(t, ws.workspaceId, {
      contactId: c.id,
      assigneeId: ada.memberId,
      dueOn: '2026-11-23',
    });
    // One day late: not yet.
    await insertTask(t, ws.workspaceId, { contactId: c.id, assigneeId: ada.memberId, dueOn: '2026-11-24' });
    // Snoozed: counts from the snooze day.
    await insertTask(t, ws.workspaceId, {
      contactId: c.id,
      assigneeId: ada.memberId,
      dueOn: '2026-11-01',
      snoozedUntil: '2026-11-24',
    });
    const mailer = createMailer({ smtpUrl: undefined, jobs: undefined });
    await escalateOverdueTasks(t.db, { mailer, publicUrl: 'http://warmpath.test' }, now);
    const second = await escalateOverdueTasks(t.db, { mailer, publicUrl: 'http://warmpath.test' }, now);
    assert.equal(second.tasks, 0, 'a second run finds nothing new');
    const escalated = await t.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.workspaceId, ws.workspaceId), sql`${tasks.escalatedAt} is not null`));
    assert.deepEqual(
      escalated.map((e) => e.id),
      [late.id],
    );
    const mails = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.workspaceId, ws.workspaceId));
    const [owner] = await t.db.select().from(members).where(eq(members.id, ws.memberId));
    const [manager] = await t.db.select().from(members).where(eq(members.id, mia.memberId));
    assert.deepEqual(mails.map((m) => m.toAddress).sort(), [owner!.email, manager!.email].sort());
    assert.match(
      mails[0]!.textBody,
      /Thank them for the score \(Gus Client\): Ada Assignee, overdue by 2 days/,
    );
    const [row] = await t.db.select().from(tasks).where(eq(tasks.id, late.id));
    assert.ok(row!.escalatedAt);
    assert.deepEqual(await historyKinds(late.id), ['created', 'escalated']);
  });

  test('a deactivated member’s open tasks are reassigned, not lost', async () => {
    const ws = await newWorkspace(t);
    const leaver = await newMember(t, ws, 'member', 'Lea Leaver');
    const next = await newMember(t, ws, 'member', 'Ned Next');
    const accountOwner = await newMember(t, ws, 'manager', 'Olga Owner-of-account');
    const known = await createContactVia(t, ws.cookie, { name: 'Hal Known' });
    const accountOnly = await createContactVia(t, ws.cookie, {
      name: 'Ida Account',
      accountName: 'Ida Corp',
    });
    const nobody = await createContactVia(t, ws.cookie, { name: 'Jon Nobody' });
    const owned = await call(t, 'PATCH', `/api/v1/accounts/${accountOnly.account!.id}`, {
      cookie: ws.cookie,
      body: { ownerMemberId: accountOwner.memberId },
    });
    assert.equal(owned.status, 200);
    // Both the leaver and Ned know Hal; only the leaver knows the others.
    await logVia(t, ws.cookie, {
      contactId: known.id,
      kind: 'meeting',
      participantIds: [leaver.memberId, next.memberId],
    });
    await logVia(t, ws.cookie, {
      contactId: accountOnly.id,
      kind: 'call',
      participantIds: [leaver.memberId],
    });
    const a = await insertTask(t, ws.workspaceId, {
      contactId: known.id,
      assigneeId: leaver.memberId,
      dueOn: today(),
    });
    const b = await insertTask(t, ws.workspaceId, {
      contactId: accountOnly.id,
      assigneeId: leaver.memberId,
      dueOn: today(),
    });
    const c = await insertTask(t, ws.workspaceId, {
      contactId: nobody.id,
      assigneeId: leaver.memberId,
      dueOn: null,
    });
    const done = await insertTask(t, ws.workspaceId, {
      contactId: nobody.id,
      assigneeId: leaver.memberId,
      dueOn: today(),
    });
    await t.db.update(tasks).set({ status: 'done' }).where(eq(tasks.id, done.id));

    const res = await call(t, 'PATCH', `/api/v1/members/${leaver.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'deactivated' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const rows = await t.db.select().from(tasks).where(eq(tasks.workspaceId, ws.workspaceId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.equal(byId.get(a.id)!.assigneeMemberId, next.memberId);
    assert.equal(byId.get(b.id)!.assigneeMemberId, accountOwner.memberId);
    assert.equal(byId.get(c.id)!.assigneeMemberId, ws.memberId);
    assert.equal(byId.get(done.id)!.assigneeMemberId, leaver.memberId, 'closed tasks keep who did them');
    const history = await t.db
      .select()
      .from(taskHistory)
      .where(and(eq(taskHistory.workspaceId, ws.workspaceId), eq(taskHistory.kind, 'reassigned')));
    assert.equal(history.length, 3);
    for (const h of history) {
      assert.equal(h.reason, 'previous owner deactivated');
      assert.equal(h.fromMemberId, leaver.memberId);
    }
    assert.match(byId.get(b.id)!.assignmentNote!, /account owner/);
  });

  test('the morning digest goes once per local weekday morning, and not to those who opted out', async () => {
    const ws = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Lisbon');
    const tokyo = await newMember(t, ws, 'member', 'Taro Tokyo');
    const quiet = await newMember(t, ws, 'member', 'Quinn Quiet');
    await t.db.update(members).set({ timeZone: 'Europe/Lisbon' }).where(eq(members.id, ada.memberId));
    await t.db.update(members).set({ timeZone: 'Asia/Tokyo' }).where(eq(members.id, tokyo.memberId));
    const optOut = await call(t, 'PATCH', '/api/v1/me', {
      cookie: quiet.cookie,
      body: { digestOptOut: true },
    });
    assert.equal(optOut.status, 200);
    assert.equal(optOut.body.digestOptOut, true);
    await t.db.update(members).set({ timeZone: 'Europe/Lisbon' }).where(eq(members.id, quiet.memberId));
    const c = await createContactVia(t, ws.cookie, { name: 'Kim Client', accountName: 'Kim & Co' });
    for (const m of [ada, tokyo, quiet]) {
      await insertTask(t, ws.workspaceId, {
        contactId: c.id,
        assigneeId: m.memberId,
        dueOn: '2026-11-20',
        title: 'Thank Kim',
        reason: 'Promoter (9)',
      });
      await insertTask(t, ws.workspaceId, {
        contactId: c.id,
        assigneeId: m.memberId,
        dueOn: '2026-11-23',
        title: 'Ask Kim for a review',
      });
    }
    const mailer = createMailer({ smtpUrl: undefined, jobs: undefined });
    const deps = { mailer, publicUrl: 'http://warmpath.test' };
    const mailsTo = async (memberId: string) => {
      const [m] = await t.db.select().from(members).where(eq(members.id, memberId));
      return t.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, m!.email));
    };
    // Monday 23 November 2026, 07:10 in Lisbon (UTC+0), 16:10 in Tokyo.
    const monday = new Date('2026-11-23T07:10:00Z');
    await sendMorningDigests(t.db, deps, monday);
    await sendMorningDigests(t.db, deps, new Date('2026-11-23T08:10:00Z'));
    const adaMails = await mailsTo(ada.memberId);
    assert.equal(adaMails.length, 1, 'once per day');
    assert.match(adaMails[0]!.subject, /Today: 2 follow-ups, 1 overdue/);
    assert.match(
      adaMails[0]!.textBody,
      /Overdue:\n- Thank Kim with Kim Client \(Kim & Co\) \(overdue by 3 days\)\n {2}Why: Promoter \(9\)/,
    );
    assert.match(adaMails[0]!.textBody, /http:\/\/warmpath\.test\/today/);
    assert.equal((await mailsTo(tokyo.memberId)).length, 0, 'not in the Tokyo afternoon');
    assert.equal((await mailsTo(quiet.memberId)).length, 0, 'opted out');
    // Tuesday 07:05 in Tokyo is Monday 22:05 UTC.
    await sendMorningDigests(t.db, deps, new Date('2026-11-23T22:05:00Z'));
    assert.equal((await mailsTo(tokyo.memberId)).length, 1);
    // Saturday morning: nothing.
    await sendMorningDigests(t.db, deps, new Date('2026-11-28T07:30:00Z'));
    assert.equal((await mailsTo(ada.memberId)).length, 1);
    // Tuesday in Lisbon: a new day, a new digest.
    await sendMorningDigests(t.db, deps, new Date('2026-11-24T07:30:00Z'));
    assert.equal((await mailsTo(ada.memberId)).length, 2);
  });
});
