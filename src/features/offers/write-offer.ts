// Creating, editing, pausing, resuming and archiving offers. Managers and owners do this. An offer
// is never deleted: archiving keeps its links in circulation, and the public page then says the
// offer has ended, so a link a client already passed on never turns into an error.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { OfferStatus } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { getOffer } from './queries.ts';
import { type CreateOfferBody, offerRuleProblems, type UpdateOfferBody } from './schemas.ts';
import { normaliseWording } from './wording.ts';

async function assertOwnerMember(db: Db, workspaceId: string, memberId: string | null | undefined) {
  if (!memberId) return;
  const [member] = await queryRows<{ name: string; status: string }>(
    db,
    sql`select name, status from members where workspace_id = ${workspaceId} and id = ${memberId}`,
  );
  if (!member) {
    throw new AppError('validation_failed', 'The chosen owner is not a member of this team', [
      { path: 'body.ownerMemberId', message: 'Not a member of this team' },
    ]);
  }
  if (member.status !== 'active') {
    throw new AppError('validation_failed', `${member.name} is deactivated; choose someone else`, [
      { path: 'body.ownerMemberId', message: `${member.name} is deactivated` },
    ]);
  }
}

const wording = (text: string | null | undefined) => (text ? normaliseWording(text) : text);

export async function createOffer(db: Db, actor: Actor, body: CreateOfferBody) {
  requireRole(actor, 'manager');
  const id = await db.transaction(async (tx) => {
    await assertOwnerMember(tx, actor.workspaceId, body.ownerMemberId);
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`
        insert into offers (workspace_id, title, type, description, terms, capacity_total,
          capacity_per_referrer, starts_on, ends_on, headline, body, after_claim, share_message,
          share_email_subject, share_email_body, owner_member_id, created_by_member_id)
        values (${actor.workspaceId}, ${body.title}, ${body.type}, ${body.description ?? null},
          ${body.terms ?? null}, ${body.capacityTotal ?? null}, ${body.capacityPerReferrer ?? null},
          ${body.startsOn ?? null}, ${body.endsOn ?? null}, ${body.headline ?? body.title},
          ${body.body ?? null}, ${body.afterClaim ?? null}, ${wording(body.shareMessage) ?? null},
          ${wording(body.shareEmailSubject) ?? null}, ${wording(body.shareEmailBody) ?? null},
          ${body.ownerMemberId ?? null}, ${actor.memberId})
        returning id`,
    );
    return row!.id;
  });
  return getOffer(db, actor.workspaceId, id);
}

type OfferRow = {
  id: string;
  title: string;
  status: OfferStatus;
  starts_on: string | Date | null;
  ends_on: string | Date | null;
  capacity_total: number | null;
  capacity_per_referrer: number | null;
};

async function lockOffer(tx: Db, workspaceId: string, offerId: string): Promise<OfferRow> {
  const [row] = await queryRows<OfferRow>(
    tx,
    sql`select id, title, status, to_char(starts_on, 'YYYY-MM-DD') as starts_on,
          to_char(ends_on, 'YYYY-MM-DD') as ends_on, capacity_total, capacity_per_referrer
        from offers where workspace_id = ${workspaceId} and id = ${offerId} for update`,
  );
  if (!row) throw notFound('Offer');
  return row;
}

const columns: Record<Exclude<keyof UpdateOfferBody, never>, string> = {
  title: 'title',
  type: 'type',
  description: 'description',
  terms: 'terms',
  capacityTotal: 'capacity_total',
  capacityPerReferrer: 'capacity_per_referrer',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  headline: 'headline',
  body: 'body',
  afterClaim: 'after_claim',
  shareMessage: 'share_message',
  shareEmailSubject: 'share_email_subject',
  shareEmailBody: 'share_email_body',
  ownerMemberId: 'owner_member_id',
};

export async function updateOffer(db: Db, actor: Actor, offerId: string, body: UpdateOfferBody) {
  requireRole(actor, 'manager');
  await db.transaction(async (tx) => {
    const current = await lockOffer(tx, actor.workspaceId, offerId);
    if (current.status === 'archived') {
      throw new AppError('conflict', 'This offer is archived; it can no longer be changed');
    }
    // Dates and capacities are checked together with what the offer already has.
    const pick = <T>(next: T | undefined, stored: T) => (next === undefined ? stored : next);
    const problems = offerRuleProblems({
      startsOn: pick(body.startsOn, current.starts_on as string | null),
      endsOn: pick(body.endsOn, current.ends_on as string | null),
      capacityTotal: pick(body.capacityTotal, current.capacity_total),
      capacityPerReferrer: pick(body.capacityPerReferrer, current.capacity_per_referrer),
    });
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        problems[0]!.message,
        problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      );
    }
    if (body.ownerMemberId !== undefined) await assertOwnerMember(tx, actor.workspaceId, body.ownerMemberId);
    const sets: ReturnType<typeof sql>[] = [];
    for (const [key, column] of Object.entries(columns) as [keyof UpdateOfferBody, string][]) {
      let value = body[key];
      if (value === undefined) continue;
      if (key === 'headline' && value === null) value = body.title ?? current.title;
      if (key === 'shareMessage' || key === 'shareEmailSubject' || key === 'shareEmailBody') {
        value = wording(value as string | null);
      }
      sets.push(sql`${sql.identifier(column)} = ${value}`);
    }
    sets.push(sql`updated_at = now()`);
    await tx.execute(sql`update offers set ${sql.join(sets, sql`, `)}
      where workspace_id = ${actor.workspaceId} and id = ${offerId}`);
  });
  return getOffer(db, actor.workspaceId, offerId);
}

const transitions = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  archive: { from: ['active', 'paused'], to: 'archived' },
} as const;

export type OfferAction = keyof typeof transitions;

const already: Record<OfferStatus, string> = {
  active: 'This offer is already active',
  paused: 'This offer is already paused',
  archived: 'This offer is archived; it can no longer be paused or resumed',
};

/** Pause, resume or archive. Archiving twice is harmless (the same answer), the others conflict. */
export async function setOfferStatus(db: Db, actor: Actor, offerId: string, action: OfferAction) {
  requireRole(actor, 'manager');
  await db.transaction(async (tx) => {
    const current = await lockOffer(tx, actor.workspaceId, offerId);
    const rule = transitions[action];
    if (current.status === rule.to && action === 'archive') return;
    if (!(rule.from as readonly OfferStatus[]).includes(current.status)) {
      throw new AppError('conflict', already[current.status]);
    }
    await tx.execute(sql`
      update offers set status = ${rule.to}, updated_at = now(),
        paused_at = ${rule.to === 'paused' ? sql`now()` : rule.to === 'active' ? sql`null` : sql`paused_at`},
        archived_at = ${rule.to === 'archived' ? sql`now()` : sql`archived_at`}
      where workspace_id = ${actor.workspaceId} and id = ${offerId}`);
  });
  return getOffer(db, actor.workspaceId, offerId);
}
