// Server-side sessions. The cookie holds a random token; the database holds its hash, the member
// and the expiry. Deactivating a member or resetting a password deletes their sessions, which ends
// them at once because every request looks the session up.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, sessions, workspaces } from '../../db/schema/index.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import type { Actor } from './actor.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
// Refreshing last_seen_at on every request would turn reads into writes; once a minute is enough.
const TOUCH_INTERVAL_MS = 60 * 1000;

export async function createSession(
  db: Db,
  input: { workspaceId: string; memberId: string; userAgent?: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: hashToken(token),
    workspaceId: input.workspaceId,
    memberId: input.memberId,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  await db.update(members).set({ lastLoginAt: new Date() }).where(eq(members.id, input.memberId));
  return { token, expiresAt };
}

/** The actor for a session token, or null when the token is unknown, expired or the member inactive. */
export async function actorForSessionToken(db: Db, token: string): Promise<Actor | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      workspaceId: sessions.workspaceId,
      memberId: sessions.memberId,
      role: members.role,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(members, and(eq(members.id, sessions.memberId), eq(members.workspaceId, sessions.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`), eq(members.status, 'active')))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  }
  return { workspaceId: row.workspaceId, memberId: row.memberId, role: row.role, sessionId: id };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteMemberSessions(db: Db, workspaceId: string, memberId: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.memberId, memberId)))
    .returning({ id: sessions.id });
  return deleted.length;
}

/** Removes expired sessions across all workspaces; run on a schedule by the session-cleanup job. */
export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return deleted.length;
}
