// Partners: other providers we send clients to and who send clients to us (contacts of kind
// 'partner'). Both directions are kept and balanced per partner:
//   sent     = partner_referrals, the clients we sent them (logged here, with their outcome);
//   received = referrals crediting the partner as referrer (recorded by the referrals feature;
//              read-only here), with revenue booked from the won ones.
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { contacts, members, partnerReferrals, workspaces } from '../../db/schema/index.ts';
import type { ReferralStatus } from '../../db/schema/referrals.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import type {
  CreatePartnerReferralBody,
  PartnerBalance,
  PartnerDetail,
  PartnerListQuery,
  PartnerOutcome,
  PartnerReferral,
  ReceivedReferral,
  UpdatePartnerReferralBody,
} from './schemas.ts';

export const partnerOutcomeWords: Record<PartnerOutcome, string> = {
  pending: 'pending',
  engaged: 'engaged',
  won: 'won',
  no_fit: 'no fit',
};

type BalanceRow = {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  account_id: string | null;
  account_name: string | null;
  sent: number;
  sent_won: number;
  last_sent_on: string | null;
  received: number;
  received_won: number;
  last_received_at: Date | string | null;
};

async function balances(db: Db, workspaceId: string, partnerId: string | null): Promise<PartnerBalance[]> {
  const only = partnerId ? sql`and c.id = ${partnerId}` : sql``;
  const rows = await queryRows<BalanceRow>(
    db,
    sql`select c.id, c.name, c.title, c.email, c.account_id, a.name as account_name,
               coalesce(s.sent, 0)::int as sent, coalesce(s.sent_won, 0)::int as sent_won,
               s.last_sent_on::text as last_sent_on,
               coalesce(r.received, 0)::int as received, coalesce(r.received_won, 0)::int as received_won,
               r.last_received_at
        from contacts c
        left join accounts a on a.id = c.account_id
        left join (
          select partner_contact_id, count(*) as sent, count(*) filter (where outcome = 'won') as sent_won,
                 max(sent_on) as last_sent_on
          from partner_referrals where workspace_id = ${workspaceId} group by partner_contact_id
        ) s on s.partner_contact_id = c.id
        left join (
          select referrer_contact_id, count(*) as received,
                 count(*) filter (where status = 'won') as received_won, max(referred_at) as last_received_at
          from referrals where workspace_id = ${workspaceId} and referrer_contact_id is not null
          group by referrer_contact_id
        ) r on r.referrer_contact_id = c.id
        where c.workspace_id = ${workspaceId} and c.kind = 'partner'
          and c.erased_at is null and c.merged_into_id is null
          ${partnerId ? sql`` : sql`and c.archived_at is null`} ${only}
        order by lower(c.name), c.id
        limit 2000`,
  );
  const revenue = await queryRows<{ referrer_contact_id: string; currency: string; amount: string | number }>(
    db,
    sql`select r.referrer_contact_id, r.currency, sum(r.booked_value) as amount
        from referrals r join contacts c on c.id = r.referrer_contact_id
        where r.workspace_id = ${workspaceId} and r.status = 'won' and r.booked_value is not null
          and c.kind = 'partner' ${only}
        group by r.referrer_contact_id, r.currency
        order by amount desc`,
  );
  const revenueOf = new Map<string, { currency: string; amount: number }[]>();
  for (const r of revenue) {
    const list = revenueOf.get(r.referrer_contact_id) ?? [];
    list.push({ currency: r.currency, amount: Number(r.amount) });
    revenueOf.set(r.referrer_contact_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    email: r.email,
    account: r.account_id && r.account_name ? { id: r.account_id, name: r.account_name } : null,
    sent: { count: Number(r.sent), won: Number(r.sent_won), lastOn: r.last_sent_on },
    received: {
      count: Number(r.received),
      won: Number(r.received_won),
      revenue: revenueOf.get(r.id) ?? [],
      lastAt: r.last_received_at ? new Date(r.last_received_at).toISOString() : null,
    },
  }));
}

export async function listPartners(db: Db, workspaceId: string, query: PartnerListQuery) {
  const [ws] = await db
    .select({ currency: workspaces.currency })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const currency = ws?.currency ?? 'USD';
  const partners = await balances(db, workspaceId, null);
  const revenueIn = (p: PartnerBalance) =>
    p.received.revenue.find((r) => r.currency === currency)?.amount ?? 0;
  const key: Record<PartnerListQuery['sort'], (p: PartnerBalance) => number> = {
    name: () => 0,
    sent: (p) => p.sent.count,
    received: (p) => p.received.count,
    won: (p) => p.received.won + p.sent.won,
    revenue: revenueIn,
  };
  // Largest first; ties (and sort=name) keep the alphabetical order from SQL.
  if (query.sort !== 'name') partners.sort((a, b) => key[query.sort](b) - key[query.sort](a));
  return { partners, currency };
}

/** The contact as a partner: 404 outside the workspace, 400 with what to do when not a partner. */
async function partnerContact(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      kind: contacts.kind,
      accountId: contacts.accountId,
      erasedAt: contacts.erasedAt,
      mergedIntoId: contacts.mergedIntoId,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  if (!row || row.erasedAt || row.mergedIntoId) throw notFound('Partner');
  if (row.kind !== 'partner')
    throw new AppError(
      'validation_failed',
      `${row.name} is a ${row.kind}, not a partner: change their kind to partner on their page first`,
    );
  return row;
}

type SentRow = typeof partnerReferrals.$inferSelect & {
  client_name_now: string | null;
  member_name: string | null;
};

function toSent(r: SentRow): PartnerReferral {
  return {
    id: r.id,
    partnerId: r.partnerContactId,
    client:
      r.clientContactId && r.client_name_now ? { id: r.clientContactId, name: r.client_name_now } : null,
    clientName: r.clientName,
    forWhat: r.forWhat,
    outcome: r.outcome,
    note: r.note,
    sentOn: r.sentOn,
    member: r.memberId && r.member_name ? { id: r.memberId, name: r.member_name } : null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function sentRows(db: Db, workspaceId: string, where: ReturnType<typeof eq>) {
  const rows = await db
    .select({
      pr: partnerReferrals,
      clientNameNow: contacts.name,
      memberName: members.name,
    })
    .from(partnerReferrals)
    .leftJoin(contacts, eq(contacts.id, partnerReferrals.clientContactId))
    .leftJoin(members, eq(members.id, partnerReferrals.memberId))
    .where(and(eq(partnerReferrals.workspaceId, workspaceId), where))
    .orderBy(desc(partnerReferrals.sentOn), desc(partnerReferrals.createdAt));
  return rows.map((r) => toSent({ ...r.pr, client_name_now: r.clientNameNow, member_name: r.memberName }));
}

export async function getPartner(db: Db, workspaceId: string, id: string): Promise<PartnerDetail> {
  await partnerContact(db, workspaceId, id);
  const [partner] = await balances(db, workspaceId, id);
  if (!partner) throw notFound('Partner');
  const received = await queryRows<{
    id: string;
    kind: 'recommendation' | 'introduction';
    source: string;
    prospect_contact_id: string | null;
    prospect_contact_name: string | null;
    prospect_name: string | null;
    status: ReferralStatus;
    booked_value: string | number | null;
    currency: string;
    referred_at: Date | string;
  }>(
    db,
    sql`select r.id, r.kind, r.source, r.prospect_contact_id, pc.name as prospect_contact_name, r.prospect_name,
               r.status, r.booked_value, r.currency, r.referred_at
        from referrals r left join contacts pc on pc.id = r.prospect_contact_id
        where r.workspace_id = ${workspaceId} and r.referrer_contact_id = ${id}
        order by r.referred_at desc, r.id
        limit 500`,
  );
  return {
    partner,
    sent: await sentRows(db, workspaceId, eq(partnerReferrals.partnerContactId, id)),
    received: received.map(
      (r): ReceivedReferral => ({
        id: r.id,
        kind: r.kind,
        source: r.source,
        prospect:
          r.prospect_contact_id && r.prospect_contact_name
            ? { id: r.prospect_contact_id, name: r.prospect_contact_name }
            : null,
        prospectName: r.prospect_name,
        status: r.status,
        bookedValue: r.booked_value === null ? null : Number(r.booked_value),
        currency: r.currency,
        referredAt: new Date(r.referred_at).toISOString(),
      }),
    ),
  };
}

async function getSent(db: Db, workspaceId: string, id: string): Promise<PartnerReferral> {
  const [row] = await sentRows(db, workspaceId, eq(partnerReferrals.id, id));
  if (!row) throw notFound('Partner referral');
  return row;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function logPartnerReferral(
  db: Db,
  actor: Actor,
  partnerId: string,
  body: CreatePartnerReferralBody,
): Promise<PartnerReferral> {
  return db.transaction(async (tx) => {
    const partner = await partnerContact(tx, actor.workspaceId, partnerId);
    let client: { id: string; name: string; accountId: string | null } | null = null;
    if (body.clientContactId) {
      const [row] = await tx
        .select({
          id: contacts.id,
          name: contacts.name,
          accountId: contacts.accountId,
          erasedAt: contacts.erasedAt,
        })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, body.clientContactId)));
      if (!row || row.erasedAt) throw notFound('Client contact');
      if (row.id === partner.id)
        throw new AppError(
          'validation_failed',
          'clientContactId: a partner cannot be referred to themselves',
        );
      client = row;
    }
    const sentOn = body.sentOn ?? today();
    if (sentOn > today()) throw new AppError('validation_failed', 'sentOn: cannot be in the future');
    const [row] = await tx
      .insert(partnerReferrals)
      .values({
        workspaceId: actor.workspaceId,
        partnerContactId: partner.id,
        clientContactId: client?.id ?? null,
        clientName: client ? null : (body.clientName ?? null),
        forWhat: body.forWhat,
        outcome: body.outcome ?? 'pending',
        note: body.note || null,
        memberId: actor.memberId,
        sentOn,
      })
      .returning({ id: partnerReferrals.id });
    const who = client?.name ?? body.clientName ?? 'someone';
    const occurredAt = sentOn === today() ? new Date() : new Date(`${sentOn}T12:00:00Z`);
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      contactId: partner.id,
      accountId: partner.accountId,
      occurredAt,
      kind: 'partner_referral.sent',
      refId: row!.id,
      memberId: actor.memberId,
      title: `We sent ${who} to ${partner.name} for ${body.forWhat}`,
      body: body.note || null,
    });
    if (client) {
      await recordTimelineEvent(tx, {
        workspaceId: actor.workspaceId,
        contactId: client.id,
        accountId: client.accountId,
        occurredAt,
        kind: 'partner_referral.sent',
        refId: row!.id,
        memberId: actor.memberId,
        title: `Introduced to our partner ${partner.name} for ${body.forWhat}`,
      });
    }
    return getSent(tx, actor.workspaceId, row!.id);
  });
}

export async function updatePartnerReferral(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdatePartnerReferralBody,
): Promise<PartnerReferral> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(partnerReferrals)
      .where(and(eq(partnerReferrals.workspaceId, actor.workspaceId), eq(partnerReferrals.id, id)));
    if (!current) throw notFound('Partner referral');
    if (body.sentOn && body.sentOn > today())
      throw new AppError('validation_failed', 'sentOn: cannot be in the future');
    await tx
      .update(partnerReferrals)
      .set({
        ...(body.forWhat !== undefined && { forWhat: body.forWhat }),
        ...(body.sentOn !== undefined && { sentOn: body.sentOn }),
        ...(body.outcome !== undefined && { outcome: body.outcome }),
        ...(body.note !== undefined && { note: body.note || null }),
        updatedAt: new Date(),
      })
      .where(eq(partnerReferrals.id, id));
    if (body.outcome && body.outcome !== current.outcome) {
      const [partner] = await tx
        .select({ name: contacts.name, accountId: contacts.accountId })
        .from(contacts)
        .where(eq(contacts.id, current.partnerContactId));
      await recordTimelineEvent(tx, {
        workspaceId: actor.workspaceId,
        contactId: current.partnerContactId,
        accountId: partner?.accountId ?? null,
        kind: 'partner_referral.outcome',
        refId: id,
        memberId: actor.memberId,
        title: `Referral to ${partner?.name ?? 'the partner'} for ${current.forWhat}: ${partnerOutcomeWords[body.outcome]}`,
      });
    }
    return getSent(tx, actor.workspaceId, id);
  });
}

export async function deletePartnerReferral(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .delete(partnerReferrals)
    .where(and(eq(partnerReferrals.workspaceId, actor.workspaceId), eq(partnerReferrals.id, id)))
    .returning({ id: partnerReferrals.id });
  if (!row) throw notFound('Partner referral');
}
