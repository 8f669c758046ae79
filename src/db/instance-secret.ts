// SESSION_SECRET when set; otherwise one generated on first start and stored in the database, so
// every process of a deployment (web and worker, or several web processes) agrees on it.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { instanceSettings } from './schema/index.ts';

export async function resolveSessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insert(instanceSettings)
    .values({ key: 'session_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'session_secret'));
  return row!.value;
}
