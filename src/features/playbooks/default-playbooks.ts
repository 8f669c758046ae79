// The playbooks every workspace starts with, one per answer group, following the method: thank
// and listen first and ask only after, specifically (this client, this project, its result); a
// passive is asked what would make it a 9 or 10 and nothing else; a detractor gets a fast call
// from someone senior, the problem solved, and no ask at all.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { PlaybookStep, PlaybookTrigger } from '../../db/schema/index.ts';

type DefaultPlaybook = { trigger: PlaybookTrigger; name: string; description: string; steps: PlaybookStep[] };

export const defaultPlaybooks: DefaultPlaybook[] = [
  {
    trigger: 'answer.promoter',
    name: 'Promoter: thank, listen, then ask',
    description:
      'A promoter is willing, not yet doing. The person closest to them thanks them personally and listens; a review ask follows, and only after that a specific recommendation about the work we did together.',
    steps: [
      {
        key: 'thank-you-call',
        title: 'Personal thank-you call',
        action: 'thank',
        offsetDays: 2,
        after: 'trigger',
        owner: { kind: 'strongest_relationship' },
        channel: 'phone',
        script:
          "Hi {{contact.firstName}}, it's {{member.firstName}} from {{workspace.name}}. I saw your {{answer.score}} and wanted to thank you myself: it means a lot to the whole team. What has made the difference for you? And is there anything we could still do better?",
      },
      {
        key: 'review-ask',
        title: 'Invite a review',
        action: 'ask_review',
        offsetDays: 5,
        after: 'previous',
        owner: { kind: 'strongest_relationship' },
        channel: 'preferred',
        script:
          'Thanks again for the kind words, {{contact.firstName}}. Would you be willing to share them where others look for advice? A short review takes two minutes and helps people in your position find us. If now is not a good time, no problem at all.',
      },
      {
        key: 'recommendation-ask',
        title: 'Ask for a recommendation about the project',
        action: 'ask_recommendation',
        offsetDays: 14,
        after: 'previous',
        owner: { kind: 'strongest_relationship' },
        channel: 'preferred',
        script:
          '{{contact.firstName}}, thinking back to {{recent.work}}: if you hear of someone facing something similar, would you be comfortable mentioning us? And if a particular person comes to mind, I would be glad to be introduced; we will look after them as well as we look after {{account.name}}.',
      },
    ],
  },
  {
    trigger: 'answer.passive',
    name: 'Passive: listen and learn',
    description:
      'A passive is satisfied but not enthusiastic. Find out what would make it a 9 or 10, act on it, and tell them what changed. No ask.',
    steps: [
      {
        key: 'listening-call',
        title: 'Listening call: what would make it a 9 or 10?',
        action: 'call',
        offsetDays: 3,
        after: 'trigger',
        owner: { kind: 'strongest_relationship' },
        channel: 'preferred',
        script:
          "Hi {{contact.firstName}}, it's {{member.firstName}} from {{workspace.name}}. Thank you for answering our survey. A {{answer.score}} says we are doing fine, and we would like to do better than fine: what would have made it a 9 or a 10? Is there anything about {{recent.work}} we should have handled differently?",
      },
      {
        key: 'what-we-changed',
        title: 'Tell them what changed',
        action: 'email',
        offsetDays: 30,
        after: 'previous',
        owner: { kind: 'strongest_relationship' },
        channel: 'preferred',
        script:
          'Hi {{contact.firstName}}, when we spoke you told us what would make working with us better. Here is what we have changed since: (say what changed). Thank you for being candid with us; it is how we get better.',
      },
    ],
  },
  {
    trigger: 'answer.detractor',
    name: 'Detractor: a senior call to put it right',
    description:
      'An unhappy client hears from someone senior within a day, in person, and the problem gets solved. No ask of any kind.',
    steps: [
      {
        key: 'senior-call',
        title: 'Personal call from someone senior',
        action: 'call',
        offsetDays: 1,
        after: 'trigger',
        owner: { kind: 'role', role: 'manager' },
        channel: 'phone',
        script:
          "Hi {{contact.firstName}}, this is {{member.name}} from {{workspace.name}}. I read your answer to our survey and wanted to call you myself. I'm sorry we fell short. Could you tell me what happened, in your own words? I would rather hear all of it now, and then I'll tell you what we will do about it and by when.",
      },
      {
        key: 'resolve-issue',
        title: 'Resolve the issue and confirm it with them',
        action: 'resolve_issue',
        offsetDays: 7,
        after: 'previous',
        owner: { kind: 'role', role: 'manager' },
        channel: 'preferred',
        script:
          '{{contact.firstName}}, following our conversation: here is what we have done, what is still open and when it will be finished: (the plan). If anything else is on your mind, tell me directly.',
      },
      {
        key: 'check-in',
        title: 'Check in: is it better now?',
        action: 'call',
        offsetDays: 21,
        after: 'previous',
        owner: { kind: 'strongest_relationship' },
        channel: 'preferred',
        script:
          'Hi {{contact.firstName}}, {{member.firstName}} here. A few weeks ago we put a problem right for {{account.name}}; I wanted to check that things are working the way you need them to now.',
      },
    ],
  },
];

/**
 * Creates the default playbook for each trigger that has none in this workspace (an archived one
 * counts: a firm that archived a default does not get it back). Safe to run concurrently and
 * again and again; answers how many were created.
 */
export async function ensureDefaultPlaybooks(db: Db, workspaceId: string): Promise<number> {
  const values = sql.join(
    defaultPlaybooks.map(
      (p) => sql`(${p.trigger}, ${p.name}, ${p.description}, ${JSON.stringify(p.steps)}::jsonb)`,
    ),
    sql`, `,
  );
  const [row] = await queryRows<{ created: number }>(
    db,
    sql`
      with d(trigger, name, description, steps) as (values ${values}),
      created as (
        insert into playbooks (workspace_id, name, description, trigger, active, current_version)
        select ${workspaceId}::uuid, d.name, d.description, d.trigger, true, 1
        from d
        where not exists (
          select 1 from playbooks p where p.workspace_id = ${workspaceId}::uuid and p.trigger = d.trigger
        )
        on conflict (workspace_id, trigger) where active and archived_at is null do nothing
        returning id, trigger
      ),
      versions as (
        insert into playbook_versions (workspace_id, playbook_id, version, steps)
        select ${workspaceId}::uuid, created.id, 1, d.steps from created join d on d.trigger = created.trigger
        returning 1
      )
      select (select count(*) from versions)::int as created`,
  );
  return Number(row?.created ?? 0);
}

/** Defaults for every workspace that has answers waiting and no playbook at all yet. */
export async function ensureDefaultPlaybooksWherePending(db: Db, workspaceId?: string): Promise<void> {
  const scope = workspaceId ? sql`and w.id = ${workspaceId}::uuid` : sql``;
  const missing = await queryRows<{ id: string }>(
    db,
    sql`
      select w.id from workspaces w
      where not exists (select 1 from playbooks p where p.workspace_id = w.id)
        and exists (select 1 from survey_answers a where a.workspace_id = w.id and a.enrolled_at is null)
        ${scope}`,
  );
  for (const { id } of missing) await ensureDefaultPlaybooks(db, id);
}
