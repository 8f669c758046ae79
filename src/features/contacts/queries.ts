// Reads of contacts: one with its relationships, filtered and sorted pages with stable cursors,
// typo-tolerant search (pg_trgm) and the tag list.
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, withIndexedSearch } from '../../db/client.ts';
import { accounts, contacts, members } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { relationshipsOfContact } from '../relationships/queries.ts';
import type { Contact, ContactDetail, ContactListItem, ContactListQuery } from './schemas.ts';

type ContactRow = typeof contacts.$inferSelect;
type Joined = { contact: ContactRow; accountName: string | null; bestMemberName: string | null };

export async function getContactRow(db: Db, workspaceId: string, contactId: string): Promise<ContactRow> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!row) throw notFound('Contact');
  return row;
}

function toListItem({ contact: c, accountName, bestMemberName }: Joined): ContactListItem {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    title: c.title,
    kind: c.kind,
    account: c.accountId && accountName ? { id: c.accountId, name: accountName } : null,
    tags: c.tags,
    lastContactedAt: c.lastContactedAt?.toISOString() ?? null,
    bestRelationship:
      c.bestMemberId && bestMemberName && c.bestStrength > 0
        ? { memberId: c.bestMemberId, memberName: bestMemberName, strength: c.bestStrength }
        : null,
    archived: c.archivedAt !== null,
  };
}

function toContact(joined: Joined): Contact {
  const c = joined.contact;
  return {
    ...toListItem(joined),
    otherEmails: c.otherEmails,
    phone: c.phone,
    preferredChannel: c.preferredChannel,
    bestTime: c.bestTime,
    family: c.family,
    interests: c.interests,
    workingOn: c.workingOn,
    notes: c.notes,
    canHelpWith: c.canHelpWith,
    mayEmail: c.mayEmail,
    maySurvey: c.maySurvey,
    externalId: c.externalId,
    erased: c.erasedAt !== null,
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const joinedSelection = { contact: contacts, accountName: accounts.name, bestMemberName: members.name };

export async function getContactDetail(
  db: Db,
  workspaceId: string,
  contactId: string,
): Promise<ContactDetail> {
  const [row] = await db
    .select(joinedSelection)
    .from(contacts)
    .leftJoin(accounts, eq(accounts.id, contacts.accountId))
    .leftJoin(members, eq(members.id, contacts.bestMemberId))
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!row) throw notFound('Contact');
  return { ...toContact(row), relationships: await relationshipsOfContact(db, workspaceId, contactId) };
}

const searchText = sql`(lower(${contacts.name}) || ' ' || coalesce(${contacts.email}, ''))`;

/**
 * The search condition and relevance for `q`: a typo-tolerant match on name and email (the
 * trigram index), contacts of a company whose name matches, and an exact tag.
 */
function searchCondition(workspaceId: string, q: string) {
  const term = q.toLowerCase();
  // Something with an @ is an email address being typed: match addresses that start with it
  // (btree) or contain it (trigram LIKE), not by similarity, since the trigrams of "name@" are
  // shared by most addresses.
  if (term.includes('@')) {
    const escaped = term.replace(/[\\%_]/g, '\\$&');
    const matching = sql`
      select c.id from ${contacts} c where c.workspace_id = ${workspaceId} and lower(c.email) like ${`${escaped}%`}
      union
      select c.id from ${contacts} c
        where c.workspace_id = ${workspaceId} and (lower(c.name) || ' ' || coalesce(c.email, '')) like ${`%${escaped}%`}`;
    return {
      where: sql`${contacts.id} in (${matching})`,
      score: sql<number>`case when lower(${contacts.email}) = ${term} then 1 when lower(${contacts.email}) like ${`${escaped}%`} then 0.9 else 0.8 end`,
    };
  }
  // Each way of matching is its own index-backed branch (trigram on name and email, companies by
  // trigram on their name, tags by GIN); joined with OR in one WHERE, the planner would fall back
  // to checking every row's trigrams, which at 100,000 contacts takes a second.
  const matchingIds = sql`
    select c.id from ${contacts} c
      where c.workspace_id = ${workspaceId} and ${term} <% (lower(c.name) || ' ' || coalesce(c.email, ''))
    union
    select c.id from ${contacts} c
      where c.workspace_id = ${workspaceId} and c.account_id in (
        select a.id from ${accounts} a where a.workspace_id = ${workspaceId} and ${term} <% lower(a.name))
    union
    select c.id from ${contacts} c where c.workspace_id = ${workspaceId} and c.tags @> array[${term}]::text[]`;
  // The list query joins the contact's account, so its name is at hand for scoring.
  const score = sql<number>`greatest(
    word_similarity(${term}, ${searchText}),
    coalesce(word_similarity(${term}, lower(${accounts.name})) * 0.9, 0),
    case when ${contacts.tags} @> array[${term}]::text[] then 0.8 else 0 end)`;
  return { where: sql`${contacts.id} in (${matchingIds})`, score };
}

type SortKey = 'name' | 'last_contacted' | 'strength' | 'created' | 'relevance';

function sortExpression(key: SortKey, score: SQL | undefined): { expr: SQL; cast: string } {
  switch (key) {
    case 'name':
      return { expr: sql`lower(${contacts.name})`, cast: 'text' };
    case 'last_contacted':
      return { expr: sql`coalesce(${contacts.lastContactedAt}, 'epoch'::timestamptz)`, cast: 'timestamptz' };
    case 'strength':
      return { expr: sql`${contacts.bestStrength}`, cast: 'int' };
    case 'created':
      return { expr: sql`${contacts.createdAt}`, cast: 'timestamptz' };
    case 'relevance':
      return { expr: score ?? sql`0`, cast: 'float8' };
  }
}

export async function listContacts(db: Db, workspaceId: string, query: ContactListQuery) {
  return query.q
    ? withIndexedSearch(db, (tx) => pageOfContacts(tx, workspaceId, query))
    : pageOfContacts(db, workspaceId, query);
}

async function pageOfContacts(db: Db, workspaceId: string, query: ContactListQuery) {
  const filters: (SQL | undefined)[] = [eq(contacts.workspaceId, workspaceId), isNull(contacts.mergedIntoId)];
  if (query.archived === 'false') filters.push(isNull(contacts.archivedAt));
  if (query.archived === 'true') filters.push(isNotNull(contacts.archivedAt));
  if (query.kind?.length) filters.push(sql`${contacts.kind} = any(${sql.param(query.kind)}::text[])`);
  if (query.accountId) filters.push(eq(contacts.accountId, query.accountId));
  if (query.accountStatus?.length) {
    filters.push(
      sql`${contacts.accountId} in (select a.id from ${accounts} a where a.workspace_id = ${workspaceId} and a.status = any(${sql.param(query.accountStatus)}::text[]))`,
    );
  }
  if (query.tag?.length) filters.push(sql`${contacts.tags} @> ${sql.param(query.tag)}::text[]`);
  if (query.memberId) {
    filters.push(
      sql`exists (select 1 from relationships r where r.contact_id = ${contacts.id} and r.member_id = ${query.memberId} and r.strength > 0)`,
    );
  }
  if (query.minStrength !== undefined) filters.push(sql`${contacts.bestStrength} >= ${query.minStrength}`);
  if (query.maxStrength !== undefined) filters.push(sql`${contacts.bestStrength} <= ${query.maxStrength}`);
  if (query.contactedBefore) filters.push(sql`${contacts.lastContactedAt} < ${query.contactedBefore}::date`);
  if (query.contactedAfter) filters.push(sql`${contacts.lastContactedAt} >= ${query.contactedAfter}::date`);
  if (query.neverContacted === 'true') filters.push(isNull(contacts.lastContactedAt));
  if (query.neverContacted === 'false') filters.push(isNotNull(contacts.lastContactedAt));

  const search = query.q ? searchCondition(workspaceId, query.q) : undefined;
  if (search) filters.push(search.where);

  const sort = query.sort ?? (search ? '-relevance' : 'name');
  const descending = sort.startsWith('-');
  const { expr, cast } = sortExpression(sort.replace(/^-/, '') as SortKey, search?.score);
  if (query.cursor) {
    const { value, id } = decodeCursor(query.cursor);
    const typed = sql`${value}::${sql.raw(cast)}`;
    const cmp = descending ? lt : gt;
    filters.push(or(cmp(expr, typed), and(sql`${expr} = ${typed}`, cmp(contacts.id, id))));
  }
  const rows = await db
    .select({ ...joinedSelection, sortValue: sql<unknown>`${expr}` })
    .from(contacts)
    .leftJoin(accounts, eq(accounts.id, contacts.accountId))
    .leftJoin(members, eq(members.id, contacts.bestMemberId))
    .where(and(...filters))
    .orderBy(...(descending ? [desc(expr), desc(contacts.id)] : [asc(expr), asc(contacts.id)]))
    .limit(query.limit + 1);
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    contacts: pageRows.map(toListItem),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(cursorValue(last.sortValue), last.contact.id) : null,
  };
}

function cursorValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return value;
  return String(value);
}

export async function listTags(db: Db, workspaceId: string) {
  const rows = await queryRows<{ tag: string; count: number }>(
    db,
    sql`
    select tag, count(*)::int as count from (
      select unnest(tags) as tag from ${contacts} where workspace_id = ${workspaceId} and merged_into_id is null
      union all
      select unnest(tags) from ${accounts} where workspace_id = ${workspaceId}
    ) t group by tag order by count(*) desc, tag limit 500
  `,
  );
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}
