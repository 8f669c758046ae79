// Merging duplicates: the survivor (the contact in the URL) takes the duplicate's history
// (interactions, timeline, relationships), its missing details, its email addresses and tags; the
// duplicate stays as a tombstone pointing at the survivor so old links still lead somewhere.
// Features that reference contacts re-point their rows here too, in the same transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contacts, interactions, relationships, timelineEvents } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recomputeStrengths } from '../relationships/recompute.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { getContactDetail, getContactRow } from './queries.ts';

const union = (...lists: string[][]) => [...new Set(lists.flat())];

export async function mergeContacts(db: Db, actor: Actor, survivorId: string, duplicateId: string) {
  if (survivorId === duplicateId) {
    throw new AppError('validation_failed', 'body.duplicateId: a contact cannot be merged into itself', [
      { path: 'body.duplicateId', message: 'A contact cannot be merged into itself' },
    ]);
  }
  return db.transaction(async (tx) => {
    const survivor = await getContactRow(tx, actor.workspaceId, survivorId);
    const duplicate = await getContactRow(tx, actor.workspaceId, duplicateId);
    for (const c of [survivor, duplicate]) {
      if (c.mergedIntoId) throw new AppError('conflict', `${c.name} was already merged into another contact`);
      if (c.erasedAt) throw new AppError('conflict', 'An erased contact cannot be merged');
    }
    const ws = actor.workspaceId;

    await tx
      .update(interactions)
      .set({ contactId: survivor.id })
      .where(and(eq(interactions.workspaceId, ws), eq(interactions.contactId, duplicate.id)));
    await tx
      .update(timelineEvents)
      .set({ contactId: survivor.id })
      .where(and(eq(timelineEvents.workspaceId, ws), eq(timelineEvents.contactId, duplicate.id)));

    // Both known by the same member: keep one relationship, with the higher baseline and any override.
    await tx.execute(sql`
      update relationships s set
        baseline_strength = nullif(greatest(coalesce(s.baseline_strength, -1), coalesce(d.baseline_strength, -1)), -1),
        override_strength = coalesce(s.override_strength, d.override_strength),
        override_reason = case when s.override_strength is null then d.override_reason else s.override_reason end,
        override_by_member_id = case when s.override_strength is null then d.override_by_member_id else s.override_by_member_id end,
        override_at = case when s.override_strength is null then d.override_at else s.override_at end
      from relationships d
      where d.contact_id = ${duplicate.id} and s.contact_id = ${survivor.id} and s.member_id = d.member_id`);
    await tx.execute(sql`
      delete from relationships d where d.contact_id = ${duplicate.id}
        and exists (select 1 from relationships s where s.contact_id = ${survivor.id} and s.member_id = d.member_id)`);
    await tx
      .update(relationships)
      .set({ contactId: survivor.id })
      .where(and(eq(relationships.workspaceId, ws), eq(relationships.contactId, duplicate.id)));

    const emails = union(
      survivor.otherEmails,
      duplicate.email ? [duplicate.email] : [],
      duplicate.otherEmails,
    ).filter((e) => e !== survivor.email);
    // The duplicate gives up its keys first, so the survivor can take them without a conflict.
    await tx
      .update(contacts)
      .set({
        mergedIntoId: survivor.id,
        archivedAt: new Date(),
        email: null,
        externalId: null,
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, duplicate.id));
    await tx
      .update(contacts)
      .set({
        email: survivor.email ?? duplicate.email,
        otherEmails: survivor.email ? emails : emails.filter((e) => e !== duplicate.email),
        accountId: survivor.accountId ?? duplicate.accountId,
        phone: survivor.phone ?? duplicate.phone,
        title: survivor.title ?? duplicate.title,
        preferredChannel: survivor.preferredChannel ?? duplicate.preferredChannel,
        bestTime: survivor.bestTime ?? duplicate.bestTime,
        family: survivor.family ?? duplicate.family,
        interests: survivor.interests ?? duplicate.interests,
        workingOn: survivor.workingOn ?? duplicate.workingOn,
        notes: [survivor.notes, duplicate.notes].filter(Boolean).join('\n\n') || null,
        canHelpWith: union(survivor.canHelpWith, duplicate.canHelpWith),
        tags: union(survivor.tags, duplicate.tags),
        // Consent: an opt-out on either record wins.
        mayEmail: survivor.mayEmail && duplicate.mayEmail,
        maySurvey: survivor.maySurvey && duplicate.maySurvey,
        externalId: survivor.externalId ?? duplicate.externalId,
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, survivor.id));

    await recomputeStrengths(tx, ws, { contactIds: [survivor.id, duplicate.id] });
    await recordTimelineEvent(tx, {
      workspaceId: ws,
      contactId: survivor.id,
      accountId: survivor.accountId ?? duplicate.accountId,
      kind: 'contact.merged',
      memberId: actor.memberId,
      title: `Merged with ${duplicate.name}`,
      body: duplicate.email ? `Took over the history of ${duplicate.name} <${duplicate.email}>` : null,
      data: { duplicateId: duplicate.id },
    });
    return getContactDetail(tx, ws, survivor.id);
  });
}
