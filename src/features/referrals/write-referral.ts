// Referrals entered and worked by members: recorded by hand (including "how did you hear about
// us?" at intake, a recommendation credited to the referrer after the fact), edited (owner,
// values, prospect, company, note) and moved along the pipeline. Every change appends to
// referral_history with who and when; nothing there is ever rewritten. Any member may record,
// edit and move a referral: the pipeline is the whole team's.
//
// Glossary: stage = status; closed = won or lost (closed_at set, cleared when reopened).
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { accounts, contacts, referralHistory, referrals } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Actor } from '../auth/actor.ts';
import { requireActiveMember } from '../tasks/create-task.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { closeTheLoop, stageWords } from './close-the-loop.ts';
import { getReferral } from './queries.ts';
import { matchOrCreateProspect, recordReferral, strongestMemberOf } from './record-referral.ts';
import type { CreateReferralBody, MoveReferralBody, UpdateReferralBody } from './schemas.ts';

export type ReferralDeps = { db: Db; mailer?: Mailer | undefined };

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/** A contact of this workspace that can still take new records; a 400 on the field otherwise. */
async function requireLiveContact(db: Db, workspaceId: string, contactId: string, path: string) {
  const [row] = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      accountId: contacts.accountId,
      mergedIntoId: contacts.mergedIntoId,
      erasedAt: contacts.erasedAt,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!row) throw invalid(path, 'No such person in this workspace');
  if (row.mergedIntoId) throw invalid(path, `${row.name} was merged into another person: choose that one`);
  if (row.erasedAt) throw invalid(path, 'This person was erased');
  return row;
}

async function requireAccount(db: Db, workspaceId: string, accountId: string, path: string) {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  if (!row) throw invalid(path, 'No such company in this workspace');
}

export async function createReferral(deps: ReferralDeps, actor: Actor, body: CreateReferralBody) {
  const referredAt = body.referredAt ? new Date(body.referredAt) : new Date();
  if (referredAt.getTime() > Date.now() + 24 * 3600 * 1000) {
    throw invalid('body.referredAt', 'Cannot be in the future');
  }
  const id = await deps.db.transaction(async (tx) => {
    const ws = actor.workspaceId;
    const referrer = body.referrerContactId
      ? await requireLiveContact(tx, ws, body.referrerContactId, 'body.referrerContactId')
      : null;
    let prospectContactId: string | null = null;
    let accountId: string | null = null;
    if (body.prospectContactId) {
      const prospect = await requireLiveContact(tx, ws, body.prospectContactId, 'body.prospectContactId');
      prospectContactId = prospect.id;
      accountId = prospect.accountId;
    } else if (body.prospectEmail && body.prospectName) {
      const prospect = await matchOrCreateProspect(tx, ws, {
        name: body.prospectName,
        email: body.prospectEmail,
        company: body.prospectCompany ?? null,
      });
      prospectContactId = prospect.contactId;
      accountId = prospect.accountId;
    }
    if (referrer && prospectContactId === referrer.id) {
      throw invalid('body.prospectContactId', 'Someone cannot refer themselves');
    }
    if (body.ownerMemberId) await requireActiveMember(tx, ws, body.ownerMemberId, 'body.ownerMemberId');
    const owner =
      body.ownerMemberId ??
      (referrer ? await strongestMemberOf(tx, ws, referrer.id) : null) ??
      actor.memberId;
    return recordReferral(tx, {
      workspaceId: ws,
      kind: body.kind,
      source: body.source,
      referrerContactId: referrer?.id ?? null,
      prospectContactId,
      prospectName: body.prospectName ?? null,
      accountId,
      ownerMemberId: owner,
      expectedValue: body.expectedValue ?? null,
      currency: body.currency ?? null,
      heardAbout: body.heardAbout ?? null,
      note: body.note ?? null,
      referredAt,
      actorMemberId: actor.memberId,
    });
  });
  return getReferral(deps.db, actor.workspaceId, id);
}

/** Locks the referral row for the rest of the transaction (moves and edits queue behind each other). */
async function lockReferral(db: Db, workspaceId: string, id: string) {
  const [row] = await queryRows<{
    status: MoveReferralBody['status'];
    owner_member_id: string | null;
    expected_value: number | null;
    booked_value: number | null;
    currency: string;
    prospect_contact_id: string | null;
    prospect_name: string | null;
    account_id: string | null;
    note: string | null;
    referrer_contact_id: string | null;
  }>(
    db,
    sql`select status, owner_member_id, expected_value, booked_value, currency, prospect_contact_id,
               prospect_name, account_id, note, referrer_contact_id
        from referrals where workspace_id = ${workspaceId} and id = ${id} for update`,
  );
  if (!row) throw notFound('Referral');
  return {
    ...row,
    expected_value: row.expected_value === null ? null : Number(row.expected_value),
    booked_value: row.booked_value === null ? null : Number(row.booked_value),
  };
}

export async function moveReferral(deps: ReferralDeps, actor: Actor, id: string, body: MoveReferralBody) {
  await deps.db.transaction(async (tx) => {
    const ws = actor.workspaceId;
    const current = await lockReferral(tx, ws, id);
    const bookedChanges = body.bookedValue !== undefined && body.bookedValue !== current.booked_value;
    if (current.status === body.status && !bookedChanges && body.status !== 'lost') return;
    const now = new Date();
    const closes = body.status === 'won' || body.status === 'lost';
    await tx
      .update(referrals)
      .set({
        status: body.status,
        statusChangedAt: current.status === body.status ? undefined : now,
        closedAt: closes ? (current.status === body.status ? undefined : now) : null,
        lostReason: body.status === 'lost' ? body.reason : null,
        ...(bookedChanges && { bookedValue: body.bookedValue ?? null }),
        updatedAt: now,
      })
      .where(and(eq(referrals.workspaceId, ws), eq(referrals.id, id)));
    await tx.insert(referralHistory).values({
      workspaceId: ws,
      referralId: id,
      kind: current.status === body.status ? 'value' : 'status',
      fromStatus: current.status,
      toStatus: body.status,
      reason: body.reason ?? null,
      memberId: actor.memberId,
      data: bookedChanges
        ? { bookedValue: { from: current.booked_value, to: body.bookedValue ?? null } }
        : {},
      changedAt: now,
    });
    if (current.status === body.status) return;
    if (current.prospect_contact_id) {
      await recordTimelineEvent(tx, {
        workspaceId: ws,
        contactId: current.prospect_contact_id,
        occurredAt: now,
        kind: 'referral.status',
        refId: id,
        memberId: actor.memberId,
        title: `Referral moved to “${stageWords[body.status]}”`,
        body: body.status === 'lost' ? (body.reason ?? null) : null,
        data: { referralId: id, from: current.status, to: body.status },
      });
    }
    await closeTheLoop(tx, deps.mailer, {
      workspaceId: ws,
      referralId: id,
      stage: body.status,
      actorMemberId: actor.memberId,
    });
  });
  return getReferral(deps.db, actor.workspaceId, id);
}

type Field =
  | 'ownerMemberId'
  | 'expectedValue'
  | 'bookedValue'
  | 'currency'
  | 'prospectContactId'
  | 'prospectName'
  | 'accountId'
  | 'note';

const historyKindOf: Record<Field, string> = {
  ownerMemberId: 'owner',
  expectedValue: 'value',
  bookedValue: 'value',
  currency: 'value',
  prospectContactId: 'edited',
  prospectName: 'edited',
  accountId: 'edited',
  note: 'edited',
};

export async function updateReferral(deps: ReferralDeps, actor: Actor, id: string, body: UpdateReferralBody) {
  await deps.db.transaction(async (tx) => {
    const ws = actor.workspaceId;
    const current = await lockReferral(tx, ws, id);
    const before: Record<Field, unknown> = {
      ownerMemberId: current.owner_member_id,
      expectedValue: current.expected_value,
      bookedValue: current.booked_value,
      currency: current.currency,
      prospectContactId: current.prospect_contact_id,
      prospectName: current.prospect_name,
      accountId: current.account_id,
      note: current.note,
    };
    const after: Partial<Record<Field, unknown>> = {};
    for (const field of Object.keys(before) as Field[]) {
      const value = body[field];
      if (value !== undefined && value !== before[field]) after[field] = value;
    }
    if (after.ownerMemberId) {
      await requireActiveMember(tx, ws, after.ownerMemberId as string, 'body.ownerMemberId');
    }
    if (after.prospectContactId) {
      const prospect = await requireLiveContact(
        tx,
        ws,
        after.prospectContactId as string,
        'body.prospectContactId',
      );
      if (prospect.id === current.referrer_contact_id) {
        throw invalid('body.prospectContactId', 'Someone cannot refer themselves');
      }
      if (body.prospectName === undefined) after.prospectName = prospect.name;
      if (body.accountId === undefined && !current.account_id && prospect.accountId) {
        after.accountId = prospect.accountId;
      }
    }
    if (after.accountId) await requireAccount(tx, ws, after.accountId as string, 'body.accountId');
    const changed = Object.keys(after) as Field[];
    if (changed.length === 0) return;
    const now = new Date();
    await tx
      .update(referrals)
      .set({ ...(after as Partial<typeof referrals.$inferInsert>), updatedAt: now })
      .where(and(eq(referrals.workspaceId, ws), eq(referrals.id, id)));
    const groups = new Map<string, Record<string, { from: unknown; to: unknown }>>();
    for (const field of changed) {
      const kind = historyKindOf[field];
      const group = groups.get(kind) ?? {};
      group[field] = { from: before[field] ?? null, to: after[field] ?? null };
      groups.set(kind, group);
    }
    await tx.insert(referralHistory).values(
      [...groups].map(([kind, data]) => ({
        workspaceId: ws,
        referralId: id,
        kind,
        fromStatus: current.status,
        toStatus: current.status,
        memberId: actor.memberId,
        data,
        changedAt: now,
      })),
    );
  });
  return getReferral(deps.db, actor.workspaceId, id);
}
