// Logging what was said: a call, meeting, message, email or note with a contact, who on the team
// took part, the outcome and a follow-up date. Each change recomputes the participants'
// relationship strength and keeps the interaction's timeline event in step.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { InteractionKind } from '../../db/schema/clients.ts';
import { interactionParticipants, interactions, members, timelineEvents } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { getContactRow } from '../contacts/queries.ts';
import { recomputeStrengths } from '../relationships/recompute.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { getInteraction } from './queries.ts';
import type { CreateInteractionBody, UpdateInteractionBody } from './schemas.ts';

const FUTURE_SLACK_MS = 24 * 3600 * 1000;

const kindTitle: Record<InteractionKind, string> = {
  meeting: 'Meeting with',
  call: 'Call with',
  message: 'Message with',
  email: 'Email with',
  note: 'Note about',
};

export function interactionTitle(kind: InteractionKind, contactName: string) {
  return `${kindTitle[kind]} ${contactName}`;
}

function defaultDirection(kind: InteractionKind) {
  return kind === 'meeting' || kind === 'call' ? 'two_way' : 'outbound';
}

function checkOccurredAt(value: string | undefined): Date {
  const at = value ? new Date(value) : new Date();
  if (at.getTime() > Date.now() + FUTURE_SLACK_MS) {
    throw new AppError('validation_failed', 'body.occurredAt: cannot be more than a day in the future', [
      { path: 'body.occurredAt', message: 'Log conversations that happened; plan future ones as follow-ups' },
    ]);
  }
  return at;
}

async function checkParticipants(
  db: Db,
  actor: Actor,
  ids: string[],
): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(ids)];
  const found = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.workspaceId, actor.workspaceId), inArray(members.id, unique)));
  if (found.length !== unique.length) {
    throw new AppError('validation_failed', 'body.participantIds: not all are members of this workspace', [
      { path: 'body.participantIds', message: 'Not all are members of this workspace' },
    ]);
  }
  return found;
}

export async function logInteraction(db: Db, actor: Actor, input: CreateInteractionBody) {
  const occurredAt = checkOccurredAt(input.occurredAt);
  return db.transaction(async (tx) => {
    const contact = await getContactRow(tx, actor.workspaceId, input.contactId);
    if (contact.mergedIntoId)
      throw new AppError('conflict', 'This contact was merged into another; log it there');
    if (contact.erasedAt) throw new AppError('conflict', 'This contact was erased');
    const participants = await checkParticipants(tx, actor, input.participantIds ?? [actor.memberId]);
    const [row] = await tx
      .insert(interactions)
      .values({
        workspaceId: actor.workspaceId,
        contactId: contact.id,
        accountId: contact.accountId,
        kind: input.kind,
        direction: input.direction ?? defaultDirection(input.kind),
        occurredAt,
        summary: input.summary ?? null,
        outcome: input.outcome ?? null,
        followUpOn: input.followUpOn ?? null,
        loggedByMemberId: actor.memberId,
      })
      .returning();
    await tx.insert(interactionParticipants).values(
      participants.map((p) => ({
        interactionId: row!.id,
        memberId: p.id,
        workspaceId: actor.workspaceId,
      })),
    );
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      contactId: contact.id,
      accountId: contact.accountId,
      occurredAt,
      kind: 'interaction',
      refId: row!.id,
      memberId: actor.memberId,
      title: interactionTitle(input.kind, contact.name),
      body: input.summary ?? null,
      data: {
        kind: input.kind,
        outcome: input.outcome ?? null,
        followUpOn: input.followUpOn ?? null,
        participants,
      },
    });
    await recomputeStrengths(tx, actor.workspaceId, { contactIds: [contact.id] });
    return getInteraction(tx, actor.workspaceId, row!.id);
  });
}

/**
 * An erased person's conversations are kept only as anonymous counts: rewriting one could put
 * personal data back, and deleting one would change the counts that erasure promised to keep.
 */
function refuseIfErased(contact: { erasedAt: Date | null }) {
  if (contact.erasedAt) {
    throw new AppError(
      'conflict',
      "This person's data was erased; their conversations are kept only as anonymous counts",
    );
  }
}

export async function updateInteraction(
  db: Db,
  actor: Actor,
  interactionId: string,
  changes: UpdateInteractionBody,
) {
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new AppError('validation_failed', 'body: nothing to change; send at least one field', [
      { path: 'body', message: 'Nothing to change' },
    ]);
  }
  const occurredAt = changes.occurredAt !== undefined ? checkOccurredAt(changes.occurredAt) : undefined;
  return db.transaction(async (tx) => {
    const current = await getInteraction(tx, actor.workspaceId, interactionId);
    const contact = await getContactRow(tx, actor.workspaceId, current.contactId);
    refuseIfErased(contact);
    const participants = changes.participantIds
      ? await checkParticipants(tx, actor, changes.participantIds)
      : undefined;
    // A kind changed without a direction (the web form has none): a direction that was only the
    // old kind's default follows the new kind, so an email corrected to a meeting counts two-way.
    const direction =
      changes.direction ??
      (changes.kind !== undefined && current.direction === defaultDirection(current.kind)
        ? defaultDirection(changes.kind)
        : undefined);
    const columns = {
      ...(changes.kind !== undefined && { kind: changes.kind }),
      ...(direction !== undefined && { direction }),
      ...(occurredAt && { occurredAt }),
      ...(changes.summary !== undefined && { summary: changes.summary }),
      ...(changes.outcome !== undefined && { outcome: changes.outcome }),
      ...(changes.followUpOn !== undefined && { followUpOn: changes.followUpOn }),
    };
    const byId = and(eq(interactions.workspaceId, actor.workspaceId), eq(interactions.id, interactionId));
    // Only the participants may be changing, and an UPDATE needs at least one column to set.
    const [row] =
      Object.keys(columns).length > 0
        ? await tx.update(interactions).set(columns).where(byId).returning()
        : await tx.select().from(interactions).where(byId);
    if (participants) {
      await tx
        .delete(interactionParticipants)
        .where(eq(interactionParticipants.interactionId, interactionId));
      await tx
        .insert(interactionParticipants)
        .values(participants.map((p) => ({ interactionId, memberId: p.id, workspaceId: actor.workspaceId })));
    }
    await tx
      .update(timelineEvents)
      .set({
        occurredAt: row!.occurredAt,
        title: interactionTitle(row!.kind, contact.name),
        body: row!.summary,
        data: {
          kind: row!.kind,
          outcome: row!.outcome,
          followUpOn: row!.followUpOn,
          participants: participants ?? current.participants,
        },
      })
      .where(and(eq(timelineEvents.workspaceId, actor.workspaceId), eq(timelineEvents.refId, interactionId)));
    await recomputeStrengths(tx, actor.workspaceId, { contactIds: [current.contactId] });
    return getInteraction(tx, actor.workspaceId, interactionId);
  });
}

export async function deleteInteraction(db: Db, actor: Actor, interactionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(interactions)
      .where(and(eq(interactions.workspaceId, actor.workspaceId), eq(interactions.id, interactionId)))
      .returning();
    if (!row) throw notFound('Interaction');
    refuseIfErased(await getContactRow(tx, actor.workspaceId, row.contactId));
    await tx
      .delete(timelineEvents)
      .where(and(eq(timelineEvents.workspaceId, actor.workspaceId), eq(timelineEvents.refId, interactionId)));
    await recomputeStrengths(tx, actor.workspaceId, { contactIds: [row.contactId] });
  });
}
