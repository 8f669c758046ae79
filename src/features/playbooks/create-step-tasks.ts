// Turns playbook steps of enrolments into tasks, for any number of enrolments in one statement:
// picks each task's owner by the step's rule (with the fallbacks, explained in words on the task),
// works out the due day in the owner's time zone, fills the script's merge fields, and writes a
// 'created' history row per task. Used by enrolment (the first steps of thousands of answers) and
// by scheduleNextStep (the next step of one enrolment).
//
// Glossary: a *source row* is (enrolment_id, step_index, step, due_base): one step of one
// enrolment to create now, due `offsetDays` after due_base (the answer, or the completion of the
// previous step), and never before today.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { bestPersonEligibleSql, bestPersonOrderSql } from '../relationships/queries.ts';
import { renderScriptSql } from './merge-fields.ts';

/**
 * {{recent.work}}: the most recent piece of work with its result. Engagements (projects with
 * their results) come in a later issue; until then it is the contact's latest conversation that
 * has an outcome, over `interactions i`: "Q3 audit review: delivered two weeks early".
 */
export const recentWorkText = sql`
  case when length(btrim(coalesce(i.summary, ''))) > 0
    then left(btrim(i.summary), 100) || case when length(btrim(i.summary)) > 100 then '…' else '' end
    else 'our last ' || i.kind end
  || ': ' || btrim(i.outcome)`;
export const hasOutcome = sql`length(btrim(coalesce(i.outcome, ''))) > 0`;

/** Inserts the tasks for `source` (a SELECT of source rows); returns how many were created. */
export async function createStepTasks(db: Db, source: SQL, now: Date): Promise<number> {
  const first = (name: SQL) => sql`split_part(btrim(${name}), ' ', 1)`;
  const script = renderScriptSql(sql`(d.step->>'script')`, {
    'contact.firstName': first(sql`d.contact_name`),
    'contact.name': sql`d.contact_name`,
    'account.name': sql`d.account_name`,
    'answer.score': sql`d.score::text`,
    'answer.comment': sql`d.comment`,
    'member.firstName': first(sql`d.assignee_name`),
    'member.name': sql`d.assignee_name`,
    'recent.work': sql`d.recent_work`,
    'workspace.name': sql`d.workspace_name`,
  });
  const nowParam = sql`${now.toISOString()}::timestamptz`;
  const [row] = await queryRows<{ created: number }>(
    db,
    sql`
    with src as (${source}),
    base as (
      select s.enrolment_id, s.step_index, s.step, s.due_base,
        e.workspace_id, e.contact_id, coalesce(a.account_id, ct.account_id) as account_id,
        a.score, a.comment,
        ct.name as contact_name, ${first(sql`ct.name`)} as contact_first, ct.preferred_channel,
        ct.best_member_id, ct.best_strength as kept_best_strength, bm.name as best_member_name, bm.status = 'active' as best_member_ok,
        acc.name as account_name, acc.owner_member_id,
        w.name as workspace_name, w.time_zone as workspace_tz,
        s.step->'owner'->>'kind' as rule,
        s.step->'owner'->>'memberId' as rule_member,
        s.step->'owner'->>'role' as rule_role
      from src s
      join playbook_enrolments e on e.id = s.enrolment_id
      join contacts ct on ct.id = e.contact_id
      join workspaces w on w.id = e.workspace_id
      left join members bm on bm.id = ct.best_member_id
      left join survey_answers a on a.id = e.answer_id
      left join accounts acc on acc.id = coalesce(a.account_id, ct.account_id) and acc.workspace_id = e.workspace_id
    ),
    -- The strongest relationship of each contact is kept on the contact (best_member_id) by
    -- relationships/recompute.ts, with bestPersonToContact's ranking. It is ranked again here only
    -- where that may be stale: the member has been deactivated since, or nobody qualified then.
    stale as (
      select distinct workspace_id, contact_id from base where best_member_ok is not true
    ),
    reranked as (
      select distinct on (r.contact_id) r.contact_id, r.member_id, m.name, r.strength
      from stale x
      join relationships r on r.workspace_id = x.workspace_id and r.contact_id = x.contact_id
      join members m on m.id = r.member_id
      where ${bestPersonEligibleSql}
      order by r.contact_id, ${bestPersonOrderSql}
    ),
    -- The 'role' rule ranks the same way among the seniors (managers and owners) or the owners.
    role_contacts as (
      select distinct workspace_id, contact_id, rule_role = 'owner' as owners_only
      from base where rule = 'role'
    ),
    senior as (
      select distinct on (r.contact_id) r.contact_id, r.member_id, m.name, r.strength
      from role_contacts x
      join relationships r on r.workspace_id = x.workspace_id and r.contact_id = x.contact_id
      join members m on m.id = r.member_id
      where ${bestPersonEligibleSql} and not x.owners_only and m.role in ('manager', 'owner')
      order by r.contact_id, ${bestPersonOrderSql}
    ),
    senior_owner as (
      select distinct on (r.contact_id) r.contact_id, r.member_id, m.name, r.strength
      from role_contacts x
      join relationships r on r.workspace_id = x.workspace_id and r.contact_id = x.contact_id
      join members m on m.id = r.member_id
      where ${bestPersonEligibleSql} and x.owners_only and m.role = 'owner'
      order by r.contact_id, ${bestPersonOrderSql}
    ),
    ws as (select distinct workspace_id from base),
    workspace_owner as (
      select distinct on (m.workspace_id) m.workspace_id, m.id, m.name
      from members m join ws on ws.workspace_id = m.workspace_id
      where m.role = 'owner' and m.status = 'active'
      order by m.workspace_id, m.created_at, m.id
    ),
    -- For "someone senior" with no relationship to the contact: a manager first (the owner is
    -- the last resort anyway), the longest-serving one.
    default_senior as (
      select distinct on (m.workspace_id) m.workspace_id, m.id, m.name, m.role
      from members m join ws on ws.workspace_id = m.workspace_id
      where m.role in ('manager', 'owner') and m.status = 'active'
      order by m.workspace_id, m.role = 'manager' desc, m.created_at, m.id
    ),
    recent as (
      select distinct on (i.contact_id) i.contact_id, ${recentWorkText} as recent_work
      from (
        select distinct workspace_id, contact_id from base
        where position('{{recent.work}}' in step->>'script') > 0
      ) x
      join interactions i on i.workspace_id = x.workspace_id and i.contact_id = x.contact_id
      where ${hasOutcome}
      order by i.contact_id, i.occurred_at desc, i.id
    ),
    candidates as (
      select b.*,
        case when b.best_member_ok then b.best_member_id else rr.member_id end as best_id,
        case when b.best_member_ok then b.best_member_name else rr.name end as best_name,
        case when b.best_member_ok then b.kept_best_strength else rr.strength end as best_strength,
        bsen.member_id as senior_id, bsen.name as senior_name, bsen.strength as senior_strength,
        bown.member_id as rel_owner_id, bown.name as rel_owner_name, bown.strength as rel_owner_strength,
        ao.id as ao_id, ao.name as ao_name, ao.status = 'active' and ao.workspace_id = b.workspace_id as ao_ok,
        nm.id as nm_id, nm.name as nm_name, nm.status = 'active' as nm_ok,
        wo.id as wo_id, wo.name as wo_name,
        ds.id as ds_id, ds.name as ds_name, ds.role as ds_role,
        rc.recent_work
      from base b
      left join reranked rr on rr.contact_id = b.contact_id
      left join senior bsen on bsen.contact_id = b.contact_id
      left join senior_owner bown on bown.contact_id = b.contact_id
      left join members ao on ao.id = b.owner_member_id
      left join members nm on b.rule = 'member' and nm.workspace_id = b.workspace_id
        and nm.id::text = b.rule_member
      left join workspace_owner wo on wo.workspace_id = b.workspace_id
      left join default_senior ds on ds.workspace_id = b.workspace_id
      left join recent rc on rc.contact_id = b.contact_id
    ),
    chosen as (
      select c.*,
        case c.rule
          when 'strongest_relationship' then c.best_id
          when 'account_owner' then case when c.ao_ok then c.ao_id end
          when 'member' then case when c.nm_ok then c.nm_id end
          when 'role' then case when c.rule_role = 'owner' then coalesce(c.rel_owner_id, c.wo_id)
            else coalesce(c.senior_id, c.ds_id) end
        end as primary_id,
        case c.rule
          when 'strongest_relationship' then c.best_name
          when 'account_owner' then c.ao_name
          when 'member' then c.nm_name
          when 'role' then case when c.rule_role = 'owner' then coalesce(c.rel_owner_name, c.wo_name)
            else coalesce(c.senior_name, c.ds_name) end
        end as primary_name,
        -- Why the rule's own choice is who it is.
        case c.rule
          when 'strongest_relationship' then format('%s has the strongest relationship with %s (%s).',
            c.best_name, c.contact_first, c.best_strength)
          when 'account_owner' then format('%s owns the account %s.', c.ao_name, c.account_name)
          when 'member' then format('The playbook names %s for this step.', c.nm_name)
          when 'role' then case
            when c.rule_role = 'owner' and c.rel_owner_id is not null then
              format('%s is the owner with the strongest relationship with %s (%s).', c.rel_owner_name, c.contact_first, c.rel_owner_strength)
            when c.rule_role = 'owner' then
              format('No owner has talked to %s yet, so this goes to the workspace owner, %s.', c.contact_first, c.wo_name)
            when c.senior_id is not null then
              format('%s has the strongest relationship with %s among the managers and owners (%s).', c.senior_name, c.contact_first, c.senior_strength)
            else format('No manager or owner has talked to %s yet, so this goes to %s (%s).', c.contact_first, c.ds_name, c.ds_role)
          end
        end as primary_note,
        -- Why the rule found nobody, when it did not.
        case c.rule
          when 'strongest_relationship' then format('Nobody on the team has talked to %s yet', c.contact_first)
          when 'account_owner' then case
            when c.account_name is null then format('%s is not linked to a client company', c.contact_first)
            when c.ao_id is null then format('%s has no account owner', c.account_name)
            else format('%s''s account owner, %s, is deactivated', c.account_name, c.ao_name) end
          when 'member' then case
            when c.nm_id is null then 'The member this step names is no longer on the team'
            else format('The playbook names %s, who is deactivated', c.nm_name) end
          else 'Nobody on the team is a manager or an owner'
        end as miss_reason,
        -- Why the account owner could not take it either.
        case
          when c.account_name is null then format('%s is not linked to a client company', c.contact_first)
          when c.ao_id is null then format('%s has no account owner', c.account_name)
          else format('%s''s account owner, %s, is deactivated', c.account_name, c.ao_name)
        end as account_miss
      from candidates c
    ),
    decided as (
      select ch.*,
        coalesce(ch.primary_id, case when ch.ao_ok then ch.ao_id end, ch.wo_id) as assignee_id,
        case
          when ch.primary_id is not null then ch.primary_note
          when ch.ao_ok and ch.rule <> 'account_owner' then
            format('%s, so this goes to the account owner, %s.', ch.miss_reason, ch.ao_name)
          when ch.rule = 'account_owner' then
            format('%s, so this goes to the workspace owner, %s.', ch.miss_reason, ch.wo_name)
          else format('%s, and %s, so this goes to the workspace owner, %s.',
            ch.miss_reason, ch.account_miss, ch.wo_name)
        end as assignment_note
      from chosen ch
    ),
    d as (
      select dc.*, am.name as assignee_name,
        coalesce(am.time_zone, dc.workspace_tz) as tz
      from decided dc
      join members am on am.id = dc.assignee_id
    ),
    created as (
      insert into tasks (
        workspace_id, contact_id, account_id, assignee_member_id, enrolment_id, step_index, step_key,
        action, title, reason, script, channel, assignment_note, due_on, status, created_at, updated_at
      )
      select d.workspace_id, d.contact_id, d.account_id, d.assignee_id, d.enrolment_id, d.step_index,
        d.step->>'key', d.step->>'action', d.step->>'title',
        case when length(btrim(coalesce(d.comment, ''))) > 0
          then format('Answered %s: ''%s''', d.score, btrim(d.comment))
          when d.score is not null then format('Answered %s, with no comment', d.score)
          else null end,
        ${script},
        case when d.step->>'channel' = 'preferred' then coalesce(d.preferred_channel,
          case d.step->>'action' when 'call' then 'phone' when 'meeting' then 'in_person' else 'email' end)
          else d.step->>'channel' end,
        d.assignment_note,
        greatest(
          (d.due_base at time zone d.tz)::date + (d.step->>'offsetDays')::int,
          (${nowParam} at time zone d.tz)::date
        ),
        'open', ${nowParam}, ${nowParam}
      from d
      returning id, workspace_id, assignee_member_id, assignment_note, step_key, enrolment_id
    ),
    history as (
      insert into task_history (workspace_id, task_id, kind, to_member_id, reason, data, created_at)
      select workspace_id, id, 'created', assignee_member_id, assignment_note,
        jsonb_build_object('stepKey', step_key, 'enrolmentId', enrolment_id), ${nowParam}
      from created
      returning 1
    )
    select (select count(*) from history)::int as created
  `,
  );
  return Number(row?.created ?? 0);
}
