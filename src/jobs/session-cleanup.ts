// Expired sessions are already refused at lookup; this job keeps the table from growing forever
// and drops invites that expired long ago.
import { and, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { invites } from '../db/schema/index.ts';
import { deleteExpiredSessions } from '../features/auth/sessions.ts';
import { defineJob, handleJob } from './queue.ts';

export const sessionCleanupJob = defineJob({
  name: 'auth.session-cleanup',
  payload: z.object({}),
  cron: '17 * * * *',
  retryLimit: 2,
});

const INVITE_RETENTION_MS = 30 * 24 * 3600 * 1000;

export async function cleanUpSessions(db: Db, now = new Date()) {
  const sessions = await deleteExpiredSessions(db, now);
  const staleInvites = await db
    .delete(invites)
    .where(
      and(isNull(invites.acceptedAt), lt(invites.expiresAt, new Date(now.getTime() - INVITE_RETENTION_MS))),
    )
    .returning({ id: invites.id });
  return { sessions, invites: staleInvites.length };
}

export function sessionCleanupHandler(db: Db, log: (msg: string) => void) {
  return handleJob(sessionCleanupJob, async () => {
    const removed = await cleanUpSessions(db);
    log(`session clean-up removed ${removed.sessions} expired sessions and ${removed.invites} stale invites`);
  });
}
