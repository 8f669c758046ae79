// Overdue escalation: when a task is overdue by the workspace's delay (overdue_escalation_days,
// counted in the assignee's time zone from the due day, or the snooze day), the managers and owners
// are told by email, once per task. Marking the task and queuing the mail happen in one
// transaction, so a crash or a second worker can neither lose nor repeat a notice.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineJob, handleJob } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { assigneeTodaySql } from './dates.ts';
import { escapeHtml, mailLayout } from './mail.ts';
import { rowsOf } from './queries.ts';

export const overdueEscalationJob = defineJob({
  name: 'tasks.escalate-overdue',
  payload: z.object({}),
  cron: '5 * * * *',
  retryLimit: 2,
  expireInSeconds: 900,
});

type Escalated = {
  id: string;
  workspace_id: string;
  title: string;
  days: number;
  assignee_id: string;
  assignee_name: string;
  contact_id: string | null;
  contact_name: string | null;
};

export async function escalateOverdueTasks(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  now: Date = new Date(),
): Promise<{ tasks: number; mails: number }> {
  return db.transaction(async (tx) => {
    const today = assigneeTodaySql(now);
    const effective = sql`coalesce(t.snoozed_until, t.due_on)`;
    const escalated = rowsOf<Escalated>(
      await tx.execute(sql`
        with due as (
          select t.id, (${today} - ${effective})::int as days
          from tasks t
          join members m on m.id = t.assignee_member_id
          join workspaces w on w.id = t.workspace_id
          where t.status = 'open' and t.escalated_at is null and ${effective} is not null
            and ${today} - ${effective} >= greatest(w.overdue_escalation_days, 1)
          for update of t skip locked
        ),
        marked as (
          update tasks t set escalated_at = ${now.toISOString()}::timestamptz
          from due where t.id = due.id
          returning t.id, t.workspace_id, t.title, t.assignee_member_id, t.contact_id, due.days
        ),
        logged as (
          insert into task_history (workspace_id, task_id, kind, to_member_id, reason, data)
          select workspace_id, id, 'escalated', assignee_member_id,
            'overdue by ' || days || case when days = 1 then ' day' else ' days' end,
            jsonb_build_object('daysOverdue', days)
          from marked
        )
        select marked.id, marked.workspace_id, marked.title, marked.days,
          marked.assignee_member_id as assignee_id, m.name as assignee_name,
          marked.contact_id, c.name as contact_name
        from marked
        join members m on m.id = marked.assignee_member_id
        left join contacts c on c.id = marked.contact_id
        order by marked.workspace_id, marked.days desc, m.name`),
    );
    if (escalated.length === 0) return { tasks: 0, mails: 0 };
    const workspaceIds = [...new Set(escalated.map((e) => e.workspace_id))];
    const managers = rowsOf<{ id: string; workspace_id: string; email: string; name: string }>(
      await tx.execute(sql`
        select id, workspace_id, email, name from members
        where workspace_id = any(${sql.param(workspaceIds)}::uuid[])
          and status = 'active' and role in ('owner', 'manager')
        order by name`),
    );
    let mails = 0;
    for (const manager of managers) {
      // Nobody needs a notice about their own overdue task: Today already shows it in red.
      const theirs = escalated.filter(
        (e) => e.workspace_id === manager.workspace_id && e.assignee_id !== manager.id,
      );
      if (theirs.length === 0) continue;
      const lines = theirs.map(
        (e) =>
          `- ${e.title}${e.contact_name ? ` (${e.contact_name})` : ''}: ${e.assignee_name}, overdue by ${e.days} day${e.days === 1 ? '' : 's'}`,
      );
      const subject =
        theirs.length === 1
          ? `Overdue follow-up: ${theirs[0]!.title} (${theirs[0]!.assignee_name})`
          : `${theirs.length} follow-ups are overdue`;
      const link = `${deps.publicUrl}/insights`;
      const items = theirs
        .map((e) => {
          const who = e.contact_id
            ? ` with <a href="${escapeHtml(`${deps.publicUrl}/clients/people/${e.contact_id}`)}">${escapeHtml(e.contact_name ?? '')}</a>`
            : '';
          return `<li><strong>${escapeHtml(e.title)}</strong>${who}: ${escapeHtml(e.assignee_name)}, overdue by ${e.days} day${e.days === 1 ? '' : 's'}</li>`;
        })
        .join('');
      await deps.mailer.queue(tx, {
        workspaceId: manager.workspace_id,
        to: manager.email,
        subject,
        text: [
          `Hello ${manager.name},`,
          '',
          'These follow-ups are overdue. A promoter who is not followed up is a referral that will not happen:',
          '',
          ...lines,
          '',
          `See the team's follow-up: ${link}`,
        ].join('\n'),
        html: mailLayout(
          `<p>Hello ${escapeHtml(manager.name)},</p><p>These follow-ups are overdue. A promoter who is not followed up is a referral that will not happen:</p><ul>${items}</ul><p><a href="${escapeHtml(link)}">See the team's follow-up</a></p>`,
        ),
      });
      mails++;
    }
    return { tasks: escalated.length, mails };
  });
}

export function overdueEscalationHandler(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string; log: (msg: string) => void },
) {
  return handleJob(overdueEscalationJob, async () => {
    const { tasks, mails } = await escalateOverdueTasks(db, deps);
    if (tasks > 0) deps.log(`overdue escalation: ${tasks} tasks, ${mails} notices`);
  });
}
