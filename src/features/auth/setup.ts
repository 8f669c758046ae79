// First-run setup: creates the first workspace and its owner. Open only while the database holds
// no workspace at all; afterwards the route answers 404 so it cannot be used to take over.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { countWorkspaces } from '../workspace/queries.ts';
import type { SetupBody } from './schemas.ts';

const SETUP_LOCK_KEY = 7_301_442_002;

export async function isSetupNeeded(db: Db): Promise<boolean> {
  return (await countWorkspaces(db)) === 0;
}

export async function runSetup(db: Db, input: SetupBody) {
  return db.transaction(async (tx) => {
    // Two browsers submitting setup at once: the second waits here, then finds a workspace.
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if (!(await isSetupNeeded(tx))) throw new AppError('not_found', 'Setup has already been completed');
    return createWorkspace(tx, {
      firmName: input.firmName,
      timeZone: input.timeZone,
      owner: { name: input.name, email: input.email, password: input.password },
    });
  });
}
