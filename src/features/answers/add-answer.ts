// An answer collected elsewhere (a call, a form of another tool), added through the API or by hand
// in the web app. Sending the same externalId again updates that answer instead of adding one.
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { findContactByEmail } from './public-queries.ts';
import { getAnswer } from './queries.ts';
import { type EnrolmentDeps, recordAnswer } from './record-answer.ts';
import type { Answer, CreateAnswerBody } from './schemas.ts';
import { surveyExists } from './scores.ts';

const FUTURE_SLACK_MS = 24 * 3600 * 1000;

export async function addAnswer(
  deps: EnrolmentDeps,
  actor: Actor,
  surveyId: string,
  body: CreateAnswerBody,
): Promise<{ answer: Answer; created: boolean }> {
  await surveyExists(deps.db, actor.workspaceId, surveyId);
  const answeredAt = body.answeredAt ? new Date(body.answeredAt) : undefined;
  if (answeredAt && answeredAt.getTime() > Date.now() + FUTURE_SLACK_MS) {
    throw new AppError('validation_failed', 'body.answeredAt: cannot be in the future', [
      { path: 'body.answeredAt', message: 'Cannot be in the future' },
    ]);
  }
  let contactId = body.contactId ?? null;
  if (body.email) {
    contactId = await findContactByEmail(deps.db, actor.workspaceId, body.email);
    if (!contactId) {
      throw new AppError('validation_failed', `body.email: no contact with the email ${body.email}`, [
        { path: 'body.email', message: 'No contact with this email: add them first' },
      ]);
    }
  }
  const result = await recordAnswer(
    deps,
    { workspaceId: actor.workspaceId, surveyId, source: 'api', memberId: actor.memberId },
    {
      contactId,
      score: body.score,
      comment: body.comment ?? null,
      answeredAt,
      externalId: body.externalId ?? null,
    },
  );
  return { answer: await getAnswer(deps.db, actor.workspaceId, result.answerId), created: result.created };
}
