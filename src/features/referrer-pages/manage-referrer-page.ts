// A referrer's page, from the team's side: make it (or get the live one), revoke it, re-issue it
// (revoke and make a new one, so the old address stops working), and send it by email.
//
// Glossary: referrer = a client or partner contact who passes our offers on; page = their
// personal, tokenized page at PUBLIC_URL/p/TOKEN; live = not revoked (at most one per contact).
// Making or sending a page also makes the referrer's personal link for every active offer, so the
// public page itself never has to write one when it is shown.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { contacts, members, referrerPages, workspaces } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { escapeHtml } from '../../public/html.ts';
import type { Actor } from '../auth/actor.ts';
import { ensureShareLink } from '../offers/share-links.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import type { ReferrerPage, ReferrerPageState, SendReferrerPageBody } from './schemas.ts';
import { referrerPageUrl, signReferrerToken } from './tokens.ts';

export type LinkContext = { publicUrl: string; linkSecret: Buffer };

type Referrer = {
  id: string;
  name: string;
  email: string | null;
  mayEmail: boolean;
  accountId: string | null;
};

/** The contact, if it may have a referrer page: in this workspace, a client or partner, not erased or merged. */
export async function referrerOf(db: Db, workspaceId: string, contactId: string): Promise<Referrer> {
  const [row] = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      mayEmail: contacts.mayEmail,
      accountId: contacts.accountId,
      kind: contacts.kind,
      erasedAt: contacts.erasedAt,
      mergedIntoId: contacts.mergedIntoId,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!row) throw notFound('Contact');
  if (row.erasedAt) throw new AppError('validation_failed', 'This person’s personal data was erased');
  if (row.mergedIntoId) throw new AppError('validation_failed', 'This record was merged into another one');
  if (row.kind !== 'client' && row.kind !== 'partner') {
    throw new AppError(
      'validation_failed',
      `Referrer pages are for clients and partners; ${row.name} is a ${row.kind}. Change their kind first.`,
    );
  }
  return row;
}

/** Active offers: not paused or archived, and open today. */
export const activeOfferCondition = sql`o.status = 'active'
  and (o.starts_on is null or o.starts_on <= current_date)
  and (o.ends_on is null or o.ends_on >= current_date)`;

async function activeOfferIds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select o.id from offers o where o.workspace_id = ${workspaceId} and ${activeOfferCondition}
        order by o.created_at`,
  );
  return rows.map((r) => r.id);
}

/** Makes the referrer's personal link for every active offer that lacks one. */
export async function ensureLinksForActiveOffers(
  db: Db,
  workspaceId: string,
  contactId: string,
  memberId: string | null,
): Promise<void> {
  for (const offerId of await activeOfferIds(db, workspaceId)) {
    await ensureShareLink(db, { workspaceId, offerId, referrerContactId: contactId, memberId });
  }
}

async function toDto(
  db: Db,
  links: LinkContext,
  row: typeof referrerPages.$inferSelect,
): Promise<ReferrerPage> {
  const [counts] = await queryRows<{ active: number; linked: number }>(
    db,
    sql`select count(*)::int as active,
               count(*) filter (where exists (
                 select 1 from share_links l
                 where l.offer_id = o.id and l.referrer_contact_id = ${row.contactId} and l.revoked_at is null
               ))::int as linked
        from offers o where o.workspace_id = ${row.workspaceId} and ${activeOfferCondition}`,
  );
  return {
    id: row.id,
    contactId: row.contactId,
    url: referrerPageUrl(links.publicUrl, signReferrerToken(links.linkSecret, row.id)),
    createdAt: row.createdAt.toISOString(),
    lastViewedAt: row.lastViewedAt?.toISOString() ?? null,
    activeOffers: Number(counts?.active ?? 0),
    offersWithLink: Number(counts?.linked ?? 0),
  };
}

async function liveRow(db: Db, workspaceId: string, contactId: string) {
  const [row] = await db
    .select()
    .from(referrerPages)
    .where(
      and(
        eq(referrerPages.workspaceId, workspaceId),
        eq(referrerPages.contactId, contactId),
        isNull(referrerPages.revokedAt),
      ),
    );
  return row ?? null;
}

function cannotEmail(referrer: Referrer): string | null {
  if (!referrer.email) return `${referrer.name} has no email address on record.`;
  if (!referrer.mayEmail) return `${referrer.name} asked not to be emailed.`;
  return null;
}

export async function getReferrerPageState(
  db: Db,
  links: LinkContext,
  actor: Actor,
  contactId: string,
): Promise<ReferrerPageState> {
  const referrer = await referrerOf(db, actor.workspaceId, contactId);
  const live = await liveRow(db, actor.workspaceId, contactId);
  let revokedAt: string | null = null;
  if (!live) {
    const [last] = await db
      .select({ revokedAt: referrerPages.revokedAt })
      .from(referrerPages)
      .where(and(eq(referrerPages.workspaceId, actor.workspaceId), eq(referrerPages.contactId, contactId)))
      .orderBy(desc(referrerPages.revokedAt))
      .limit(1);
    revokedAt = last?.revokedAt?.toISOString() ?? null;
  }
  return {
    page: live ? await toDto(db, links, live) : null,
    cannotEmail: cannotEmail(referrer),
    revokedAt,
  };
}

async function getOrCreate(
  tx: Db,
  actor: Actor,
  referrer: Referrer,
): Promise<{ row: typeof referrerPages.$inferSelect; created: boolean }> {
  const existing = await liveRow(tx, actor.workspaceId, referrer.id);
  await ensureLinksForActiveOffers(tx, actor.workspaceId, referrer.id, actor.memberId);
  if (existing) return { row: existing, created: false };
  // The partial unique index keeps one live page per contact if two members click at once.
  const [row] = await tx
    .insert(referrerPages)
    .values({ workspaceId: actor.workspaceId, contactId: referrer.id, createdByMemberId: actor.memberId })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const winner = await liveRow(tx, actor.workspaceId, referrer.id);
    if (!winner) throw new Error('referrer page insert conflicted but no live page exists');
    return { row: winner, created: false };
  }
  await recordTimelineEvent(tx, {
    workspaceId: actor.workspaceId,
    contactId: referrer.id,
    accountId: referrer.accountId,
    kind: 'referrer_page.created',
    refId: row.id,
    memberId: actor.memberId,
    title: `Referrer page made for ${referrer.name}`,
  });
  return { row, created: true };
}

/** The live page, made if there is none; links for every active offer either way. */
export async function createReferrerPage(
  db: Db,
  links: LinkContext,
  actor: Actor,
  contactId: string,
): Promise<{ page: ReferrerPage; created: boolean }> {
  return db.transaction(async (tx) => {
    const referrer = await referrerOf(tx, actor.workspaceId, contactId);
    const { row, created } = await getOrCreate(tx, actor, referrer);
    return { page: await toDto(tx, links, row), created };
  });
}

async function revokeLive(tx: Db, actor: Actor, referrer: Referrer, why: string): Promise<boolean> {
  const revoked = await tx
    .update(referrerPages)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(referrerPages.workspaceId, actor.workspaceId),
        eq(referrerPages.contactId, referrer.id),
        isNull(referrerPages.revokedAt),
      ),
    )
    .returning({ id: referrerPages.id });
  if (revoked.length === 0) return false;
  await recordTimelineEvent(tx, {
    workspaceId: actor.workspaceId,
    contactId: referrer.id,
    accountId: referrer.accountId,
    kind: 'referrer_page.revoked',
    refId: revoked[0]!.id,
    memberId: actor.memberId,
    title: `${referrer.name}’s referrer page ${why}: the old address no longer works`,
  });
  return true;
}

export async function revokeReferrerPage(db: Db, actor: Actor, contactId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const referrer = await referrerOf(tx, actor.workspaceId, contactId);
    if (!(await revokeLive(tx, actor, referrer, 'revoked'))) throw notFound('Live referrer page');
  });
}

/** Revokes the live page (if any) and makes a new one with a new address. */
export async function reissueReferrerPage(
  db: Db,
  links: LinkContext,
  actor: Actor,
  contactId: string,
): Promise<ReferrerPage> {
  return db.transaction(async (tx) => {
    const referrer = await referrerOf(tx, actor.workspaceId, contactId);
    await revokeLive(tx, actor, referrer, 're-issued');
    const { row } = await getOrCreate(tx, actor, referrer);
    return toDto(tx, links, row);
  });
}

export function renderReferrerPageMail(input: {
  firmName: string;
  referrerName: string;
  memberName: string;
  url: string;
  note: string | null;
}): { subject: string; text: string; html: string } {
  const first = input.referrerName.trim().split(/\s+/)[0] || input.referrerName;
  const subject = `Your personal page at ${input.firmName}`;
  const intro =
    'Here is your personal page: the offers you can pass on to colleagues, each with your own link and wording you can copy, and what came of the people you sent our way.';
  const text = [
    `Hi ${first},`,
    '',
    ...(input.note ? [input.note, ''] : []),
    intro,
    '',
    input.url,
    '',
    'The link is personal to you: please do not forward this email itself.',
    '',
    `Thank you,`,
    input.memberName,
    input.firmName,
  ].join('\n');
  const e = escapeHtml;
  const paragraphs = (value: string) =>
    value
      .split(/\n{2,}/)
      .map((p) => `<p style="margin:0 0 14px">${e(p).replaceAll('\n', '<br>')}</p>`)
      .join('');
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f6f5f3;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="100%" style="max-width:560px;background:#fff;border-radius:12px" cellpadding="24" cellspacing="0"><tr><td>
<p style="margin:0 0 14px">Hi ${e(first)},</p>
${input.note ? paragraphs(input.note) : ''}
<p style="margin:0 0 18px">${e(intro)}</p>
<p style="margin:0 0 18px"><a href="${e(input.url)}" style="display:inline-block;background:#e8590c;color:#fff;text-decoration:none;font-weight:600;padding:11px 20px;border-radius:8px">Open my page</a></p>
<p style="margin:0 0 14px;font-size:13px;color:#6a6f75">The link is personal to you: please do not forward this email itself.</p>
<p style="margin:0">Thank you,<br>${e(input.memberName)}<br>${e(input.firmName)}</p>
</td></tr></table></td></tr></table></body></html>`;
  return { subject, text, html };
}

/** Emails the live page (made if needed) to the referrer, when they have an address and allow email. */
export async function sendReferrerPage(
  db: Db,
  deps: LinkContext & { mailer: Mailer },
  actor: Actor,
  contactId: string,
  body: SendReferrerPageBody,
): Promise<{ page: ReferrerPage; sentTo: string; delivery: 'queued' | 'outbox' }> {
  return db.transaction(async (tx) => {
    const referrer = await referrerOf(tx, actor.workspaceId, contactId);
    const refusal = cannotEmail(referrer);
    if (refusal) throw new AppError('unprocessable', refusal);
    const { row } = await getOrCreate(tx, actor, referrer);
    const page = await toDto(tx, deps, row);
    const [firm] = await tx
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    const [me] = await tx
      .select({ name: members.name })
      .from(members)
      .where(and(eq(members.workspaceId, actor.workspaceId), eq(members.id, actor.memberId)));
    const memberName = me?.name ?? firm?.name ?? '';
    const mail = renderReferrerPageMail({
      firmName: firm?.name ?? '',
      referrerName: referrer.name,
      memberName,
      url: page.url,
      note: body.note || null,
    });
    const queued = await deps.mailer.queue(tx, {
      workspaceId: actor.workspaceId,
      to: referrer.email!,
      ...mail,
    });
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      contactId: referrer.id,
      accountId: referrer.accountId,
      kind: 'referrer_page.sent',
      refId: row.id,
      memberId: actor.memberId,
      title: `${memberName} emailed ${referrer.name} their referrer page`,
      body: body.note || null,
    });
    return { page, sentTo: referrer.email!, delivery: queued.status };
  });
}
