// What the referrer's public page reads, and the two writes it may make: noting that the page was
// viewed (at most once every few minutes, so a reload costs no write) and making a personal link
// for an offer added after the page was sent (only on the page's POST, never on a GET).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema/referrals.ts';
import { ensureShareLink } from '../offers/share-links.ts';
import { activeOfferCondition } from './manage-referrer-page.ts';
import { privateName } from './tokens.ts';

export type ReferrerOffer = {
  id: string;
  title: string;
  headline: string;
  description: string | null;
  terms: string | null;
  endsOn: string | null;
  shareMessage: string | null;
  shareEmailSubject: string | null;
  shareEmailBody: string | null;
  /** The referrer's live link code; null when they have none yet (offer added after the page). */
  code: string | null;
};

/** Someone they referred, as much as the referrer may see: first name and last initial, and a stage. */
export type ReferredPerson = {
  name: string | null;
  status: ReferralStatus;
  referredAt: Date;
};

export type ReferrerView = {
  pageId: string;
  workspaceId: string;
  contactId: string;
  firmName: string;
  referrerName: string;
  offers: ReferrerOffer[];
  referred: ReferredPerson[];
};

/** The live page with what it shows, or null when it is revoked or its person is gone. */
export async function loadReferrerView(db: Db, pageId: string): Promise<ReferrerView | null> {
  const [page] = await queryRows<{
    workspace_id: string;
    contact_id: string;
    firm_name: string;
    referrer_name: string;
  }>(
    db,
    sql`select p.workspace_id, p.contact_id, w.name as firm_name, c.name as referrer_name
        from referrer_pages p
        join contacts c on c.id = p.contact_id
        join workspaces w on w.id = p.workspace_id
        where p.id = ${pageId} and p.revoked_at is null
          and c.erased_at is null and c.merged_into_id is null`,
  );
  if (!page) return null;
  const offers = await queryRows<{
    id: string;
    title: string;
    headline: string;
    description: string | null;
    terms: string | null;
    ends_on: string | null;
    share_message: string | null;
    share_email_subject: string | null;
    share_email_body: string | null;
    code: string | null;
  }>(
    db,
    sql`select o.id, o.title, o.headline, o.description, o.terms, o.ends_on::text as ends_on,
               o.share_message, o.share_email_subject, o.share_email_body, l.code
        from offers o
        left join share_links l on l.offer_id = o.id and l.referrer_contact_id = ${page.contact_id}
          and l.revoked_at is null
        where o.workspace_id = ${page.workspace_id} and ${activeOfferCondition}
        order by o.created_at, o.id`,
  );
  // Erased prospects are never named; the referral still counts.
  const referred = await queryRows<{
    name: string | null;
    status: ReferralStatus;
    referred_at: Date | string;
  }>(
    db,
    sql`select case when pc.id is not null and pc.erased_at is not null then null
                    else coalesce(pc.name, r.prospect_name) end as name,
               r.status, r.referred_at
        from referrals r
        left join contacts pc on pc.id = r.prospect_contact_id
        where r.workspace_id = ${page.workspace_id} and r.referrer_contact_id = ${page.contact_id}
        order by r.referred_at desc, r.id
        limit 200`,
  );
  return {
    pageId,
    workspaceId: page.workspace_id,
    contactId: page.contact_id,
    firmName: page.firm_name,
    referrerName: page.referrer_name,
    offers: offers.map((o) => ({
      id: o.id,
      title: o.title,
      headline: o.headline,
      description: o.description,
      terms: o.terms,
      endsOn: o.ends_on,
      shareMessage: o.share_message,
      shareEmailSubject: o.share_email_subject,
      shareEmailBody: o.share_email_body,
      code: o.code,
    })),
    referred: referred.map((r) => ({
      name: privateName(r.name),
      status: r.status,
      referredAt: new Date(r.referred_at),
    })),
  };
}

/** Notes a view; a view within five minutes of the last one writes nothing. */
export async function markViewed(db: Db, pageId: string): Promise<void> {
  await db.execute(
    sql`update referrer_pages set last_viewed_at = now()
        where id = ${pageId} and revoked_at is null
          and (last_viewed_at is null or last_viewed_at < now() - interval '5 minutes')`,
  );
}

/**
 * The referrer's link for an offer shown on their page, made if missing. Null when the page is no
 * longer live or the offer is not active in the page's workspace.
 */
export async function linkFromPage(db: Db, pageId: string, offerId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ workspace_id: string; contact_id: string }>(
      tx,
      sql`select p.workspace_id, p.contact_id
          from referrer_pages p
          join offers o on o.workspace_id = p.workspace_id and o.id = ${offerId}
          join contacts c on c.id = p.contact_id
          where p.id = ${pageId} and p.revoked_at is null and c.erased_at is null
            and c.merged_into_id is null and ${activeOfferCondition}`,
    );
    if (!row) return null;
    const link = await ensureShareLink(tx, {
      workspaceId: row.workspace_id,
      offerId,
      referrerContactId: row.contact_id,
      memberId: null,
    });
    return link.code;
  });
}
