// A member's judgement over the computed number ("we were at school together"), with a reason
// that the contact page shows. Clearing it returns to the computed value.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { relationships } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { getContactRow } from '../contacts/queries.ts';
import { getMemberRow } from '../members/queries.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { relationshipsOfContact } from './queries.ts';
import { refreshContactSummaries } from './recompute.ts';

async function relationshipFor(db: Db, workspaceId: string, contactId: string, memberId: string) {
  const all = await relationshipsOfContact(db, workspaceId, contactId);
  const found = all.find((r) => r.member.id === memberId);
  if (!found) throw notFound('Relationship');
  return found;
}

export async function overrideRelationship(
  db: Db,
  actor: Actor,
  input: { contactId: string; memberId: string; strength: number; reason: string },
) {
  return db.transaction(async (tx) => {
    const contact = await getContactRow(tx, actor.workspaceId, input.contactId);
    if (contact.mergedIntoId || contact.erasedAt)
      throw new AppError('conflict', 'This contact was merged or erased');
    const member = await getMemberRow(tx, actor.workspaceId, input.memberId);
    await tx
      .insert(relationships)
      .values({
        workspaceId: actor.workspaceId,
        memberId: member.id,
        contactId: contact.id,
        overrideStrength: input.strength,
        overrideReason: input.reason,
        overrideByMemberId: actor.memberId,
        overrideAt: new Date(),
        strength: input.strength,
      })
      .onConflictDoUpdate({
        target: [relationships.memberId, relationships.contactId],
        set: {
          overrideStrength: input.strength,
          overrideReason: input.reason,
          overrideByMemberId: actor.memberId,
          overrideAt: new Date(),
          strength: input.strength,
          updatedAt: new Date(),
        },
      });
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      contactId: contact.id,
      accountId: contact.accountId,
      kind: 'relationship.override',
      memberId: actor.memberId,
      title: `Relationship with ${member.name} set to ${input.strength}`,
      body: input.reason,
      data: { memberId: member.id, strength: input.strength },
    });
    await refreshContactSummaries(tx, actor.workspaceId, { contactIds: [contact.id] });
    return relationshipFor(tx, actor.workspaceId, contact.id, member.id);
  });
}

export async function clearRelationshipOverride(db: Db, actor: Actor, contactId: string, memberId: string) {
  return db.transaction(async (tx) => {
    await getContactRow(tx, actor.workspaceId, contactId);
    const updated = await tx
      .update(relationships)
      .set({
        overrideStrength: null,
        overrideReason: null,
        overrideByMemberId: null,
        overrideAt: null,
        strength: sql`greatest(${relationships.computedStrength}, coalesce(${relationships.baselineStrength}, 0))`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(relationships.workspaceId, actor.workspaceId),
          eq(relationships.contactId, contactId),
          eq(relationships.memberId, memberId),
        ),
      )
      .returning({ id: relationships.id });
    if (updated.length === 0) throw notFound('Relationship');
    await refreshContactSummaries(tx, actor.workspaceId, { contactIds: [contactId] });
    return relationshipFor(tx, actor.workspaceId, contactId, memberId);
  });
}
