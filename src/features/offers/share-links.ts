// Personal share links: one per referrer and offer, PUBLIC_URL/r/CODE. A code is 16 characters of
// a lower-case alphabet without look-alikes (80 bits from the system's random source), so it is
// short enough to read out, case-insensitive, and unguessable; codes are unique across all
// workspaces and never reused (a revoked link keeps its row and its code).
import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { shareLinks } from '../../db/schema/index.ts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const LINK_CODE_LENGTH = 16;

export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A code as typed or pasted: case and surrounding spaces do not matter; anything else is not a code. */
export function normaliseLinkCode(raw: string): string | null {
  const code = raw.trim().toLowerCase();
  if (code.length !== LINK_CODE_LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}

export function shareLinkUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/r/${code}`;
}

/**
 * The referrer's live link to the offer, created if they have none. Safe under concurrency: the
 * partial unique index on (offer, referrer) lets one insert win and the other read it.
 */
export async function ensureShareLink(
  db: Db,
  link: { workspaceId: string; offerId: string; referrerContactId: string; memberId?: string | null },
): Promise<{ id: string; code: string; created: boolean }> {
  const live = () =>
    db
      .select({ id: shareLinks.id, code: shareLinks.code })
      .from(shareLinks)
      .where(
        and(
          eq(shareLinks.workspaceId, link.workspaceId),
          eq(shareLinks.offerId, link.offerId),
          eq(shareLinks.referrerContactId, link.referrerContactId),
          isNull(shareLinks.revokedAt),
        ),
      );
  const [existing] = await live();
  if (existing) return { ...existing, created: false };
  const [row] = await db
    .insert(shareLinks)
    .values({
      workspaceId: link.workspaceId,
      offerId: link.offerId,
      referrerContactId: link.referrerContactId,
      code: newLinkCode(),
      createdByMemberId: link.memberId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: shareLinks.id, code: shareLinks.code });
  if (row) return { ...row, created: true };
  const [winner] = await live();
  if (!winner) throw new Error('share link insert conflicted but no live link exists');
  return { ...winner, created: false };
}
