// Creating, editing and archiving accounts. An archived account keeps its history and contacts;
// it only leaves the default lists.
import { and, eq } from 'drizzle-orm';
import { type Db, isUniqueViolation } from '../../db/client.ts';
import { accounts } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { getMemberRow } from '../members/queries.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { getAccount } from './queries.ts';
import type { CreateAccountBody, UpdateAccountBody } from './schemas.ts';

async function checkOwner(db: Db, actor: Actor, ownerMemberId: string | null | undefined) {
  if (!ownerMemberId) return;
  try {
    await getMemberRow(db, actor.workspaceId, ownerMemberId);
  } catch {
    throw new AppError('validation_failed', 'body.ownerMemberId: no such member in this workspace', [
      { path: 'body.ownerMemberId', message: 'No such member in this workspace' },
    ]);
  }
}

function nameTaken(name: string) {
  return new AppError('conflict', `An account named "${name}" already exists`, [
    { path: 'body.name', message: 'An account with this name already exists' },
  ]);
}

export async function createAccount(db: Db, actor: Actor, input: CreateAccountBody) {
  await checkOwner(db, actor, input.ownerMemberId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ ...input, workspaceId: actor.workspaceId, tags: input.tags ?? [] })
      .onConflictDoNothing()
      .returning();
    if (!row) throw nameTaken(input.name);
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      accountId: row.id,
      kind: 'account.created',
      memberId: actor.memberId,
      title: 'Account added',
    });
    return getAccount(tx, actor.workspaceId, row.id);
  });
}

export async function updateAccount(db: Db, actor: Actor, accountId: string, changes: UpdateAccountBody) {
  await checkOwner(db, actor, changes.ownerMemberId);
  const [row] = await db
    .update(accounts)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(accounts.workspaceId, actor.workspaceId), eq(accounts.id, accountId)))
    .returning({ id: accounts.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw nameTaken(changes.name ?? '');
      throw error;
    });
  if (!row) throw notFound('Account');
  return getAccount(db, actor.workspaceId, accountId);
}

export async function setAccountArchived(db: Db, actor: Actor, accountId: string, archived: boolean) {
  const [row] = await db
    .update(accounts)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(accounts.workspaceId, actor.workspaceId), eq(accounts.id, accountId)))
    .returning({ id: accounts.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new AppError('conflict', 'Another live account has this name: rename one of them first');
      }
      throw error;
    });
  if (!row) throw notFound('Account');
  return getAccount(db, actor.workspaceId, accountId);
}
