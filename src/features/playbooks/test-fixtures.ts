// Test fixtures for the follow-up engine: a survey and answers written straight to the database,
// as the answer page would leave them (enrolled_at null), so enrolment can be tested on its own.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { TestContext, WorkspaceHandle } from '../../test/app.ts';

export async function surveyIn(t: TestContext, ws: WorkspaceHandle): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    t.db,
    sql`insert into surveys (workspace_id, name, question, audience, status)
        values (${ws.workspaceId}, 'Autumn check-in', 'How likely are you to recommend us?', '{"kind":"active_clients"}'::jsonb, 'active')
        returning id`,
  );
  return row!.id;
}

export async function answerFrom(
  t: TestContext,
  ws: WorkspaceHandle,
  surveyId: string,
  contactId: string | null,
  score: number,
  comment: string | null = null,
  answeredAt: Date = new Date(),
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    t.db,
    sql`insert into survey_answers (workspace_id, survey_id, contact_id, score, comment, source, answered_at)
        values (${ws.workspaceId}, ${surveyId}, ${contactId}, ${score}, ${comment}, 'api', ${answeredAt.toISOString()}::timestamptz)
        returning id`,
  );
  return row!.id;
}

export type TaskRow = {
  id: string;
  assignee_member_id: string;
  step_index: number;
  step_key: string;
  action: string;
  title: string;
  reason: string | null;
  script: string;
  channel: string;
  assignment_note: string;
  due_on: string;
  status: string;
  enrolment_id: string;
};

export async function tasksForAnswer(t: TestContext, answerId: string): Promise<TaskRow[]> {
  return queryRows<TaskRow>(
    t.db,
    sql`select t.id, t.assignee_member_id, t.step_index, t.step_key, t.action, t.title, t.reason, t.script,
          t.channel, t.assignment_note, t.due_on::text as due_on, t.status, t.enrolment_id
        from tasks t join playbook_enrolments e on e.id = t.enrolment_id
        where e.answer_id = ${answerId} order by t.step_index`,
  );
}
