// Reads for offers: the list and detail with their numbers, a referrer's or an offer's share links
// with per-link numbers and the wording filled in, claims, and per-referrer stats. Each view is one
// SQL statement.
//
// Glossary: click = a request to /r/CODE (link_clicks row); bot click = one flagged as a crawler or
// link scanner; visit = a person's click that is not a repeat: the same visitor's (visitor_hash)
// previous click on the same link is absent or more than 24 hours older; claim = an accepted claim;
// interest = a claim kept but refused (capacity, dates, paused); revenue = booked value of won
// referrals that came through the offer.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { ClaimOutcome, ContactKind, OfferStatus, OfferType } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import type {
  Claim,
  ClaimList,
  Offer,
  OfferListQuery,
  OfferStats,
  OfferStatsResponse,
  ReferrerStats,
  ShareLink,
} from './schemas.ts';
import { shareLinkUrl } from './share-links.ts';
import { firstNameOf, renderWording } from './wording.ts';

type Row = Record<string, unknown>;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
/** A `date` column as YYYY-MM-DD whichever driver read it. */
const day = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
};

/**
 * Per-link click numbers for the clicks `where` selects (on link_clicks as lc). The visit rule
 * runs over each visitor's clicks on a link in time order; bots get their own partition so that
 * they neither count as visits nor hide a person's click.
 */
function clickCtes(where: SQL): SQL {
  return sql`
    click_rows as (
      select lc.link_id, lc.is_bot, lc.clicked_at,
        lag(lc.clicked_at) over (
          partition by lc.link_id, lc.is_bot, lc.visitor_hash collate "C" order by lc.clicked_at) as prev
      from link_clicks lc where ${where}
    ),
    click_stats as (
      select link_id,
        count(*) filter (where not is_bot) as clicks,
        count(*) filter (where is_bot) as bot_clicks,
        count(*) filter (where not is_bot
          and (prev is null or prev < clicked_at - interval '24 hours')) as visits
      from click_rows group by link_id
    )`;
}

function statsOf(r: Row): OfferStats {
  return {
    clicks: num(r.clicks),
    visits: num(r.visits),
    botClicks: num(r.bot_clicks),
    claims: num(r.claims),
    interest: num(r.interest),
    referrals: num(r.referrals),
    won: num(r.won),
    revenue: num(r.revenue),
  };
}

function toOffer(r: Row): Offer {
  return {
    id: r.id as string,
    title: r.title as string,
    type: r.type as OfferType,
    status: r.status as OfferStatus,
    description: (r.description as string | null) ?? null,
    terms: (r.terms as string | null) ?? null,
    capacityTotal: (r.capacity_total as number | null) ?? null,
    capacityPerReferrer: (r.capacity_per_referrer as number | null) ?? null,
    startsOn: day(r.starts_on),
    endsOn: day(r.ends_on),
    headline: r.headline as string,
    body: (r.body as string | null) ?? null,
    afterClaim: (r.after_claim as string | null) ?? null,
    shareMessage: (r.share_message as string | null) ?? null,
    shareEmailSubject: (r.share_email_subject as string | null) ?? null,
    shareEmailBody: (r.share_email_body as string | null) ?? null,
    owner: r.owner_member_id ? { id: r.owner_member_id as string, name: r.owner_name as string } : null,
    pausedAt: iso(r.paused_at),
    archivedAt: iso(r.archived_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    liveLinks: num(r.live_links),
    stats: statsOf(r),
    currency: r.currency as string,
  };
}

/** Offers with their numbers, in one statement; `offerId` narrows every part to one offer. */
async function selectOffers(
  db: Db,
  workspaceId: string,
  scope: { offerId?: string; statuses?: OfferStatus[] },
): Promise<Offer[]> {
  const offerWhere: SQL[] = [sql`o.workspace_id = ${workspaceId}`];
  if (scope.offerId) offerWhere.push(sql`o.id = ${scope.offerId}`);
  if (scope.statuses) offerWhere.push(sql`o.status = any(${sql.param(scope.statuses)}::text[])`);
  const byOffer = (column: SQL) => (scope.offerId ? sql` and ${column} = ${scope.offerId}` : sql``);
  const clickWhere = scope.offerId
    ? sql`lc.link_id in (select id from share_links
        where workspace_id = ${workspaceId} and offer_id = ${scope.offerId})`
    : sql`lc.workspace_id = ${workspaceId}`;
  const rows = await queryRows<Row>(
    db,
    sql`
      with ${clickCtes(clickWhere)},
      link_stats as (
        select l.offer_id,
          count(*) filter (where l.revoked_at is null) as live_links,
          sum(cs.clicks) as clicks, sum(cs.bot_clicks) as bot_clicks, sum(cs.visits) as visits
        from share_links l left join click_stats cs on cs.link_id = l.id
        where l.workspace_id = ${workspaceId}${byOffer(sql`l.offer_id`)}
        group by l.offer_id
      ),
      claim_stats as (
        select offer_id,
          count(*) filter (where outcome = 'accepted') as claims,
          count(*) filter (where outcome = 'interest') as interest
        from offer_claims where workspace_id = ${workspaceId}${byOffer(sql`offer_id`)}
        group by offer_id
      ),
      referral_stats as (
        select offer_id, count(*) as referrals,
          count(*) filter (where status = 'won') as won,
          sum(booked_value) filter (where status = 'won') as revenue
        from referrals
        where workspace_id = ${workspaceId} and offer_id is not null${byOffer(sql`offer_id`)}
        group by offer_id
      )
      select o.*, m.name as owner_name, w.currency,
        ls.live_links, ls.clicks, ls.bot_clicks, ls.visits,
        cl.claims, cl.interest, rs.referrals, rs.won, rs.revenue
      from offers o
      join workspaces w on w.id = o.workspace_id
      left join members m on m.id = o.owner_member_id
      left join link_stats ls on ls.offer_id = o.id
      left join claim_stats cl on cl.offer_id = o.id
      left join referral_stats rs on rs.offer_id = o.id
      where ${sql.join(offerWhere, sql` and `)}
      order by o.status = 'archived', o.created_at desc, o.id`,
  );
  return rows.map(toOffer);
}

export async function listOffers(db: Db, workspaceId: string, query: OfferListQuery): Promise<Offer[]> {
  const statuses: OfferStatus[] | undefined =
    query.status === 'all' ? undefined : query.status === 'current' ? ['active', 'paused'] : [query.status];
  return selectOffers(db, workspaceId, { statuses });
}

export async function getOffer(db: Db, workspaceId: string, offerId: string): Promise<Offer> {
  const [offer] = await selectOffers(db, workspaceId, { offerId });
  if (!offer) throw notFound('Offer');
  return offer;
}

/** Just the row, for commands that check an offer exists in the workspace. */
export async function getOfferRow(db: Db, workspaceId: string, offerId: string, lock = false) {
  const [row] = await queryRows<{ id: string; title: string; status: OfferStatus }>(
    db,
    sql`select id, title, status from offers where workspace_id = ${workspaceId} and id = ${offerId}
        ${lock ? sql`for update` : sql``}`,
  );
  if (!row) throw notFound('Offer');
  return row;
}

export async function workspaceCurrency(db: Db, workspaceId: string): Promise<string> {
  const [row] = await queryRows<{ currency: string }>(
    db,
    sql`select currency from workspaces where id = ${workspaceId}`,
  );
  return row?.currency ?? 'USD';
}

// ---------------------------------------------------------------------------------------------
// Share links

type LinkScope = { offerId: string } | { contactId: string } | { linkIds: string[] };

/** Share links with their numbers and filled-in wording, in one statement. */
export async function selectShareLinks(
  db: Db,
  workspaceId: string,
  publicUrl: string,
  scope: LinkScope,
): Promise<ShareLink[]> {
  const linkWhere =
    'offerId' in scope
      ? sql`l.offer_id = ${scope.offerId}`
      : 'contactId' in scope
        ? sql`l.referrer_contact_id = ${scope.contactId}`
        : sql`l.id = any(${sql.param(scope.linkIds)}::uuid[])`;
  // Each filter matches an index on referrals: by offer, or by referrer.
  const referralWhere =
    'offerId' in scope
      ? sql`r.offer_id = ${scope.offerId}`
      : 'contactId' in scope
        ? sql`r.referrer_contact_id = ${scope.contactId}`
        : sql`r.link_id = any(${sql.param(scope.linkIds)}::uuid[])`;
  const rows = await queryRows<Row>(
    db,
    sql`
      with links as (
        select l.id from share_links l where l.workspace_id = ${workspaceId} and ${linkWhere}
      ),
      ${clickCtes(sql`lc.link_id in (select id from links)`)},
      claim_stats as (
        select link_id,
          count(*) filter (where outcome = 'accepted') as claims,
          count(*) filter (where outcome = 'interest') as interest
        from offer_claims where link_id in (select id from links)
        group by link_id
      ),
      referral_stats as (
        select r.link_id, count(*) as referrals,
          count(*) filter (where r.status = 'won') as won,
          sum(r.booked_value) filter (where r.status = 'won') as revenue
        from referrals r
        where r.workspace_id = ${workspaceId} and ${referralWhere} and r.link_id is not null
        group by r.link_id
      )
      select l.id, l.code, l.created_at, l.revoked_at,
        o.id as offer_id, o.title as offer_title, o.status as offer_status,
        o.share_message, o.share_email_subject, o.share_email_body,
        c.id as contact_id, c.name as contact_name, c.kind as contact_kind, c.erased_at,
        a.name as account_name, m.name as created_by,
        cs.clicks, cs.bot_clicks, cs.visits, cl.claims, cl.interest, rs.referrals, rs.won, rs.revenue
      from share_links l
      join offers o on o.id = l.offer_id
      join contacts c on c.id = l.referrer_contact_id
      left join accounts a on a.id = c.account_id
      left join members m on m.id = l.created_by_member_id
      left join click_stats cs on cs.link_id = l.id
      left join claim_stats cl on cl.link_id = l.id
      left join referral_stats rs on rs.link_id = l.id
      where l.id in (select id from links)
      order by l.revoked_at is not null, l.revoked_at desc, lower(c.name), o.created_at desc, l.created_at desc`,
  );
  return rows.map((r) => {
    const url = shareLinkUrl(publicUrl, r.code as string);
    const name = r.contact_name as string;
    const values = {
      'referrer.firstName': firstNameOf(name),
      'referrer.name': name,
      'offer.title': r.offer_title as string,
      link: url,
    };
    const fill = (text: unknown) => (text ? renderWording(text as string, values) : null);
    const live = !r.revoked_at && !r.erased_at;
    return {
      id: r.id as string,
      code: r.code as string,
      url,
      offer: {
        id: r.offer_id as string,
        title: r.offer_title as string,
        status: r.offer_status as OfferStatus,
      },
      referrer: {
        id: r.contact_id as string,
        name,
        kind: r.contact_kind as ContactKind,
        account: (r.account_name as string | null) ?? null,
      },
      createdAt: iso(r.created_at)!,
      createdBy: (r.created_by as string | null) ?? null,
      revokedAt: iso(r.revoked_at),
      stats: statsOf(r),
      wording: live
        ? {
            // With no message of its own, the link alone is what the referrer passes on.
            message: fill(r.share_message) ?? url,
            emailSubject: fill(r.share_email_subject),
            emailBody: fill(r.share_email_body),
          }
        : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Claims

function toClaim(r: Row): Claim {
  return {
    id: r.id as string,
    name: r.name as string,
    email: r.email as string,
    company: (r.company as string | null) ?? null,
    message: (r.message as string | null) ?? null,
    outcome: r.outcome as ClaimOutcome,
    refusalReason: (r.refusal_reason as string | null) ?? null,
    referrer: r.referrer_id ? { id: r.referrer_id as string, name: r.referrer_name as string } : null,
    linkCode: (r.link_code as string | null) ?? null,
    prospect: r.prospect_id ? { id: r.prospect_id as string, name: r.prospect_name as string } : null,
    referral: r.referral_id ? { id: r.referral_id as string, status: r.referral_status as string } : null,
    createdAt: iso(r.created_at)!,
  };
}

export async function listClaims(
  db: Db,
  workspaceId: string,
  offerId: string,
  query: { outcome?: ClaimOutcome; limit: number; cursor?: string },
): Promise<ClaimList> {
  await getOfferRow(db, workspaceId, offerId);
  const offset = query.cursor && /^\d{1,9}$/.test(query.cursor) ? Number(query.cursor) : 0;
  const rows = await queryRows<Row>(
    db,
    sql`
      select k.id, k.name, k.email, k.company, k.message, k.outcome, k.refusal_reason, k.created_at,
        rc.id as referrer_id, rc.name as referrer_name, l.code as link_code,
        pc.id as prospect_id, pc.name as prospect_name, r.id as referral_id, r.status as referral_status
      from offer_claims k
      left join contacts rc on rc.id = k.referrer_contact_id
      left join share_links l on l.id = k.link_id
      left join contacts pc on pc.id = k.prospect_contact_id
      left join referrals r on r.id = k.referral_id and r.workspace_id = k.workspace_id
      where k.workspace_id = ${workspaceId} and k.offer_id = ${offerId}
        ${query.outcome ? sql`and k.outcome = ${query.outcome}` : sql``}
      order by k.created_at desc, k.id
      limit ${query.limit + 1} offset ${offset}`,
  );
  return {
    claims: rows.slice(0, query.limit).map(toClaim),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Stats by referrer

export async function offerStats(db: Db, workspaceId: string, offerId: string): Promise<OfferStatsResponse> {
  const offer = await getOffer(db, workspaceId, offerId);
  const rows = await queryRows<Row>(
    db,
    sql`
      with ${clickCtes(
        sql`lc.link_id in (select id from share_links
          where workspace_id = ${workspaceId} and offer_id = ${offerId})`,
      )},
      tz as (select time_zone from workspaces where id = ${workspaceId}),
      days as (
        select to_char((clicked_at at time zone (select time_zone from tz))::date, 'YYYY-MM-DD') as day,
          count(*) filter (where not is_bot) as clicks,
          count(*) filter (where not is_bot
            and (prev is null or prev < clicked_at - interval '24 hours')) as visits
        from click_rows where clicked_at >= now() - interval '30 days'
        group by 1
      ),
      by_referrer as (
        select l.referrer_contact_id as contact_id, count(*) as links,
          max(l.code) filter (where l.revoked_at is null) as live_code,
          sum(cs.clicks) as clicks, sum(cs.bot_clicks) as bot_clicks, sum(cs.visits) as visits
        from share_links l left join click_stats cs on cs.link_id = l.id
        where l.workspace_id = ${workspaceId} and l.offer_id = ${offerId}
        group by l.referrer_contact_id
      ),
      claim_stats as (
        select referrer_contact_id as contact_id,
          count(*) filter (where outcome = 'accepted') as claims,
          count(*) filter (where outcome = 'interest') as interest
        from offer_claims where workspace_id = ${workspaceId} and offer_id = ${offerId}
          and referrer_contact_id is not null
        group by referrer_contact_id
      ),
      referral_stats as (
        select referrer_contact_id as contact_id, count(*) as referrals,
          count(*) filter (where status = 'won') as won,
          sum(booked_value) filter (where status = 'won') as revenue
        from referrals where workspace_id = ${workspaceId} and offer_id = ${offerId}
          and referrer_contact_id is not null
        group by referrer_contact_id
      ),
      everyone as (
        select contact_id from by_referrer union select contact_id from claim_stats
        union select contact_id from referral_stats
      )
      select c.id as contact_id, c.name as contact_name, a.name as account_name,
        br.links, br.live_code, br.clicks, br.bot_clicks, br.visits,
        cl.claims, cl.interest, rs.referrals, rs.won, rs.revenue,
        (select coalesce(json_agg(json_build_object('day', day, 'clicks', clicks, 'visits', visits)
          order by day), '[]'::json) from days) as days
      from everyone e
      join contacts c on c.id = e.contact_id
      left join accounts a on a.id = c.account_id
      left join by_referrer br on br.contact_id = e.contact_id
      left join claim_stats cl on cl.contact_id = e.contact_id
      left join referral_stats rs on rs.contact_id = e.contact_id
      order by coalesce(rs.revenue, 0) desc, coalesce(rs.won, 0) desc, coalesce(cl.claims, 0) desc,
        coalesce(br.visits, 0) desc, lower(c.name)`,
  );
  const referrers: ReferrerStats[] = rows.map((r) => ({
    ...statsOf(r),
    referrer: {
      id: r.contact_id as string,
      name: r.contact_name as string,
      account: (r.account_name as string | null) ?? null,
    },
    liveCode: (r.live_code as string | null) ?? null,
    links: num(r.links),
  }));
  const rawDays = rows[0]?.days;
  const days = (typeof rawDays === 'string' ? JSON.parse(rawDays) : (rawDays ?? [])) as {
    day: string;
    clicks: number;
    visits: number;
  }[];
  return {
    totals: offer.stats,
    referrers,
    days: days.map((d) => ({ day: d.day, clicks: num(d.clicks), visits: num(d.visits) })),
    currency: offer.currency,
  };
}
