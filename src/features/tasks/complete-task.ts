// Closing a task with its outcome. A task is never just ticked off: the member says whether they
// reached the person and, when they asked for something, what and with what result. Closing writes,
// in one transaction: the outcome on the task, a conversation on the contact's timeline (which
// recomputes relationship strength), an ask record, the 'completed' history entry, an optional
// "remind me later" follow-up task, and the playbook's next step.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Channel, InteractionKind } from '../../db/schema/clients.ts';
import { contacts, playbookEnrolments, tasks } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { askKindWords, askResultWords, recordAsk } from '../asks/log-ask.ts';
import type { Actor } from '../auth/actor.ts';
import { logInteraction } from '../interactions/log-interaction.ts';
import { scheduleNextStep } from '../playbooks/schedule-next-step.ts';
import { referralFromAsk } from '../referrals/from-asks.ts';
import { recordTaskHistory, requireTaskControl } from './create-task.ts';
import { addDays, localDate } from './dates.ts';
import { getTaskDetail, getTaskRow, memberTimeZone } from './queries.ts';
import type { CompleteTaskBody } from './schemas.ts';

const interactionKindOf: Record<Channel, InteractionKind> = {
  phone: 'call',
  in_person: 'meeting',
  email: 'email',
  text: 'message',
};

const askActions: Record<string, 'review' | 'recommendation' | 'introduction'> = {
  ask_review: 'review',
  ask_recommendation: 'recommendation',
  ask_introduction: 'introduction',
};

function outcomeWords(body: CompleteTaskBody): string {
  const parts = [body.reached ? 'Reached' : 'Not reached'];
  if (body.ask) {
    const prospect = body.ask.result === 'introduction_promised' ? ` to ${body.ask.prospectName}` : '';
    parts.push(`asked for ${askKindWords[body.ask.kind]}: ${askResultWords[body.ask.result]}${prospect}`);
  }
  return parts.join('; ');
}

/** Follows merge tombstones so an outcome lands on the surviving record. */
async function liveContact(db: Db, workspaceId: string, contactId: string) {
  let id: string | null = contactId;
  for (let hops = 0; id && hops < 10; hops++) {
    const [row] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
    if (!row) return null;
    if (!row.mergedIntoId) return row;
    id = row.mergedIntoId;
  }
  return null;
}

export async function completeTask(db: Db, actor: Actor, taskId: string, body: CompleteTaskBody) {
  const result = await db.transaction(async (tx) => {
    const task = await getTaskRow(tx, actor.workspaceId, taskId);
    requireTaskControl(actor, task, 'close');
    if (task.status !== 'open') throw new AppError('conflict', 'This task is already closed');
    const askAction = askActions[task.action];
    if (body.ask && !body.reached) {
      throw new AppError(
        'validation_failed',
        'body.ask: an ask needs a conversation; you did not reach them',
        [{ path: 'body.ask', message: 'You did not reach them, so no ask was made' }],
      );
    }
    if (askAction && body.reached && !body.ask) {
      throw new AppError('validation_failed', 'body.ask: say what you asked for and what they said', [
        {
          path: 'body.ask',
          message: `This task is an ask for ${askKindWords[askAction]}: report its result`,
        },
      ]);
    }

    const now = new Date();
    // The guard on status makes two concurrent closes of the same task end in one success and one 409.
    const closed = await tx
      .update(tasks)
      .set({
        status: 'done',
        reached: body.reached,
        askKind: body.ask?.kind ?? null,
        askResult: body.ask?.result ?? null,
        prospectName: body.ask?.prospectName ?? null,
        outcomeNote: body.note ?? null,
        completedAt: now,
        completedByMemberId: actor.memberId,
        updatedAt: now,
      })
      .where(and(eq(tasks.workspaceId, actor.workspaceId), eq(tasks.id, taskId), eq(tasks.status, 'open')))
      .returning({ id: tasks.id });
    if (closed.length === 0) throw new AppError('conflict', 'This task is already closed');

    const contact = task.contactId ? await liveContact(tx, actor.workspaceId, task.contactId) : null;
    let interactionId: string | null = null;
    let askId: string | null = null;
    // An erased person keeps no new personal record; the outcome stays on the task alone.
    if (contact && !contact.erasedAt) {
      const channel = (body.channel ?? task.channel ?? contact.preferredChannel ?? 'phone') as Channel;
      const interaction = await logInteraction(tx, actor, {
        contactId: contact.id,
        kind: interactionKindOf[channel],
        direction: body.reached ? 'two_way' : 'outbound',
        occurredAt: now.toISOString(),
        summary: body.note ? `${task.title}: ${body.note}` : task.title,
        outcome: outcomeWords(body),
        participantIds: [task.assigneeMemberId],
      });
      interactionId = interaction.id;
      if (body.ask) {
        const [enrolment] = task.enrolmentId
          ? await tx
              .select({ answerId: playbookEnrolments.answerId })
              .from(playbookEnrolments)
              .where(eq(playbookEnrolments.id, task.enrolmentId))
          : [];
        askId = await recordAsk(tx, {
          workspaceId: actor.workspaceId,
          contact,
          memberId: task.assigneeMemberId,
          kind: body.ask.kind,
          result: body.ask.result,
          about: body.ask.about ?? null,
          prospectName: body.ask.prospectName ?? null,
          note: body.note ?? null,
          taskId,
          answerId: enrolment?.answerId ?? null,
          askedAt: now,
        });
        // The task closes once (guarded above), so a retried request cannot add a second referral.
        await referralFromAsk(tx, {
          workspaceId: actor.workspaceId,
          askId,
          contact,
          result: body.ask.result,
          prospectName: body.ask.prospectName,
          about: body.ask.about ?? null,
          answerId: enrolment?.answerId ?? null,
          ownerMemberId: task.assigneeMemberId,
          actorMemberId: actor.memberId,
          askedAt: now,
        });
      }
    }

    await recordTaskHistory(tx, {
      workspaceId: actor.workspaceId,
      taskId,
      kind: 'completed',
      memberId: actor.memberId,
      data: {
        reached: body.reached,
        askKind: body.ask?.kind ?? null,
        askResult: body.ask?.result ?? null,
        interactionId,
        askId,
      },
    });

    let followUpTaskId: string | null = null;
    if (body.remindIn && contact && !contact.erasedAt) {
      const zone = await memberTimeZone(tx, actor.workspaceId, task.assigneeMemberId);
      const days = body.remindIn.amount * (body.remindIn.unit === 'weeks' ? 7 : 1);
      const why =
        body.ask?.result === 'not_now' ? 'They said “not now”' : body.reached ? 'Follow-up' : 'Not reached';
      const [follow] = await tx
        .insert(tasks)
        .values({
          workspaceId: actor.workspaceId,
          contactId: contact.id,
          accountId: contact.accountId,
          assigneeMemberId: task.assigneeMemberId,
          action: task.action,
          title: task.title,
          reason: `${why} on ${localDate(zone, now)}${body.note ? `: ${body.note}` : ''}`,
          script: task.script,
          channel: task.channel,
          assignmentNote: 'Reminder set when the previous attempt was closed',
          dueOn: addDays(localDate(zone, now), days),
          createdByMemberId: actor.memberId,
        })
        .returning({ id: tasks.id });
      followUpTaskId = follow!.id;
      await recordTaskHistory(tx, {
        workspaceId: actor.workspaceId,
        taskId: followUpTaskId,
        kind: 'created',
        memberId: actor.memberId,
        toMemberId: task.assigneeMemberId,
        reason: `Reminder from an earlier task (${body.remindIn.amount} ${body.remindIn.unit})`,
        data: { followUpOf: taskId },
      });
    }

    if (task.enrolmentId) await scheduleNextStep(tx, { taskId, now });
    return { interactionId, askId, followUpTaskId };
  });
  return { task: await getTaskDetail(db, actor.workspaceId, taskId), ...result };
}
