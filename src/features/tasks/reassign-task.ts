// Handing a task to someone else on the team, with the reason in its history.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, tasks } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recordTaskHistory, requireActiveMember, requireTaskControl } from './create-task.ts';
import { getTaskDetail, getTaskRow } from './queries.ts';

export async function reassignTask(
  db: Db,
  actor: Actor,
  taskId: string,
  body: { memberId: string; reason: string },
) {
  await db.transaction(async (tx) => {
    const task = await getTaskRow(tx, actor.workspaceId, taskId);
    requireTaskControl(actor, task, 'reassign');
    if (task.status !== 'open') throw new AppError('conflict', 'This task is already closed');
    const to = await requireActiveMember(tx, actor.workspaceId, body.memberId, 'body.memberId');
    if (to.id === task.assigneeMemberId) {
      throw new AppError('validation_failed', 'body.memberId: the task is already theirs', [
        { path: 'body.memberId', message: `The task is already ${to.name}'s` },
      ]);
    }
    const [by] = await tx
      .select({ name: members.name })
      .from(members)
      .where(and(eq(members.workspaceId, actor.workspaceId), eq(members.id, actor.memberId)));
    await tx
      .update(tasks)
      .set({
        assigneeMemberId: to.id,
        assignmentNote: `Reassigned by ${by?.name ?? 'a teammate'}: ${body.reason}`,
        updatedAt: new Date(),
      })
      .where(and(eq(tasks.workspaceId, actor.workspaceId), eq(tasks.id, taskId)));
    await recordTaskHistory(tx, {
      workspaceId: actor.workspaceId,
      taskId,
      kind: 'reassigned',
      memberId: actor.memberId,
      fromMemberId: task.assigneeMemberId,
      toMemberId: to.id,
      reason: body.reason,
    });
  });
  return getTaskDetail(db, actor.workspaceId, taskId);
}
