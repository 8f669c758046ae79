// Closing the loop with the referrer: when a referral reaches one of the workspace's thank stages
// (meeting held and won by default), the teammate who knows the referrer best gets a task to thank
// them, with a script naming the prospect and what happened, and the referrer's timeline shows it.
// With the workspace's thank-you email on, a short note also goes to the referrer.
//
// One thank-you per referral and stage, ever: a referral moved back and forth across a stage is
// not thanked twice. The task carries the stage in step_key ('referral.thank:<stage>'), and the
// caller has locked the referral row by updating it, so two concurrent moves cannot both pass
// the check.
//
// Privacy: nothing about money or the deal reaches the referrer, only that we met or work together.
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { tasks } from '../../db/schema/index.ts';
import type { ReferralStatus } from '../../db/schema/referrals.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { recordTaskHistory } from '../tasks/create-task.ts';
import { addDays, localDate } from '../tasks/dates.ts';
import { memberTimeZone } from '../tasks/queries.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { strongestMemberOf } from './record-referral.ts';

export const stageWords: Record<ReferralStatus, string> = {
  new: 'new',
  contacted: 'contacted',
  meeting_held: 'meeting held',
  qualified: 'qualified',
  proposal: 'proposal',
  won: 'won',
  lost: 'lost',
};

/** What we can tell the referrer about the stage, without numbers or deal details. */
function whatHappened(stage: ReferralStatus, prospect: string): string {
  switch (stage) {
    case 'contacted':
      return `we have been in touch with ${prospect}`;
    case 'meeting_held':
      return `we met ${prospect}`;
    case 'qualified':
    case 'proposal':
      return `${prospect} and we are talking about how we can help`;
    case 'won':
      return `${prospect} is now working with us`;
    default:
      return `things are moving with ${prospect}`;
  }
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

export const thankStepKey = (stage: ReferralStatus) => `referral.thank:${stage}`;

/**
 * Creates the thank-you for `stage` if the workspace thanks at that stage and it has not been
 * done for this referral. Runs inside the caller's transaction. Returns the task id, or null.
 */
export async function closeTheLoop(
  db: Db,
  mailer: Mailer | undefined,
  input: { workspaceId: string; referralId: string; stage: ReferralStatus; actorMemberId: string | null },
): Promise<string | null> {
  const [ref] = await queryRows<{
    referrer_id: string | null;
    referrer_name: string | null;
    referrer_email: string | null;
    referrer_account_id: string | null;
    may_email: boolean | null;
    erased: boolean | null;
    prospect_name: string | null;
    kind: string;
    owner_member_id: string | null;
    stages: string[];
    thank_email: boolean;
    firm_name: string;
  }>(
    db,
    sql`select rc.id as referrer_id, rc.name as referrer_name, rc.email as referrer_email,
               rc.account_id as referrer_account_id, rc.may_email, rc.erased_at is not null as erased,
               coalesce(pc.name, r.prospect_name) as prospect_name, r.kind, r.owner_member_id,
               w.referral_thank_stages as stages, w.referral_thank_email as thank_email, w.name as firm_name
        from referrals r
        join workspaces w on w.id = r.workspace_id
        left join contacts rc on rc.id = r.referrer_contact_id
        left join contacts pc on pc.id = r.prospect_contact_id
        where r.workspace_id = ${input.workspaceId} and r.id = ${input.referralId}`,
  );
  if (!ref?.referrer_id || ref.erased || !ref.stages.includes(input.stage)) return null;
  const stepKey = thankStepKey(input.stage);
  const [done] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, input.workspaceId),
        eq(tasks.referralId, input.referralId),
        eq(tasks.stepKey, stepKey),
      ),
    )
    .limit(1);
  if (done) return null;

  const strongest = await strongestMemberOf(db, input.workspaceId, ref.referrer_id);
  const owner = ref.owner_member_id
    ? (
        await queryRows<{ id: string }>(
          db,
          sql`select id from members where id = ${ref.owner_member_id} and status = 'active'`,
        )
      )[0]?.id
    : undefined;
  const assignee = strongest ?? owner ?? input.actorMemberId;
  if (!assignee) return null;
  const assignmentNote = strongest
    ? 'The strongest relationship with the referrer'
    : owner
      ? 'Nobody on the team knows the referrer yet: the referral’s owner'
      : 'Nobody on the team knows the referrer yet, and the referral has no owner: whoever moved it';

  const referrer = ref.referrer_name ?? 'the referrer';
  const prospect = ref.prospect_name ?? 'the person they sent us';
  const zone = await memberTimeZone(db, input.workspaceId, assignee);
  const now = new Date();
  const happened = whatHappened(input.stage, prospect);
  const script =
    `Hi ${firstName(referrer)}, I wanted you to hear it from us: ${happened}. ` +
    `Thank you for ${ref.kind === 'introduction' ? 'introducing us' : 'recommending us'}; it means a lot that you trust us with the people you know.`;
  const [task] = await db
    .insert(tasks)
    .values({
      workspaceId: input.workspaceId,
      contactId: ref.referrer_id,
      accountId: ref.referrer_account_id,
      assigneeMemberId: assignee,
      referralId: input.referralId,
      stepKey,
      action: 'thank',
      title: `Thank ${referrer} for ${prospect} (${stageWords[input.stage]})`,
      reason: `The referral from ${referrer} reached “${stageWords[input.stage]}”: tell them what came of it.`,
      script,
      assignmentNote,
      dueOn: addDays(localDate(zone, now), 2),
      createdByMemberId: input.actorMemberId,
    })
    .returning({ id: tasks.id });
  await recordTaskHistory(db, {
    workspaceId: input.workspaceId,
    taskId: task!.id,
    kind: 'created',
    memberId: input.actorMemberId,
    toMemberId: assignee,
    reason: assignmentNote,
    data: { referralId: input.referralId, stage: input.stage },
  });
  const [assigneeRow] = await queryRows<{ name: string }>(
    db,
    sql`select name from members where id = ${assignee}`,
  );
  await recordTimelineEvent(db, {
    workspaceId: input.workspaceId,
    contactId: ref.referrer_id,
    accountId: ref.referrer_account_id,
    occurredAt: now,
    kind: 'referral.thank',
    refId: input.referralId,
    memberId: assignee,
    title: `${assigneeRow?.name ?? 'Someone'} will thank ${referrer}: ${happened}`,
    data: { referralId: input.referralId, stage: input.stage, taskId: task!.id },
  });

  if (ref.thank_email && mailer && ref.referrer_email && ref.may_email) {
    await mailer.queue(db, {
      workspaceId: input.workspaceId,
      to: ref.referrer_email,
      subject: `Thank you for ${ref.kind === 'introduction' ? 'the introduction to' : 'recommending us to'} ${prospect}`,
      text: [
        `Dear ${firstName(referrer)},`,
        '',
        `A short note to let you know that ${happened}.`,
        `Thank you for thinking of us. It means a great deal that you trust us with the people you know.`,
        '',
        `${assigneeRow?.name ?? 'The team'}`,
        ref.firm_name,
      ].join('\n'),
    });
  }
  return task!.id;
}
