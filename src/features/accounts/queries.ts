// Reads of accounts (client companies or households): one, a filtered page, and the counts and
// last-contact dates that lists show beside each.
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, withIndexedSearch } from '../../db/client.ts';
import { accounts, contacts, members } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
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
    sql<number>`(select count(*) from ${contacts} c where c.account_id = ${accounts.id} and c.merged_into_id is null and c.archived_at is null)`.mapWith(
      Number,
    ),
  lastContactedAt: sql<
    string | null
  >`(select max(c.last_contacted_at) from ${contacts} c where c.account_id = ${accounts.id})`,
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

async function pageOfAccounts(db: Db, workspaceId: string, query: AccountListQuery) {
  const filters: (SQL | undefined)[] = [eq(accounts.workspaceId, workspaceId)];
  if (query.archived === 'false') filters.push(isNull(accounts.archivedAt));
  if (query.archived === 'true') filters.push(isNotNull(accounts.archivedAt));
  if (query.status?.length) filters.push(sql`${accounts.status} = any(${sql.param(query.status)}::text[])`);
  if (query.ownerId) filters.push(eq(accounts.ownerMemberId, query.ownerId));
  if (query.tag?.length) filters.push(sql`${accounts.tags} @> ${sql.param(query.tag)}::text[]`);
  const term = query.q?.toLowerCase();
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(
      sql`(${term} <% lower(${accounts.name}) or lower(${accounts.name}) like ${like} or ${accounts.domain} ilike ${like})`,
    );
  }

  const sort = query.sort ?? (term ? '-relevance' : 'name');
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  // last_contacted sorts on a computed value, so it is materialised in a subquery first.
  const sortExpr =
    key === 'last_contacted'
      ? sql`coalesce((select max(c.last_contacted_at) from ${contacts} c where c.account_id = ${accounts.id}), 'epoch'::timestamptz)`
      : key === 'relevance'
        ? sql`word_similarity(${term ?? ''}, lower(${accounts.name}))::float8`
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
    filters.push(or(cmp(sortExpr, typed), and(sql`${sortExpr} = ${typed}`, cmp(accounts.id, id))));
  }
  const order = descending ? [desc(sortExpr), desc(accounts.id)] : [asc(sortExpr), asc(accounts.id)];
  const rows = await db
    .select({ ...selection, sortValue: sql<string>`${sortExpr}` })
    .from(accounts)
    .leftJoin(members, eq(members.id, accounts.ownerMemberId))
    .where(and(...filters))
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
export async function findOrCreateAccountByName(db: Db, workspaceId: string, name: string): Promise<string> {
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
    .values({ workspaceId, name: trimmed })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  if (created) return created.id;
  // Lost a race with a concurrent insert of the same name: read the winner.
  return findOrCreateAccountByName(db, workspaceId, trimmed);
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
