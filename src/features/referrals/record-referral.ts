// Recording a referral, whatever produced it: a task outcome ("introduction promised"), a survey
// answer naming a colleague, a claim on an offer, a partner, or a member entering it by hand
// (including "how did you hear about us?" at intake). Every way in goes through recordReferral so
// a referral always has its 'created' history entry and its events on the referrer's and the
// prospect's timelines.
//
// Glossary: referrer = the client or partner contact who sent them; prospect = the person
// referred (a contact once we know who they are); owner = the member who works the referral.
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import {
  accounts,
  contacts,
  referralHistory,
  referrals,
  timelineEvents,
  workspaces,
} from '../../db/schema/index.ts';
import type { ReferralKind, ReferralSource, ReferralStatus } from '../../db/schema/referrals.ts';

export const referralKindWords: Record<ReferralKind, string> = {
  recommendation: 'recommendation',
  introduction: 'introduction',
};

export type NewReferral = {
  /** The new referral's id, when the caller must know it before (a claim stores it on its row). */
  id?: string;
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
  return (await strongestMembersOf(db, workspaceId, [contactId])).get(contactId) ?? null;
}

/** strongestMemberOf for many contacts of one workspace, in one statement: contact id to member. */
async function strongestMembersOf(
  db: Db,
  workspaceId: string,
  contactIds: string[],
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  if (contactIds.length === 0) return found;
  const rows = await queryRows<{ id: string; member_id: string | null }>(
    db,
    sql`select c.id, case when m.status = 'active' then m.id end as member_id
        from contacts c left join members m on m.id = c.best_member_id
        where c.workspace_id = ${workspaceId} and c.id = any(${sql.param([...new Set(contactIds)])}::uuid[])`,
  );
  for (const row of rows) found.set(row.id, row.member_id);
  return found;
}

export type ProspectPerson = { name: string; email: string; company?: string | null };
export type MatchedProspect = { contactId: string; accountId: string | null; created: boolean };

/**
 * The prospect as a contact: an existing one with this email (primary or other), else a new
 * contact of kind 'prospect' whose company creates or matches an account.
 */
export async function matchOrCreateProspect(
  db: Db,
  workspaceId: string,
  person: ProspectPerson,
): Promise<MatchedProspect> {
  const [prospect] = await matchOrCreateProspects(db, workspaceId, [person]);
  return prospect!;
}

/**
 * matchOrCreateProspect for many people at once, one result per person in order, in a constant
 * number of statements (a claim batch would otherwise run four or five per claim). The same
 * email twice is one contact: the first occurrence creates it (created: true), later ones match
 * it, as calling the single version one person after the other would.
 */
export async function matchOrCreateProspects(
  db: Db,
  workspaceId: string,
  people: ProspectPerson[],
): Promise<MatchedProspect[]> {
  if (people.length === 0) return [];
  const emails = people.map((p) => p.email.trim().toLowerCase());
  const distinct = [...new Set(emails)];
  const byEmail = await contactsByEmail(db, workspaceId, distinct);
  // The first person with each unmatched email becomes a new contact.
  const toCreate: { index: number; email: string; company: string | undefined }[] = [];
  const seen = new Set<string>();
  emails.forEach((email, index) => {
    if (byEmail.has(email) || seen.has(email)) return;
    seen.add(email);
    toCreate.push({ index, email, company: people[index]!.company?.trim() || undefined });
  });
  const withCompany = toCreate.filter((c) => c.company);
  const accountIds = await findOrCreateProspectAccounts(
    db,
    workspaceId,
    withCompany.map((c) => c.company!),
  );
  const accountOf = new Map(withCompany.map((c, k) => [c.index, accountIds[k]!]));
  const results: MatchedProspect[] = new Array(people.length);
  if (toCreate.length > 0) {
    const rows = toCreate.map((c) => ({
      id: randomUUID(),
      workspaceId,
      name: people[c.index]!.name.trim(),
      email: c.email,
      kind: 'prospect' as const,
      accountId: accountOf.get(c.index) ?? null,
    }));
    await insertRows(db, contacts, rows);
    const now = new Date();
    await insertRows(
      db,
      timelineEvents,
      rows.map((row) => ({
        workspaceId,
        contactId: row.id,
        accountId: row.accountId,
        occurredAt: now,
        kind: 'contact.created',
        title: 'Contact added as a referred prospect',
      })),
    );
    toCreate.forEach((c, k) => {
      const row = rows[k]!;
      results[c.index] = { contactId: row.id, accountId: row.accountId, created: true };
      byEmail.set(c.email, { contactId: row.id, accountId: row.accountId });
    });
  }
  emails.forEach((email, index) => {
    if (!results[index]) results[index] = { ...byEmail.get(email)!, created: false };
  });
  return results;
}

/**
 * Live contacts of the workspace by email (lower-cased): a contact's primary address first, else
 * one that lists it among its other addresses. One statement for any number of emails. The other
 * addresses are looked up through their GIN index with a single probe for all emails; without
 * statistics (PGlite has no autovacuum) the planner would rather scan every contact of the
 * workspace, so sequential scans are off for this statement only (in the caller's transaction,
 * restored after).
 */
async function contactsByEmail(
  db: Db,
  workspaceId: string,
  emails: string[],
): Promise<Map<string, { contactId: string; accountId: string | null }>> {
  const [setting] = await queryRows<{ was: string }>(
    db,
    sql`select current_setting('enable_seqscan') as was, set_config('enable_seqscan', 'off', true)`,
  );
  const rows = await queryRows<{ rank: number; email: string; id: string; account_id: string | null }>(
    db,
    sql`select 1 as rank, c.email, c.id, c.account_id from contacts c
        where c.workspace_id = ${workspaceId} and c.email = any(${sql.param(emails)}::text[])
          and c.merged_into_id is null and c.erased_at is null
        union all
        select 2, o.email, c.id, c.account_id
        -- offset 0 keeps the workspace's indexes out of this arm: only the GIN index can serve it.
        from (select id, account_id, workspace_id, other_emails, merged_into_id, erased_at from contacts
              where other_emails && ${sql.param(emails)}::text[] offset 0) c
        cross join unnest(c.other_emails) as o(email)
        where c.workspace_id = ${workspaceId} and c.merged_into_id is null and c.erased_at is null
          and o.email = any(${sql.param(emails)}::text[])`,
  );
  await db.execute(sql`select set_config('enable_seqscan', ${setting!.was}, true)`);
  const found = new Map<string, { contactId: string; accountId: string | null; rank: number }>();
  for (const row of rows) {
    const seen = found.get(row.email);
    if (!seen || Number(row.rank) < seen.rank) {
      found.set(row.email, { contactId: row.id, accountId: row.account_id, rank: Number(row.rank) });
    }
  }
  return new Map([...found].map(([email, { rank: _, ...contact }]) => [email, contact]));
}

/**
 * findOrCreateAccountByName(…, 'prospect') for many trimmed names, one account id per name in
 * order. Names equal under the database's lower() are one account, created with the first
 * spelling, as calling the single version one name after the other would. A name inserted
 * meanwhile by another transaction is skipped by ON CONFLICT and read again afterwards.
 */
async function findOrCreateProspectAccounts(
  db: Db,
  workspaceId: string,
  names: string[],
  retry = false,
): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await queryRows<{ ord: number; id: string | null }>(
    db,
    sql`with wanted as (
          select w.ord, w.name, lower(w.name) as key
          from unnest(${sql.param(names)}::text[]) with ordinality as w(name, ord)
        ), existing as (
          -- One probe of the (workspace, lower(name)) index per name: as a join, the planner
          -- (without statistics) would hash every account of the workspace instead.
          select w.key, a.id from wanted w
          cross join lateral (select a.id from accounts a
                              where a.workspace_id = ${workspaceId} and lower(a.name) = w.key
                                and a.archived_at is null
                              limit 1) a
        ), created as (
          insert into accounts (workspace_id, name, status)
          select distinct on (w.key) ${workspaceId}::uuid, w.name, 'prospect' from wanted w
          where not exists (select from existing e where e.key = w.key)
          order by w.key, w.ord
          on conflict do nothing
          returning id, lower(name) as key
        )
        select w.ord::int as ord, coalesce(e.id, c.id) as id from wanted w
        left join existing e on e.key = w.key left join created c on c.key = w.key`,
  );
  const ids: string[] = new Array(names.length);
  const missing: number[] = [];
  for (const row of rows) {
    if (row.id) ids[Number(row.ord) - 1] = row.id;
    else missing.push(Number(row.ord) - 1);
  }
  if (missing.length > 0) {
    if (retry) throw new Error(`accounts ${missing.map((i) => names[i]).join(', ')} could not be created`);
    // Lost races with concurrent inserts of the same names: read the winners.
    const found = await findOrCreateProspectAccounts(
      db,
      workspaceId,
      missing.map((i) => names[i]!),
      true,
    );
    missing.forEach((i, k) => {
      ids[i] = found[k]!;
    });
  }
  return ids;
}

/** Writes the referral, its 'created' history entry and timeline events; the caller holds the transaction. */
export async function recordReferral(db: Db, input: NewReferral): Promise<string> {
  const [id] = await recordReferrals(db, [input]);
  return id!;
}

/**
 * recordReferral for many referrals at once (one transaction, the caller's), returning their ids
 * in order, in a constant number of statements: the lookups for the whole batch, then one insert
 * each for the referrals, their history entries and their timeline events.
 */
export async function recordReferrals(db: Db, inputs: NewReferral[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const now = new Date();

  const ownerLookups = new Map<string, string[]>();
  for (const input of inputs) {
    if (input.ownerMemberId != null || !input.referrerContactId) continue;
    const list = ownerLookups.get(input.workspaceId) ?? [];
    list.push(input.referrerContactId);
    ownerLookups.set(input.workspaceId, list);
  }
  const strongest = new Map<string, string | null>();
  for (const [workspaceId, contactIds] of ownerLookups) {
    for (const [id, member] of await strongestMembersOf(db, workspaceId, contactIds)) {
      strongest.set(`${workspaceId}:${id}`, member);
    }
  }

  const currencyLookups = [...new Set(inputs.filter((i) => i.currency == null).map((i) => i.workspaceId))];
  const currencies = new Map<string, string>();
  if (currencyLookups.length > 0) {
    const rows = await db
      .select({ id: workspaces.id, currency: workspaces.currency })
      .from(workspaces)
      .where(inArray(workspaces.id, currencyLookups));
    for (const row of rows) currencies.set(row.id, row.currency);
  }

  // Referrer and prospect names, read only inside the referral's own workspace.
  const contactIds = [
    ...new Set(
      inputs.flatMap((i) => [i.referrerContactId, i.prospectContactId].filter((id) => !!id) as string[]),
    ),
  ];
  const people = new Map<string, { name: string; accountId: string | null }>();
  if (contactIds.length > 0) {
    const rows = await db
      .select({
        id: contacts.id,
        workspaceId: contacts.workspaceId,
        name: contacts.name,
        accountId: contacts.accountId,
      })
      .from(contacts)
      .where(inArray(contacts.id, contactIds));
    for (const row of rows) people.set(`${row.workspaceId}:${row.id}`, row);
  }
  const personOf = (workspaceId: string, id: string | null | undefined) =>
    id ? (people.get(`${workspaceId}:${id}`) ?? null) : null;

  const prepared = inputs.map((input) => {
    const referrer = personOf(input.workspaceId, input.referrerContactId);
    const prospect = personOf(input.workspaceId, input.prospectContactId);
    return {
      input,
      referralId: input.id ?? randomUUID(),
      referredAt: input.referredAt ?? now,
      ownerMemberId:
        input.ownerMemberId ??
        (input.referrerContactId
          ? (strongest.get(`${input.workspaceId}:${input.referrerContactId}`) ?? null)
          : null),
      currency: input.currency ?? currencies.get(input.workspaceId) ?? 'USD',
      referrer,
      prospect,
      prospectName: input.prospectName ?? prospect?.name ?? null,
      accountId: input.accountId ?? prospect?.accountId ?? null,
    };
  });

  const accountIds = [...new Set(prepared.flatMap((p) => (p.accountId ? [p.accountId] : [])))];
  if (accountIds.length > 0) {
    const rows = await db
      .select({ id: accounts.id, workspaceId: accounts.workspaceId })
      .from(accounts)
      .where(inArray(accounts.id, accountIds));
    const known = new Set(rows.map((row) => `${row.workspaceId}:${row.id}`));
    for (const p of prepared) {
      if (p.accountId && !known.has(`${p.input.workspaceId}:${p.accountId}`)) {
        throw new Error(`account ${p.accountId} is not in workspace ${p.input.workspaceId}`);
      }
    }
  }

  await insertRows(
    db,
    referrals,
    prepared.map(({ input, ...p }) => ({
      id: p.referralId,
      workspaceId: input.workspaceId,
      kind: input.kind,
      source: input.source,
      referrerContactId: input.referrerContactId ?? null,
      prospectContactId: input.prospectContactId ?? null,
      prospectName: p.prospectName,
      accountId: p.accountId,
      ownerMemberId: p.ownerMemberId,
      status: input.status ?? 'new',
      expectedValue: input.expectedValue ?? null,
      currency: p.currency,
      askId: input.askId ?? null,
      answerId: input.answerId ?? null,
      offerId: input.offerId ?? null,
      linkId: input.linkId ?? null,
      claimId: input.claimId ?? null,
      heardAbout: input.heardAbout ?? null,
      note: input.note ?? null,
      referredAt: p.referredAt,
      statusChangedAt: p.referredAt,
      externalId: input.externalId ?? null,
      createdByMemberId: input.actorMemberId ?? null,
    })),
  );
  await insertRows(
    db,
    referralHistory,
    prepared.map(({ input, referralId, referredAt }) => ({
      workspaceId: input.workspaceId,
      referralId,
      kind: 'created',
      toStatus: input.status ?? 'new',
      memberId: input.actorMemberId ?? null,
      data: { source: input.source, kind: input.kind },
      changedAt: referredAt,
    })),
  );
  const events: (typeof timelineEvents.$inferInsert)[] = [];
  for (const { input, referralId, referredAt, referrer, prospect, prospectName, accountId } of prepared) {
    const who = prospectName ?? 'someone not yet named';
    const kindWord = referralKindWords[input.kind];
    const data = { referralId, kind: input.kind, source: input.source };
    if (referrer) {
      events.push({
        workspaceId: input.workspaceId,
        contactId: input.referrerContactId,
        accountId: referrer.accountId,
        occurredAt: referredAt,
        kind: 'referral.sent',
        refId: referralId,
        memberId: input.actorMemberId ?? null,
        title: `${referrer.name} referred ${who} (${kindWord})`,
        body: input.note ?? null,
        data,
      });
    }
    if (input.prospectContactId && prospect) {
      events.push({
        workspaceId: input.workspaceId,
        contactId: input.prospectContactId,
        accountId,
        occurredAt: referredAt,
        kind: 'referral.received',
        refId: referralId,
        memberId: input.actorMemberId ?? null,
        title: referrer ? `Referred by ${referrer.name} (${kindWord})` : `Came in as a ${kindWord}`,
        body: input.heardAbout ?? null,
        data,
      });
    }
  }
  await insertRows(db, timelineEvents, events);
  return prepared.map((p) => p.referralId);
}
