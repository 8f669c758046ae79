// Asks: every request made to a client (feedback, a review, a recommendation, an introduction)
// and what came of it. Recorded from a task's outcome or logged by hand; each one is an event on
// the contact's timeline. Recommendations and introductions stay apart: they are different kinds.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AskKind, AskResult } from '../../db/schema/followup.ts';
import { asks, members } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { getContactRow } from '../contacts/queries.ts';
import { referralFromAsk } from '../referrals/from-asks.ts';
import { recordTimelineEvent } from '../timeline/record.ts';
import { getAsk } from './queries.ts';
import type { LogAskBody } from './schemas.ts';

export const askKindWords: Record<AskKind, string> = {
  feedback: 'feedback',
  review: 'a review',
  recommendation: 'a recommendation',
  introduction: 'an introduction',
};

export const askResultWords: Record<AskResult, string> = {
  introduction_promised: 'introduction promised',
  recommendation_given: 'recommendation given',
  review_given: 'review given',
  feedback_given: 'feedback given',
  not_now: 'not now',
  declined: 'declined',
  problem_raised: 'problem raised',
};

export type NewAsk = {
  workspaceId: string;
  contact: { id: string; name: string; accountId: string | null };
  memberId: string;
  kind: AskKind;
  result: AskResult;
  about?: string | null;
  prospectName?: string | null;
  note?: string | null;
  taskId?: string | null;
  answerId?: string | null;
  askedAt?: Date;
};

/** Writes the ask and its timeline event; the caller holds the transaction. */
export async function recordAsk(db: Db, ask: NewAsk): Promise<string> {
  const askedAt = ask.askedAt ?? new Date();
  const [row] = await db
    .insert(asks)
    .values({
      workspaceId: ask.workspaceId,
      contactId: ask.contact.id,
      memberId: ask.memberId,
      kind: ask.kind,
      result: ask.result,
      about: ask.about ?? null,
      prospectName: ask.prospectName ?? null,
      note: ask.note ?? null,
      taskId: ask.taskId ?? null,
      answerId: ask.answerId ?? null,
      askedAt,
    })
    .returning({ id: asks.id });
  const [asker] = await db
    .select({ name: members.name })
    .from(members)
    .where(and(eq(members.workspaceId, ask.workspaceId), eq(members.id, ask.memberId)));
  const prospect = ask.result === 'introduction_promised' && ask.prospectName ? ` (${ask.prospectName})` : '';
  await recordTimelineEvent(db, {
    workspaceId: ask.workspaceId,
    contactId: ask.contact.id,
    accountId: ask.contact.accountId,
    occurredAt: askedAt,
    kind: 'ask',
    refId: row!.id,
    memberId: ask.memberId,
    title: `${asker?.name ?? 'Someone'} asked ${ask.contact.name} for ${askKindWords[ask.kind]}: ${askResultWords[ask.result]}${prospect}`,
    body: ask.note ?? null,
    data: {
      kind: ask.kind,
      result: ask.result,
      about: ask.about ?? null,
      prospectName: ask.prospectName ?? null,
      taskId: ask.taskId ?? null,
    },
  });
  return row!.id;
}

export async function logAsk(db: Db, actor: Actor, body: LogAskBody) {
  const askedAt = body.askedAt ? new Date(body.askedAt) : new Date();
  if (askedAt.getTime() > Date.now() + 24 * 3600 * 1000) {
    throw new AppError('validation_failed', 'body.askedAt: cannot be in the future', [
      { path: 'body.askedAt', message: 'Log asks that were made' },
    ]);
  }
  const id = await db.transaction(async (tx) => {
    const contact = await getContactRow(tx, actor.workspaceId, body.contactId);
    if (contact.mergedIntoId)
      throw new AppError('conflict', 'This contact was merged into another; log it there');
    if (contact.erasedAt) throw new AppError('conflict', 'This contact was erased');
    const askId = await recordAsk(tx, {
      workspaceId: actor.workspaceId,
      contact,
      memberId: actor.memberId,
      kind: body.kind,
      result: body.result,
      about: body.about ?? null,
      prospectName: body.prospectName ?? null,
      note: body.note ?? null,
      askedAt,
    });
    // A promised introduction (or a recommendation to a named person) is a referral on the board.
    await referralFromAsk(tx, {
      workspaceId: actor.workspaceId,
      askId,
      contact,
      result: body.result,
      prospectName: body.prospectName,
      about: body.about ?? null,
      ownerMemberId: actor.memberId,
      actorMemberId: actor.memberId,
      askedAt,
    });
    return askId;
  });
  return getAsk(db, actor.workspaceId, id);
}
