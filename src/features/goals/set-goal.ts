// Goals: a manager or owner sets, per member and per month or quarter, how many asks they aim to
// make, introductions to receive and follow-ups to complete on time. One row per member, period
// and start: setting it again replaces the targets.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberGoals, members } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { getGoal } from './queries.ts';
import type { SetGoalBody } from './schemas.ts';

export async function setGoal(db: Db, actor: Actor, body: SetGoalBody) {
  requireRole(actor, 'manager');
  const [member] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, actor.workspaceId), eq(members.id, body.memberId)));
  if (!member) {
    throw new AppError('validation_failed', 'body.memberId: not a member of this workspace', [
      { path: 'body.memberId', message: 'Not a member of this workspace' },
    ]);
  }
  const targets = {
    asksTarget: body.asksTarget ?? null,
    introductionsTarget: body.introductionsTarget ?? null,
    followUpsOnTimeTarget: body.followUpsOnTimeTarget ?? null,
  };
  const [row] = await db
    .insert(memberGoals)
    .values({
      workspaceId: actor.workspaceId,
      memberId: member.id,
      period: body.period,
      periodStart: body.periodStart,
      ...targets,
    })
    .onConflictDoUpdate({
      target: [memberGoals.memberId, memberGoals.period, memberGoals.periodStart],
      set: { ...targets, updatedAt: sql`now()` },
    })
    .returning({ id: memberGoals.id });
  return getGoal(db, actor.workspaceId, row!.id);
}

export async function deleteGoal(db: Db, actor: Actor, goalId: string): Promise<void> {
  requireRole(actor, 'manager');
  const deleted = await db
    .delete(memberGoals)
    .where(and(eq(memberGoals.workspaceId, actor.workspaceId), eq(memberGoals.id, goalId)))
    .returning({ id: memberGoals.id });
  if (deleted.length === 0) throw notFound('Goal');
}
