// Snoozing: "not today, on this day instead", with the reason kept in the task's history. The due
// day stays as planned (reports can tell planned from postponed); the task counts from the snooze
// day on Today, for overdue flags and for escalation.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tasks } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recordTaskHistory, requireTaskControl } from './create-task.ts';
import { localDate } from './dates.ts';
import { getTaskDetail, getTaskRow, memberTimeZone } from './queries.ts';

export async function snoozeTask(
  db: Db,
  actor: Actor,
  taskId: string,
  body: { until: string; reason: string },
  now: Date = new Date(),
) {
  await db.transaction(async (tx) => {
    const task = await getTaskRow(tx, actor.workspaceId, taskId);
    requireTaskControl(actor, task, 'snooze');
    if (task.status !== 'open') throw new AppError('conflict', 'This task is already closed');
    const today = localDate(await memberTimeZone(tx, actor.workspaceId, task.assigneeMemberId), now);
    if (body.until <= today) {
      throw new AppError('validation_failed', `body.until: snooze to a day after today (${today})`, [
        { path: 'body.until', message: `Choose a day after today (${today})` },
      ]);
    }
    await tx
      .update(tasks)
      .set({ snoozedUntil: body.until, updatedAt: now })
      .where(and(eq(tasks.workspaceId, actor.workspaceId), eq(tasks.id, taskId)));
    await recordTaskHistory(tx, {
      workspaceId: actor.workspaceId,
      taskId,
      kind: 'snoozed',
      memberId: actor.memberId,
      reason: body.reason,
      data: { until: body.until, dueOn: task.dueOn },
    });
  });
  return getTaskDetail(db, actor.workspaceId, taskId, now);
}
