// Referrals as CSV, with the list's filters (so "Export these" writes what the list shows), for
// a spreadsheet or a CRM: one row per referral, newest first, with the pipeline dates and values.
// Read page by page so memory stays flat however many there are.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, queryRows } from '../../db/client.ts';
import { csvLine } from '../imports/csv.ts';
import { filterConditions, itemColumns, itemFrom, toListItem } from './queries.ts';
import { referralListQuery } from './schemas.ts';

export const REFERRAL_EXPORT_COLUMNS = [
  'referred_at',
  'kind',
  'source',
  'status',
  'referrer',
  'referrer_company',
  'prospect',
  'prospect_company',
  'owner',
  'expected_value',
  'booked_value',
  'currency',
  'lost_reason',
  'status_changed_at',
  'closed_at',
] as const;

export const referralExportQuery = referralListQuery.omit({ cursor: true, limit: true });
export type ReferralExportQuery = z.infer<typeof referralExportQuery>;

const PAGE = 1000;
const money = (value: number | null) => (value === null ? '' : value.toFixed(2));

export async function* exportReferralsCsv(
  db: Db,
  workspaceId: string,
  memberId: string,
  query: ReferralExportQuery,
  options: { bom?: boolean } = {},
): AsyncGenerator<string> {
  // A byte-order mark so spreadsheet programs read accents right when the file is opened directly.
  yield `${options.bom ? '\uFEFF' : ''}${csvLine([...REFERRAL_EXPORT_COLUMNS])}`;
  const where = filterConditions(workspaceId, memberId, query);
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = after
      ? [...where, sql`(r.referred_at, r.id) < (${after.at}::timestamptz, ${after.id}::uuid)`]
      : where;
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${itemColumns} ${itemFrom} where ${sql.join(page, sql` and `)}
          order by r.referred_at desc, r.id desc limit ${PAGE}`,
    );
    let chunk = '';
    for (const row of rows) {
      const r = toListItem(row);
      chunk += csvLine([
        r.referredAt,
        r.kind,
        r.source,
        r.status,
        r.referrer?.name,
        r.referrer?.accountName,
        r.prospect.name,
        r.prospect.accountName ?? r.account?.name,
        r.owner?.name,
        money(r.expectedValue),
        money(r.bookedValue),
        r.currency,
        r.lostReason,
        r.statusChangedAt,
        r.closedAt,
      ]);
    }
    if (chunk) yield chunk;
    if (rows.length < PAGE) return;
    const last = toListItem(rows[rows.length - 1]!);
    after = { at: last.referredAt, id: last.id };
  }
}
