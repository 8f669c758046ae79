import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { contacts, members, workspaces } from '../db/schema/index.ts';
import { verifyPassword } from '../features/auth/passwords.ts';
import { createTestDatabase } from '../test/db.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';

async function teamOf(scale?: number) {
  const database = await createTestDatabase();
  try {
    const { workspace } = await seedDemo(database.db, { scale });
    const team = await database.db
      .select({ name: members.name, email: members.email, role: members.role, hash: members.passwordHash })
      .from(members)
      .where(eq(members.workspaceId, workspace.id))
      .orderBy(members.email);
    return { workspace, team, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

test('the demo firm is the same on every run, with an owner, managers and members who can sign in', async () => {
  const a = await teamOf();
  const b = await teamOf();
  try {
    assert.deepEqual(
      a.team.map(({ hash: _h, ...m }) => m),
      b.team.map(({ hash: _h, ...m }) => m),
    );
    assert.equal(a.workspace.slug, 'demo');
    assert.deepEqual([...new Set(a.team.map((m) => m.role))].sort(), ['manager', 'member', 'owner']);
    assert.ok(await verifyPassword(DEMO_PASSWORD, a.team[0]!.hash));
    // The demo firm has a client base: people who are known by someone on the team, with history.
    const known = await a.database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(contacts)
      .where(sql`${contacts.workspaceId} = ${a.workspace.id} and ${contacts.bestStrength} > 0`);
    assert.ok(known[0]!.n > 50);
    // Surveys answered in every group, and follow-up tasks in every state the product knows.
    const ws = a.workspace.id;
    const rows = await queryRows<{ state: string; n: number }>(
      a.database.db,
      sql`select 'survey.' || status as state, count(*)::int as n from surveys where workspace_id = ${ws} group by status
       union all select 'answer.' || category, count(*)::int from survey_answers where workspace_id = ${ws} group by category
       union all select 'task.' || case
         when status = 'done' then 'done'
         when snoozed_until is not null then 'snoozed'
         when due_on < current_date then 'overdue'
         when due_on = current_date then 'today'
         else 'upcoming' end, count(*)::int
       from tasks where workspace_id = ${ws} group by 1
       union all select 'task.reassigned', count(*)::int from task_history where workspace_id = ${ws} and kind = 'reassigned'
       union all select 'ask.' || kind, count(*)::int from asks where workspace_id = ${ws} group by kind
       union all select 'goals', count(*)::int from member_goals where workspace_id = ${ws}
       union all select 'referral.' || status, count(*)::int from referrals where workspace_id = ${ws} group by status
       union all select 'referral.source.' || source, count(*)::int from referrals where workspace_id = ${ws} group by source
       union all select 'referral.kind.' || kind, count(*)::int from referrals where workspace_id = ${ws} group by kind
       union all select 'referral.from_ask', count(*)::int from referrals where workspace_id = ${ws} and ask_id is not null
       union all select 'claim.' || outcome, count(*)::int from offer_claims where workspace_id = ${ws} group by outcome
       union all select 'offer.' || status, count(*)::int from offers where workspace_id = ${ws} group by status
       union all select 'click.' || case when is_bot then 'bot' else 'person' end, count(*)::int from link_clicks where workspace_id = ${ws} group by is_bot
       union all select 'thank.' || status, count(*)::int from tasks where workspace_id = ${ws} and action = 'thank' and referral_id is not null group by status
       union all select 'partner_referral', count(*)::int from partner_referrals where workspace_id = ${ws}
       union all select 'testimonial', count(*)::int from testimonials where workspace_id = ${ws}
       union all select 'referrer_page', count(*)::int from referrer_pages where workspace_id = ${ws}`,
    );
    const seen = new Map(rows.map((r) => [r.state, r.n]));
    for (const state of [
      'survey.active',
      'survey.closed',
      'answer.promoter',
      'answer.passive',
      'answer.detractor',
      'task.done',
      'task.overdue',
      'task.upcoming',
      'task.snoozed',
      'task.reassigned',
      'ask.review',
      'goals',
      'referral.new',
      'referral.qualified',
      'referral.won',
      'referral.lost',
      'referral.source.client',
      'referral.source.partner',
      'referral.source.offer',
      'referral.source.other',
      'referral.source.survey',
      'referral.kind.recommendation',
      'referral.kind.introduction',
      'referral.from_ask',
      'claim.accepted',
      'claim.interest',
      'offer.active',
      'offer.paused',
      'offer.archived',
      'click.person',
      'click.bot',
      'thank.open',
      'thank.done',
      'partner_referral',
      'testimonial',
      'referrer_page',
    ]) {
      assert.ok(
        (seen.get(state) ?? 0) > 0,
        `the demo has ${state}: ${JSON.stringify(Object.fromEntries(seen))}`,
      );
    }
  } finally {
    await a.database.close();
    await b.database.close();
  }
});

test('--scale adds volume, and --replace recreates instead of failing', async () => {
  const scaled = await teamOf(4000);
  try {
    assert.equal(scaled.team.length, 6 + 2);
    const [people] = await scaled.database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(contacts)
      .where(
        sql`${contacts.workspaceId} = ${scaled.workspace.id}
          and not exists (select 1 from referrals r where r.prospect_contact_id = ${contacts.id})`,
      );
    // The client base is the size asked for; referred prospects come on top of it.
    assert.equal(people!.n, 4000);
    assert.equal(new Set(scaled.team.map((m) => m.email)).size, scaled.team.length);
    await assert.rejects(seedDemo(scaled.database.db), /already exists/);
    const replaced = await seedDemo(scaled.database.db, { replace: true });
    const all = await scaled.database.db.select().from(workspaces);
    assert.deepEqual(
      all.map((w) => w.id),
      [replaced.workspace.id],
    );
  } finally {
    await scaled.database.close();
  }
});
