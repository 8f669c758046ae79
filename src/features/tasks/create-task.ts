// Tasks made by hand (a to-do about a contact) and the follow-ups an outcome schedules ("not now,
// remind me in 3 weeks"). Playbook tasks are created by the playbooks feature; every task, however
// made, gets a 'created' history entry.
//
// Glossary: assignee = the member who owns the task; due day = a calendar day in the assignee's
// time zone; history = task_history rows (created, snoozed, reassigned, escalated, completed).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, taskHistory, tasks } from '../../db/schema/index.ts';
import { AppError, forbidden } from '../../errors.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import { getContactRow } from '../contacts/queries.ts';
import { getTaskDetail, type TaskRow } from './queries.ts';
import type { CreateTaskBody } from './schemas.ts';

export type HistoryEntry = {
  workspaceId: string;
  taskId: string;
  kind: 'created' | 'snoozed' | 'reassigned' | 'escalated' | 'completed' | 'cancelled';
  memberId?: string | null;
  fromMemberId?: string | null;
  toMemberId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
};

export async function recordTaskHistory(db: Db, entry: HistoryEntry): Promise<void> {
  await db.insert(taskHistory).values({
    workspaceId: entry.workspaceId,
    taskId: entry.taskId,
    kind: entry.kind,
    memberId: entry.memberId ?? null,
    fromMemberId: entry.fromMemberId ?? null,
    toMemberId: entry.toMemberId ?? null,
    reason: entry.reason ?? null,
    data: entry.data ?? {},
  });
}

/** An active member of the actor's workspace, or a 400 naming the field (another workspace's id included). */
export async function requireActiveMember(db: Db, workspaceId: string, memberId: string, path: string) {
  const [row] = await db
    .select({ id: members.id, name: members.name, status: members.status })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
  if (row?.status !== 'active') {
    const message = row
      ? `${row.name} is deactivated: choose an active member`
      : 'Not a member of this workspace';
    throw new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
  }
  return row;
}

/** Only the assignee, or a manager or owner, may change someone's task. */
export function requireTaskControl(
  actor: Actor,
  task: Pick<TaskRow, 'assigneeMemberId'>,
  verb: string,
): void {
  if (task.assigneeMemberId !== actor.memberId && !hasRole(actor, 'manager')) {
    throw forbidden(`Only the person the task is assigned to, or a manager, can ${verb} it`);
  }
}

export async function createManualTask(db: Db, actor: Actor, body: CreateTaskBody) {
  const taskId = await db.transaction(async (tx) => {
    const contact = await getContactRow(tx, actor.workspaceId, body.contactId);
    if (contact.mergedIntoId || contact.erasedAt) {
      throw new AppError(
        'conflict',
        contact.erasedAt ? 'This contact was erased' : 'This contact was merged into another',
      );
    }
    const assigneeId = body.assigneeId ?? actor.memberId;
    await requireActiveMember(tx, actor.workspaceId, assigneeId, 'body.assigneeId');
    const [row] = await tx
      .insert(tasks)
      .values({
        workspaceId: actor.workspaceId,
        contactId: contact.id,
        accountId: contact.accountId,
        assigneeMemberId: assigneeId,
        action: body.action,
        title: body.title,
        reason: body.reason ?? null,
        script: body.script ?? null,
        channel: body.channel ?? null,
        assignmentNote: assigneeId === actor.memberId ? null : 'Assigned by hand',
        dueOn: body.dueOn,
        createdByMemberId: actor.memberId,
      })
      .returning({ id: tasks.id });
    await recordTaskHistory(tx, {
      workspaceId: actor.workspaceId,
      taskId: row!.id,
      kind: 'created',
      memberId: actor.memberId,
      toMemberId: assigneeId,
    });
    return row!.id;
  });
  return getTaskDetail(db, actor.workspaceId, taskId);
}
