// Enrolment of 100,000 survey answers into playbooks, with each task's owner chosen by
// relationship strength (the target: at most 10 s on PGlite and on PostgreSQL).
// Data is generated in SQL inside the database: a workspace with 30 members (managers, members in
// other time zones, one deactivated), 30,000 companies (most with an owner), 100,000 contacts,
// about 150,000 relationships, 60,000 conversations with outcomes, one survey and 100,000 answers
// of every score. Each run puts the answers back to pending and times enrolPendingAnswers.
// Baseline in the same run: a plain INSERT ... SELECT of the same number of task rows (fixed
// owner, fixed text, no owner rules, no rendering, no history or timeline).
// Run: `node bench/enrol.ts [answers=100000] [runs=3]`; with
// BENCH_DATABASE_URL=postgres://... also on PostgreSQL, in a database of its own that is dropped
// afterwards. BENCH_TARGETS=pglite (or postgres) measures one only.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase, queryRows } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { enrolPendingAnswers } from '../src/features/playbooks/enrol-pending-answers.ts';
import { refreshContactSummaries } from '../src/features/relationships/recompute.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';

const answers = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function generate(database: Database) {
  const db = database.db;
  const { workspace, owner } = await createWorkspace(db, {
    firmName: 'Bench Enrolment Partners',
    timeZone: 'Europe/Berlin',
    owner: { name: 'Olivia Owner', email: 'owner@enrol.bench', passwordHash: 'x' },
  });
  const ws = workspace.id;
  await db.execute(sql`
    insert into members (workspace_id, email, name, role, password_hash, time_zone, status)
    select ${ws}, 'm' || g || '@enrol.bench', 'Member ' || g,
      case when g <= 4 then 'manager' else 'member' end, 'x',
      case when g % 5 = 0 then 'America/New_York' when g % 7 = 0 then 'Asia/Tokyo' end,
      case when g = 29 then 'deactivated' else 'active' end
    from generate_series(1, 29) g`);
  await db.execute(sql`
    insert into accounts (workspace_id, name, owner_member_id)
    with m as (select id, row_number() over (order by email) - 1 as n from members where workspace_id = ${ws})
    select ${ws}, 'Company ' || g, case when g % 10 <> 0 then m.id end
    from generate_series(1, ${Math.round(answers * 0.3)}) g join m on m.n = g % 30`);
  await db.execute(sql`
    with a as (select id, row_number() over (order by name) as n from accounts where workspace_id = ${ws})
    insert into contacts (workspace_id, name, email, account_id, preferred_channel)
    select ${ws}, 'Person ' || g || ' Surname', 'p' || g || '@client.bench', a.id,
      (array['email', 'phone', 'text', 'in_person', null])[1 + g % 5]
    from generate_series(1, ${answers}) g left join a on a.n = 1 + (g % ${Math.round(answers * 0.3)}) and g % 8 <> 0`);
  // 0 to 3 relationships per contact (a quarter of the contacts know nobody on the team).
  await db.execute(sql`
    with m as (select id, row_number() over (order by email) - 1 as n from members where workspace_id = ${ws}),
    c as (select id, row_number() over (order by email) as n from contacts where workspace_id = ${ws})
    insert into relationships (workspace_id, member_id, contact_id, strength, computed_strength, last_interaction_at)
    select ${ws}, m.id, c.id, (c.n * 37 + k * 11) % 100 + 1, (c.n * 37 + k * 11) % 100 + 1, now() - ((c.n + k) % 300) * interval '1 day'
    from c cross join generate_series(1, 3) k
    join m on m.n = (c.n * 7 + k * 13) % 30
    where k <= c.n % 4
    on conflict do nothing`);
  // Each contact's strongest relationship, kept on the contact as an import or a logged call would.
  await refreshContactSummaries(db, ws, 'all');
  await db.execute(sql`
    insert into interactions (workspace_id, contact_id, kind, occurred_at, summary, outcome)
    select ${ws}, c.id, 'meeting', now() - (g % 200) * interval '1 day', 'Project review ' || g, 'delivered on time'
    from (select id, row_number() over (order by email) as g from contacts where workspace_id = ${ws}) c
    where c.g % 5 < 3`);
  const [survey] = await queryRows<{ id: string }>(
    db,
    sql`insert into surveys (workspace_id, name, question, audience, status)
        values (${ws}, 'Bench survey', 'How likely?', '{"kind":"active_clients"}'::jsonb, 'active') returning id`,
  );
  await db.execute(sql`
    insert into survey_answers (workspace_id, survey_id, contact_id, account_id, score, comment, source, answered_at)
    select ${ws}, ${survey!.id}, c.id, c.account_id, c.g % 11,
      case when c.g % 3 = 0 then 'Comment number ' || c.g end, 'import', now() - (c.g % 48) * interval '1 hour'
    from (select id, account_id, row_number() over (order by email) as g from contacts where workspace_id = ${ws}) c`);
  await db.execute(sql`analyze`);
  return { ws, ownerId: owner.id };
}

async function reset(database: Database, ws: string) {
  const db = database.db;
  // Truncated rather than deleted: row-by-row cascades planned on statistics taken while these
  // tables were empty would scan them once per deleted row.
  await db.execute(sql`truncate task_history, tasks, playbook_enrolments cascade`);
  await db.execute(
    sql`delete from timeline_events where workspace_id = ${ws} and kind = 'playbook.enrolled'`,
  );
  await db.execute(sql`update survey_answers set enrolled_at = null where workspace_id = ${ws}`);
  await db.execute(sql`vacuum analyze`);
}

async function baseline(database: Database, ws: string, ownerId: string): Promise<number> {
  const started = performance.now();
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into tasks (workspace_id, contact_id, assignee_member_id, action, title, reason, script, channel, due_on)
      select a.workspace_id, a.contact_id, ${ownerId}, 'call', 'Follow up', 'Answered', 'Hello', 'email', current_date + 2
      from survey_answers a where a.workspace_id = ${ws}`);
  });
  const ms = performance.now() - started;
  await database.db.execute(sql`delete from tasks where workspace_id = ${ws}`);
  return ms;
}

async function measure(label: string, database: Database) {
  await migrateDatabase(database);
  const genStart = performance.now();
  const { ws, ownerId } = await generate(database);
  console.log(`${label}: generated in ${Math.round(performance.now() - genStart)} ms`);
  const enrolMs: number[] = [];
  const baseMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await reset(database, ws);
    baseMs.push(await baseline(database, ws, ownerId));
    const started = performance.now();
    const result = await enrolPendingAnswers(database.db, { workspaceId: ws });
    enrolMs.push(performance.now() - started);
    if (result.enrolled !== answers) throw new Error(`enrolled ${result.enrolled} of ${answers}`);
    console.log(
      `${label} run ${i + 1}: enrol ${Math.round(enrolMs[i]!)} ms (${result.tasks} tasks), baseline ${Math.round(baseMs[i]!)} ms`,
    );
  }
  const [by] = await queryRows<{
    strongest: number;
    senior: number;
    accountOwner: number;
    workspaceOwner: number;
  }>(
    database.db,
    sql`select count(*) filter (where assignment_note like '%has the strongest relationship with%')::int as strongest,
          count(*) filter (where assignment_note like 'No manager or owner has talked%')::int as senior,
          count(*) filter (where assignment_note like '%goes to the account owner%')::int as "accountOwner",
          count(*) filter (where assignment_note like '%goes to the workspace owner%')::int as "workspaceOwner"
        from tasks where workspace_id = ${ws}`,
  );
  const e = median(enrolMs);
  const b = median(baseMs);
  // The machine is shared and noisy: each run's enrolment is compared with the baseline measured
  // just before it, and the median of those ratios is reported.
  const ratio = median(enrolMs.map((ms, i) => ms / baseMs[i]!));
  console.log(
    `${label}: enrol median ${Math.round(e)} ms (min ${Math.round(Math.min(...enrolMs))}, max ${Math.round(Math.max(...enrolMs))}); ` +
      `baseline median ${Math.round(b)} ms; median per-run ratio ${ratio.toFixed(1)}x; ` +
      `owners: ${by?.strongest} strongest relationship, ${by?.senior} senior by role without a relationship, ` +
      `${by?.accountOwner} fell back to the account owner, ${by?.workspaceOwner} to the workspace owner; ` +
      `target 10 s ${e <= 10_000 ? 'met' : 'MISSED'}`,
  );
}

// BENCH_TARGETS=pglite or =postgres measures one of them only.
const targets = (process.env.BENCH_TARGETS ?? 'pglite,postgres').split(',');
const dir = mkdtempSync(path.join(os.tmpdir(), 'warmpath-bench-enrol-'));
if (targets.includes('pglite'))
  try {
    const pglite = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    try {
      await measure('PGlite', pglite);
    } finally {
      await pglite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

const url = process.env.BENCH_DATABASE_URL;
if (url && targets.includes('postgres')) {
  const name = `wpb_enrol_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    const postgres = await openDatabase({ databaseUrl: u.toString(), dataDir: dir });
    try {
      await measure('PostgreSQL', postgres);
    } finally {
      await postgres.close();
    }
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
