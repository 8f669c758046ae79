// Testimonials: a client's words about us, attached to the person (and their company, taken from
// the person) and to the work it is about, with their permission to publish (and since when).
// The export holds only what is fit to publish: the quote, how they want to be credited, the
// company and the work; never an email address or an internal note.
import { and, count, desc, eq, gte, isNull, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accounts, contacts, members, testimonials } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { csvLine } from '../imports/csv.ts';
import { privateName } from '../referrer-pages/tokens.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import type {
  CreateTestimonialBody,
  Testimonial,
  TestimonialExportQuery,
  TestimonialListQuery,
  UpdateTestimonialBody,
} from './schemas.ts';

const today = () => new Date().toISOString().slice(0, 10);

const selection = {
  t: testimonials,
  contactName: contacts.name,
  accountName: accounts.name,
  memberName: members.name,
};
type Row = {
  t: typeof testimonials.$inferSelect;
  contactName: string;
  accountName: string | null;
  memberName: string | null;
};

function toDto({ t, contactName, accountName, memberName }: Row): Testimonial {
  return {
    id: t.id,
    contact: { id: t.contactId, name: contactName },
    account: t.accountId && accountName ? { id: t.accountId, name: accountName } : null,
    about: t.about,
    quote: t.quote,
    mayPublish: t.mayPublish,
    permissionOn: t.permissionAt ? t.permissionAt.toISOString().slice(0, 10) : null,
    attribution: t.attribution,
    collectedOn: t.collectedOn,
    collectedBy: t.collectedByMemberId && memberName ? { id: t.collectedByMemberId, name: memberName } : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

function rows(db: Db) {
  return db
    .select(selection)
    .from(testimonials)
    .innerJoin(contacts, eq(contacts.id, testimonials.contactId))
    .leftJoin(accounts, eq(accounts.id, testimonials.accountId))
    .leftJoin(members, eq(members.id, testimonials.collectedByMemberId));
}

export async function getTestimonial(db: Db, workspaceId: string, id: string): Promise<Testimonial> {
  const [row] = await rows(db).where(and(eq(testimonials.workspaceId, workspaceId), eq(testimonials.id, id)));
  if (!row) throw notFound('Testimonial');
  return toDto(row);
}

function conditions(workspaceId: string, query: Omit<TestimonialListQuery, 'limit'>): SQL[] {
  const where: SQL[] = [eq(testimonials.workspaceId, workspaceId)];
  if (query.contact) where.push(eq(testimonials.contactId, query.contact));
  if (query.mayPublish !== undefined) where.push(eq(testimonials.mayPublish, query.mayPublish));
  if (query.from) where.push(gte(testimonials.collectedOn, query.from));
  if (query.to) where.push(lte(testimonials.collectedOn, query.to));
  return where;
}

export async function listTestimonials(db: Db, workspaceId: string, query: TestimonialListQuery) {
  const where = and(...conditions(workspaceId, query));
  const found = await rows(db)
    .where(where)
    .orderBy(desc(testimonials.collectedOn), desc(testimonials.createdAt))
    .limit(query.limit);
  const [total] = await db.select({ n: count() }).from(testimonials).where(where);
  return { testimonials: found.map(toDto), total: Number(total?.n ?? 0) };
}

/** The contact it is attached to: in this workspace, and still someone (not erased or merged). */
async function contactFor(db: Db, workspaceId: string, contactId: string) {
  const [row] = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      accountId: contacts.accountId,
      erasedAt: contacts.erasedAt,
      mergedIntoId: contacts.mergedIntoId,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!row) throw notFound('Contact');
  if (row.erasedAt || row.mergedIntoId)
    throw new AppError(
      'validation_failed',
      'contactId: this person was erased or merged into another record',
    );
  return row;
}

async function checkMember(db: Db, workspaceId: string, memberId: string) {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
  if (!row) throw new AppError('validation_failed', 'collectedByMemberId: not a member of this workspace');
}

/** The permission fields after a change: a date only with permission, and never in the future. */
function permission(
  mayPublish: boolean,
  permissionOn: string | null | undefined,
  previous: Date | null,
): Date | null {
  if (!mayPublish) {
    if (permissionOn)
      throw new AppError('validation_failed', 'permissionOn: only with permission to publish');
    return null;
  }
  const on = permissionOn ?? previous?.toISOString().slice(0, 10) ?? today();
  if (on > today()) throw new AppError('validation_failed', 'permissionOn: cannot be in the future');
  return new Date(`${on}T00:00:00Z`);
}

function checkCollectedOn(on: string) {
  if (on > today()) throw new AppError('validation_failed', 'collectedOn: cannot be in the future');
}

export async function createTestimonial(
  db: Db,
  actor: Actor,
  body: CreateTestimonialBody,
): Promise<Testimonial> {
  return db.transaction(async (tx) => {
    const contact = await contactFor(tx, actor.workspaceId, body.contactId);
    const collectedBy = body.collectedByMemberId === undefined ? actor.memberId : body.collectedByMemberId;
    if (collectedBy) await checkMember(tx, actor.workspaceId, collectedBy);
    const collectedOn = body.collectedOn ?? today();
    checkCollectedOn(collectedOn);
    const mayPublish = body.mayPublish ?? false;
    const [row] = await tx
      .insert(testimonials)
      .values({
        workspaceId: actor.workspaceId,
        contactId: contact.id,
        accountId: contact.accountId,
        about: body.about || null,
        quote: body.quote,
        mayPublish,
        permissionAt: permission(mayPublish, body.permissionOn, null),
        attribution: body.attribution || null,
        collectedByMemberId: collectedBy,
        collectedOn,
      })
      .returning({ id: testimonials.id });
    const excerpt = body.quote.length > 140 ? `${body.quote.slice(0, 139)}…` : body.quote;
    await recordTimelineEvent(tx, {
      workspaceId: actor.workspaceId,
      contactId: contact.id,
      accountId: contact.accountId,
      // Collected today: now, so it sits at the top; an earlier day: noon of that day.
      occurredAt: collectedOn === today() ? new Date() : new Date(`${collectedOn}T12:00:00Z`),
      kind: 'testimonial',
      refId: row!.id,
      memberId: actor.memberId,
      title: `Testimonial from ${contact.name}${mayPublish ? ' (may be published)' : ''}`,
      body: `“${excerpt}”`,
    });
    return getTestimonial(tx, actor.workspaceId, row!.id);
  });
}

export async function updateTestimonial(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdateTestimonialBody,
): Promise<Testimonial> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(testimonials)
      .where(and(eq(testimonials.workspaceId, actor.workspaceId), eq(testimonials.id, id)));
    if (!current) throw notFound('Testimonial');
    const contact =
      body.contactId && body.contactId !== current.contactId
        ? await contactFor(tx, actor.workspaceId, body.contactId)
        : null;
    if (body.collectedByMemberId) await checkMember(tx, actor.workspaceId, body.collectedByMemberId);
    const collectedOn = body.collectedOn ?? current.collectedOn;
    if (body.collectedOn) checkCollectedOn(body.collectedOn);
    const mayPublish = body.mayPublish ?? current.mayPublish;
    // Turning permission off clears its date; a date sent with it on replaces the stored one.
    const permissionAt =
      body.mayPublish === undefined && body.permissionOn === undefined
        ? current.permissionAt
        : permission(
            mayPublish,
            body.permissionOn,
            body.permissionOn === undefined ? current.permissionAt : null,
          );
    await tx
      .update(testimonials)
      .set({
        ...(contact && { contactId: contact.id, accountId: contact.accountId }),
        ...(body.about !== undefined && { about: body.about || null }),
        ...(body.quote !== undefined && { quote: body.quote }),
        ...(body.attribution !== undefined && { attribution: body.attribution || null }),
        ...(body.collectedByMemberId !== undefined && { collectedByMemberId: body.collectedByMemberId }),
        collectedOn,
        mayPublish,
        permissionAt,
        updatedAt: new Date(),
      })
      .where(eq(testimonials.id, id));
    return getTestimonial(tx, actor.workspaceId, id);
  });
}

export async function deleteTestimonial(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .delete(testimonials)
    .where(and(eq(testimonials.workspaceId, actor.workspaceId), eq(testimonials.id, id)))
    .returning({ id: testimonials.id });
  if (!row) throw notFound('Testimonial');
}

export const exportColumns = ['quote', 'attribution', 'company', 'about', 'collected_on', 'permission_on'];

/** How to credit a quote when no attribution was agreed: first name and initial, and the company. */
function creditOf(row: Row): string {
  if (row.t.attribution) return row.t.attribution;
  const name = privateName(row.contactName) ?? '';
  return row.accountName ? `${name}, ${row.accountName}` : name;
}

/** The CSV: publishable ones only unless asked; a may_publish column when others are included. */
export async function exportTestimonialsCsv(
  db: Db,
  workspaceId: string,
  query: TestimonialExportQuery,
): Promise<string> {
  const where = conditions(workspaceId, query);
  if (query.publishableOnly) where.push(eq(testimonials.mayPublish, true));
  // Someone who asked to be forgotten is never published, whatever they once agreed to.
  where.push(isNull(contacts.erasedAt));
  const found = await rows(db)
    .where(and(...where))
    .orderBy(desc(testimonials.collectedOn), desc(testimonials.createdAt));
  const withFlag = !query.publishableOnly;
  let out = `\uFEFF${csvLine([...exportColumns, ...(withFlag ? ['may_publish'] : [])])}`;
  for (const row of found) {
    const t = toDto(row);
    out += csvLine([
      t.quote,
      creditOf(row),
      row.accountName,
      t.about,
      t.collectedOn,
      t.permissionOn,
      ...(withFlag ? [String(t.mayPublish)] : []),
    ]);
  }
  return out;
}
