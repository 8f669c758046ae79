// Reads of accounts (client companies or households): one, a filtered page, and the counts and
// last-contact dates that lists show beside each.
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, withIndexedSearch } from '../../db/client.ts';
import type { AccountStatus } from '../../db/schema/clients.ts';
import { accounts, contacts, members } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import {
  escapeLike,
  minPrefixLength,
  searchCandidates,
  unplanned,
  wordStartPattern,
} from '../contacts/search-terms.ts';
import type { Account, AccountListQuery } from './schemas.ts';

type AccountRow = typeof accounts.$inferSelect;

function toAccountDto(
  row: AccountRow,
  extra: { ownerName: string | null; contactCount: number; lastContactedAt: Date | string | null },
): Account {
  const last = extra.lastContactedAt ? new Date(extra.lastContactedAt) : null;
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    size: row.size,
    status: row.status,
    clientSince: row.clientSince,
    owner: row.ownerMemberId && extra.ownerName ? { id: row.ownerMemberId, name: extra.ownerName } : null,
    tags: row.tags,
    notes: row.notes,
    externalId: row.externalId,
    archived: row.archivedAt !== null,
    contactCount: extra.contactCount,
    lastContactedAt: last?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const selection = {
  account: accounts,
  ownerName: members.name,
  contactCount:
    sql<number>`(select count(*) from ${contacts} c where c.workspace_id = ${accounts.workspaceId} and c.account_id = ${accounts.id} and c.merged_into_id is null and c.archived_at is null)`.mapWith(
      Number,
    ),
  lastContactedAt: sql<
    string | null
  >`(select max(c.last_contacted_at) from ${contacts} c where c.workspace_id = ${accounts.workspaceId} and c.account_id = ${accounts.id})`,
};

export async function getAccount(db: Db, workspaceId: string, accountId: string): Promise<Account> {
  const [row] = await db
    .select(selection)
    .from(accounts)
    .leftJoin(members, eq(members.id, accounts.ownerMemberId))
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  if (!row) throw notFound('Account');
  return toAccountDto(row.account, row);
}

const sortColumns = {
  name: sql`lower(${accounts.name})`,
  created: sql`${accounts.createdAt}`,
} as const;

export async function listAccounts(db: Db, workspaceId: string, query: AccountListQuery) {
  return query.q
    ? withIndexedSearch(db, (tx) => pageOfAccounts(tx, workspaceId, query))
    : pageOfAccounts(db, workspaceId, query);
}

/**
 * The accounts matching `term` among those passing `filters`, with their relevance: a derived
 * table `hits(id, score)`. As for contacts (see `searchHits` there), each way of matching is its
 * own branch cut at `cap` rows: the name by trigram similarity, the name containing the term, and
 * the domain containing it. A word of the name that starts with the term adds 1 to the
 * similarity, so exact and prefix matches come first.
 */
function accountHits(term: string, filters: SQL, cap: number): SQL {
  const name = sql`lower(${accounts.name})`;
  const like = `%${escapeLike(term)}%`;
  const pattern = wordStartPattern(term);
  // Below three characters a pattern has no trigram and its index would return every row.
  const patterns = sql.raw(term.length >= minPrefixLength ? 'true' : 'false');
  const lowerName = sql.raw('lower(a.name)');
  // Domains have no spaces.
  const domains = sql.raw(!term.includes(' ') && term.length >= minPrefixLength ? 'true' : 'false');
  return sql`(
    with by_name as materialized (
      select ${accounts.id} as id from ${accounts} where ${filters} and ${unplanned(term)} <% ${name}),
    containing as materialized (
      select ${accounts.id} as id from ${accounts} where ${patterns} and ${filters} and ${name} like ${unplanned(like)}),
    by_domain as materialized (
      select ${accounts.id} as id from ${accounts}
        where ${domains} and ${filters} and lower(${accounts.domain}) like ${unplanned(like)})
    select a.id,
      (word_similarity(${term}, ${lowerName}) + case when ${lowerName} ~ ${pattern} then 1 else 0 end)::float8 as score
    from ${accounts} a where a.id in (
      (select id from by_name limit ${cap}) union (select id from containing limit ${cap})
      union (select id from by_domain limit ${cap}))
  ) hits`;
}

export async function pageOfAccounts(
  db: Db,
  workspaceId: string,
  query: AccountListQuery,
  candidates = searchCandidates,
) {
  const filters: (SQL | undefined)[] = [eq(accounts.workspaceId, workspaceId)];
  if (query.archived === 'false') filters.push(isNull(accounts.archivedAt));
  if (query.archived === 'true') filters.push(isNotNull(accounts.archivedAt));
  if (query.status?.length) filters.push(sql`${accounts.status} = any(${sql.param(query.status)}::text[])`);
  if (query.ownerId) filters.push(eq(accounts.ownerMemberId, query.ownerId));
  if (query.tag?.length) filters.push(sql`${accounts.tags} @> ${sql.param(query.tag)}::text[]`);
  const term = query.q?.toLowerCase();
  // A search applies the filters inside each of its branches; the page then reads only its hits.
  const hits = term ? accountHits(term, and(...filters)!, candidates) : undefined;
  const conditions = hits ? [] : filters;

  const sort = query.sort ?? (hits ? '-relevance' : 'name');
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  // last_contacted sorts on a computed value, so it is materialised in a subquery first.
  const sortExpr =
    key === 'last_contacted'
      ? sql`coalesce((select max(c.last_contacted_at) from ${contacts} c where c.workspace_id = ${accounts.workspaceId} and c.account_id = ${accounts.id}), 'epoch'::timestamptz)`
      : key === 'relevance'
        ? hits
          ? sql`hits.score`
          : sql`0::float8`
        : sortColumns[key as keyof typeof sortColumns];
  if (query.cursor) {
    const { value, id } = decodeCursor(query.cursor);
    const cmp = descending ? lt : gt;
    const typed =
      key === 'name'
        ? sql`${value}`
        : key === 'relevance'
          ? sql`${value}::float8`
          : sql`${value}::timestamptz`;
    conditions.push(or(cmp(sortExpr, typed), and(sql`${sortExpr} = ${typed}`, cmp(accounts.id, id))));
  }
  const order = descending ? [desc(sortExpr), desc(accounts.id)] : [asc(sortExpr), asc(accounts.id)];
  let select = db
    .select({ ...selection, sortValue: sql<string>`${sortExpr}` })
    .from(accounts)
    .$dynamic();
  if (hits) select = select.innerJoin(hits, sql`hits.id = ${accounts.id}`);
  const rows = await select
    .leftJoin(members, eq(members.id, accounts.ownerMemberId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  const sortValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
  return {
    accounts: pageRows.map((r) => toAccountDto(r.account, r)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(sortValue(last.sortValue), last.account.id) : null,
  };
}

/** Finds a live account by name (case-insensitive) or creates it; used when a contact names a company. */
export async function findOrCreateAccountByName(
  db: Db,
  workspaceId: string,
  name: string,
  // A new account for a referred prospect's company is a prospect, not a client.
  statusIfNew: AccountStatus = 'active',
): Promise<string> {
  const trimmed = name.trim();
  const [existing] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, workspaceId),
        isNull(accounts.archivedAt),
        sql`lower(${accounts.name}) = lower(${trimmed})`,
      ),
    );
  if (existing) return existing.id;
  const [created] = await db
    .insert(accounts)
    .values({ workspaceId, name: trimmed, status: statusIfNew })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  if (created) return created.id;
  // Lost a race with a concurrent insert of the same name: read the winner.
  return findOrCreateAccountByName(db, workspaceId, trimmed, statusIfNew);
}

/** Throws 404 unless the account exists in this workspace. */
export async function assertAccountInWorkspace(
  db: Db,
  workspaceId: string,
  accountId: string,
): Promise<void> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  if (!row) throw notFound('Account');
}
