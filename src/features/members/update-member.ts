// Owner-only changes to a teammate: role and active/deactivated. A workspace always keeps at least
// one active owner, and deactivation ends the member's sessions in the same transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { deleteMemberSessions } from '../auth/sessions.ts';
import { reassignTasksOfDeactivatedMember } from '../tasks/reassign-open-tasks.ts';
import { countActiveOwners, getMemberRow, toMemberDto } from './queries.ts';
import type { UpdateMemberBody } from './schemas.ts';

export async function updateMember(db: Db, actor: Actor, memberId: string, changes: UpdateMemberBody) {
  requireRole(actor, 'owner');
  return db.transaction(async (tx) => {
    const target = await getMemberRow(tx, actor.workspaceId, memberId);
    const losesOwner =
      target.role === 'owner' &&
      target.status === 'active' &&
      ((changes.role !== undefined && changes.role !== 'owner') || changes.status === 'deactivated');
    if (target.id === actor.memberId && changes.status === 'deactivated') {
      throw new AppError('conflict', 'You cannot deactivate yourself; ask another owner');
    }
    if (losesOwner && (await countActiveOwners(tx, actor.workspaceId)) <= 1) {
      throw new AppError(
        'conflict',
        'A workspace needs at least one active owner: make someone else owner first',
      );
    }
    const deactivating = changes.status === 'deactivated' && target.status !== 'deactivated';
    const reactivating = changes.status === 'active' && target.status === 'deactivated';
    const [row] = await tx
      .update(members)
      .set({
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.status !== undefined && { status: changes.status }),
        ...(deactivating && { deactivatedAt: new Date() }),
        ...(reactivating && { deactivatedAt: null }),
      })
      .where(and(eq(members.workspaceId, actor.workspaceId), eq(members.id, memberId)))
      .returning();
    if (deactivating) {
      await deleteMemberSessions(tx, actor.workspaceId, memberId);
      // Their open follow-ups go to whoever knows each contact next best, in this transaction.
      await reassignTasksOfDeactivatedMember(tx, {
        workspaceId: actor.workspaceId,
        memberId,
        byMemberId: actor.memberId,
      });
    }
    return toMemberDto(row!);
  });
}
