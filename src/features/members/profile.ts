// A member's own profile and password.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, sessions } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { getMemberRow, toMemberDto } from './queries.ts';

export async function updateProfile(
  db: Db,
  actor: Actor,
  changes: {
    name?: string | undefined;
    timeZone?: string | null | undefined;
    digestOptOut?: boolean | undefined;
  },
) {
  const [row] = await db
    .update(members)
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.timeZone !== undefined && { timeZone: changes.timeZone }),
      ...(changes.digestOptOut !== undefined && { digestOptOut: changes.digestOptOut }),
    })
    .where(and(eq(members.workspaceId, actor.workspaceId), eq(members.id, actor.memberId)))
    .returning();
  return toMemberDto(row!);
}

export async function changePassword(db: Db, actor: Actor, currentPassword: string, newPassword: string) {
  const member = await getMemberRow(db, actor.workspaceId, actor.memberId);
  if (!(await verifyPassword(currentPassword, member.passwordHash))) {
    throw new AppError('validation_failed', 'Current password is incorrect', [
      { path: 'body.currentPassword', message: 'Current password is incorrect' },
    ]);
  }
  await setPassword(db, actor.workspaceId, actor.memberId, newPassword, actor.sessionId);
}

/**
 * Sets a member's password and signs them out everywhere except `keepSessionId` (the browser that
 * changed it). Used by the profile form and by `warmpath user reset-password`.
 */
export async function setPassword(
  db: Db,
  workspaceId: string,
  memberId: string,
  password: string,
  keepSessionId: string | null = null,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ passwordHash })
      .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
    const mine = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.memberId, memberId)));
    for (const s of mine) if (s.id !== keepSessionId) await tx.delete(sessions).where(eq(sessions.id, s.id));
  });
}
