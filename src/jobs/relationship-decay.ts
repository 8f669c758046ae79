// Relationship strength decays with time since the last conversation, so it is recomputed for
// every workspace each night even when nothing new was logged.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { workspaces } from '../db/schema/index.ts';
import { recomputeStrengths } from '../features/relationships/recompute.ts';
import { defineJob, handleJob } from './queue.ts';

export const relationshipDecayJob = defineJob({
  name: 'relationships.decay',
  payload: z.object({}),
  cron: '30 3 * * *',
  retryLimit: 2,
  expireInSeconds: 3600,
});

export async function recomputeAllWorkspaces(db: Db): Promise<number> {
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  for (const w of all) await recomputeStrengths(db, w.id, 'all');
  return all.length;
}

export function relationshipDecayHandler(db: Db, log: (msg: string) => void) {
  return handleJob(relationshipDecayJob, async () => {
    const started = Date.now();
    const n = await recomputeAllWorkspaces(db);
    log(`relationship strengths recomputed for ${n} workspaces in ${Date.now() - started} ms`);
  });
}
