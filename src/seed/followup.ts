// Demo surveys and follow-up for `warmpath seed --demo`: a closed spring survey whose follow-ups
// are long done, an autumn survey still collecting answers, and the tasks those answers started
// in every state (done on time, done late, overdue, due today, upcoming, snoozed, reassigned).
// It runs the real commands (launch, record answers, enrol, close tasks) so the demo shows what
// the product itself writes, then moves the timestamps back to when things "happened".
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type AskKind,
  contacts,
  reviewDestinations,
  surveySends,
  tasks,
  workspaces,
} from '../db/schema/index.ts';
import { recordSendAnswers } from '../features/answers/record-answer.ts';
import type { Actor } from '../features/auth/actor.ts';
import { setGoal } from '../features/goals/set-goal.ts';
import { ensureDefaultPlaybooks } from '../features/playbooks/default-playbooks.ts';
import { enrolPendingAnswers } from '../features/playbooks/enrol-pending-answers.ts';
import { recomputeStrengths } from '../features/relationships/recompute.ts';
import { closeSurvey, launchSurvey } from '../features/surveys/launch-survey.ts';
import { deriveLinkSecret } from '../features/surveys/links.ts';
import { createSurvey } from '../features/surveys/write-survey.ts';
import { completeTask } from '../features/tasks/complete-task.ts';
import { reassignTask } from '../features/tasks/reassign-task.ts';
import type { CompleteTaskBody } from '../features/tasks/schemas.ts';
import { snoozeTask } from '../features/tasks/snooze-task.ts';
import { createMailer } from '../mail/mailer.ts';
import { between, pick, type Rng } from './generate.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Tasks the seed closes with outcomes, one command each; bounded so large demos stay quick. */
const MAX_CLOSED = 250;

const comments = {
  promoter: [
    'The audit team was sharp and finished early.',
    'Always reachable, and they explain things plainly.',
    'They caught a problem our previous firm missed for years.',
    'Great partnership on the migration.',
    null,
  ],
  passive: [
    'Good work, but the invoices are hard to read.',
    'Solid, a bit slow to answer emails in busy season.',
    'Fine overall. We would like a fixed-fee option.',
    null,
  ],
  detractor: [
    'The handover between partners lost a month.',
    'Two deadlines slipped without warning.',
    'We never know who is working on our file.',
  ],
} as const;

const prospects = ['Lena Brandt', 'Oscar Mendes', 'Hana Sato', 'Felix Moreau', 'Nora Quist'];

export type FollowUpSeedContext = {
  db: Db;
  workspaceId: string;
  /** The owner first. */
  memberIds: string[];
  rng: Rng;
  now: Date;
  log: (message: string) => void;
};

function scoreFor(rng: Rng, strength: number): number {
  // Clients someone on the team knows well answer higher, as they tend to in real firms.
  const roll = rng() + strength / 250;
  if (roll > 0.9) return 10;
  if (roll > 0.6) return 9;
  if (roll > 0.42) return 8;
  if (roll > 0.28) return 7;
  return Math.floor(between(rng, 2, 7));
}

function category(score: number) {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export async function seedFollowUp(ctx: FollowUpSeedContext) {
  const { db, workspaceId, rng, now, log } = ctx;
  const owner: Actor = { workspaceId, memberId: ctx.memberIds[0]!, role: 'owner', sessionId: null };
  const deps = {
    db,
    jobs: undefined,
    mailer: createMailer({ smtpUrl: undefined, jobs: undefined }),
    publicUrl: 'http://localhost:3000',
    linkSecret: deriveLinkSecret('demo'),
  };

  await ensureDefaultPlaybooks(db, workspaceId);
  await db.insert(reviewDestinations).values([
    {
      workspaceId,
      site: 'google',
      label: 'Google',
      url: 'https://g.page/r/harbor-lane-demo/review',
      position: 0,
    },
    {
      workspaceId,
      site: 'linkedin',
      label: 'LinkedIn recommendation',
      url: 'https://www.linkedin.com/company/harbor-lane-demo',
      position: 1,
    },
    {
      workspaceId,
      site: 'clutch',
      label: 'Clutch',
      url: 'https://clutch.co/profile/harbor-lane-demo',
      position: 2,
    },
  ]);

  // The demo mails a whole wave at once; the firm's real rate is restored below.
  await db.update(workspaces).set({ surveyMailsPerMinute: 1_000_000 }).where(eq(workspaces.id, workspaceId));
  const waves = [
    { name: 'Spring client check-in', daysAgo: 150, answerRate: 0.55, reminder: null },
    { name: 'Autumn NPS', daysAgo: 12, answerRate: 0.5, reminder: 7 },
  ];
  let answered = 0;
  for (const wave of waves) {
    const survey = await createSurvey(deps, owner, {
      name: wave.name,
      audience: { kind: 'active_clients' },
      scheduleKind: 'once',
      reminderAfterDays: wave.reminder,
    });
    const { queued } = await launchSurvey(deps, owner, survey.id);
    const sentAt = new Date(now.getTime() - wave.daysAgo * DAY);
    // The wave went out `daysAgo` days ago; its links last as long as they would have.
    await db.execute(sql`
      update survey_sends set sent_at = ${sentAt}, created_at = ${sentAt},
        expires_at = ${new Date(now.getTime() + 30 * DAY)}
      where survey_id = ${survey.id}`);
    await db.execute(sql`
      update outbox_messages o set created_at = ${sentAt}, sent_at = ${sentAt}
      from survey_sends s where s.message_id = o.id and s.survey_id = ${survey.id}`);
    await db.execute(sql`
      update timeline_events set occurred_at = ${sentAt}
      where workspace_id = ${workspaceId} and kind = 'survey.sent' and data->>'surveyId' = ${survey.id}`);
    await db.execute(sql`update surveys set launched_at = ${sentAt} where id = ${survey.id}`);

    const sends = await db
      .select({ id: surveySends.id, strength: contacts.bestStrength, email: contacts.email })
      .from(surveySends)
      .innerJoin(contacts, eq(contacts.id, surveySends.contactId))
      .where(eq(surveySends.surveyId, survey.id))
      .orderBy(contacts.email);
    const inputs = sends
      .filter(() => rng() < wave.answerRate)
      .map((s) => {
        const score = scoreFor(rng, s.strength);
        return { sendId: s.id, score, comment: pick(rng, comments[category(score)]) ?? null };
      });
    await recordSendAnswers(db, inputs);
    // Answers arrived over the days after the wave, the first ones within hours.
    const times = inputs.map(
      () => new Date(sentAt.getTime() + between(rng, 0.1, Math.min(10, wave.daysAgo - 1)) * DAY),
    );
    await db.execute(sql`
      with moved as (
        select * from unnest(
          ${sql.param(inputs.map((i) => i.sendId))}::uuid[],
          ${sql.param(times.map((t) => t.toISOString()))}::timestamptz[]
        ) as m(send_id, at)
      ), a as (
        update survey_answers sa set answered_at = m.at, created_at = m.at, updated_at = m.at,
          editable_until = m.at + interval '7 days'
        from moved m where sa.send_id = m.send_id
        returning sa.id, m.at
      ), s as (
        update survey_sends ss set answered_at = m.at from moved m where ss.id = m.send_id
      )
      update timeline_events te set occurred_at = a.at from a where te.ref_id = a.id`);
    answered += inputs.length;
    log(`Sent "${wave.name}" to ${queued} clients; ${inputs.length} answered`);

    // Enrolment runs as if on the day each answer came in, so due dates follow the answers.
    const enrolled = await enrolPendingAnswers(db, { workspaceId, now });
    // Enrolment never sets a due date in the past; the demo's plans started when the answers came
    // in, so their first steps fall due then.
    await db.execute(sql`
      with plan as (
        select t.id as task_id, e.id as enrolment_id, e.triggered_at,
          (e.triggered_at at time zone w.time_zone)::date
            + (v.steps->t.step_index->>'offsetDays')::int as due_on
        from tasks t
        join playbook_enrolments e on e.id = t.enrolment_id
        join survey_answers a on a.id = e.answer_id and a.survey_id = ${survey.id}
        join playbook_versions v on v.id = e.version_id
        join workspaces w on w.id = e.workspace_id
      ), moved as (
        update tasks t set due_on = plan.due_on, created_at = plan.triggered_at
        from plan where t.id = plan.task_id
      )
      update timeline_events te set occurred_at = plan.triggered_at
      from plan where te.ref_id = plan.enrolment_id and te.kind = 'playbook.enrolled'`);
    log(`Started ${enrolled.enrolled} follow-up plans with ${enrolled.tasks} tasks`);
    if (wave.daysAgo > 30) await closeSurvey(deps, owner, survey.id);
  }
  await db.update(workspaces).set({ surveyMailsPerMinute: 60 }).where(eq(workspaces.id, workspaceId));

  await workTheTasks(ctx, owner);
  await setGoals(ctx, owner);
  return { answered };
}

/**
 * Closes the follow-ups the team would have done by now: almost all of the spring wave's, a good
 * part of the autumn's, leaving some overdue, some due today and some snoozed or reassigned.
 */
async function workTheTasks(ctx: FollowUpSeedContext, owner: Actor) {
  const { db, workspaceId, rng, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  let done = 0;
  let snoozed = 0;
  let reassigned = 0;
  // Closing a step starts the next one; a few passes walk each plan as far as it would have gone.
  const visited = new Set<string>();
  for (let pass = 0; pass < 4 && done < MAX_CLOSED; pass++) {
    const open = await db
      .select({
        id: tasks.id,
        action: tasks.action,
        dueOn: tasks.dueOn,
        enrolmentId: tasks.enrolmentId,
      })
      .from(tasks)
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.status, 'open')))
      .orderBy(tasks.dueOn, tasks.title);
    for (const task of open) {
      // Enough history for every page to show something; a --scale demo leaves the rest open.
      if (!task.dueOn || visited.has(task.id) || done >= MAX_CLOSED) continue;
      visited.add(task.id);
      const daysLate = (now.getTime() - Date.parse(task.dueOn)) / DAY;
      if (daysLate > 30 ? rng() < 0.95 : daysLate > 2 ? rng() < 0.6 : false) {
        await closeInThePast(ctx, owner, { ...task, dueOn: task.dueOn }, daysLate);
        done++;
      } else if (task.dueOn <= today && snoozed < 3 && rng() < 0.2) {
        const until = new Date(now.getTime() + between(rng, 2, 6) * DAY).toISOString().slice(0, 10);
        await snoozeTask(db, owner, task.id, { until, reason: 'Client is travelling until next week' }, now);
        snoozed++;
      }
    }
  }
  // Conversations were logged "now" and moved back: strengths and last-contacted follow the dates.
  await recomputeStrengths(db, workspaceId, 'all');
  // Two of the coming tasks change hands, as they do when someone is away.
  const coming = await db
    .select({ id: tasks.id, assignee: tasks.assigneeMemberId })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.status, 'open'), sql`${tasks.dueOn} >= ${today}`))
    .orderBy(tasks.dueOn, tasks.title)
    .limit(2);
  for (const task of coming) {
    const to = ctx.memberIds.find((m) => m !== task.assignee)!;
    await reassignTask(db, owner, task.id, { memberId: to, reason: 'Covering while Ines is on holiday' });
    reassigned++;
  }
  ctx.log(`Closed ${done} follow-up tasks with outcomes; ${snoozed} snoozed, ${reassigned} reassigned`);
}

/** Closes a task as the team did on (about) its due day, and dates what that started from then. */
async function closeInThePast(
  ctx: FollowUpSeedContext,
  owner: Actor,
  task: { id: string; action: string; dueOn: string; enrolmentId: string | null },
  daysLate: number,
) {
  const { db, rng, now } = ctx;
  const reached = rng() < 0.85;
  const ask = reached ? askFor(task.action, rng) : null;
  const result = await completeTask(db, owner, task.id, {
    reached,
    ask,
    note: reached ? pick(rng, notes) : 'Left a voicemail.',
    remindIn: ask?.result === 'not_now' ? { amount: 3, unit: 'weeks' } : null,
  });
  const at = new Date(Date.parse(task.dueOn) + between(rng, -0.5, daysLate > 30 ? 4 : 2) * DAY);
  const when = at > now ? now : at;
  const shiftDays = Math.floor((now.getTime() - when.getTime()) / DAY);
  await db.execute(sql`update tasks set completed_at = ${when} where id = ${task.id}`);
  await db.execute(
    sql`update task_history set created_at = ${when} where task_id = ${task.id} and kind = 'completed'`,
  );
  if (result.interactionId) {
    await db.execute(sql`update interactions set occurred_at = ${when} where id = ${result.interactionId}`);
    await db.execute(
      sql`update timeline_events set occurred_at = ${when} where ref_id = ${result.interactionId}`,
    );
  }
  if (result.askId) await db.execute(sql`update asks set asked_at = ${when} where id = ${result.askId}`);
  // The next step and any "remind me" task were due counting from that day, not from today.
  await db.execute(sql`
    update tasks set due_on = due_on - ${shiftDays}::int, created_at = ${when}
    where status = 'open' and id <> ${task.id}
      and (id = ${result.followUpTaskId} or (enrolment_id = ${task.enrolmentId} and completed_at is null))`);
}

const notes = [
  'Thanked them for the kind words; they want a short call in the new year.',
  'Listened to what would make it a 10: clearer invoices.',
  'They mentioned a new CFO starting next month.',
  'Walked through the issue; agreed a fix and a check-in date.',
];

function askFor(action: string, rng: Rng): CompleteTaskBody['ask'] {
  const kind: AskKind | null =
    action === 'ask_review'
      ? 'review'
      : action === 'ask_recommendation'
        ? 'recommendation'
        : action === 'ask_introduction'
          ? 'introduction'
          : null;
  if (!kind) return null;
  const roll = rng();
  if (kind === 'introduction') {
    return roll < 0.45
      ? { kind, result: 'introduction_promised' as const, prospectName: pick(rng, prospects) }
      : { kind, result: roll < 0.8 ? ('not_now' as const) : ('declined' as const) };
  }
  if (kind === 'review')
    return { kind, result: roll < 0.6 ? ('review_given' as const) : ('not_now' as const) };
  return { kind, result: roll < 0.6 ? ('recommendation_given' as const) : ('not_now' as const) };
}

async function setGoals(ctx: FollowUpSeedContext, owner: Actor) {
  const monthStart = `${ctx.now.toISOString().slice(0, 7)}-01`;
  for (const memberId of ctx.memberIds.slice(0, 8)) {
    await setGoal(ctx.db, owner, {
      memberId,
      period: 'month',
      periodStart: monthStart,
      asksTarget: 6,
      introductionsTarget: 2,
      followUpsOnTimeTarget: 10,
    });
  }
}
