// How many companies a list's filters match: the "86 companies" above the companies list, counted
// like the people list (exact up to a cap, estimated past it, searches not counted).
import { isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { accounts } from '../../db/schema/index.ts';
import { cappedCount } from '../contacts/count.ts';
import { accountListQuery } from './schemas.ts';

export const accountFilterQuery = accountListQuery.omit({ q: true, sort: true, cursor: true, limit: true });
export type AccountFilterQuery = z.infer<typeof accountFilterQuery>;

/** The WHERE conditions of the companies list (src/features/accounts/queries.ts) for these filters. */
function accountFilterConditions(workspaceId: string, query: AccountFilterQuery): SQL[] {
  const where: SQL[] = [sql`${accounts.workspaceId} = ${workspaceId}`];
  if (query.archived === 'false') where.push(isNull(accounts.archivedAt));
  if (query.archived === 'true') where.push(isNotNull(accounts.archivedAt));
  if (query.status?.length) where.push(sql`${accounts.status} = any(${sql.param(query.status)}::text[])`);
  if (query.ownerId) where.push(sql`${accounts.ownerMemberId} = ${query.ownerId}`);
  if (query.tag?.length) where.push(sql`${accounts.tags} @> ${sql.param(query.tag)}::text[]`);
  return where;
}

export async function countAccounts(db: Db, workspaceId: string, query: AccountFilterQuery) {
  return cappedCount(db, sql`${accounts}`, accountFilterConditions(workspaceId, query));
}
