// Reads of referrals: the filtered list (keyset cursor on the referral date), the board (one column
// per status with its counts and sums, the most recently moved cards first), one referral with
// what produced it, its history and its tasks, and the workspace's referral settings.
//
// Money is summed per currency: a referral keeps the currency it was entered in, and adding euros
// to dollars would be a made-up number.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { referralStatuses } from '../../db/schema/referrals.ts';
import { AppError, notFound } from '../../errors.ts';
import type {
  MoneyTotal,
  ReferralBoard,
  ReferralBoardQuery,
  ReferralDetail,
  ReferralList,
  ReferralListItem,
  ReferralListQuery,
  ReferralSettings,
} from './schemas.ts';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const itemColumns = sql`
  r.id, r.kind, r.source, r.status, r.referrer_contact_id, rc.name as referrer_name,
  ra.name as referrer_account_name, r.prospect_contact_id, coalesce(pc.name, r.prospect_name) as prospect_name,
  pa.name as prospect_account_name, r.account_id, ac.name as account_name, r.owner_member_id,
  m.name as owner_name, r.expected_value, r.booked_value, r.currency, r.lost_reason, r.referred_at,
  r.status_changed_at, r.closed_at`;

export const itemFrom = sql`
  from referrals r
  left join contacts rc on rc.id = r.referrer_contact_id
  left join accounts ra on ra.id = rc.account_id
  left join contacts pc on pc.id = r.prospect_contact_id
  left join accounts pa on pa.id = pc.account_id
  left join accounts ac on ac.id = r.account_id
  left join members m on m.id = r.owner_member_id`;

export function toListItem(r: Row): ReferralListItem {
  return {
    id: r.id as string,
    kind: r.kind as ReferralListItem['kind'],
    source: r.source as ReferralListItem['source'],
    status: r.status as ReferralListItem['status'],
    referrer: r.referrer_contact_id
      ? {
          id: r.referrer_contact_id as string,
          name: r.referrer_name as string,
          accountName: (r.referrer_account_name as string | null) ?? null,
        }
      : null,
    prospect: {
      contactId: (r.prospect_contact_id as string | null) ?? null,
      name: (r.prospect_name as string | null) ?? null,
      accountName: (r.prospect_account_name as string | null) ?? null,
    },
    account: r.account_id ? { id: r.account_id as string, name: r.account_name as string } : null,
    owner: r.owner_member_id ? { id: r.owner_member_id as string, name: r.owner_name as string } : null,
    expectedValue: num(r.expected_value),
    bookedValue: num(r.booked_value),
    currency: r.currency as string,
    lostReason: (r.lost_reason as string | null) ?? null,
    referredAt: iso(r.referred_at)!,
    statusChangedAt: iso(r.status_changed_at)!,
    closedAt: iso(r.closed_at),
  };
}

type Filters = Omit<ReferralListQuery, 'cursor' | 'limit' | 'status'> & {
  status?: ReferralListQuery['status'];
};

/** The filter conditions shared by the list, its totals and the board. Aliases as in itemFrom. */
export function filterConditions(workspaceId: string, memberId: string, query: Filters): SQL[] {
  const where: SQL[] = [sql`r.workspace_id = ${workspaceId}`];
  if (query.kind?.length) where.push(sql`r.kind = any(${sql.param(query.kind)}::text[])`);
  if (query.source?.length) where.push(sql`r.source = any(${sql.param(query.source)}::text[])`);
  if (query.status?.length) where.push(sql`r.status = any(${sql.param(query.status)}::text[])`);
  if (query.referrer) where.push(sql`r.referrer_contact_id = ${query.referrer}`);
  if (query.prospect) where.push(sql`r.prospect_contact_id = ${query.prospect}`);
  if (query.owner) where.push(sql`r.owner_member_id = ${query.owner === 'me' ? memberId : query.owner}`);
  const tz = sql`(select time_zone from workspaces where id = ${workspaceId})`;
  if (query.from) where.push(sql`r.referred_at >= (${query.from}::date)::timestamp at time zone ${tz}`);
  if (query.to) where.push(sql`r.referred_at < (${query.to}::date + 1)::timestamp at time zone ${tz}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`coalesce(pc.name, r.prospect_name) ilike ${like}`);
  }
  return where;
}

function encodeCursor(item: ReferralListItem): string {
  return Buffer.from(JSON.stringify([item.referredAt, item.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return [at, id];
  } catch {
    throw new AppError('validation_failed', 'query.cursor: not a cursor from this list', [
      { path: 'query.cursor', message: 'Start the list again: this cursor is not valid' },
    ]);
  }
}

/** Sums per currency, the workspace's currency first. */
export function moneyTotals(
  rows: { currency: string; expected: unknown; booked: unknown }[],
  workspaceCurrency: string,
): MoneyTotal[] {
  const by = new Map<string, MoneyTotal>();
  for (const row of rows) {
    const total = by.get(row.currency) ?? { currency: row.currency, expected: 0, booked: 0 };
    total.expected += Number(row.expected ?? 0);
    total.booked += Number(row.booked ?? 0);
    by.set(row.currency, total);
  }
  if (!by.has(workspaceCurrency))
    by.set(workspaceCurrency, { currency: workspaceCurrency, expected: 0, booked: 0 });
  return [...by.values()]
    .map((t) => ({
      ...t,
      expected: Math.round(t.expected * 100) / 100,
      booked: Math.round(t.booked * 100) / 100,
    }))
    .sort((a, b) =>
      a.currency === workspaceCurrency
        ? -1
        : b.currency === workspaceCurrency
          ? 1
          : a.currency.localeCompare(b.currency),
    );
}

export async function workspaceCurrency(db: Db, workspaceId: string): Promise<string> {
  const [row] = await queryRows<{ currency: string }>(
    db,
    sql`select currency from workspaces where id = ${workspaceId}`,
  );
  return row?.currency ?? 'USD';
}

export async function listReferrals(
  db: Db,
  workspaceId: string,
  memberId: string,
  query: ReferralListQuery,
): Promise<ReferralList> {
  const where = filterConditions(workspaceId, memberId, query);
  const page = [...where];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    page.push(sql`(r.referred_at, r.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await queryRows<Row>(
    db,
    sql`select ${itemColumns} ${itemFrom} where ${sql.join(page, sql` and `)}
        order by r.referred_at desc, r.id desc limit ${query.limit + 1}`,
  );
  const items = rows.slice(0, query.limit).map(toListItem);
  const groups = await queryRows<{
    kind: string;
    currency: string;
    n: unknown;
    expected: unknown;
    booked: unknown;
  }>(
    db,
    sql`select r.kind, r.currency, count(*) as n, sum(r.expected_value) as expected, sum(r.booked_value) as booked
        ${itemFrom} where ${sql.join(where, sql` and `)} group by r.kind, r.currency`,
  );
  const byKind = { recommendation: 0, introduction: 0 };
  for (const g of groups) byKind[g.kind as keyof typeof byKind] += Number(g.n);
  return {
    referrals: items,
    nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]!) : null,
    totals: {
      count: byKind.recommendation + byKind.introduction,
      byKind,
      values: moneyTotals(groups, await workspaceCurrency(db, workspaceId)),
    },
  };
}

export async function referralBoard(
  db: Db,
  workspaceId: string,
  memberId: string,
  query: ReferralBoardQuery,
): Promise<ReferralBoard> {
  const where = filterConditions(workspaceId, memberId, query);
  const cards = await queryRows<Row>(
    db,
    sql`select * from (
          select ${itemColumns},
                 row_number() over (partition by r.status order by r.status_changed_at desc, r.id desc) as pos
          ${itemFrom} where ${sql.join(where, sql` and `)}
        ) x where x.pos <= ${query.perColumn}
        order by x.pos`,
  );
  const groups = await queryRows<{
    status: string;
    kind: string;
    currency: string;
    n: unknown;
    expected: unknown;
    booked: unknown;
  }>(
    db,
    sql`select r.status, r.kind, r.currency, count(*) as n, sum(r.expected_value) as expected,
               sum(r.booked_value) as booked
        ${itemFrom} where ${sql.join(where, sql` and `)} group by r.status, r.kind, r.currency`,
  );
  const currency = await workspaceCurrency(db, workspaceId);
  return {
    currency,
    columns: referralStatuses.map((status) => {
      const mine = groups.filter((g) => g.status === status);
      const byKind = { recommendation: 0, introduction: 0 };
      for (const g of mine) byKind[g.kind as keyof typeof byKind] += Number(g.n);
      const count = byKind.recommendation + byKind.introduction;
      const shown = cards.filter((c) => c.status === status).map(toListItem);
      return {
        status,
        count,
        byKind,
        values: moneyTotals(mine, currency),
        cards: shown,
        more: Math.max(0, count - shown.length),
      };
    }),
  };
}

export async function getReferral(db: Db, workspaceId: string, referralId: string): Promise<ReferralDetail> {
  const [row] = await queryRows<Row>(
    db,
    sql`select ${itemColumns}, r.note, r.heard_about, pc.email as prospect_email, r.claim_id,
               r.ask_id, k.kind as ask_kind, k.result as ask_result, k.about as ask_about, k.asked_at,
               k.task_id as ask_task_id, k.member_id as ask_member_id, km.name as ask_member_name,
               r.answer_id, sa.score as answer_score, sa.survey_id as answer_survey_id,
               r.offer_id, o.title as offer_title, r.created_by_member_id, cb.name as created_by_name
        ${itemFrom}
        left join asks k on k.id = r.ask_id
        left join members km on km.id = k.member_id
        left join survey_answers sa on sa.id = r.answer_id
        left join offers o on o.id = r.offer_id
        left join members cb on cb.id = r.created_by_member_id
        where r.workspace_id = ${workspaceId} and r.id = ${referralId}`,
  );
  if (!row) throw notFound('Referral');
  const history = await queryRows<Row>(
    db,
    sql`select h.id, h.kind, h.from_status, h.to_status, h.reason, h.member_id, hm.name as member_name,
               h.data, h.changed_at
        from referral_history h left join members hm on hm.id = h.member_id
        where h.workspace_id = ${workspaceId} and h.referral_id = ${referralId}
        order by h.changed_at, h.id`,
  );
  const tasks = await queryRows<Row>(
    db,
    sql`select t.id, t.title, t.action, t.status, t.due_on::text as due_on, t.completed_at,
               t.assignee_member_id, tm.name as assignee_name
        from tasks t join members tm on tm.id = t.assignee_member_id
        where t.workspace_id = ${workspaceId} and t.referral_id = ${referralId}
        order by t.created_at, t.id`,
  );
  return {
    ...toListItem(row),
    note: (row.note as string | null) ?? null,
    heardAbout: (row.heard_about as string | null) ?? null,
    prospectEmail: (row.prospect_email as string | null) ?? null,
    ask: row.ask_id
      ? {
          id: row.ask_id as string,
          kind: row.ask_kind as NonNullable<ReferralDetail['ask']>['kind'],
          result: (row.ask_result as NonNullable<ReferralDetail['ask']>['result']) ?? null,
          about: (row.ask_about as string | null) ?? null,
          askedAt: iso(row.asked_at)!,
          member: row.ask_member_id
            ? { id: row.ask_member_id as string, name: row.ask_member_name as string }
            : null,
          taskId: (row.ask_task_id as string | null) ?? null,
        }
      : null,
    answer: row.answer_id
      ? {
          id: row.answer_id as string,
          score: Number(row.answer_score),
          surveyId: row.answer_survey_id as string,
        }
      : null,
    offer: row.offer_id ? { id: row.offer_id as string, title: row.offer_title as string } : null,
    claimId: (row.claim_id as string | null) ?? null,
    createdBy: row.created_by_member_id
      ? { id: row.created_by_member_id as string, name: row.created_by_name as string }
      : null,
    history: history.map((h) => ({
      id: h.id as string,
      kind: h.kind as string,
      fromStatus: (h.from_status as ReferralDetail['status'] | null) ?? null,
      toStatus: (h.to_status as ReferralDetail['status'] | null) ?? null,
      reason: (h.reason as string | null) ?? null,
      member: h.member_id ? { id: h.member_id as string, name: h.member_name as string } : null,
      data: (h.data as Record<string, unknown>) ?? {},
      changedAt: iso(h.changed_at)!,
    })),
    tasks: tasks.map((t) => ({
      id: t.id as string,
      title: t.title as string,
      action: t.action as string,
      status: t.status as string,
      dueOn: (t.due_on as string | null) ?? null,
      assignee: { id: t.assignee_member_id as string, name: t.assignee_name as string },
      completedAt: iso(t.completed_at),
    })),
  };
}

export async function getReferralSettings(db: Db, workspaceId: string): Promise<ReferralSettings> {
  const [row] = await queryRows<{ currency: string; stages: string[]; email: boolean }>(
    db,
    sql`select currency, referral_thank_stages as stages, referral_thank_email as email
        from workspaces where id = ${workspaceId}`,
  );
  if (!row) throw notFound('Workspace');
  const order = referralStatuses as readonly string[];
  return {
    currency: row.currency,
    thankStages: [...row.stages]
      .filter((s) => order.includes(s))
      .sort((a, b) => order.indexOf(a) - order.indexOf(b)) as ReferralSettings['thankStages'],
    thankEmail: row.email,
  };
}
