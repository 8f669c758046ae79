// What an offer's landing page (/o/CODE) and its claim need to know about a share link: the
// offer, who is inviting (the link's referrer and their company), the firm, and whether a claim
// would be accepted today. Everything is read through the link, and every join stays inside the
// link's workspace, so a code never shows another workspace's data.
//
// Glossary: availability = whether the offer takes claims today: open, paused, not_started (before
// starts_on), ended (after ends_on) or archived; full = the offer's total capacity is taken;
// referrer full = this referrer's share of it is taken. Dates are calendar days in the
// workspace's time zone.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { OfferStatus, OfferType } from '../../db/schema/referrals.ts';

export type Availability = 'open' | 'paused' | 'not_started' | 'ended' | 'archived';

export type Landing = {
  linkId: string;
  code: string;
  workspaceId: string;
  firmName: string;
  timeZone: string;
  currency: string;
  revoked: boolean;
  offer: {
    id: string;
    title: string;
    type: OfferType;
    description: string | null;
    terms: string | null;
    headline: string;
    body: string | null;
    afterClaim: string | null;
    startsOn: string | null;
    endsOn: string | null;
    status: OfferStatus;
    capacityTotal: number | null;
    capacityPerReferrer: number | null;
    ownerMemberId: string | null;
  };
  /** Null when the referrer was erased: their name is no longer shown anywhere. */
  referrer: {
    contactId: string;
    name: string;
    accountName: string | null;
    bestMemberId: string | null;
  } | null;
  /** Accepted claims so far: on the whole offer, and through this referrer. */
  claimed: { total: number; byReferrer: number };
};

type LandingRow = {
  link_id: string;
  code: string;
  workspace_id: string;
  firm_name: string;
  time_zone: string;
  currency: string;
  revoked: boolean;
  offer_id: string;
  title: string;
  type: OfferType;
  description: string | null;
  terms: string | null;
  headline: string;
  body: string | null;
  after_claim: string | null;
  starts_on: string | null;
  ends_on: string | null;
  status: OfferStatus;
  capacity_total: number | null;
  capacity_per_referrer: number | null;
  owner_member_id: string | null;
  referrer_id: string | null;
  referrer_name: string | null;
  referrer_account: string | null;
  referrer_best_member_id: string | null;
  claimed_total: number;
  claimed_by_referrer: number;
};

function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/**
 * The share links behind `codes` (normalised), each with its landing data; codes with no link
 * are absent. `lock` takes the offers' rows FOR UPDATE, in a fixed order, so that concurrent
 * claims count capacity one after the other (the caller holds the transaction).
 */
export async function loadLandings(db: Db, codes: string[], options: { lock?: boolean } = {}) {
  const found = new Map<string, Landing>();
  if (codes.length === 0) return found;
  if (options.lock) {
    await queryRows(
      db,
      sql`select o.id from offers o
          where o.id in (select offer_id from share_links where code = any(${sql.param(codes)}::text[]))
          order by o.id for update`,
    );
  }
  const rows = await queryRows<LandingRow>(
    db,
    sql`
    select l.id as link_id, l.code, l.workspace_id, w.name as firm_name, w.time_zone, w.currency,
           l.revoked_at is not null as revoked,
           o.id as offer_id, o.title, o.type, o.description, o.terms, o.headline, o.body,
           o.after_claim, o.starts_on::text as starts_on, o.ends_on::text as ends_on, o.status,
           o.capacity_total, o.capacity_per_referrer, o.owner_member_id,
           r.id as referrer_id, r.name as referrer_name, a.name as referrer_account,
           r.best_member_id as referrer_best_member_id,
           (select count(*)::int from offer_claims c
             where c.workspace_id = l.workspace_id and c.offer_id = o.id and c.outcome = 'accepted'
               and o.capacity_total is not null) as claimed_total,
           (select count(*)::int from offer_claims c
             where c.workspace_id = l.workspace_id and c.offer_id = o.id and c.outcome = 'accepted'
               and c.referrer_contact_id = coalesce(r.id, l.referrer_contact_id)
               and o.capacity_per_referrer is not null) as claimed_by_referrer
    from share_links l
    join workspaces w on w.id = l.workspace_id
    -- Each row is read by primary key, then checked to be in the link's workspace. Written as a
    -- join on both columns, the planner (without statistics: PGlite has no autovacuum) may read
    -- the workspace's index instead and scan every contact or account of the workspace per link;
    -- offset 0 keeps the lookups to the primary key.
    join lateral (select * from offers where id = l.offer_id offset 0) o on o.workspace_id = l.workspace_id
    join lateral (select id, workspace_id, merged_into_id from contacts where id = l.referrer_contact_id offset 0) lc
      on lc.workspace_id = l.workspace_id
    -- A merged referrer is credited as the contact they were merged into.
    left join lateral (select id, workspace_id, name, account_id, best_member_id, erased_at from contacts
                       where id = coalesce(lc.merged_into_id, lc.id) offset 0) r
      on r.workspace_id = l.workspace_id and r.erased_at is null
    left join lateral (select workspace_id, name from accounts where id = r.account_id offset 0) a
      on a.workspace_id = l.workspace_id
    where l.code = any(${sql.param(codes)}::text[])`,
  );
  for (const row of rows) {
    found.set(row.code, {
      linkId: row.link_id,
      code: row.code,
      workspaceId: row.workspace_id,
      firmName: row.firm_name,
      timeZone: row.time_zone,
      currency: row.currency,
      revoked: row.revoked,
      offer: {
        id: row.offer_id,
        title: row.title,
        type: row.type,
        description: row.description,
        terms: row.terms,
        headline: row.headline,
        body: row.body,
        afterClaim: row.after_claim,
        startsOn: dateText(row.starts_on),
        endsOn: dateText(row.ends_on),
        status: row.status,
        capacityTotal: row.capacity_total,
        capacityPerReferrer: row.capacity_per_referrer,
        ownerMemberId: row.owner_member_id,
      },
      referrer:
        row.referrer_id && row.referrer_name
          ? {
              contactId: row.referrer_id,
              name: row.referrer_name,
              accountName: row.referrer_account,
              bestMemberId: row.referrer_best_member_id,
            }
          : null,
      claimed: { total: Number(row.claimed_total), byReferrer: Number(row.claimed_by_referrer) },
    });
  }
  return found;
}

export async function loadLanding(db: Db, code: string): Promise<Landing | null> {
  return (await loadLandings(db, [code])).get(code) ?? null;
}

// One formatter per time zone: building an Intl.DateTimeFormat costs more than a whole claim's
// share of a batch, and every claim asks for "today" in its workspace's and owner's zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) in `timeZone` at `now`. */
export function dayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** The ISO weekday (1 Monday .. 7 Sunday) in `timeZone` at `now`. */
export function weekdayIn(timeZone: string, now: Date): number {
  let format = weekdayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
    weekdayFormats.set(timeZone, format);
  }
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(format.format(now)) + 1;
}

/** Whether the offer takes claims today, before capacity. */
export function availabilityOf(landing: Landing, now: Date = new Date()): Availability {
  const { offer } = landing;
  if (offer.status === 'archived') return 'archived';
  if (offer.status === 'paused') return 'paused';
  const today = dayIn(landing.timeZone, now);
  if (offer.startsOn && today < offer.startsOn) return 'not_started';
  if (offer.endsOn && today > offer.endsOn) return 'ended';
  return 'open';
}

export type RefusalReason = 'capacity' | 'referrer_capacity' | 'ended' | 'not_started' | 'paused';

/** Why a claim today would be kept as interest, or null when it would be accepted. */
export function refusalOf(landing: Landing, now: Date = new Date()): RefusalReason | null {
  const availability = availabilityOf(landing, now);
  if (availability === 'archived' || availability === 'ended') return 'ended';
  if (availability === 'paused') return 'paused';
  if (availability === 'not_started') return 'not_started';
  const { offer, claimed } = landing;
  if (offer.capacityTotal !== null && claimed.total >= offer.capacityTotal) return 'capacity';
  if (offer.capacityPerReferrer !== null && claimed.byReferrer >= offer.capacityPerReferrer)
    return 'referrer_capacity';
  return null;
}
