// Offers, referrers and share links written straight to the database, for the tests of the public
// offer pages (the offers admin API has tests of its own).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contacts, members, offers } from '../../db/schema/index.ts';
import { findOrCreateAccountByName } from '../accounts/queries.ts';
import { ensureShareLink } from '../offers/share-links.ts';

export type OfferRow = typeof offers.$inferInsert;

export async function seedReferrer(
  db: Db,
  workspaceId: string,
  person: { name: string; company?: string | null; bestMemberId?: string | null } = {
    name: 'Ana Silva',
    company: 'Northwind',
  },
) {
  let accountId: string | null = null;
  if (person.company) {
    accountId = await findOrCreateAccountByName(db, workspaceId, person.company);
  }
  const [contact] = await db
    .insert(contacts)
    .values({
      workspaceId,
      name: person.name,
      email: `${person.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@client.test`,
      kind: 'client',
      accountId,
      bestMemberId: person.bestMemberId ?? null,
    })
    .returning({ id: contacts.id });
  return { contactId: contact!.id, accountId };
}

/** An active offer (overridable) with a live share link for a new referrer. */
export async function seedOfferWithLink(
  db: Db,
  workspaceId: string,
  options: {
    offer?: Partial<OfferRow>;
    referrer?: { name: string; company?: string | null; bestMemberId?: string | null };
  } = {},
) {
  const [offer] = await db
    .insert(offers)
    .values({
      workspaceId,
      title: 'No-fee cloud cost assessment',
      type: 'assessment',
      headline: 'A free look at your cloud bill',
      body: 'Two hours with a senior engineer.\n\nWe find the savings, you keep them.',
      terms: 'One assessment per company.',
      afterClaim: 'We will reply within one business day to book a time.',
      ...options.offer,
    })
    .returning({ id: offers.id, title: offers.title });
  const referrer = await seedReferrer(db, workspaceId, options.referrer);
  const link = await ensureShareLink(db, {
    workspaceId,
    offerId: offer!.id,
    referrerContactId: referrer.contactId,
  });
  return { offer: offer!, referrer, link };
}

export async function ownerOf(db: Db, workspaceId: string) {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.workspaceId, workspaceId));
  return row!.id;
}
