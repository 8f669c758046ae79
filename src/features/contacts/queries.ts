// Reads of contacts: one with its relationships, filtered and sorted pages with stable cursors,
// typo-tolerant search (pg_trgm) and the tag list.
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, withIndexedSearch } from '../../db/client.ts';
import { accounts, contacts, members } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { pageOfAccounts } from '../accounts/queries.ts';
import { relationshipsOfContact } from '../relationships/queries.ts';
import { contactFilterConditions } from './count.ts';
import type { Contact, ContactDetail, ContactListItem, ContactListQuery } from './schemas.ts';
import {
  escapeLike,
  maxTagLength,
  minPrefixLength,
  quickSearchCandidates,
  searchCandidates,
  unplanned,
  wordStartPattern,
} from './search-terms.ts';

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
 * The contacts matching `q` among those passing `filters`, with their relevance: a derived
 * table `hits(id, score)`. Relevance is tiered: a word that starts with the term (an exact or
 * prefix match) adds 1 to the similarity, so those come first and typo-tolerant matches follow
 * by similarity. Each way of matching is its own branch, read through its index (a materialized
 * CTE, so the planner plans it for all its rows and does not trade the trigram index for a
 * workspace scan that checks every row) and cut at `cap` rows (see `searchCandidates`); the
 * filters apply inside every branch, so a filtered search still finds up to `cap` rows per branch.
 */
function searchHits(workspaceId: string, q: string, filters: SQL, cap: number): SQL {
  const term = q.toLowerCase();
  // Something with an @ is an email address being typed: match addresses that start with it
  // (btree) or contain it (trigram LIKE), not by similarity, since the trigrams of "name@" are
  // shared by most addresses.
  if (term.includes('@')) {
    const prefix = `${escapeLike(term)}%`;
    return sql`(
      with by_prefix as materialized (
        select ${contacts.id} as id from ${contacts} where ${filters} and lower(${contacts.email}) like ${prefix}),
      containing as materialized (
        select ${contacts.id} as id from ${contacts} where ${filters} and ${searchText} like ${unplanned(`%${escapeLike(term)}%`)})
      select c.id,
        (case when lower(c.email) = ${term} then 1 when lower(c.email) like ${prefix} then 0.9 else 0.8 end)::float8 as score
      from ((select id from by_prefix limit ${cap}) union (select id from containing limit ${cap})) m
        join ${contacts} c on c.id = m.id
    ) hits`;
  }
  const pattern = wordStartPattern(term);
  const nameScore = sql`(word_similarity(${term}, ${searchText}) + case when ${searchText} ~ ${pattern} then 1 else 0 end)::float8`;
  const companyName = sql.raw('lower(a.name)');
  // Per company, not per contact of that company: one similarity for all its people.
  const companyScore = sql`(0.9::float8 * word_similarity(${term}, ${companyName}) + case when ${companyName} ~ ${pattern} then 1 else 0 end)::float8`;
  // Below three characters a pattern has no trigram and its index would return every row.
  const prefixes = sql.raw(term.length >= minPrefixLength ? 'true' : 'false');
  const tags = sql.raw(term.length <= maxTagLength ? 'true' : 'false');
  // A company brings its people (about three each here), so fewer companies fill the branch.
  const companyCap = Math.ceil(cap / 3);
  return sql`(
    with by_name as materialized (
      select ${contacts.id} as id, ${nameScore} as score from ${contacts}
        where ${filters} and ${unplanned(term)} <% ${searchText}),
    by_name_prefix as materialized (
      select ${contacts.id} as id, ${nameScore} as score from ${contacts}
        where ${prefixes} and ${filters} and ${searchText} ~ ${unplanned(pattern)}),
    companies as materialized (
      select a.id from ${accounts} a where a.workspace_id = ${workspaceId} and ${unplanned(term)} <% ${companyName}),
    companies_by_prefix as materialized (
      select a.id from ${accounts} a
        where ${prefixes} and a.workspace_id = ${workspaceId} and ${companyName} ~ ${unplanned(pattern)}),
    company_scores as (
      select a.id, ${companyScore} as score from ${accounts} a
        where a.id in ((select id from companies limit ${companyCap}) union (select id from companies_by_prefix limit ${companyCap}))),
    by_tag as materialized (
      select ${contacts.id} as id from ${contacts} where ${tags} and ${filters} and ${contacts.tags} @> array[${term}]::text[])
    select id, max(score) as score from (
      (select id, score from by_name limit ${cap})
      union all (select id, score from by_name_prefix limit ${cap})
      union all (select ${contacts.id}, cs.score from company_scores cs join ${contacts} on ${contacts.accountId} = cs.id
        where ${filters} order by cs.score desc limit ${cap})
      union all (select id, 1.8::float8 from by_tag limit ${cap})
    ) m group by id
  ) hits`;
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

/**
 * The quick search: the first few people and companies for `q`, in one transaction, each
 * ranking fewer candidates than a list page does (it never pages).
 */
export async function quickSearch(db: Db, workspaceId: string, q: string, limit: number) {
  return withIndexedSearch(db, async (tx) => {
    const people = await pageOfContacts(
      tx,
      workspaceId,
      { q, limit, archived: 'false' },
      quickSearchCandidates,
    );
    const companies = await pageOfAccounts(
      tx,
      workspaceId,
      { q, limit, archived: 'false' },
      quickSearchCandidates,
    );
    return { contacts: people.contacts, accounts: companies.accounts };
  });
}

async function pageOfContacts(
  db: Db,
  workspaceId: string,
  query: ContactListQuery,
  candidates = searchCandidates,
) {
  const filters = contactFilterConditions(workspaceId, query);

  // A search applies the filters inside each of its branches; the page then reads only its hits.
  const hits = query.q ? searchHits(workspaceId, query.q, and(...filters)!, candidates) : undefined;
  const conditions: (SQL | undefined)[] = hits ? [] : filters;

  const sort = query.sort ?? (hits ? '-relevance' : 'name');
  const descending = sort.startsWith('-');
  const { expr, cast } = sortExpression(sort.replace(/^-/, '') as SortKey, hits && sql`hits.score`);
  if (query.cursor) {
    const { value, id } = decodeCursor(query.cursor);
    const typed = sql`${value}::${sql.raw(cast)}`;
    const cmp = descending ? lt : gt;
    conditions.push(or(cmp(expr, typed), and(sql`${expr} = ${typed}`, cmp(contacts.id, id))));
  }
  let select = db
    .select({ ...joinedSelection, sortValue: sql<unknown>`${expr}` })
    .from(contacts)
    .$dynamic();
  if (hits) select = select.innerJoin(hits, sql`hits.id = ${contacts.id}`);
  const rows = await select
    .leftJoin(accounts, eq(accounts.id, contacts.accountId))
    .leftJoin(members, eq(members.id, contacts.bestMemberId))
    .where(and(...conditions))
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
