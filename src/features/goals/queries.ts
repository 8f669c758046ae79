// Goals and the follow-up accountability numbers: per member, tasks done and done on time, overdue
// now, asks by kind and by result, against their goals; for the workspace, how many promoters were
// actually followed up and how fast. Each number is one grouped SQL statement over the period.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { askKinds, askResults } from '../../db/schema/followup.ts';
import { notFound } from '../../errors.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import { assigneeTodaySql } from '../tasks/dates.ts';
import { rowsOf } from '../tasks/queries.ts';
import type { FollowUpInsights, Goal } from './schemas.ts';

type Row = Record<string, unknown>;

const goalColumns = sql`
  g.id, g.member_id, m.name as member_name, g.period, g.period_start::text as period_start,
  (g.period_start + case when g.period = 'month' then interval '1 month' else interval '3 months' end
    - interval '1 day')::date::text as period_end,
  g.asks_target, g.introductions_target, g.follow_ups_on_time_target
  from member_goals g join members m on m.id = g.member_id`;

function toGoal(r: Row): Goal {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: r.id as string,
    member: { id: r.member_id as string, name: r.member_name as string },
    period: r.period as Goal['period'],
    periodStart: r.period_start as string,
    periodEnd: r.period_end as string,
    asksTarget: n(r.asks_target),
    introductionsTarget: n(r.introductions_target),
    followUpsOnTimeTarget: n(r.follow_ups_on_time_target),
  };
}

export async function getGoal(db: Db, workspaceId: string, goalId: string): Promise<Goal> {
  const [row] = rowsOf(
    await db.execute(sql`select ${goalColumns} where g.workspace_id = ${workspaceId} and g.id = ${goalId}`),
  );
  if (!row) throw notFound('Goal');
  return toGoal(row);
}

export async function listGoals(
  db: Db,
  workspaceId: string,
  query: {
    member?: string | undefined;
    period?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<Goal[]> {
  const where: SQL[] = [sql`g.workspace_id = ${workspaceId}`];
  if (query.member) where.push(sql`g.member_id = ${query.member}`);
  if (query.period) where.push(sql`g.period = ${query.period}`);
  const end = sql`(g.period_start + case when g.period = 'month' then interval '1 month' else interval '3 months' end)::date`;
  if (query.from) where.push(sql`${end} > ${query.from}::date`);
  if (query.to) where.push(sql`g.period_start <= ${query.to}::date`);
  const rows = rowsOf(
    await db.execute(sql`
      select ${goalColumns} where ${sql.join(where, sql` and `)}
      order by g.period_start desc, g.period, lower(m.name)`),
  );
  return rows.map(toGoal);
}

const zeroKinds = () =>
  Object.fromEntries(askKinds.map((k) => [k, 0])) as Record<(typeof askKinds)[number], number>;
const zeroResults = () =>
  Object.fromEntries(askResults.map((k) => [k, 0])) as Record<(typeof askResults)[number], number>;

/**
 * The follow-up numbers for [from, to] (inclusive days in the workspace's time zone). A plain
 * member sees the workspace's coverage and their own row; managers and owners see everyone.
 */
export async function followUpInsights(
  db: Db,
  actor: Actor,
  range: { from: string; to: string },
  now: Date = new Date(),
): Promise<FollowUpInsights> {
  const ws = actor.workspaceId;
  const [zone] = rowsOf<{ tz: string; start: Date; end: Date }>(
    await db.execute(sql`
      select time_zone as tz,
        (${range.from}::date)::timestamp at time zone time_zone as start,
        (${range.to}::date + 1)::timestamp at time zone time_zone as end
      from workspaces where id = ${ws}`),
  );
  if (!zone) throw notFound('Workspace');
  const start = new Date(zone.start).toISOString();
  const end = new Date(zone.end).toISOString();
  const ownRowOnly = !hasRole(actor, 'manager');

  // Coverage: answers from named contacts in the period, and the first playbook task done with the
  // person reached for each (whenever it happened).
  const coverageRows = rowsOf<{
    category: string;
    answers: number;
    followed: number;
    median_hours: number | null;
  }>(
    await db.execute(sql`
      with ans as (
        select sa.id, sa.category, sa.answered_at from survey_answers sa
        where sa.workspace_id = ${ws} and sa.contact_id is not null
          and sa.answered_at >= ${start}::timestamptz and sa.answered_at < ${end}::timestamptz
      ),
      firsts as (
        select e.answer_id, min(t.completed_at) as first_at
        from playbook_enrolments e
        join tasks t on t.enrolment_id = e.id
        where e.workspace_id = ${ws} and e.answer_id in (select id from ans)
          and t.status = 'done' and t.reached
        group by e.answer_id
      )
      select a.category, count(*)::int as answers, count(f.first_at)::int as followed,
        percentile_cont(0.5) within group (
          order by extract(epoch from (f.first_at - a.answered_at)) / 3600.0
        ) as median_hours
      from ans a left join firsts f on f.answer_id = a.id
      group by a.category`),
  );
  const cov = (category: string) => {
    const r = coverageRows.find((c) => c.category === category);
    const answers = r ? Number(r.answers) : 0;
    const followedUp = r ? Number(r.followed) : 0;
    const median = r?.median_hours;
    return {
      answers,
      followedUp,
      coverage: answers > 0 ? followedUp / answers : null,
      medianHoursToFollowUp:
        median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10,
    };
  };

  const memberFilter = ownRowOnly ? sql`and m.id = ${actor.memberId}` : sql``;
  const today = assigneeTodaySql(now);
  const effective = sql`coalesce(t.snoozed_until, t.due_on)`;
  // Done on time: closed on or before the day that counted (the snooze day when snoozed), in the
  // assignee's time zone.
  const taskRows = rowsOf<Row>(
    await db.execute(sql`
      select m.id, m.name, m.status,
        count(*) filter (where t.status = 'done' and t.completed_at >= ${start}::timestamptz and t.completed_at < ${end}::timestamptz)::int as done,
        count(*) filter (where t.status = 'done' and t.completed_at >= ${start}::timestamptz and t.completed_at < ${end}::timestamptz
          and (${effective} is null or (t.completed_at at time zone coalesce(m.time_zone, w.time_zone))::date <= ${effective}))::int as on_time,
        count(*) filter (where t.status = 'done' and t.reached and t.completed_at >= ${start}::timestamptz and t.completed_at < ${end}::timestamptz)::int as reached,
        count(*) filter (where t.status = 'open' and ${effective} < ${today})::int as overdue,
        count(*) filter (where t.status = 'open')::int as open
      from members m
      join workspaces w on w.id = m.workspace_id
      left join tasks t on t.assignee_member_id = m.id and t.workspace_id = ${ws}
      where m.workspace_id = ${ws} ${memberFilter}
      group by m.id, m.name, m.status`),
  );
  const askRows = rowsOf<{ member_id: string | null; kind: string; result: string | null; n: number }>(
    await db.execute(sql`
      select k.member_id, k.kind, k.result, count(*)::int as n
      from asks k
      left join members m on m.id = k.member_id
      where k.workspace_id = ${ws} and k.asked_at >= ${start}::timestamptz and k.asked_at < ${end}::timestamptz
        ${ownRowOnly ? sql`and k.member_id = ${actor.memberId}` : sql``}
      group by k.member_id, k.kind, k.result`),
  );
  // Goals that lie wholly within the period. A quarter's goal wins over the goals of its months,
  // so viewing a quarter never counts the same target twice.
  const goalRows = rowsOf<{
    member_id: string;
    asks: number | null;
    intros: number | null;
    on_time: number | null;
  }>(
    await db.execute(sql`
      with g as (
        select g.*, (g.period_start + case when g.period = 'month' then interval '1 month' else interval '3 months' end)::date as period_end
        from member_goals g
        where g.workspace_id = ${ws}
      ),
      inside as (
        select * from g where g.period_start >= ${range.from}::date and g.period_end <= ${range.to}::date + 1
      )
      select i.member_id, sum(i.asks_target)::int as asks, sum(i.introductions_target)::int as intros,
        sum(i.follow_ups_on_time_target)::int as on_time
      from inside i
      where i.period = 'quarter' or not exists (
        select 1 from inside q where q.member_id = i.member_id and q.period = 'quarter'
          and i.period_start >= q.period_start and i.period_start < q.period_end
      )
      group by i.member_id`),
  );

  const members = taskRows
    .map((r) => {
      const id = r.id as string;
      const asksByKind = zeroKinds();
      const asksByResult = zeroResults();
      let asks = 0;
      for (const a of askRows.filter((k) => k.member_id === id)) {
        asks += Number(a.n);
        asksByKind[a.kind as keyof typeof asksByKind] += Number(a.n);
        if (a.result) asksByResult[a.result as keyof typeof asksByResult] += Number(a.n);
      }
      const goal = goalRows.find((g) => g.member_id === id);
      const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      return {
        member: { id, name: r.name as string, status: r.status as 'active' | 'deactivated' },
        tasksDone: Number(r.done),
        doneOnTime: Number(r.on_time),
        overdueNow: Number(r.overdue),
        openNow: Number(r.open),
        reached: Number(r.reached),
        asks,
        introductionsPromised: asksByResult.introduction_promised,
        asksByKind,
        asksByResult,
        goals: goal
          ? { asks: num(goal.asks), introductions: num(goal.intros), followUpsOnTime: num(goal.on_time) }
          : null,
      };
    })
    // Deactivated people appear only for the periods they did something in.
    .filter((m) => m.member.status === 'active' || m.tasksDone > 0 || m.asks > 0 || m.openNow > 0)
    .sort((a, b) => a.member.name.localeCompare(b.member.name));

  const totals = {
    tasksDone: 0,
    doneOnTime: 0,
    overdueNow: 0,
    reached: 0,
    notReached: 0,
    asks: 0,
    asksByKind: zeroKinds(),
    asksByResult: zeroResults(),
  };
  for (const m of members) {
    totals.tasksDone += m.tasksDone;
    totals.doneOnTime += m.doneOnTime;
    totals.overdueNow += m.overdueNow;
    totals.reached += m.reached;
    totals.notReached += m.tasksDone - m.reached;
  }
  for (const a of askRows) {
    totals.asks += Number(a.n);
    totals.asksByKind[a.kind as keyof typeof totals.asksByKind] += Number(a.n);
    if (a.result) totals.asksByResult[a.result as keyof typeof totals.asksByResult] += Number(a.n);
  }

  return {
    from: range.from,
    to: range.to,
    timeZone: zone.tz,
    promoters: cov('promoter'),
    byCategory: { promoter: cov('promoter'), passive: cov('passive'), detractor: cov('detractor') },
    totals,
    members,
    ownRowOnly,
  };
}
