import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { interactionParticipants, interactions, members } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import type { Interaction } from './schemas.ts';

const logger = alias(members, 'logger');

export async function getInteraction(
  db: Db,
  workspaceId: string,
  interactionId: string,
): Promise<Interaction> {
  const [row] = await db
    .select({ i: interactions, loggedByName: logger.name })
    .from(interactions)
    .leftJoin(logger, eq(logger.id, interactions.loggedByMemberId))
    .where(and(eq(interactions.workspaceId, workspaceId), eq(interactions.id, interactionId)));
  if (!row) throw notFound('Interaction');
  const participants = await db
    .select({ id: members.id, name: members.name })
    .from(interactionParticipants)
    .innerJoin(members, eq(members.id, interactionParticipants.memberId))
    .where(eq(interactionParticipants.interactionId, interactionId))
    .orderBy(members.name);
  const { i } = row;
  return {
    id: i.id,
    contactId: i.contactId,
    accountId: i.accountId,
    kind: i.kind,
    direction: i.direction,
    occurredAt: i.occurredAt.toISOString(),
    summary: i.summary,
    outcome: i.outcome,
    followUpOn: i.followUpOn,
    participants,
    loggedBy:
      i.loggedByMemberId && row.loggedByName ? { id: i.loggedByMemberId, name: row.loggedByName } : null,
    createdAt: i.createdAt.toISOString(),
  };
}
