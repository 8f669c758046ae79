// GDPR erasure of one person: their personal data goes (name, addresses, notes, what was said),
// while the rows that counts are made of stay, anonymous: interactions keep their kind and date,
// relationships their numbers, so totals and history shapes do not change.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contacts, interactions, timelineEvents } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { getContactRow } from './queries.ts';

export const ERASED_NAME = 'Erased contact';

export async function eraseContact(db: Db, actor: Actor, contactId: string): Promise<void> {
  requireRole(actor, 'manager');
  await db.transaction(async (tx) => {
    const contact = await getContactRow(tx, actor.workspaceId, contactId);
    if (contact.erasedAt) throw new AppError('conflict', 'This contact was already erased');
    const now = new Date();
    await tx
      .update(contacts)
      .set({
        name: ERASED_NAME,
        email: null,
        otherEmails: [],
        phone: null,
        title: null,
        bestTime: null,
        family: null,
        interests: null,
        workingOn: null,
        notes: null,
        canHelpWith: [],
        tags: [],
        externalId: null,
        mayEmail: false,
        maySurvey: false,
        erasedAt: now,
        archivedAt: contact.archivedAt ?? now,
        updatedAt: now,
      })
      .where(eq(contacts.id, contact.id));
    await tx
      .update(interactions)
      .set({ summary: null, outcome: null, externalId: null })
      .where(and(eq(interactions.workspaceId, actor.workspaceId), eq(interactions.contactId, contact.id)));
    await tx
      .update(timelineEvents)
      .set({
        title: sql`case ${timelineEvents.kind} when 'interaction' then 'Conversation' else 'Event' end`,
        body: null,
        data: {},
      })
      .where(
        and(eq(timelineEvents.workspaceId, actor.workspaceId), eq(timelineEvents.contactId, contact.id)),
      );
    // The contact's earlier (merged) duplicates hold personal data too.
    const tombstones = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.mergedIntoId, contact.id)));
    for (const t of tombstones) {
      await tx
        .update(contacts)
        .set({
          name: ERASED_NAME,
          email: null,
          otherEmails: [],
          phone: null,
          title: null,
          notes: null,
          family: null,
          interests: null,
          workingOn: null,
          tags: [],
          canHelpWith: [],
          erasedAt: now,
        })
        .where(eq(contacts.id, t.id));
    }
  });
}
