import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import {
  createContactVia,
  createTestApp,
  logVia,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { enrolPendingAnswers } from './enrol-pending-answers.ts';
import { requestEnrolment, settleEnrolmentRequests } from './request-enrolment.ts';
import { scheduleNextStep } from './schedule-next-step.ts';
import { answerFrom, surveyIn, tasksForAnswer } from './test-fixtures.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

async function setAccountOwner(accountId: string, memberId: string | null) {
  await t.db.execute(sql`update accounts set owner_member_id = ${memberId} where id = ${accountId}`);
}
async function deactivate(memberId: string) {
  await t.db.execute(
    sql`update members set status = 'deactivated', deactivated_at = now() where id = ${memberId}`,
  );
}

describe('enrolment', () => {
  test('a promoter gets a thank-you call by the strongest relationship, with the script filled in', async () => {
    const ws = await newWorkspace(t, 'Harbor Advisory');
    const maya = await newMember(t, ws, 'member', 'Maya Lind');
    const other = await newMember(t, ws, 'member', 'Otto Weak');
    const ana = await createContactVia(t, ws.cookie, {
      name: 'Ana Silva',
      accountName: 'Acme Corp',
      preferredChannel: 'email',
    });
    await logVia(t, maya.cookie, {
      contactId: ana.id,
      kind: 'meeting',
      summary: 'Q3 audit review',
      outcome: 'delivered two weeks early',
    });
    await logVia(t, other.cookie, { contactId: ana.id, kind: 'email' });
    const survey = await surveyIn(t, ws);
    const answerId = await answerFrom(t, ws, survey, ana.id, 9, 'Great audit, fast team');

    const result = await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    assert.deepEqual(result, { claimed: 1, enrolled: 1, tasks: 1 });

    const [task, ...rest] = await tasksForAnswer(t, answerId);
    assert.equal(rest.length, 0, 'only the steps before the first waiting step are created');
    assert.ok(task);
    assert.equal(task.assignee_member_id, maya.memberId);
    assert.equal(task.action, 'thank');
    assert.equal(task.reason, "Answered 9: 'Great audit, fast team'");
    assert.match(task.assignment_note, /^Maya Lind has the strongest relationship with Ana \(\d+\)\.$/);
    assert.match(task.script, /^Hi Ana, it's Maya from Harbor Advisory\. I saw your 9 /);
    assert.doesNotMatch(task.script, /\{\{|undefined|null/);
    assert.equal(task.channel, 'phone');

    const [history] = await queryRows<{ kind: string; to_member_id: string }>(
      t.db,
      sql`select kind, to_member_id from task_history where task_id = ${task.id}`,
    );
    assert.deepEqual(history, { kind: 'created', to_member_id: maya.memberId });
    const events = await queryRows<{ title: string; body: string }>(
      t.db,
      sql`select title, body from timeline_events where contact_id = ${ana.id} and kind = 'playbook.enrolled'`,
    );
    assert.deepEqual(events, [
      {
        title: 'Follow-up plan started: Promoter: thank, listen, then ask',
        body: "After answering 9: 'Great audit, fast team'",
      },
    ]);
    const [answer] = await queryRows<{ enrolled: boolean }>(
      t.db,
      sql`select enrolled_at is not null as enrolled from survey_answers where id = ${answerId}`,
    );
    assert.equal(answer?.enrolled, true);
    // Running again finds nothing to do.
    assert.deepEqual(await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId }), {
      claimed: 0,
      enrolled: 0,
      tasks: 0,
    });
  });

  test('the next step waits for the previous one and counts from its completion', async () => {
    const ws = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Next' });
    await logVia(t, ws.cookie, { contactId: ana.id, kind: 'call' });
    const answerId = await answerFrom(t, ws, await surveyIn(t, ws), ana.id, 10);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    const [first] = await tasksForAnswer(t, answerId);
    const completedAt = new Date('2026-11-23T10:00:00Z');
    await t.db.execute(
      sql`update tasks set status = 'done', completed_at = ${completedAt.toISOString()}::timestamptz where id = ${first!.id}`,
    );
    const next = await t.db.transaction((tx) =>
      scheduleNextStep(tx, { taskId: first!.id, now: completedAt }),
    );
    assert.deepEqual(next, { created: 1, enrolmentStatus: 'active' });
    const [, review] = await tasksForAnswer(t, answerId);
    assert.equal(review?.action, 'ask_review');
    assert.equal(review?.due_on, '2026-11-28');
    // Calling it again (a retry) creates nothing more.
    assert.equal(
      (await t.db.transaction((tx) => scheduleNextStep(tx, { taskId: first!.id, now: completedAt }))).created,
      0,
    );

    await t.db.execute(sql`update tasks set status = 'done', completed_at = now() where id = ${review!.id}`);
    await t.db.transaction((tx) => scheduleNextStep(tx, { taskId: review!.id }));
    const all = await tasksForAnswer(t, answerId);
    assert.equal(all[2]?.action, 'ask_recommendation');
    await t.db.execute(sql`update tasks set status = 'done', completed_at = now() where id = ${all[2]!.id}`);
    assert.deepEqual(await t.db.transaction((tx) => scheduleNextStep(tx, { taskId: all[2]!.id })), {
      created: 0,
      enrolmentStatus: 'completed',
    });
  });

  test('owner rule finds nobody: account owner, then workspace owner, and the task says so', async () => {
    const ws = await newWorkspace(t, 'Fallback Partners');
    const bo = await newMember(t, ws, 'member', 'Bo Chen');
    const survey = await surveyIn(t, ws);

    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Nobody', accountName: 'Nobody Inc' });
    await setAccountOwner(ana.account!.id, bo.memberId);
    const a1 = await answerFrom(t, ws, survey, ana.id, 9);

    const cleo = await createContactVia(t, ws.cookie, { name: 'Cleo Orphan', accountName: 'Ownerless Ltd' });
    const a2 = await answerFrom(t, ws, survey, cleo.id, 10);

    const dan = await createContactVia(t, ws.cookie, { name: 'Dan Solo' });
    const a3 = await answerFrom(t, ws, survey, dan.id, 9);

    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    const [t1] = await tasksForAnswer(t, a1);
    assert.equal(t1?.assignee_member_id, bo.memberId);
    assert.equal(
      t1?.assignment_note,
      'Nobody on the team has talked to Ana yet, so this goes to the account owner, Bo Chen.',
    );
    const [t2] = await tasksForAnswer(t, a2);
    assert.equal(t2?.assignee_member_id, ws.memberId);
    assert.equal(
      t2?.assignment_note,
      'Nobody on the team has talked to Cleo yet, and Ownerless Ltd has no account owner, so this goes to the workspace owner, Owner of Fallback Partners.',
    );
    const [t3] = await tasksForAnswer(t, a3);
    assert.equal(t3?.assignee_member_id, ws.memberId);
    assert.equal(
      t3?.assignment_note,
      'Nobody on the team has talked to Dan yet, and Dan is not linked to a client company, so this goes to the workspace owner, Owner of Fallback Partners.',
    );
  });

  test('deactivated members are never chosen; a named member who left falls back', async () => {
    const ws = await newWorkspace(t);
    const gone = await newMember(t, ws, 'member', 'Gina Gone');
    const stays = await newMember(t, ws, 'member', 'Sam Stays');
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Left', accountName: 'Left Co' });
    await logVia(t, gone.cookie, { contactId: ana.id, kind: 'meeting' });
    await logVia(t, gone.cookie, { contactId: ana.id, kind: 'meeting' });
    await logVia(t, stays.cookie, { contactId: ana.id, kind: 'email' });
    await setAccountOwner(ana.account!.id, gone.memberId);
    await deactivate(gone.memberId);
    const survey = await surveyIn(t, ws);
    const a1 = await answerFrom(t, ws, survey, ana.id, 9);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    const [task] = await tasksForAnswer(t, a1);
    assert.equal(task?.assignee_member_id, stays.memberId, 'the strongest active relationship');

    // A playbook step naming Gina: she is deactivated, and so is the account owner (also Gina).
    await t.db.execute(sql`
      update playbook_versions v set steps = jsonb_set(v.steps, '{0,owner}', ${JSON.stringify({ kind: 'member', memberId: gone.memberId })}::jsonb)
      from playbooks p where p.id = v.playbook_id and p.workspace_id = ${ws.workspaceId} and p.trigger = 'answer.promoter'`);
    const a2 = await answerFrom(t, ws, survey, ana.id, 10);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    const [named] = await tasksForAnswer(t, a2);
    assert.equal(named?.assignee_member_id, ws.memberId);
    assert.match(
      named!.assignment_note,
      /^The playbook names Gina Gone, who is deactivated, and Left Co's account owner, Gina Gone, is deactivated, so this goes to the workspace owner, Owner of Firm \d+\.$/,
    );
  });

  test('a detractor gets someone senior within a day; the role rule prefers the senior who knows them', async () => {
    const ws = await newWorkspace(t);
    const manager = await newMember(t, ws, 'manager', 'Mia Manager');
    const junior = await newMember(t, ws, 'member', 'Jon Junior');
    const survey = await surveyIn(t, ws);
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Angry' });
    await logVia(t, junior.cookie, { contactId: ana.id, kind: 'meeting' });
    await logVia(t, junior.cookie, { contactId: ana.id, kind: 'meeting' });
    await logVia(t, manager.cookie, { contactId: ana.id, kind: 'email' });
    // The due day counts from the answer, so the answers are given a fixed time too.
    const now = new Date('2026-11-23T12:00:00Z');
    const a1 = await answerFrom(t, ws, survey, ana.id, 3, 'Missed the deadline twice', now);
    const bob = await createContactVia(t, ws.cookie, { name: 'Bob Stranger' });
    const a2 = await answerFrom(t, ws, survey, bob.id, 2, null, now);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId, now });
    const [call] = await tasksForAnswer(t, a1);
    assert.equal(call?.assignee_member_id, manager.memberId);
    assert.equal(call?.action, 'call');
    assert.equal(call?.due_on, '2026-11-24');
    assert.match(
      call!.assignment_note,
      /^Mia Manager has the strongest relationship with Ana among the managers and owners/,
    );
    assert.doesNotMatch(call!.script, /review|recommend|introduc/i, 'no ask of any kind');
    const [stranger] = await tasksForAnswer(t, a2);
    assert.equal(stranger?.assignee_member_id, manager.memberId);
    assert.equal(
      stranger?.assignment_note,
      'No manager or owner has talked to Bob yet, so this goes to Mia Manager (manager).',
    );
  });

  test("due dates are days in the assignee's time zone", async () => {
    const ws = await newWorkspace(t);
    await t.db.execute(sql`update workspaces set time_zone = 'Europe/Berlin' where id = ${ws.workspaceId}`);
    const tokyo = await newMember(t, ws, 'member', 'Taro Tokyo');
    await t.db.execute(sql`update members set time_zone = 'Asia/Tokyo' where id = ${tokyo.memberId}`);
    const survey = await surveyIn(t, ws);
    const a = await createContactVia(t, ws.cookie, { name: 'Ana Tz' });
    await logVia(t, tokyo.cookie, { contactId: a.id, kind: 'meeting' });
    const b = await createContactVia(t, ws.cookie, { name: 'Ben Tz' });
    await logVia(t, ws.cookie, { contactId: b.id, kind: 'meeting' });
    // 20:00 UTC on the 23rd is already the 24th in Tokyo, still the 23rd in Berlin.
    const at = new Date('2026-11-23T20:00:00Z');
    const aa = await answerFrom(t, ws, survey, a.id, 9, null, at);
    const ba = await answerFrom(t, ws, survey, b.id, 9, null, at);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId, now: at });
    assert.equal((await tasksForAnswer(t, aa))[0]?.due_on, '2026-11-26');
    assert.equal((await tasksForAnswer(t, ba))[0]?.due_on, '2026-11-25');
    assert.equal((await tasksForAnswer(t, ba))[0]?.reason, 'Answered 9, with no comment');
  });

  test('anonymous answers and answers with no active playbook are marked as looked at, with no tasks', async () => {
    const ws = await newWorkspace(t);
    const survey = await surveyIn(t, ws);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    await t.db.execute(
      sql`update playbooks set active = false where workspace_id = ${ws.workspaceId} and trigger = 'answer.passive'`,
    );
    const c = await createContactVia(t, ws.cookie, { name: 'Paula Passive' });
    const passive = await answerFrom(t, ws, survey, c.id, 7);
    await answerFrom(t, ws, survey, null, 10);
    assert.deepEqual(await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId }), {
      claimed: 2,
      enrolled: 0,
      tasks: 0,
    });
    assert.deepEqual(await tasksForAnswer(t, passive), []);
  });

  test('concurrent enrolment runs never enrol an answer twice', async () => {
    const ws = await newWorkspace(t);
    const survey = await surveyIn(t, ws);
    const c = await createContactVia(t, ws.cookie, { name: 'Conny Current' });
    for (let i = 0; i < 40; i++) await answerFrom(t, ws, survey, c.id, i % 11);
    const runs = await Promise.all([
      enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId }),
      enrolPendingAnswers(t.db),
      enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId, limit: 7 }),
    ]);
    assert.equal(
      runs.reduce((n, r) => n + r.enrolled, 0),
      40,
    );
    const [counts] = await queryRows<{ enrolments: number; answers: number }>(
      t.db,
      sql`select count(*)::int as enrolments, count(distinct answer_id)::int as answers
          from playbook_enrolments where workspace_id = ${ws.workspaceId}`,
    );
    assert.deepEqual(counts, { enrolments: 40, answers: 40 });
  });

  test('requestEnrolment enrols soon, coalescing a burst of calls into few runs', async () => {
    const ws = await newWorkspace(t);
    const survey = await surveyIn(t, ws);
    const c = await createContactVia(t, ws.cookie, { name: 'Rita Request' });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(await answerFrom(t, ws, survey, c.id, 9));
      for (let k = 0; k < 200; k++) requestEnrolment({ db: t.db, jobs: undefined }, ws.workspaceId);
    }
    await settleEnrolmentRequests({ db: t.db, jobs: undefined });
    const [pending] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from survey_answers where workspace_id = ${ws.workspaceId} and enrolled_at is null`,
    );
    assert.equal(pending?.n, 0);
    assert.equal((await tasksForAnswer(t, ids[19]!)).length, 1);
  });

  test('many answers are enrolled in one pass with the right number of tasks', async () => {
    const ws = await newWorkspace(t);
    await newMember(t, ws, 'manager', 'Senior Sue');
    const survey = await surveyIn(t, ws);
    await t.db.execute(sql`
      insert into contacts (workspace_id, name) select ${ws.workspaceId}, 'Bulk ' || g from generate_series(1, 3000) g`);
    await t.db.execute(sql`
      insert into survey_answers (workspace_id, survey_id, contact_id, score, source)
      select c.workspace_id, ${survey}, c.id, (row_number() over (order by c.id)) % 11, 'import'
      from contacts c where c.workspace_id = ${ws.workspaceId} and c.name like 'Bulk %'`);
    const result = await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    assert.equal(result.claimed, 3000);
    assert.equal(result.enrolled, 3000);
    // Every default playbook starts with exactly one step.
    assert.equal(result.tasks, 3000);
    const [bad] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from tasks where workspace_id = ${ws.workspaceId}
          and (script like '%{{%' or assignment_note is null or due_on is null)`,
    );
    assert.equal(bad?.n, 0);
  });
});
