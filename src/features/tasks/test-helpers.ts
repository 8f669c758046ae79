// Test fixtures for follow-up work: a survey answer, its playbook enrolment and task rows written
// straight to the database, as the playbook engine would, so task tests do not depend on it.
import { eq } from 'drizzle-orm';
import {
  type PlaybookStep,
  playbookEnrolments,
  playbooks,
  playbookVersions,
  surveyAnswers,
  surveys,
  type TaskAction,
  tasks,
} from '../../db/schema/index.ts';
import type { TestContext } from '../../test/app.ts';
import { recordTaskHistory } from './create-task.ts';

export async function insertAnswer(
  t: TestContext,
  workspaceId: string,
  input: { contactId: string; score: number; comment?: string; answeredAt?: Date },
) {
  let [survey] = await t.db.select().from(surveys).where(eq(surveys.workspaceId, workspaceId)).limit(1);
  if (!survey) {
    [survey] = await t.db
      .insert(surveys)
      .values({
        workspaceId,
        name: 'Autumn check-in',
        question: 'How likely are you to recommend us to a colleague?',
        audience: { kind: 'active_clients' },
        status: 'active',
      })
      .returning();
  }
  const [answer] = await t.db
    .insert(surveyAnswers)
    .values({
      workspaceId,
      surveyId: survey!.id,
      contactId: input.contactId,
      score: input.score,
      comment: input.comment ?? null,
      source: 'api',
      answeredAt: input.answeredAt ?? new Date(),
    })
    .returning();
  return answer!;
}

export async function insertEnrolment(
  t: TestContext,
  workspaceId: string,
  answer: { id: string; contactId: string | null; category: string; answeredAt: Date },
  steps: PlaybookStep[] = [],
) {
  const trigger = `answer.${answer.category}`;
  const [playbook] = await t.db
    .insert(playbooks)
    .values({ workspaceId, name: `Test ${trigger} ${answer.id.slice(0, 8)}`, trigger, active: false })
    .returning();
  const [version] = await t.db
    .insert(playbookVersions)
    .values({ workspaceId, playbookId: playbook!.id, version: 1, steps })
    .returning();
  const [enrolment] = await t.db
    .insert(playbookEnrolments)
    .values({
      workspaceId,
      playbookId: playbook!.id,
      versionId: version!.id,
      trigger,
      contactId: answer.contactId,
      answerId: answer.id,
      triggeredAt: answer.answeredAt,
    })
    .returning();
  return enrolment!;
}

export async function insertTask(
  t: TestContext,
  workspaceId: string,
  input: {
    contactId: string;
    assigneeId: string;
    dueOn: string | null;
    title?: string;
    action?: TaskAction;
    reason?: string;
    script?: string;
    channel?: 'email' | 'phone' | 'text' | 'in_person' | null;
    enrolmentId?: string;
    snoozedUntil?: string;
  },
) {
  const [task] = await t.db
    .insert(tasks)
    .values({
      workspaceId,
      contactId: input.contactId,
      assigneeMemberId: input.assigneeId,
      enrolmentId: input.enrolmentId ?? null,
      stepIndex: input.enrolmentId ? 0 : null,
      action: input.action ?? 'call',
      title: input.title ?? 'Thank them for the score',
      reason: input.reason ?? null,
      script: input.script ?? null,
      channel: input.channel ?? null,
      dueOn: input.dueOn,
      snoozedUntil: input.snoozedUntil ?? null,
    })
    .returning();
  await recordTaskHistory(t.db, {
    workspaceId,
    taskId: task!.id,
    kind: 'created',
    toMemberId: input.assigneeId,
  });
  return task!;
}
