// The morning digest: on weekdays, from 07:00 in each member's own time zone, one email with the
// same list as their Today page (overdue first, then due today). The job runs hourly; a member is
// mailed at most once per local day.
//
// "Once per day" is a claim row in instance_settings keyed `digest:<member id>:<local day>`,
// inserted with ON CONFLICT DO NOTHING in the same transaction as the mail: whichever run (or
// worker) inserts it sends the mail, any other finds it taken. The window runs until 11:59 so a
// server that was down at 07:00 still sends that morning's digest. Claims older than a week are
// deleted by the same job. Members with nothing due or overdue get no mail (their claim is still
// taken, so a task added at 09:00 does not trigger a second, late digest).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineJob, handleJob } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { escapeHtml, mailLayout } from './mail.ts';
import { rowsOf, todayList } from './queries.ts';
import type { TaskListItem } from './schemas.ts';

export const DIGEST_FIRST_HOUR = 7;
const DIGEST_LAST_HOUR = 11;

export const morningDigestJob = defineJob({
  name: 'tasks.morning-digest',
  payload: z.object({}),
  cron: '0 * * * *',
  retryLimit: 2,
  expireInSeconds: 1800,
});

export function digestClaimKey(memberId: string, day: string): string {
  return `digest:${memberId}:${day}`;
}

function describe(task: TaskListItem): string {
  const who = task.contact
    ? ` with ${task.contact.name}${task.contact.accountName ? ` (${task.contact.accountName})` : ''}`
    : '';
  return `${task.title}${who}`;
}

function digestMail(
  member: { name: string },
  list: { overdue: TaskListItem[]; dueToday: TaskListItem[]; upcoming: TaskListItem[] },
  todayUrl: string,
) {
  const section = (title: string, items: TaskListItem[], overdue: boolean) => {
    if (items.length === 0) return { text: [] as string[], html: '' };
    const text = [
      `${title}:`,
      ...items.flatMap((t) => [
        `- ${describe(t)}${overdue ? ` (overdue by ${t.daysOverdue} day${t.daysOverdue === 1 ? '' : 's'})` : ''}`,
        ...(t.reason ? [`  Why: ${t.reason}`] : []),
      ]),
      '',
    ];
    const rows = items
      .map(
        (t) =>
          `<li style="margin-bottom:8px"><strong>${escapeHtml(describe(t))}</strong>${overdue ? ` <span style="color:#e03131">overdue by ${t.daysOverdue} day${t.daysOverdue === 1 ? '' : 's'}</span>` : ''}${t.reason ? `<br><span style="color:#495057">${escapeHtml(t.reason)}</span>` : ''}</li>`,
      )
      .join('');
    const color = overdue ? '#e03131' : '#212529';
    return {
      text,
      html: `<h3 style="font-size:15px;color:${color};margin:16px 0 8px">${escapeHtml(title)}</h3><ul style="padding-left:20px;margin:0">${rows}</ul>`,
    };
  };
  const overdue = section('Overdue', list.overdue, true);
  const today = section('Due today', list.dueToday, false);
  const n = list.overdue.length + list.dueToday.length;
  const later = list.upcoming.length
    ? `${list.upcoming.length} more due in the next 7 days.`
    : 'Nothing else is due in the next 7 days.';
  return {
    subject:
      list.overdue.length > 0
        ? `Today: ${n} follow-up${n === 1 ? '' : 's'}, ${list.overdue.length} overdue`
        : `Today: ${n} follow-up${n === 1 ? '' : 's'}`,
    text: [
      `Good morning ${member.name},`,
      '',
      ...overdue.text,
      ...today.text,
      later,
      '',
      `Close each one with what happened: ${todayUrl}`,
      '',
      'You can turn this email off in Settings → Profile.',
    ].join('\n'),
    html: mailLayout(
      `<p>Good morning ${escapeHtml(member.name)},</p>${overdue.html}${today.html}<p style="color:#495057">${escapeHtml(later)}</p><p><a href="${escapeHtml(todayUrl)}" style="display:inline-block;background:#e8590c;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">Open Today</a></p><p style="color:#868e96;font-size:13px">You can turn this email off in Settings → Profile.</p>`,
    ),
  };
}

export async function sendMorningDigests(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  now: Date = new Date(),
): Promise<{ considered: number; mailed: number }> {
  const at = now.toISOString();
  const due = rowsOf<{ id: string; workspace_id: string; email: string; name: string; day: string }>(
    await db.execute(sql`
      select m.id, m.workspace_id, m.email, m.name, local.day
      from members m
      join workspaces w on w.id = m.workspace_id
      cross join lateral (
        select (${at}::timestamptz at time zone coalesce(m.time_zone, w.time_zone)) as ts
      ) clock
      cross join lateral (select clock.ts::date::text as day) local
      where m.status = 'active' and not m.digest_opt_out
        and extract(isodow from clock.ts) between 1 and 5
        and extract(hour from clock.ts) between ${DIGEST_FIRST_HOUR} and ${DIGEST_LAST_HOUR}
        and not exists (
          select 1 from instance_settings s where s.key = 'digest:' || m.id || ':' || local.day
        )
      order by m.workspace_id, m.id`),
  );
  let mailed = 0;
  for (const member of due) {
    const sent = await db.transaction(async (tx) => {
      const claimed = rowsOf(
        await tx.execute(sql`
          insert into instance_settings (key, value, created_at)
          values (${digestClaimKey(member.id, member.day)}, ${at}, ${at}::timestamptz)
          on conflict (key) do nothing returning key`),
      );
      if (claimed.length === 0) return false;
      const list = await todayList(tx, member.workspace_id, member.id, now);
      if (list.overdue.length + list.dueToday.length === 0) return false;
      const mail = digestMail(member, list, `${deps.publicUrl}/today`);
      await deps.mailer.queue(tx, { workspaceId: member.workspace_id, to: member.email, ...mail });
      return true;
    });
    if (sent) mailed++;
  }
  await db.execute(sql`
    delete from instance_settings
    where key like 'digest:%' and created_at < ${at}::timestamptz - interval '7 days'`);
  return { considered: due.length, mailed };
}

export function morningDigestHandler(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string; log: (msg: string) => void },
) {
  return handleJob(morningDigestJob, async () => {
    const { mailed } = await sendMorningDigests(db, deps);
    if (mailed > 0) deps.log(`morning digest: ${mailed} mails`);
  });
}
