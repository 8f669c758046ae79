// Giving referrers their personal links, revoking them and issuing new ones. Any member may do it:
// handing a client their link is everyday work. A link is for a client or a partner; prospects,
// erased and merged people are refused by name, and a batch is all or nothing. Revoking keeps the
// row and its code (a revoked code is never reused: the public page answers that it is no longer
// active); re-issuing revokes and creates a new code in one transaction.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { getOfferRow, selectShareLinks } from './queries.ts';
import { ensureShareLink } from './share-links.ts';

type Referrer = {
  id: string;
  name: string;
  kind: string;
  account_id: string | null;
  erased: boolean;
  merged_into_name: string | null;
  merged: boolean;
};

const kindWords: Record<string, string> = { prospect: 'a prospect', network: 'in your network only' };

function refusal(c: Referrer): string | null {
  if (c.erased) return 'this person’s data was erased';
  if (c.merged) return `merged into ${c.merged_into_name ?? 'another person'}; give the link to them instead`;
  if (c.kind !== 'client' && c.kind !== 'partner') {
    return `${kindWords[c.kind] ?? c.kind}; only clients and partners get share links (change their kind first)`;
  }
  return null;
}

async function memberName(db: Db, actor: Actor): Promise<string> {
  const [m] = await queryRows<{ name: string }>(
    db,
    sql`select name from members where id = ${actor.memberId} and workspace_id = ${actor.workspaceId}`,
  );
  return m?.name ?? 'Someone';
}

export async function issueShareLinks(
  db: Db,
  actor: Actor,
  publicUrl: string,
  offerId: string,
  contactIds: string[],
) {
  const unique = [...new Set(contactIds)];
  const ids = await db.transaction(async (tx) => {
    const offer = await getOfferRow(tx, actor.workspaceId, offerId, true);
    if (offer.status === 'archived') {
      throw new AppError('conflict', 'This offer is archived; it takes no new links');
    }
    const found = await queryRows<Referrer>(
      tx,
      sql`select c.id, c.name, c.kind, c.account_id, c.erased_at is not null as erased,
            c.merged_into_id is not null as merged, s.name as merged_into_name
          from contacts c left join contacts s on s.id = c.merged_into_id
          where c.workspace_id = ${actor.workspaceId} and c.id = any(${sql.param(unique)}::uuid[])`,
    );
    const byId = new Map(found.map((c) => [c.id, c]));
    const details: { path: string; message: string }[] = [];
    for (const [i, id] of contactIds.entries()) {
      const contact = byId.get(id);
      if (!contact) {
        details.push({ path: `body.contactIds.${i}`, message: 'No such person in this workspace' });
        continue;
      }
      const why = refusal(contact);
      if (why) details.push({ path: `body.contactIds.${i}`, message: `${contact.name}: ${why}` });
    }
    if (details.length > 0) {
      const first = details[0]!.message;
      const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
      throw new AppError('validation_failed', `No links were created. ${first}${more}`, details);
    }
    const who = await memberName(tx, actor);
    const linkIds: string[] = [];
    let created = 0;
    for (const id of unique) {
      const link = await ensureShareLink(tx, {
        workspaceId: actor.workspaceId,
        offerId,
        referrerContactId: id,
        memberId: actor.memberId,
      });
      linkIds.push(link.id);
      if (!link.created) continue;
      created++;
      const contact = byId.get(id)!;
      await recordTimelineEvent(tx, {
        workspaceId: actor.workspaceId,
        contactId: id,
        accountId: contact.account_id,
        kind: 'share_link.issued',
        refId: link.id,
        memberId: actor.memberId,
        title: `${who} gave ${contact.name} a personal link to “${offer.title}”`,
        data: { offerId, code: link.code },
      });
    }
    return { linkIds, created };
  });
  const links = await selectShareLinks(db, actor.workspaceId, publicUrl, { linkIds: ids.linkIds });
  return { links, created: ids.created };
}

type LinkRow = {
  id: string;
  offer_id: string;
  offer_title: string;
  offer_status: string;
  referrer_contact_id: string;
  contact_name: string;
  account_id: string | null;
  revoked: boolean;
  referrer: Referrer;
};

async function lockLink(tx: Db, workspaceId: string, linkId: string): Promise<LinkRow> {
  const [row] = await queryRows<Omit<LinkRow, 'referrer'> & Omit<Referrer, 'id' | 'name' | 'account_id'>>(
    tx,
    sql`select l.id, l.offer_id, o.title as offer_title, o.status as offer_status, l.referrer_contact_id,
          c.name as contact_name, c.account_id, l.revoked_at is not null as revoked, c.kind,
          c.erased_at is not null as erased, c.merged_into_id is not null as merged,
          s.name as merged_into_name
        from share_links l join offers o on o.id = l.offer_id join contacts c on c.id = l.referrer_contact_id
          left join contacts s on s.id = c.merged_into_id
        where l.workspace_id = ${workspaceId} and l.id = ${linkId}
        for update of l`,
  );
  if (!row) throw notFound('Share link');
  return {
    ...row,
    referrer: {
      id: row.referrer_contact_id,
      name: row.contact_name,
      kind: row.kind,
      account_id: row.account_id,
      erased: row.erased,
      merged: row.merged,
      merged_into_name: row.merged_into_name,
    },
  };
}

async function revokeLocked(tx: Db, actor: Actor, link: LinkRow, title: string) {
  await tx.execute(sql`update share_links set revoked_at = now()
    where workspace_id = ${actor.workspaceId} and id = ${link.id} and revoked_at is null`);
  await recordTimelineEvent(tx, {
    workspaceId: actor.workspaceId,
    contactId: link.referrer_contact_id,
    accountId: link.account_id,
    kind: 'share_link.revoked',
    refId: link.id,
    memberId: actor.memberId,
    title,
    data: { offerId: link.offer_id },
  });
}

/** Stops a link working. Revoking a revoked link changes nothing and answers the same. */
export async function revokeShareLink(db: Db, actor: Actor, publicUrl: string, linkId: string) {
  await db.transaction(async (tx) => {
    const link = await lockLink(tx, actor.workspaceId, linkId);
    if (link.revoked) return;
    const who = await memberName(tx, actor);
    await revokeLocked(
      tx,
      actor,
      link,
      `${who} revoked ${link.contact_name}’s link to “${link.offer_title}”`,
    );
  });
  const [link] = await selectShareLinks(db, actor.workspaceId, publicUrl, { linkIds: [linkId] });
  return link!;
}

/**
 * A new code for the same referrer and offer (the old one was shared too widely, say); the old
 * code stops working. Works on a revoked link too, unless the referrer already has a live one.
 */
export async function reissueShareLink(db: Db, actor: Actor, publicUrl: string, linkId: string) {
  const newId = await db.transaction(async (tx) => {
    const link = await lockLink(tx, actor.workspaceId, linkId);
    if (link.offer_status === 'archived') {
      throw new AppError('conflict', 'This offer is archived; it takes no new links');
    }
    const why = refusal(link.referrer);
    if (why) throw new AppError('conflict', `No new link: ${link.contact_name}: ${why}`);
    const who = await memberName(tx, actor);
    if (!link.revoked) {
      await revokeLocked(
        tx,
        actor,
        link,
        `${who} replaced ${link.contact_name}’s link to “${link.offer_title}” with a new one`,
      );
    }
    const fresh = await ensureShareLink(tx, {
      workspaceId: actor.workspaceId,
      offerId: link.offer_id,
      referrerContactId: link.referrer_contact_id,
      memberId: actor.memberId,
    });
    if (!fresh.created) {
      throw new AppError('conflict', `${link.contact_name} already has a live link to this offer`);
    }
    return fresh.id;
  });
  const [link] = await selectShareLinks(db, actor.workspaceId, publicUrl, { linkIds: [newId] });
  return link!;
}
