// Referral insights for a period: the referrals that came in during it (by their referral date, in
// the workspace's time zone) and what became of them so far, split by kind (recommendations and
// introductions are never added together without being shown apart), by source, by owner and by
// referrer; and the asks made in the period with the referrals they produced.
//
// Qualified means the referral reached "qualified" or a later stage at some point (from its
// history), so a lead that was qualified and then lost still counts as qualified.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { askKinds } from '../../db/schema/followup.ts';
import { referralSources } from '../../db/schema/referrals.ts';
import { AppError } from '../../errors.ts';
import { moneyTotals, workspaceCurrency } from './queries.ts';
import type { ReferralInsights } from './schemas.ts';

type Group = {
  kind: 'recommendation' | 'introduction';
  source: string;
  owner_member_id: string | null;
  owner_name: string | null;
  referrer_contact_id: string | null;
  referrer_name: string | null;
  currency: string;
  leads: unknown;
  qualified: unknown;
  won: unknown;
  lost: unknown;
  booked: unknown;
};

type Funnel = ReferralInsights['total'];

function funnelOf(groups: Group[], currency: string): Funnel {
  const sum = (key: 'leads' | 'qualified' | 'won' | 'lost') => groups.reduce((n, g) => n + Number(g[key]), 0);
  const leads = sum('leads');
  const won = sum('won');
  return {
    leads,
    qualified: sum('qualified'),
    won,
    lost: sum('lost'),
    conversion: leads > 0 ? Math.round((won / leads) * 1000) / 1000 : null,
    booked: moneyTotals(
      groups.map((g) => ({ currency: g.currency, expected: 0, booked: g.booked })),
      currency,
    ),
  };
}

function groupBy<K>(groups: Group[], key: (g: Group) => K): Map<K, Group[]> {
  const map = new Map<K, Group[]>();
  for (const g of groups) map.set(key(g), [...(map.get(key(g)) ?? []), g]);
  return map;
}

export async function referralInsights(
  db: Db,
  workspaceId: string,
  period: { from: string; to: string },
): Promise<ReferralInsights> {
  if (period.from > period.to) {
    throw new AppError('validation_failed', 'query.to: the period ends before it starts', [
      { path: 'query.to', message: 'Choose an end on or after the start' },
    ]);
  }
  const tz = sql`(select time_zone from workspaces where id = ${workspaceId})`;
  const start = sql`(${period.from}::date)::timestamp at time zone ${tz}`;
  const end = sql`(${period.to}::date + 1)::timestamp at time zone ${tz}`;
  const groups = await queryRows<Group>(
    db,
    sql`select r.kind, r.source, r.owner_member_id, m.name as owner_name, r.referrer_contact_id,
               rc.name as referrer_name, r.currency, count(*) as leads,
               count(*) filter (where r.status in ('qualified', 'proposal', 'won') or exists (
                 select 1 from referral_history h where h.referral_id = r.id
                   and h.to_status in ('qualified', 'proposal', 'won'))) as qualified,
               count(*) filter (where r.status = 'won') as won,
               count(*) filter (where r.status = 'lost') as lost,
               coalesce(sum(r.booked_value) filter (where r.status = 'won'), 0) as booked
        from referrals r
        left join members m on m.id = r.owner_member_id
        left join contacts rc on rc.id = r.referrer_contact_id
        where r.workspace_id = ${workspaceId} and r.referred_at >= ${start} and r.referred_at < ${end}
        group by r.kind, r.source, r.owner_member_id, m.name, r.referrer_contact_id, rc.name, r.currency`,
  );
  const askRows = await queryRows<{ kind: string; asks: unknown; yes: unknown; referrals: unknown }>(
    db,
    sql`select k.kind, count(*) as asks,
               count(*) filter (where k.result in ('introduction_promised', 'recommendation_given',
                 'review_given', 'feedback_given')) as yes,
               count(r.id) as referrals
        from asks k left join referrals r on r.ask_id = k.id
        where k.workspace_id = ${workspaceId} and k.asked_at >= ${start} and k.asked_at < ${end}
        group by k.kind`,
  );
  const currency = await workspaceCurrency(db, workspaceId);
  const byKind = groupBy(groups, (g) => g.kind);
  const byOwner = groupBy(groups, (g) => g.owner_member_id);
  const byReferrer = groupBy(
    groups.filter((g) => g.referrer_contact_id),
    (g) => g.referrer_contact_id!,
  );
  const topReferrers = [...byReferrer.values()]
    .map((gs) => ({
      contact: { id: gs[0]!.referrer_contact_id!, name: gs[0]!.referrer_name ?? '' },
      recommendations: gs.filter((g) => g.kind === 'recommendation').reduce((n, g) => n + Number(g.leads), 0),
      introductions: gs.filter((g) => g.kind === 'introduction').reduce((n, g) => n + Number(g.leads), 0),
      ...funnelOf(gs, currency),
    }))
    .sort(
      (a, b) =>
        b.won - a.won ||
        (b.booked[0]?.booked ?? 0) - (a.booked[0]?.booked ?? 0) ||
        b.leads - a.leads ||
        a.contact.name.localeCompare(b.contact.name),
    )
    .slice(0, 10);
  return {
    from: period.from,
    to: period.to,
    currency,
    byKind: {
      recommendation: funnelOf(byKind.get('recommendation') ?? [], currency),
      introduction: funnelOf(byKind.get('introduction') ?? [], currency),
    },
    bySource: referralSources.map((source) => {
      const gs = groups.filter((g) => g.source === source);
      const count = (kind: string) =>
        gs.filter((g) => g.kind === kind).reduce((n, g) => n + Number(g.leads), 0);
      return { source, recommendation: count('recommendation'), introduction: count('introduction') };
    }),
    total: funnelOf(groups, currency),
    byOwner: [...byOwner.values()]
      .map((gs) => ({
        member: gs[0]!.owner_member_id ? { id: gs[0]!.owner_member_id, name: gs[0]!.owner_name ?? '' } : null,
        ...funnelOf(gs, currency),
      }))
      .sort((a, b) => b.leads - a.leads || (a.member?.name ?? '~').localeCompare(b.member?.name ?? '~')),
    topReferrers,
    asks: askKinds.map((kind) => {
      const row = askRows.find((r) => r.kind === kind);
      return {
        kind,
        asks: Number(row?.asks ?? 0),
        yes: Number(row?.yes ?? 0),
        referrals: Number(row?.referrals ?? 0),
      };
    }),
  };
}
