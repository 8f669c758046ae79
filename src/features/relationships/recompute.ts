// Recomputes relationship strength from interactions, set-based in SQL so the same statement
// serves one logged call and an import of 200,000 rows. Scope: some contacts, or the whole
// workspace (the nightly decay job). Some contacts are named by id, or by a query that selects
// their ids (an import touching 100,000 contacts names them by a subquery over its staged rows
// rather than sending 100,000 ids back and forth).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bestPersonEligibleSql, bestPersonOrderSql } from './queries.ts';
import { DIRECTION_WEIGHT, KIND_WEIGHT, RECENCY_DAYS, SATURATION, WINDOW_DAYS } from './strength.ts';

const kindWeight = sql.raw(
  `case i.kind ${Object.entries(KIND_WEIGHT)
    .map(([k, w]) => `when '${k}' then ${w}`)
    .join(' ')} else 0 end`,
);
const directionWeight = sql.raw(
  `case i.direction ${Object.entries(DIRECTION_WEIGHT)
    .map(([k, w]) => `when '${k}' then ${w}`)
    .join(' ')} else 0 end`,
);

export type ContactScope = { contactIds: string[] } | { contactIdsQuery: SQL } | 'all';

/** `column` restricted to the scope's contacts, as SQL. */
function inContactScope(column: SQL, scope: ContactScope): SQL {
  if (scope === 'all') return sql`true`;
  if ('contactIdsQuery' in scope) return sql`${column} in (${scope.contactIdsQuery})`;
  return sql`${column} = any(${sql.param(scope.contactIds)}::uuid[])`;
}

const isEmpty = (scope: ContactScope) =>
  scope !== 'all' && 'contactIds' in scope && scope.contactIds.length === 0;

export async function recomputeStrengths(db: Db, workspaceId: string, scope: ContactScope): Promise<void> {
  if (isEmpty(scope)) return;
  const inScope = inContactScope(sql`i.contact_id`, scope);
  const relInScope = inContactScope(sql`r.contact_id`, scope);

  await db.execute(sql`
    with agg as (
      select p.member_id, i.contact_id,
        count(*)::int as n,
        count(*) filter (where i.kind = 'meeting')::int as meeting,
        count(*) filter (where i.kind = 'call')::int as call,
        count(*) filter (where i.kind = 'message')::int as message,
        count(*) filter (where i.kind = 'email')::int as email,
        count(*) filter (where i.kind = 'note')::int as note,
        count(*) filter (where i.direction = 'two_way')::int as two_way,
        max(i.occurred_at) as last_at,
        (array_agg(i.kind order by i.occurred_at desc))[1] as last_kind,
        sum(${kindWeight} * ${directionWeight}
            * exp(-greatest(extract(epoch from (now() - i.occurred_at)), 0) / 86400.0 / ${RECENCY_DAYS})) as score
      from interactions i
      join interaction_participants p on p.interaction_id = i.id
      where i.workspace_id = ${workspaceId} and ${inScope}
        and i.occurred_at > now() - make_interval(days => ${WINDOW_DAYS})
      group by p.member_id, i.contact_id
    ),
    computed as (
      select agg.*, round(100 * (1 - exp(-score / ${SATURATION})))::int as strength_value from agg
    ),
    upserted as (
      insert into relationships as r
        (workspace_id, member_id, contact_id, computed_strength, strength, interaction_count, last_interaction_at, stats, updated_at)
      select ${workspaceId}, member_id, contact_id, strength_value, strength_value, n, last_at,
        jsonb_strip_nulls(jsonb_build_object(
          'meeting', nullif(meeting, 0), 'call', nullif(call, 0), 'message', nullif(message, 0),
          'email', nullif(email, 0), 'note', nullif(note, 0), 'twoWay', two_way, 'lastKind', last_kind)),
        now()
      from computed
      on conflict (member_id, contact_id) do update set
        computed_strength = excluded.computed_strength,
        strength = coalesce(r.override_strength, greatest(excluded.computed_strength, coalesce(r.baseline_strength, 0))),
        interaction_count = excluded.interaction_count,
        last_interaction_at = excluded.last_interaction_at,
        stats = excluded.stats,
        updated_at = now()
      returning r.id
    )
    update relationships r set
      computed_strength = 0,
      strength = coalesce(r.override_strength, coalesce(r.baseline_strength, 0)),
      interaction_count = 0,
      last_interaction_at = null,
      stats = '{}'::jsonb,
      updated_at = now()
    where r.workspace_id = ${workspaceId} and ${relInScope}
      and r.interaction_count > 0
      and r.id not in (select id from upserted)
  `);

  await refreshContactSummaries(db, workspaceId, scope);
}

/**
 * Brings each contact's denormalised summary up to date: when they were last contacted (by
 * anyone, in a conversation: notes do not count) and who on the team, among active members, knows them best. Set-based (one pass over
 * the scope's relationships and interactions, not one subquery per contact), and only contacts
 * whose summary actually changes are written: rewriting a contact row touches all of its indexes,
 * which made an unchanged re-import of 200,000 relationships cost as much as the first one.
 */
export async function refreshContactSummaries(
  db: Db,
  workspaceId: string,
  scope: ContactScope,
): Promise<void> {
  if (isEmpty(scope)) return;
  await db.execute(sql`
    with best as (
      select distinct on (r.contact_id) r.contact_id, r.member_id, r.strength
      from relationships r
      join members m on m.id = r.member_id
      where r.workspace_id = ${workspaceId} and ${inContactScope(sql`r.contact_id`, scope)} and ${bestPersonEligibleSql}
      order by r.contact_id, ${bestPersonOrderSql}, r.member_id
    ),
    last_contact as (
      select i.contact_id, max(i.occurred_at) as at
      from interactions i
      -- A note is what we wrote down, not a conversation: it does not make someone "contacted".
      where i.workspace_id = ${workspaceId} and ${inContactScope(sql`i.contact_id`, scope)}
        and i.kind <> 'note'
      group by i.contact_id
    ),
    summary as (
      select c.id, l.at as last_contacted_at, coalesce(b.strength, 0) as best_strength, b.member_id as best_member_id
      from contacts c
      left join best b on b.contact_id = c.id
      left join last_contact l on l.contact_id = c.id
      where c.workspace_id = ${workspaceId} and ${inContactScope(sql`c.id`, scope)}
    )
    update contacts c set
      last_contacted_at = s.last_contacted_at,
      best_strength = s.best_strength,
      best_member_id = s.best_member_id
    from summary s
    where c.id = s.id
      and (c.last_contacted_at, c.best_strength, c.best_member_id)
        is distinct from (s.last_contacted_at, s.best_strength, s.best_member_id)
  `);
}
