import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { tasks } from '../../db/schema/index.ts';
import {
  call,
  createContactVia,
  createTestApp,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { recordAsk } from '../asks/log-ask.ts';
import { insertAnswer, insertEnrolment, insertTask } from '../tasks/test-helpers.ts';
import { followUpInsights } from './queries.ts';

describe('goals and follow-up insights', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('goals: managers set them per month or quarter; members cannot; a quarter starts on a quarter', async () => {
    const ws = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Member');
    const body = { memberId: ada.memberId, period: 'month', periodStart: '2026-11-01', asksTarget: 4 };
    assert.equal((await call(t, 'PUT', '/api/v1/goals', { cookie: ada.cookie, body })).status, 403);
    const set = await call(t, 'PUT', '/api/v1/goals', { cookie: ws.cookie, body });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.periodEnd, '2026-11-30');
    const again = await call(t, 'PUT', '/api/v1/goals', {
      cookie: ws.cookie,
      body: { ...body, asksTarget: 6, introductionsTarget: 1 },
    });
    assert.equal(again.body.id, set.body.id, 'setting again replaces the targets');
    assert.equal(again.body.asksTarget, 6);
    const badQuarter = await call(t, 'PUT', '/api/v1/goals', {
      cookie: ws.cookie,
      body: { ...body, period: 'quarter', periodStart: '2026-11-01' },
    });
    assert.equal(badQuarter.status, 400);
    assert.equal(badQuarter.body.error.details[0].path, 'body.periodStart');
    const list = await call(t, 'GET', '/api/v1/goals?from=2026-11-01&to=2026-11-30', { cookie: ada.cookie });
    assert.equal(list.body.goals.length, 1);
    const removed = await call(t, 'DELETE', `/api/v1/goals/${set.body.id}`, { cookie: ws.cookie });
    assert.equal(removed.status, 204);
    const badRange = await call(t, 'GET', '/api/v1/insights/follow-up?from=2026-11-30&to=2026-11-01', {
      cookie: ws.cookie,
    });
    assert.equal(badRange.status, 400);
  });

  test('the numbers on a small known dataset', async () => {
    const ws = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Member');
    const mia = await newMember(t, ws, 'manager', 'Mia Manager');
    const person = async (name: string) => createContactVia(t, ws.cookie, { name });
    const [p1, p2, p3, p4, d1] = [
      await person('Pia One'),
      await person('Pat Two'),
      await person('Pol Three'),
      await person('Pam October'),
      await person('Dee Tractor'),
    ];
    const answer = async (contactId: string, score: number, at: string) => {
      const a = await insertAnswer(t, ws.workspaceId, { contactId, score, answeredAt: new Date(at) });
      return { answer: a, enrolment: await insertEnrolment(t, ws.workspaceId, a) };
    };
    const close = async (taskId: string, at: string, reached: boolean) =>
      t.db
        .update(tasks)
        .set({ status: 'done', reached, completedAt: new Date(at) })
        .where(eq(tasks.id, taskId));

    const a1 = await answer(p1.id, 10, '2026-11-02T10:00:00Z');
    const a2 = await answer(p2.id, 9, '2026-11-05T10:00:00Z');
    const a3 = await answer(p3.id, 9, '2026-11-10T10:00:00Z');
    await answer(p4.id, 10, '2026-10-30T10:00:00Z');
    const ad = await answer(d1.id, 3, '2026-11-04T10:00:00Z');

    const t1 = await insertTask(t, ws.workspaceId, {
      contactId: p1.id,
      assigneeId: ada.memberId,
      dueOn: '2026-11-03',
      enrolmentId: a1.enrolment.id,
    });
    await close(t1.id, '2026-11-03T10:00:00Z', true); // 24 h after the answer, on time
    const t2a = await insertTask(t, ws.workspaceId, {
      contactId: p2.id,
      assigneeId: ada.memberId,
      dueOn: '2026-11-06',
      enrolmentId: a2.enrolment.id,
    });
    await close(t2a.id, '2026-11-06T09:00:00Z', false); // not reached: not a follow-up yet
    const t2b = await insertTask(t, ws.workspaceId, {
      contactId: p2.id,
      assigneeId: ada.memberId,
      dueOn: '2026-11-06',
      enrolmentId: a2.enrolment.id,
    });
    await close(t2b.id, '2026-11-07T10:00:00Z', true); // 48 h, a day late
    await insertTask(t, ws.workspaceId, {
      contactId: p3.id,
      assigneeId: ada.memberId,
      dueOn: '2026-11-12',
      enrolmentId: a3.enrolment.id,
    });
    const td = await insertTask(t, ws.workspaceId, {
      contactId: d1.id,
      assigneeId: mia.memberId,
      dueOn: '2026-11-04',
      enrolmentId: ad.enrolment.id,
    });
    await close(td.id, '2026-11-04T12:00:00Z', true); // 2 h

    const contact = (c: { id: string; name: string }) => ({ id: c.id, name: c.name, accountId: null });
    await recordAsk(t.db, {
      workspaceId: ws.workspaceId,
      contact: contact(p1),
      memberId: ada.memberId,
      kind: 'introduction',
      result: 'introduction_promised',
      prospectName: 'Zoe',
      askedAt: new Date('2026-11-03T10:00:00Z'),
    });
    await recordAsk(t.db, {
      workspaceId: ws.workspaceId,
      contact: contact(p2),
      memberId: ada.memberId,
      kind: 'review',
      result: 'review_given',
      askedAt: new Date('2026-11-07T10:00:00Z'),
    });
    await recordAsk(t.db, {
      workspaceId: ws.workspaceId,
      contact: contact(p4),
      memberId: ada.memberId,
      kind: 'review',
      result: 'declined',
      askedAt: new Date('2026-10-31T10:00:00Z'),
    });
    await recordAsk(t.db, {
      workspaceId: ws.workspaceId,
      contact: contact(d1),
      memberId: mia.memberId,
      kind: 'recommendation',
      result: 'not_now',
      askedAt: new Date('2026-11-04T12:00:00Z'),
    });

    const goal = (period: string, periodStart: string, asksTarget: number) =>
      call(t, 'PUT', '/api/v1/goals', {
        cookie: ws.cookie,
        body: {
          memberId: ada.memberId,
          period,
          periodStart,
          asksTarget,
          introductionsTarget: 1,
          followUpsOnTimeTarget: 2,
        },
      });
    await goal('month', '2026-11-01', 3);
    await goal('quarter', '2026-10-01', 10);

    const now = new Date('2026-12-01T12:00:00Z');
    const managerActor = {
      workspaceId: ws.workspaceId,
      memberId: mia.memberId,
      role: 'manager' as const,
      sessionId: null,
    };
    const nov = await followUpInsights(t.db, managerActor, { from: '2026-11-01', to: '2026-11-30' }, now);
    assert.deepEqual(nov.promoters, {
      answers: 3,
      followedUp: 2,
      coverage: 2 / 3,
      medianHoursToFollowUp: 36,
    });
    assert.deepEqual(nov.byCategory.detractor, {
      answers: 1,
      followedUp: 1,
      coverage: 1,
      medianHoursToFollowUp: 2,
    });
    assert.deepEqual(nov.byCategory.passive, {
      answers: 0,
      followedUp: 0,
      coverage: null,
      medianHoursToFollowUp: null,
    });

    const adaRow = nov.members.find((m) => m.member.id === ada.memberId)!;
    assert.equal(adaRow.tasksDone, 3);
    assert.equal(adaRow.doneOnTime, 2);
    assert.equal(adaRow.reached, 2);
    assert.equal(adaRow.overdueNow, 1);
    assert.equal(adaRow.openNow, 1);
    assert.equal(adaRow.asks, 2);
    assert.equal(adaRow.introductionsPromised, 1);
    assert.equal(adaRow.asksByKind.introduction, 1);
    assert.equal(adaRow.asksByKind.review, 1);
    assert.equal(adaRow.asksByKind.recommendation, 0);
    assert.deepEqual(adaRow.goals, { asks: 3, introductions: 1, followUpsOnTime: 2 });
    const miaRow = nov.members.find((m) => m.member.id === mia.memberId)!;
    assert.equal(miaRow.tasksDone, 1);
    assert.equal(miaRow.doneOnTime, 1);
    assert.equal(miaRow.asksByResult.not_now, 1);
    assert.equal(miaRow.goals, null);
    assert.equal(nov.totals.asks, 3);
    assert.equal(nov.totals.tasksDone, 4);
    assert.equal(nov.totals.notReached, 1);
    assert.equal(nov.totals.asksByKind.recommendation, 1);

    // Over the quarter the quarter's goal counts, not the month's as well.
    const q4 = await followUpInsights(t.db, managerActor, { from: '2026-10-01', to: '2026-12-31' }, now);
    assert.deepEqual(q4.members.find((m) => m.member.id === ada.memberId)!.goals, {
      asks: 10,
      introductions: 1,
      followUpsOnTime: 2,
    });
    assert.equal(q4.promoters.answers, 4);
    assert.equal(q4.members.find((m) => m.member.id === ada.memberId)!.asks, 3);

    // A plain member sees the firm's coverage and only their own row.
    const own = await call(t, 'GET', '/api/v1/insights/follow-up?from=2026-11-01&to=2026-11-30', {
      cookie: ada.cookie,
    });
    assert.equal(own.status, 200);
    assert.equal(own.body.ownRowOnly, true);
    assert.deepEqual(
      own.body.members.map((m: { member: { id: string } }) => m.member.id),
      [ada.memberId],
    );
    assert.equal(own.body.promoters.followedUp, 2);
  });
});
