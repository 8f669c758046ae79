// Creating, editing and archiving contacts. A company name given instead of an account id matches
// a live account of that name (case-insensitive) or creates one.
import { and, eq } from 'drizzle-orm';
import { type Db, isUniqueViolation, pgErrorOf } from '../../db/client.ts';
import { contacts } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertAccountInWorkspace, findOrCreateAccountByName } from '../accounts/queries.ts';
import type { Actor } from '../auth/actor.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { getContactDetail, getContactRow } from './queries.ts';
import type { CreateContactBody, UpdateContactBody } from './schemas.ts';

function emailTaken(email: string) {
  return new AppError('conflict', `Another contact already has the email ${email}`, [
    { path: 'body.email', message: 'Another contact already has this email' },
  ]);
}

async function resolveAccountId(
  db: Db,
  actor: Actor,
  input: { accountId?: string | null | undefined; accountName?: string | undefined },
): Promise<string | null | undefined> {
  if (input.accountName) return findOrCreateAccountByName(db, actor.workspaceId, input.accountName);
  if (input.accountId) {
    try {
      await assertAccountInWorkspace(db, actor.workspaceId, input.accountId);
    } catch {
      throw new AppError('validation_failed', 'body.accountId: no such account in this workspace', [
        { path: 'body.accountId', message: 'No such account in this workspace' },
      ]);
    }
  }
  return input.accountId;
}

function rethrowUnique(email: string | null | undefined) {
  return (error: unknown) => {
    if (isUniqueViolation(error)) {
      const constraint = pgErrorOf(error)?.constraint ?? '';
      if (constraint.includes('external'))
        throw new AppError('conflict', 'Another contact already has this external id');
      throw emailTaken(email ?? '');
    }
    throw error;
  };
}

export async function createContact(db: Db, actor: Actor, input: CreateContactBody) {
  return db.transaction(async (tx) => {
    const { accountName: _name, ...fields } = input;
    const accountId = await resolveAccountId(tx, actor, input);
    const [row] = await tx
      .insert(contacts)
      .values({
        ...fields,
        workspaceId: actor.workspaceId,
        accountId: accountId ?? null,
        tags: input.tags ?? [],
        canHelpWith: input.canHelpWith ?? [],
        otherEmails: input.otherEmails ?? [],
      })
      .returning()
      .catch(rethrowUnique(input.email));
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      contactId: row!.id,
      accountId: row!.accountId,
      kind: 'contact.created',
      memberId: actor.memberId,
      title: 'Contact added',
    });
    return getContactDetail(tx, actor.workspaceId, row!.id);
  });
}

export async function updateContact(db: Db, actor: Actor, contactId: string, changes: UpdateContactBody) {
  return db.transaction(async (tx) => {
    const current = await getContactRow(tx, actor.workspaceId, contactId);
    if (current.erasedAt) throw new AppError('conflict', 'This contact was erased and cannot be edited');
    if (current.mergedIntoId)
      throw new AppError('conflict', 'This contact was merged into another; edit that one');
    const { accountName: _name, ...fields } = changes;
    const accountId = await resolveAccountId(tx, actor, changes);
    await tx
      .update(contacts)
      .set({ ...fields, ...(accountId !== undefined && { accountId }), updatedAt: new Date() })
      .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, contactId)))
      .catch(rethrowUnique(changes.email));
    return getContactDetail(tx, actor.workspaceId, contactId);
  });
}

export async function setContactArchived(db: Db, actor: Actor, contactId: string, archived: boolean) {
  const [row] = await db
    .update(contacts)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, contactId)))
    .returning({ id: contacts.id });
  if (!row) throw notFound('Contact');
  return getContactDetail(db, actor.workspaceId, contactId);
}
