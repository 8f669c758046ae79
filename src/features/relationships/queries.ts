// Who on the team knows a contact, how well and why; and the one best person to reach them.
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { members, relationships } from '../../db/schema/index.ts';
import type { BestContact, Relationship } from './schemas.ts';
import { explainStrength } from './strength.ts';

const overrider = alias(members, 'overrider');

export async function relationshipsOfContact(
  db: Db,
  workspaceId: string,
  contactId: string,
): Promise<Relationship[]> {
  const rows = await db
    .select({
      r: relationships,
      memberName: members.name,
      memberStatus: members.status,
      overriderName: overrider.name,
    })
    .from(relationships)
    .innerJoin(members, eq(members.id, relationships.memberId))
    .leftJoin(overrider, eq(overrider.id, relationships.overrideByMemberId))
    .where(and(eq(relationships.workspaceId, workspaceId), eq(relationships.contactId, contactId)))
    .orderBy(
      desc(relationships.strength),
      sql`${relationships.lastInteractionAt} desc nulls last`,
      members.name,
    );
  return rows.map(({ r, memberName, memberStatus, overriderName }) => {
    const override =
      r.overrideStrength !== null
        ? {
            strength: r.overrideStrength,
            reason: r.overrideReason ?? '',
            byName: overriderName,
            at: (r.overrideAt ?? r.updatedAt).toISOString(),
          }
        : null;
    return {
      id: r.id,
      member: { id: r.memberId, name: memberName, status: memberStatus },
      contactId: r.contactId,
      strength: r.strength,
      computedStrength: r.computedStrength,
      baselineStrength: r.baselineStrength,
      override,
      interactionCount: r.interactionCount,
      lastInteractionAt: r.lastInteractionAt?.toISOString() ?? null,
      reasons: explainStrength({
        computed: r.computedStrength,
        baseline: r.baselineStrength,
        override,
        stats: r.stats,
        interactionCount: r.interactionCount,
        lastInteractionAt: r.lastInteractionAt,
      }),
    };
  });
}

/**
 * The ranking behind bestPersonToContact, for set-based callers (the contact summaries, playbook
 * enrolment) that rank many contacts in one statement. Written over `relationships r` joined to
 * `members m`: only active members with a relationship above 0 count; the strongest wins and ties
 * go to the more recent conversation, then to the name.
 */
export const bestPersonEligibleSql = sql`m.status = 'active' and r.strength > 0`;
export const bestPersonOrderSql = sql`r.strength desc, r.last_interaction_at desc nulls last, m.name`;

/**
 * "Who is the best person to contact X?" The active member with the strongest relationship;
 * ties go to the more recent conversation. Later features (follow-up playbooks) call this.
 */
export async function bestPersonToContact(
  db: Db,
  workspaceId: string,
  contactId: string,
): Promise<BestContact> {
  const all = (await relationshipsOfContact(db, workspaceId, contactId)).filter(
    (r) => r.member.status === 'active' && r.strength > 0,
  );
  const [best, ...rest] = all;
  if (!best) {
    return {
      member: null,
      strength: 0,
      reasons: ['Nobody on the team has a logged conversation or a rated relationship with this person yet'],
      alternatives: [],
    };
  }
  const lead =
    rest.length === 0
      ? `${best.member.name} is the only one on the team with a relationship`
      : `${best.member.name} has the strongest relationship (${best.strength}, next ${rest[0]!.member.name} at ${rest[0]!.strength})`;
  return {
    member: { id: best.member.id, name: best.member.name },
    strength: best.strength,
    reasons: [lead, ...best.reasons],
    alternatives: rest.map((r) => ({ id: r.member.id, name: r.member.name, strength: r.strength })),
  };
}
