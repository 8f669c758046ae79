// When a member is deactivated their open tasks must not be lost: each goes, in the same
// transaction as the deactivation, to the person on the team who knows that contact best after
// them, else to the contact's account owner, else to a workspace owner. Set-based: one statement
// however many tasks the member had.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from './queries.ts';

export const DEACTIVATED_REASON = 'previous owner deactivated';

/**
 * Reassigns every open task of `memberId` (already deactivated, or about to be) and writes a
 * 'reassigned' history entry for each. Returns how many moved, by rule.
 */
export async function reassignTasksOfDeactivatedMember(
  db: Db,
  input: { workspaceId: string; memberId: string; byMemberId: string | null },
): Promise<{ reassigned: number; byRule: Record<string, number> }> {
  const { workspaceId, memberId } = input;
  const rows = rowsOf<{ rule: string }>(
    await db.execute(sql`
      with open_tasks as (
        select t.id, t.contact_id, coalesce(t.account_id, c.account_id) as account_id
        from tasks t
        left join contacts c on c.id = t.contact_id
        where t.workspace_id = ${workspaceId} and t.assignee_member_id = ${memberId} and t.status = 'open'
        for update of t
      ),
      choice as (
        select o.id,
          coalesce(rel.member_id, own.id, wo.id) as to_id,
          case when rel.member_id is not null then 'strongest_relationship'
               when own.id is not null then 'account_owner'
               else 'workspace_owner' end as rule
        from open_tasks o
        left join lateral (
          select r.member_id from relationships r
          join members m on m.id = r.member_id
          where r.workspace_id = ${workspaceId} and r.contact_id = o.contact_id
            and m.status = 'active' and m.id <> ${memberId} and r.strength > 0
          order by r.strength desc, r.last_interaction_at desc nulls last, m.name
          limit 1
        ) rel on true
        left join accounts ac on ac.id = o.account_id and ac.workspace_id = ${workspaceId}
        left join members own on own.id = ac.owner_member_id and own.status = 'active' and own.id <> ${memberId}
        left join lateral (
          select m.id from members m
          where m.workspace_id = ${workspaceId} and m.role = 'owner' and m.status = 'active' and m.id <> ${memberId}
          order by m.created_at, m.id
          limit 1
        ) wo on true
      ),
      moved as (
        update tasks t
        set assignee_member_id = ch.to_id,
            assignment_note = case ch.rule
              when 'strongest_relationship' then 'Previous owner deactivated: the next-strongest relationship'
              when 'account_owner' then 'Previous owner deactivated: nobody else knows them, so the account owner'
              else 'Previous owner deactivated: nobody else knows them and no account owner, so a workspace owner'
            end,
            updated_at = now()
        from choice ch
        where t.id = ch.id and ch.to_id is not null
        returning t.id, ch.to_id, ch.rule
      ),
      logged as (
        insert into task_history (workspace_id, task_id, kind, member_id, from_member_id, to_member_id, reason, data)
        select ${workspaceId}, moved.id, 'reassigned', ${input.byMemberId}::uuid, ${memberId}::uuid, moved.to_id,
          ${DEACTIVATED_REASON}, jsonb_build_object('rule', moved.rule)
        from moved
      )
      select rule from moved`),
  );
  const byRule: Record<string, number> = {};
  for (const r of rows) byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
  return { reassigned: rows.length, byRule };
}
