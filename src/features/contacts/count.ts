// How many people a list's filters match: the "1,204 people" above the people list. Counted by its
// own request rather than with every page, so that "Load more" never pays for it. Counting is
// capped: up to COUNT_EXACT_UP_TO matches the number is exact; past that the planner's estimate is
// given (the UI says "about"), which costs the same at any size. A search is not counted here: it
// ranks and keeps the best candidates (src/features/contacts/queries.ts), so its total is what the
// list pages through, and the list knows it once the last page is in.
import { isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../db/client.ts';
import { accounts, contacts } from '../../db/schema/index.ts';
import { type ContactListQuery, contactListQuery } from './schemas.ts';

export const COUNT_EXACT_UP_TO = 10_000;

/** The list's filters, without its search, order and paging. */
export const contactFilterQuery = contactListQuery.omit({ q: true, sort: true, cursor: true, limit: true });
export type ContactFilterQuery = z.infer<typeof contactFilterQuery>;

export const listCountSchema = z.object({
  count: z.number().int().min(0),
  /** False when `count` is the planner's estimate (more than COUNT_EXACT_UP_TO matched). */
  exact: z.boolean(),
});
export type ListCount = z.infer<typeof listCountSchema>;

/**
 * The WHERE conditions of the people list for these filters. The list (queries.ts) applies them
 * before its search and cursor, and the count and the export use them as they are, so all three
 * agree on which rows a filter means.
 */
export function contactFilterConditions(
  workspaceId: string,
  query: Omit<ContactFilterQuery, 'archived'> & { archived: ContactListQuery['archived'] },
): SQL[] {
  const where: SQL[] = [sql`${contacts.workspaceId} = ${workspaceId}`, isNull(contacts.mergedIntoId)];
  if (query.archived === 'false') where.push(isNull(contacts.archivedAt));
  if (query.archived === 'true') where.push(isNotNull(contacts.archivedAt));
  if (query.kind?.length) where.push(sql`${contacts.kind} = any(${sql.param(query.kind)}::text[])`);
  if (query.accountId) where.push(sql`${contacts.accountId} = ${query.accountId}`);
  if (query.accountStatus?.length) {
    where.push(
      sql`${contacts.accountId} in (select a.id from ${accounts} a where a.workspace_id = ${workspaceId} and a.status = any(${sql.param(query.accountStatus)}::text[]))`,
    );
  }
  if (query.tag?.length) where.push(sql`${contacts.tags} @> ${sql.param(query.tag)}::text[]`);
  if (query.memberId) {
    where.push(
      sql`exists (select 1 from relationships r where r.contact_id = ${contacts.id} and r.member_id = ${query.memberId} and r.strength > 0)`,
    );
  }
  if (query.minStrength !== undefined) where.push(sql`${contacts.bestStrength} >= ${query.minStrength}`);
  if (query.maxStrength !== undefined) where.push(sql`${contacts.bestStrength} <= ${query.maxStrength}`);
  if (query.contactedBefore) where.push(sql`${contacts.lastContactedAt} < ${query.contactedBefore}::date`);
  if (query.contactedAfter) where.push(sql`${contacts.lastContactedAt} >= ${query.contactedAfter}::date`);
  if (query.neverContacted === 'true') where.push(isNull(contacts.lastContactedAt));
  if (query.neverContacted === 'false') where.push(isNotNull(contacts.lastContactedAt));
  return where;
}

/**
 * Counts the rows of `from` meeting `where`, exactly up to COUNT_EXACT_UP_TO and estimated past
 * it. Shared with the companies list.
 */
export async function cappedCount(db: Db, from: SQL, where: SQL[]): Promise<ListCount> {
  const condition = sql.join(where, sql` and `);
  const run = async (tx: Db): Promise<ListCount> => {
    const [row] = await queryRows<{ n: number | string }>(
      tx,
      sql`select count(*)::int as n from (select 1 from ${from} where ${condition} limit ${COUNT_EXACT_UP_TO + 1}) capped`,
    );
    const exact = Number(row?.n ?? 0);
    if (exact <= COUNT_EXACT_UP_TO) return { count: exact, exact: true };
    const plan = await queryRows<Record<string, unknown>>(
      tx,
      sql`explain (format json) select 1 from ${from} where ${condition}`,
    );
    const estimate = planRows(Object.values(plan[0] ?? {})[0]);
    // The planner can guess low for combined filters; we know there are more than the cap.
    return { count: Math.max(estimate, COUNT_EXACT_UP_TO + 1), exact: false };
  };
  return run(db);
}

/** "Plan Rows" of the top plan node, from EXPLAIN's JSON (a string on some drivers). */
function planRows(value: unknown): number {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  const rows = Array.isArray(parsed) ? parsed[0]?.Plan?.['Plan Rows'] : undefined;
  return typeof rows === 'number' ? Math.round(rows) : 0;
}

export async function countContacts(db: Db, workspaceId: string, query: ContactFilterQuery) {
  return cappedCount(db, sql`${contacts}`, contactFilterConditions(workspaceId, query));
}
