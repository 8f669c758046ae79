// NPS figures, computed in SQL over survey_answers (set-based: one query per figure, whatever the
// number of answers).
//
// Glossary:
// - promoter 9-10, passive 7-8, detractor 0-6 (the answer's generated `category`);
//   NPS = %promoters - %detractors, rounded to a whole number, null without answers.
// - survey scores: every answer of one survey counts (each round of a recurring survey too).
// - workspace NPS (npsReport): each person counts once per period, with their latest answer in it,
//   so that a client surveyed twice does not weigh double. Months use the workspace's time zone.
//   An account's NPS is the B2B roll-up: its contacts' latest answers. Anonymous answers through
//   the shareable link count as one person each.
// - response rate: sends answered / sends.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { NpsGroup, NpsQuery, NpsReport, ScoreCounts, SurveyScores } from './schemas.ts';

type CountRow = { promoters: number; passives: number; detractors: number };

const countColumns = sql`
  count(*) filter (where category = 'promoter')::int as promoters,
  count(*) filter (where category = 'passive')::int as passives,
  count(*) filter (where category = 'detractor')::int as detractors`;

export function toCounts(row: CountRow | undefined): ScoreCounts {
  const promoters = Number(row?.promoters ?? 0);
  const passives = Number(row?.passives ?? 0);
  const detractors = Number(row?.detractors ?? 0);
  const total = promoters + passives + detractors;
  return {
    promoters,
    passives,
    detractors,
    total,
    nps: total === 0 ? null : Math.round((100 * (promoters - detractors)) / total),
  };
}

const rate = (answered: number, sends: number) => (sends === 0 ? null : answered / sends);

/** Adds each month's NPS change from the previous month that had answers. */
function withChange<T extends ScoreCounts>(rows: T[]): (T & { change: number | null })[] {
  let previous: number | null = null;
  return rows.map((row) => {
    const change = previous !== null && row.nps !== null ? row.nps - previous : null;
    if (row.nps !== null) previous = row.nps;
    return { ...row, change };
  });
}

export async function surveyExists(db: Db, workspaceId: string, surveyId: string): Promise<void> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from surveys where workspace_id = ${workspaceId} and id = ${surveyId}`,
  );
  if (!row) throw notFound('Survey');
}

export async function surveyScores(db: Db, workspaceId: string, surveyId: string): Promise<SurveyScores> {
  await surveyExists(db, workspaceId, surveyId);
  const [overall] = await queryRows<CountRow>(
    db,
    sql`select ${countColumns} from survey_answers where workspace_id = ${workspaceId} and survey_id = ${surveyId}`,
  );
  const months = await queryRows<CountRow & { month: string }>(
    db,
    sql`select to_char(a.answered_at at time zone w.time_zone, 'YYYY-MM') as month, ${countColumns}
        from survey_answers a join workspaces w on w.id = a.workspace_id
        where a.workspace_id = ${workspaceId} and a.survey_id = ${surveyId}
        group by 1 order by 1`,
  );
  const [sends] = await queryRows<{ sends: number; answered: number }>(
    db,
    sql`select count(*)::int as sends, count(answered_at)::int as answered
        from survey_sends where workspace_id = ${workspaceId} and survey_id = ${surveyId}`,
  );
  const sent = Number(sends?.sends ?? 0);
  const answered = Number(sends?.answered ?? 0);
  return {
    surveyId,
    overall: toCounts(overall),
    sends: sent,
    answeredSends: answered,
    responseRate: rate(answered, sent),
    months: withChange(months.map((m) => ({ month: m.month, ...toCounts(m) }))),
  };
}

const MAX_GROUPS = 500;

function monthsBefore(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** How each grouping labels and keys a latest answer `l` (joined to c contacts, acc accounts). */
function grouping(groupBy: Exclude<NpsQuery['groupBy'], 'month'>): { key: SQL; label: SQL; from: SQL } {
  switch (groupBy) {
    case 'survey':
      return {
        key: sql`l.survey_id::text`,
        label: sql`max(s.name)`,
        from: sql`latest l join surveys s on s.id = l.survey_id`,
      };
    case 'account':
      return {
        key: sql`l.account_id::text`,
        label: sql`coalesce(max(acc.name), 'No company')`,
        from: sql`latest l left join accounts acc on acc.id = l.account_id`,
      };
    case 'kind':
      return {
        key: sql`c.kind`,
        label: sql`coalesce(c.kind, 'Anonymous (shareable link)')`,
        from: sql`latest l left join contacts c on c.id = l.contact_id`,
      };
    case 'account_status':
      return {
        key: sql`acc.status`,
        label: sql`coalesce(acc.status, 'No company')`,
        from: sql`latest l left join accounts acc on acc.id = l.account_id`,
      };
    case 'tag':
      return {
        key: sql`t.tag`,
        label: sql`coalesce(t.tag, 'No tag')`,
        // A contact with several tags counts once in each of them.
        from: sql`latest l left join contacts c on c.id = l.contact_id
          cross join lateral unnest(case when coalesce(cardinality(c.tags), 0) = 0 then array[null::text] else c.tags end) as t(tag)`,
      };
    case 'owner':
      return {
        key: sql`c.best_member_id::text`,
        label: sql`coalesce(max(m.name), 'No relationship yet')`,
        from: sql`latest l left join contacts c on c.id = l.contact_id left join members m on m.id = c.best_member_id`,
      };
  }
}

export async function npsReport(db: Db, workspaceId: string, query: NpsQuery): Promise<NpsReport> {
  const [ws] = await queryRows<{ time_zone: string; today: string }>(
    db,
    sql`select time_zone, to_char(now() at time zone time_zone, 'YYYY-MM-DD') as today
        from workspaces where id = ${workspaceId}`,
  );
  if (!ws) throw notFound('Workspace');
  const to = query.to ?? ws.today;
  const from = query.from ?? monthsBefore(to, 11);
  if (from > to) {
    throw new AppError('validation_failed', 'query.from: must not be after query.to', [
      { path: 'query.from', message: 'Must not be after "to"' },
    ]);
  }
  const tz = ws.time_zone;
  const start = sql`(${from}::date)::timestamp at time zone ${tz}`;
  const end = sql`(${to}::date + 1)::timestamp at time zone ${tz}`;
  const scoped = sql`
    select a.id, a.contact_id, a.account_id, a.survey_id, a.category, a.answered_at,
           coalesce(a.contact_id, a.id) as who,
           to_char(a.answered_at at time zone ${tz}, 'YYYY-MM') as month
    from survey_answers a
    where a.workspace_id = ${workspaceId} and a.answered_at >= ${start} and a.answered_at < ${end}`;

  const [overall] = await queryRows<CountRow>(
    db,
    sql`with scoped as (${scoped}),
        latest as (select distinct on (who) * from scoped order by who, answered_at desc, id desc)
        select ${countColumns} from latest`,
  );

  let groups: NpsGroup[];
  if (query.groupBy === 'month') {
    const rows = await queryRows<CountRow & { month: string }>(
      db,
      sql`with scoped as (${scoped}),
          latest as (select distinct on (who, month) * from scoped order by who, month, answered_at desc, id desc)
          select month, ${countColumns} from latest group by month order by month`,
    );
    groups = withChange(rows.map((r) => ({ key: r.month, label: r.month, ...toCounts(r) })));
  } else {
    const g = grouping(query.groupBy);
    const rows = await queryRows<CountRow & { key: string | null; label: string }>(
      db,
      sql`with scoped as (${scoped}),
          latest as (select distinct on (who) * from scoped order by who, answered_at desc, id desc)
          select ${g.key} as key, ${g.label} as label, ${countColumns}
          from ${g.from}
          group by ${g.key}
          order by count(*) desc, 2
          limit ${MAX_GROUPS}`,
    );
    groups = rows.map((r) => ({ key: r.key, label: r.label, ...toCounts(r), change: null }));
  }

  const [sends] = await queryRows<{ sends: number; answered: number }>(
    db,
    sql`select count(*)::int as sends, count(answered_at)::int as answered
        from survey_sends where workspace_id = ${workspaceId} and sent_at >= ${start} and sent_at < ${end}`,
  );
  const sent = Number(sends?.sends ?? 0);
  const answered = Number(sends?.answered ?? 0);
  return {
    from,
    to,
    groupBy: query.groupBy,
    overall: toCounts(overall),
    sends: sent,
    answeredSends: answered,
    responseRate: rate(answered, sent),
    groups,
  };
}
