// A playbook's later steps wait for the one before: "ask for a review 5 days after the thank-you
// call". Enrolment creates the steps up to the first waiting one; when a task is closed, the tasks
// feature calls scheduleNextStep in the same transaction, which creates the waiting step (due
// offsetDays after the completion) and any steps after it that count from the answer, up to the
// next waiting step. When nothing is left to do, the enrolment is marked completed (or cancelled,
// when its last task was cancelled rather than done).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { PlaybookStep } from '../../db/schema/index.ts';
import { createStepTasks } from './create-step-tasks.ts';

export type ScheduleNextStepResult = {
  /** Tasks created for the following step(s). */
  created: number;
  /** The enrolment's status afterwards; null for a task that belongs to no playbook. */
  enrolmentStatus: 'active' | 'completed' | 'cancelled' | null;
};

export async function scheduleNextStep(
  tx: Db,
  input: { taskId: string; now?: Date },
): Promise<ScheduleNextStepResult> {
  const now = input.now ?? new Date();
  const [task] = await queryRows<{
    enrolment_id: string | null;
    step_index: number | null;
    status: string;
    completed_at: Date | string | null;
  }>(tx, sql`select enrolment_id, step_index, status, completed_at from tasks where id = ${input.taskId}`);
  if (!task?.enrolment_id || task.step_index === null) return { created: 0, enrolmentStatus: null };
  // Locks the enrolment so that two closes racing for the same next step create it once.
  const [enrolment] = await queryRows<{
    id: string;
    status: string;
    steps: PlaybookStep[];
    triggered_at: Date | string;
  }>(
    tx,
    sql`
      select e.id, e.status, v.steps, e.triggered_at
      from playbook_enrolments e join playbook_versions v on v.id = e.version_id
      where e.id = ${task.enrolment_id}
      for update of e`,
  );
  if (!enrolment) return { created: 0, enrolmentStatus: null };
  if (enrolment.status !== 'active') {
    return { created: 0, enrolmentStatus: enrolment.status as ScheduleNextStepResult['enrolmentStatus'] };
  }

  let created = 0;
  const steps = enrolment.steps;
  const next = task.step_index + 1;
  if (task.status === 'done' && steps[next]?.after === 'previous') {
    // The waiting step, then the steps after it that count from the answer, until the next wait.
    let end = next + 1;
    while (end < steps.length && steps[end]!.after !== 'previous') end++;
    const completedAt = new Date(task.completed_at ?? now).toISOString();
    const triggeredAt = new Date(enrolment.triggered_at).toISOString();
    created = await createStepTasks(
      tx,
      sql`
        select e.id as enrolment_id, (x.ord - 1)::int as step_index, x.step,
          case when x.ord - 1 = ${next} then ${completedAt}::timestamptz else ${triggeredAt}::timestamptz end as due_base
        from playbook_enrolments e
        join playbook_versions v on v.id = e.version_id
        cross join lateral jsonb_array_elements(v.steps) with ordinality as x(step, ord)
        where e.id = ${enrolment.id} and x.ord - 1 >= ${next} and x.ord - 1 < ${end}
          and not exists (
            select 1 from tasks t where t.enrolment_id = e.id and t.step_index = x.ord - 1
          )`,
      now,
    );
  }

  const [left] = await queryRows<{ open: number; last_created: number | null }>(
    tx,
    sql`
      select count(*) filter (where status = 'open')::int as open, max(step_index)::int as last_created
      from tasks where enrolment_id = ${enrolment.id}`,
  );
  const chainEnded = task.status !== 'done' || (left?.last_created ?? -1) >= steps.length - 1;
  if (created === 0 && (left?.open ?? 0) === 0 && chainEnded) {
    const status = task.status === 'done' ? 'completed' : 'cancelled';
    await tx.execute(sql`update playbook_enrolments set status = ${status} where id = ${enrolment.id}`);
    return { created, enrolmentStatus: status };
  }
  return { created, enrolmentStatus: 'active' };
}
