// Recording a referral, whatever produced it: a task outcome ("introduction promised"), a survey
// answer naming a colleague, a claim on an offer, a partner, or a member entering it by hand
// (including "how did you hear about us?" at intake). Every way in goes through recordReferral so
// a referral always has its 'created' history entry and its events on the referrer's and the
// prospect's timelines.
//
// Glossary: referrer = the client or partner contact who sent them; prospect = the person
// referred (a contact once we know who they are); owner = the member who works the referral.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accounts,
  contacts,
  members,
  referralHistory,
  referrals,
  workspaces,
} from '../../db/schema/index.ts';
import type { ReferralKind, ReferralSource, ReferralStatus } from '../../db/schema/referrals.ts';
import { findOrCreateAccountByName } from '../accounts/queries.ts';
import { recordTimelineEvent } from '../timeline/record.ts';

export const referralKindWords: Record<ReferralKind, string> = {
  recommendation: 'recommendation',
  introduction: 'introduction',
};

export type NewReferral = {
  workspaceId: string;
  kind: ReferralKind;
  source: ReferralSource;
  referrerContactId?: string | null;
  prospectContactId?: string | null;
  prospectName?: string | null;
  accountId?: string | null;
  /** Null or absent: the member with the strongest relationship to the referrer, else none. */
  ownerMemberId?: string | null;
  status?: ReferralStatus;
  expectedValue?: number | null;
  currency?: string | null;
  askId?: string | null;
  answerId?: string | null;
  offerId?: string | null;
  linkId?: string | null;
  claimId?: string | null;
  heardAbout?: string | null;
  note?: string | null;
  referredAt?: Date;
  externalId?: string | null;
  /** The member who recorded it; null when it came in through a public page. */
  actorMemberId?: string | null;
};

/** The referrer's strongest active relationship on the team, if anyone has one. */
export async function strongestMemberOf(
  db: Db,
  workspaceId: string,
  contactId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ memberId: contacts.bestMemberId, status: members.status })
    .from(contacts)
    .leftJoin(members, eq(members.id, contacts.bestMemberId))
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  return row?.memberId && row.status === 'active' ? row.memberId : null;
}

/**
 * The prospect as a contact: an existing one with this email (primary or other), else a new
 * contact of kind 'prospect' whose company creates or matches an account.
 */
export async function matchOrCreateProspect(
  db: Db,
  workspaceId: string,
  person: { name: string; email: string; company?: string | null },
): Promise<{ contactId: string; accountId: string | null; created: boolean }> {
  const email = person.email.trim().toLowerCase();
  const [existing] = await db
    .select({ id: contacts.id, accountId: contacts.accountId, mergedIntoId: contacts.mergedIntoId })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        sql`(${contacts.email} = ${email} or ${contacts.otherEmails} @> array[${email}]::text[])`,
        sql`${contacts.mergedIntoId} is null`,
        sql`${contacts.erasedAt} is null`,
      ),
    )
    .limit(1);
  if (existing) return { contactId: existing.id, accountId: existing.accountId, created: false };
  const company = person.company?.trim();
  const accountId = company ? await findOrCreateAccountByName(db, workspaceId, company, 'prospect') : null;
  const [row] = await db
    .insert(contacts)
    .values({ workspaceId, name: person.name.trim(), email, kind: 'prospect', accountId })
    .returning({ id: contacts.id });
  await recordTimelineEvent(db, {
    workspaceId,
    contactId: row!.id,
    accountId,
    kind: 'contact.created',
    title: 'Contact added as a referred prospect',
  });
  return { contactId: row!.id, accountId, created: true };
}

async function nameOf(db: Db, workspaceId: string, contactId: string | null | undefined) {
  if (!contactId) return null;
  const [row] = await db
    .select({ name: contacts.name, accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  return row ?? null;
}

/** Writes the referral, its 'created' history entry and timeline events; the caller holds the transaction. */
export async function recordReferral(db: Db, input: NewReferral): Promise<string> {
  const referredAt = input.referredAt ?? new Date();
  const ownerMemberId =
    input.ownerMemberId ??
    (input.referrerContactId
      ? await strongestMemberOf(db, input.workspaceId, input.referrerContactId)
      : null);
  const currency =
    input.currency ??
    (
      await db
        .select({ currency: workspaces.currency })
        .from(workspaces)
        .where(eq(workspaces.id, input.workspaceId))
    )[0]?.currency ??
    'USD';
  const referrer = await nameOf(db, input.workspaceId, input.referrerContactId);
  const prospect = await nameOf(db, input.workspaceId, input.prospectContactId);
  const prospectName = input.prospectName ?? prospect?.name ?? null;
  const accountId = input.accountId ?? prospect?.accountId ?? null;
  if (accountId) {
    const [account] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, input.workspaceId), eq(accounts.id, accountId)));
    if (!account) throw new Error(`account ${accountId} is not in workspace ${input.workspaceId}`);
  }
  const [row] = await db
    .insert(referrals)
    .values({
      workspaceId: input.workspaceId,
      kind: input.kind,
      source: input.source,
      referrerContactId: input.referrerContactId ?? null,
      prospectContactId: input.prospectContactId ?? null,
      prospectName,
      accountId,
      ownerMemberId,
      status: input.status ?? 'new',
      expectedValue: input.expectedValue ?? null,
      currency,
      askId: input.askId ?? null,
      answerId: input.answerId ?? null,
      offerId: input.offerId ?? null,
      linkId: input.linkId ?? null,
      claimId: input.claimId ?? null,
      heardAbout: input.heardAbout ?? null,
      note: input.note ?? null,
      referredAt,
      statusChangedAt: referredAt,
      externalId: input.externalId ?? null,
      createdByMemberId: input.actorMemberId ?? null,
    })
    .returning({ id: referrals.id });
  const referralId = row!.id;
  await db.insert(referralHistory).values({
    workspaceId: input.workspaceId,
    referralId,
    kind: 'created',
    toStatus: input.status ?? 'new',
    memberId: input.actorMemberId ?? null,
    data: { source: input.source, kind: input.kind },
    changedAt: referredAt,
  });
  const who = prospectName ?? 'someone not yet named';
  const kindWord = referralKindWords[input.kind];
  if (referrer) {
    await recordTimelineEvent(db, {
      workspaceId: input.workspaceId,
      contactId: input.referrerContactId,
      accountId: referrer.accountId,
      occurredAt: referredAt,
      kind: 'referral.sent',
      refId: referralId,
      memberId: input.actorMemberId ?? null,
      title: `${referrer.name} referred ${who} (${kindWord})`,
      body: input.note ?? null,
      data: { referralId, kind: input.kind, source: input.source },
    });
  }
  if (input.prospectContactId && prospect) {
    await recordTimelineEvent(db, {
      workspaceId: input.workspaceId,
      contactId: input.prospectContactId,
      accountId,
      occurredAt: referredAt,
      kind: 'referral.received',
      refId: referralId,
      memberId: input.actorMemberId ?? null,
      title: referrer ? `Referred by ${referrer.name} (${kindWord})` : `Came in as a ${kindWord}`,
      body: input.heardAbout ?? null,
      data: { referralId, kind: input.kind, source: input.source },
    });
  }
  return referralId;
}
