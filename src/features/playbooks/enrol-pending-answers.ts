// Enrolment: every survey answer not yet looked at (enrolled_at null) is put through the active
// playbook for its group (answer.promoter / passive / detractor), which creates its first tasks.
// Set-based: a handful of statements per batch whatever the number of answers.
//
// Glossary: *claiming* an answer sets its enrolled_at in the statement that picks it, so that
// concurrent runs (the in-process prompt run, the cron sweep, other processes) never take the
// same answer (the later run waits for the earlier one's row locks, then skips what it claimed);
// the unique answer_id of playbook_enrolments, with ON CONFLICT DO NOTHING, guards the same thing
// a second time, and only the enrolments actually inserted get tasks.
// An answer is claimed even when nothing follows from it (anonymous, the contact erased or merged,
// no active playbook for its group): the engine has looked at it and will not look again.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { createStepTasks } from './create-step-tasks.ts';
import { ensureDefaultPlaybooksWherePending } from './default-playbooks.ts';

export type EnrolOptions = {
  /** Only this workspace's answers; all workspaces when absent (the cron sweep). */
  workspaceId?: string;
  now?: Date;
  /** At most this many answers (all pending when absent). */
  limit?: number;
};

export type EnrolResult = { claimed: number; enrolled: number; tasks: number };

/** Answers per transaction: big enough to amortise the statements, small enough to keep locks short. */
export const ENROL_BATCH = 100_000;
const BIG_ENROLMENT = 10_000;

export async function enrolPendingAnswers(db: Db, options: EnrolOptions = {}): Promise<EnrolResult> {
  const now = options.now ?? new Date();
  await ensureDefaultPlaybooksWherePending(db, options.workspaceId);
  const single = await isEmbedded(db);
  const total: EnrolResult = { claimed: 0, enrolled: 0, tasks: 0 };
  for (;;) {
    const want = Math.min(ENROL_BATCH, (options.limit ?? Number.POSITIVE_INFINITY) - total.claimed);
    if (want <= 0) break;
    const batch = await db.transaction((tx) =>
      enrolBatch(tx, { workspaceId: options.workspaceId, now, limit: want }),
    );
    total.claimed += batch.claimed;
    total.enrolled += batch.enrolled;
    total.tasks += batch.tasks;
    if (batch.claimed < want) break;
  }
  // PGlite has no autovacuum: after a big enrolment the planner would go on believing these
  // tables as small as before (and, say, scan all tasks once per row of a cascading delete).
  if (single && total.claimed >= BIG_ENROLMENT) {
    await db.execute(sql`analyze survey_answers, playbook_enrolments, tasks, task_history, timeline_events`);
  }
  return total;
}

const embedded = new WeakMap<Db, boolean>();

/** Whether this handle is the embedded database (PGlite), which never autovacuums. */
async function isEmbedded(db: Db): Promise<boolean> {
  let known = embedded.get(db);
  if (known === undefined) {
    const [row] = await queryRows<{ pglite: boolean }>(
      db,
      sql`select position('PGlite' in version()) > 0 as pglite`,
    );
    known = row?.pglite === true;
    embedded.set(db, known);
  }
  return known;
}

async function enrolBatch(
  tx: Db,
  options: { workspaceId: string | undefined; now: Date; limit: number },
): Promise<EnrolResult> {
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const scope = options.workspaceId ? sql`and workspace_id = ${options.workspaceId}::uuid` : sql``;
  // A batch's working rows (each with its step and script) outgrow the default 4 MB and would
  // spill to disk between the statement's stages.
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`drop table if exists pg_temp.enrol_batch`);
  await tx.execute(sql`
    create temp table enrol_batch (
      enrolment_id uuid not null,
      answer_id uuid not null,
      workspace_id uuid not null,
      contact_id uuid not null,
      account_id uuid,
      playbook_id uuid not null,
      playbook_name text not null,
      version_id uuid not null,
      version int not null,
      score int not null,
      comment text,
      answered_at timestamptz not null
    ) on commit drop`);
  // Pending answers are found through the small partial index on enrolled_at is null. Planner
  // statistics lag behind (PGlite never autovacuums), and a stale estimate of "most answers are
  // pending" picks a scan of every answer, on every sweep, once a minute.
  await tx.execute(sql`set local enable_seqscan = off`);
  const [claim] = await queryRows<{ claimed: number }>(
    tx,
    sql`
      with claimed as (
        update survey_answers a set enrolled_at = ${now}
        where a.id in (
          select id from survey_answers
          where enrolled_at is null ${scope}
          order by answered_at, id
          limit ${options.limit}
        )
          -- Re-checked on the latest row version when a concurrent run got there first and
          -- committed: that run's answers are skipped, not claimed twice.
          and a.enrolled_at is null
        returning a.id, a.workspace_id, a.contact_id, a.account_id, a.score, a.comment, a.answered_at, a.category
      ),
      plan as (
        select gen_random_uuid() as enrolment_id, c.id as answer_id, c.workspace_id, c.contact_id,
          coalesce(c.account_id, ct.account_id) as account_id, p.id as playbook_id, p.name as playbook_name,
          v.id as version_id, v.version, c.score, c.comment, c.answered_at, 'answer.' || c.category as trigger
        from claimed c
        join contacts ct on ct.id = c.contact_id and ct.workspace_id = c.workspace_id
          and ct.erased_at is null and ct.merged_into_id is null
        join playbooks p on p.workspace_id = c.workspace_id and p.trigger = 'answer.' || c.category
          and p.active and p.archived_at is null
        join playbook_versions v on v.playbook_id = p.id and v.version = p.current_version
      ),
      enrolled as (
        insert into playbook_enrolments (id, workspace_id, playbook_id, version_id, trigger, contact_id, answer_id, status, triggered_at, created_at)
        select enrolment_id, workspace_id, playbook_id, version_id, trigger, contact_id, answer_id, 'active', answered_at, ${now}
        from plan
        on conflict (answer_id) do nothing
        returning id
      ),
      kept as (
        insert into enrol_batch
        select p.enrolment_id, p.answer_id, p.workspace_id, p.contact_id, p.account_id, p.playbook_id,
          p.playbook_name, p.version_id, p.version, p.score, p.comment, p.answered_at
        from plan p join enrolled e on e.id = p.enrolment_id
        returning 1
      )
      select (select count(*) from claimed)::int as claimed`,
  );
  await tx.execute(sql`set local enable_seqscan = on`);
  const claimed = Number(claim?.claimed ?? 0);
  if (claimed === 0) return { claimed: 0, enrolled: 0, tasks: 0 };

  // The first steps of each plan: everything up to the first step that waits for the one before.
  const tasks = await createStepTasks(
    tx,
    sql`
      with versions as (select distinct version_id from enrol_batch),
      steps as (
        select v.id as version_id, (x.ord - 1)::int as step_index, x.step
        from playbook_versions v
        join versions on versions.version_id = v.id
        cross join lateral jsonb_array_elements(v.steps) with ordinality as x(step, ord)
      ),
      first_steps as (
        select s.* from steps s
        where s.step_index < coalesce((
          select min(w.step_index) from steps w
          where w.version_id = s.version_id and w.step_index > 0 and w.step->>'after' = 'previous'
        ), 2147483647)
      )
      select b.enrolment_id, f.step_index, f.step, b.answered_at as due_base
      from enrol_batch b join first_steps f on f.version_id = b.version_id`,
    options.now,
  );

  const [timeline] = await queryRows<{ enrolled: number }>(
    tx,
    sql`
      with events as (
        insert into timeline_events (workspace_id, contact_id, account_id, occurred_at, kind, ref_id, title, body, data)
        select b.workspace_id, b.contact_id, b.account_id, ${now}, 'playbook.enrolled', b.enrolment_id,
          'Follow-up plan started: ' || b.playbook_name,
          case when length(btrim(coalesce(b.comment, ''))) > 0
            then format('After answering %s: ''%s''', b.score, btrim(b.comment))
            else format('After answering %s', b.score) end,
          jsonb_build_object('playbookId', b.playbook_id, 'version', b.version, 'answerId', b.answer_id)
        from enrol_batch b
        returning 1
      )
      select count(*)::int as enrolled from events`,
  );
  return { claimed, enrolled: Number(timeline?.enrolled ?? 0), tasks };
}
