// Reads of tasks: lists (mine, a member's, a contact's; overdue, today, upcoming), the Today page
// (also the morning digest's content) and one task with everything needed to act on it.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { relationshipsOfContact } from '../relationships/queries.ts';
import { addDays, assigneeTodaySql } from './dates.ts';
import type { TaskDetail, TaskListItem, TaskListQuery, TodayList } from './schemas.ts';

type Row = Record<string, unknown>;

export function rowsOf<T = Row>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();

/** Columns of a task as a list shows it; the query aliases tasks t, assignee m, workspace w. */
function listColumns(now: Date): SQL {
  const today = assigneeTodaySql(now);
  return sql`
    t.id, t.title, t.action, t.status, t.due_on::text as due_on, t.snoozed_until::text as snoozed_until,
    coalesce(t.snoozed_until, t.due_on)::text as effective_due_on,
    case when t.status = 'open' and coalesce(t.snoozed_until, t.due_on) < ${today}
      then (${today} - coalesce(t.snoozed_until, t.due_on))::int else 0 end as days_overdue,
    ${today}::text as assignee_today,
    t.contact_id, c.name as contact_name, a.name as account_name, c.preferred_channel,
    t.assignee_member_id, m.name as assignee_name, t.reason, t.channel,
    t.enrolment_id is not null as from_playbook, t.escalated_at, t.reached, t.ask_kind, t.ask_result,
    t.completed_at, t.created_at`;
}

const listFrom = sql`
  from tasks t
  join members m on m.id = t.assignee_member_id
  join workspaces w on w.id = t.workspace_id
  left join contacts c on c.id = t.contact_id
  left join accounts a on a.id = c.account_id`;

function toListItem(r: Row): TaskListItem {
  const daysOverdue = Number(r.days_overdue ?? 0);
  return {
    id: r.id as string,
    title: r.title as string,
    action: r.action as TaskListItem['action'],
    status: r.status as TaskListItem['status'],
    dueOn: (r.due_on as string | null) ?? null,
    snoozedUntil: (r.snoozed_until as string | null) ?? null,
    effectiveDueOn: (r.effective_due_on as string | null) ?? null,
    daysOverdue,
    overdue: daysOverdue > 0,
    contact: r.contact_id
      ? {
          id: r.contact_id as string,
          name: r.contact_name as string,
          accountName: (r.account_name as string | null) ?? null,
          preferredChannel: (r.preferred_channel as TaskListItem['channel']) ?? null,
        }
      : null,
    assignee: { id: r.assignee_member_id as string, name: r.assignee_name as string },
    reason: (r.reason as string | null) ?? null,
    channel: (r.channel as TaskListItem['channel']) ?? null,
    fromPlaybook: Boolean(r.from_playbook),
    escalatedAt: iso(r.escalated_at),
    reached: (r.reached as boolean | null) ?? null,
    askKind: (r.ask_kind as TaskListItem['askKind']) ?? null,
    askResult: (r.ask_result as TaskListItem['askResult']) ?? null,
    completedAt: iso(r.completed_at),
    createdAt: iso(r.created_at)!,
  };
}

export async function listTasks(
  db: Db,
  workspaceId: string,
  memberId: string,
  query: TaskListQuery,
  now: Date = new Date(),
): Promise<{ tasks: TaskListItem[]; nextCursor: string | null }> {
  const today = assigneeTodaySql(now);
  const effective = sql`coalesce(t.snoozed_until, t.due_on)`;
  const where: SQL[] = [sql`t.workspace_id = ${workspaceId}`];
  if (query.member !== 'all')
    where.push(sql`t.assignee_member_id = ${query.member === 'me' ? memberId : query.member}`);
  if (query.status !== 'all') where.push(sql`t.status = ${query.status}`);
  if (query.contact) where.push(sql`t.contact_id = ${query.contact}`);
  if (query.due === 'overdue') where.push(sql`t.status = 'open' and ${effective} < ${today}`);
  if (query.due === 'today') where.push(sql`${effective} = ${today}`);
  if (query.due === 'upcoming') where.push(sql`${effective} > ${today} and ${effective} <= ${today} + 7`);
  const offset = query.cursor && /^\d{1,9}$/.test(query.cursor) ? Number(query.cursor) : 0;
  // Open work reads by due day (the undated waiting steps last); closed work newest first.
  const order =
    query.status === 'open'
      ? sql`${effective} asc nulls last, t.created_at, t.id`
      : sql`coalesce(t.completed_at, t.created_at) desc, t.id`;
  const rows = rowsOf(
    await db.execute(sql`
      select ${listColumns(now)} ${listFrom}
      where ${sql.join(where, sql` and `)}
      order by ${order}
      limit ${query.limit + 1} offset ${offset}`),
  );
  const more = rows.length > query.limit;
  return {
    tasks: rows.slice(0, query.limit).map(toListItem),
    nextCursor: more ? String(offset + query.limit) : null,
  };
}

/**
 * The Today page and the morning digest: a member's open tasks overdue, due today and due in the
 * next 7 days, in their own time zone. Snoozed tasks count from their snooze date.
 */
export async function todayList(
  db: Db,
  workspaceId: string,
  memberId: string,
  now: Date = new Date(),
): Promise<TodayList> {
  const [zone] = rowsOf<{ tz: string; today: string }>(
    await db.execute(sql`
      select coalesce(m.time_zone, w.time_zone) as tz, ${assigneeTodaySql(now)}::text as today
      from members m join workspaces w on w.id = m.workspace_id
      where m.workspace_id = ${workspaceId} and m.id = ${memberId}`),
  );
  if (!zone) throw notFound('Member');
  const rows = rowsOf(
    await db.execute(sql`
      select ${listColumns(now)} ${listFrom}
      where t.workspace_id = ${workspaceId} and t.assignee_member_id = ${memberId} and t.status = 'open'
        and coalesce(t.snoozed_until, t.due_on) <= ${zone.today}::date + 7
      order by coalesce(t.snoozed_until, t.due_on), t.created_at, t.id
      limit 500`),
  ).map(toListItem);
  const upcomingEnd = addDays(zone.today, 7);
  return {
    today: zone.today,
    timeZone: zone.tz,
    overdue: rows.filter((t) => t.overdue),
    dueToday: rows.filter((t) => t.effectiveDueOn === zone.today),
    upcoming: rows.filter((t) => t.effectiveDueOn! > zone.today && t.effectiveDueOn! <= upcomingEnd),
  };
}

export async function getTaskRow(db: Db, workspaceId: string, taskId: string) {
  const [row] = rowsOf(
    await db.execute(sql`
      select t.*, t.due_on::text as due_on_text from tasks t
      where t.workspace_id = ${workspaceId} and t.id = ${taskId}`),
  );
  if (!row) throw notFound('Task');
  return {
    id: row.id as string,
    workspaceId: row.workspace_id as string,
    contactId: (row.contact_id as string | null) ?? null,
    accountId: (row.account_id as string | null) ?? null,
    assigneeMemberId: row.assignee_member_id as string,
    enrolmentId: (row.enrolment_id as string | null) ?? null,
    action: row.action as string,
    title: row.title as string,
    reason: (row.reason as string | null) ?? null,
    script: (row.script as string | null) ?? null,
    channel: (row.channel as string | null) ?? null,
    status: row.status as 'open' | 'done' | 'cancelled',
    dueOn: (row.due_on_text as string | null) ?? null,
  };
}
export type TaskRow = Awaited<ReturnType<typeof getTaskRow>>;

export async function getTaskDetail(
  db: Db,
  workspaceId: string,
  taskId: string,
  now: Date = new Date(),
): Promise<TaskDetail> {
  const [row] = rowsOf(
    await db.execute(sql`
      select ${listColumns(now)}, t.script, t.assignment_note, t.outcome_note, t.prospect_name,
        t.completed_by_member_id, cb.name as completed_by_name,
        sa.id as answer_id, sa.score as answer_score, sa.category as answer_category,
        sa.comment as answer_comment, sa.answered_at as answer_at, s.name as survey_name
      ${listFrom}
      left join members cb on cb.id = t.completed_by_member_id
      left join playbook_enrolments e on e.id = t.enrolment_id
      left join survey_answers sa on sa.id = e.answer_id
      left join surveys s on s.id = sa.survey_id
      where t.workspace_id = ${workspaceId} and t.id = ${taskId}`),
  );
  if (!row) throw notFound('Task');
  const item = toListItem(row);
  const rels = item.contact ? await relationshipsOfContact(db, workspaceId, item.contact.id) : [];
  const mine = rels.find((r) => r.member.id === item.assignee.id);
  const history = rowsOf(
    await db.execute(sql`
      select h.id, h.kind, h.created_at, h.reason, h.data,
        h.member_id, bm.name as by_name, h.from_member_id, fm.name as from_name, h.to_member_id, tm.name as to_name
      from task_history h
      left join members bm on bm.id = h.member_id
      left join members fm on fm.id = h.from_member_id
      left join members tm on tm.id = h.to_member_id
      where h.workspace_id = ${workspaceId} and h.task_id = ${taskId}
      order by h.created_at, h.id`),
  );
  const ref = (id: unknown, name: unknown) =>
    id && name ? { id: id as string, name: name as string } : null;
  return {
    ...item,
    script: (row.script as string | null) ?? null,
    assignmentNote: (row.assignment_note as string | null) ?? null,
    outcomeNote: (row.outcome_note as string | null) ?? null,
    prospectName: (row.prospect_name as string | null) ?? null,
    completedBy: ref(row.completed_by_member_id, row.completed_by_name),
    answer: row.answer_id
      ? {
          id: row.answer_id as string,
          score: Number(row.answer_score),
          category: row.answer_category as 'promoter' | 'passive' | 'detractor',
          comment: (row.answer_comment as string | null) ?? null,
          answeredAt: iso(row.answer_at)!,
          surveyName: row.survey_name as string,
        }
      : null,
    relationship: mine ? { strength: mine.strength, reasons: mine.reasons } : null,
    others: rels
      .filter((r) => r.member.id !== item.assignee.id && r.member.status === 'active' && r.strength > 0)
      .map((r) => ({ id: r.member.id, name: r.member.name, strength: r.strength })),
    history: history.map((h) => ({
      id: h.id as string,
      kind: h.kind as string,
      at: iso(h.created_at)!,
      by: ref(h.member_id, h.by_name),
      from: ref(h.from_member_id, h.from_name),
      to: ref(h.to_member_id, h.to_name),
      reason: (h.reason as string | null) ?? null,
      data: (h.data as Record<string, unknown>) ?? {},
    })),
  };
}

/** A member's time zone: their own, else the workspace's. */
export async function memberTimeZone(db: Db, workspaceId: string, memberId: string): Promise<string> {
  const [row] = rowsOf<{ tz: string }>(
    await db.execute(sql`
      select coalesce(m.time_zone, w.time_zone) as tz
      from members m join workspaces w on w.id = m.workspace_id
      where m.workspace_id = ${workspaceId} and m.id = ${memberId}`),
  );
  if (!row) throw notFound('Member');
  return row.tz;
}
