// Referrals that other features produce as a side effect, inside their own transaction:
// - an ask whose result is "introduction promised" (a task outcome or an ask logged by hand), or
//   "recommendation given" with the person named: a referral linked to that ask;
// - a promoter naming "a colleague who could use our help" on the survey's thank-you page: an
//   introduction from the survey, matched to an existing contact by email when one is given.
// Both are idempotent: an ask is recorded once (its task closes once), and a survey answer produces
// at most one referral (referrals.answer_id is unique; we look first, under the answer's row lock).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AskResult } from '../../db/schema/followup.ts';
import { referrals } from '../../db/schema/index.ts';
import { matchOrCreateProspect, recordReferral } from './record-referral.ts';

async function answerTaken(db: Db, answerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(eq(referrals.answerId, answerId))
    .limit(1);
  return Boolean(row);
}

export async function referralFromAsk(
  db: Db,
  input: {
    workspaceId: string;
    askId: string;
    contact: { id: string; kind: string };
    result: AskResult;
    prospectName: string | null | undefined;
    about?: string | null;
    answerId?: string | null;
    ownerMemberId: string;
    actorMemberId: string;
    askedAt?: Date;
  },
): Promise<string | null> {
  const kind =
    input.result === 'introduction_promised'
      ? 'introduction'
      : input.result === 'recommendation_given' && input.prospectName
        ? 'recommendation'
        : null;
  if (!kind) return null;
  // One answer can lead to several asks (a review, then an introduction); the answer link belongs
  // to the first referral, the ask keeps the way back to the answer for the others.
  const answerId = input.answerId && !(await answerTaken(db, input.answerId)) ? input.answerId : null;
  return recordReferral(db, {
    workspaceId: input.workspaceId,
    kind,
    source: input.contact.kind === 'partner' ? 'partner' : 'client',
    referrerContactId: input.contact.id,
    prospectName: input.prospectName ?? null,
    ownerMemberId: input.ownerMemberId,
    askId: input.askId,
    answerId,
    note: input.about ? `Asked about: ${input.about}` : null,
    referredAt: input.askedAt,
    actorMemberId: input.actorMemberId,
  });
}

export async function referralFromColleague(
  db: Db,
  input: {
    workspaceId: string;
    answerId: string;
    referrerContactId: string | null;
    colleague: { name: string; email: string | null; note: string | null };
  },
): Promise<string | null> {
  if (await answerTaken(db, input.answerId)) return null;
  let prospectContactId: string | null = null;
  let accountId: string | null = null;
  if (input.colleague.email) {
    const prospect = await matchOrCreateProspect(db, input.workspaceId, {
      name: input.colleague.name,
      email: input.colleague.email,
    });
    // A promoter who typed their own address has not named anyone we can reach.
    if (prospect.contactId !== input.referrerContactId) {
      prospectContactId = prospect.contactId;
      accountId = prospect.accountId;
    }
  }
  return recordReferral(db, {
    workspaceId: input.workspaceId,
    kind: 'introduction',
    source: 'survey',
    referrerContactId: input.referrerContactId,
    prospectContactId,
    prospectName: input.colleague.name,
    accountId,
    answerId: input.answerId,
    note: input.colleague.note,
    actorMemberId: null,
  });
}
