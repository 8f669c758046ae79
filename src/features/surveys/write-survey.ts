// Creating, editing and deleting survey campaigns. A survey starts as a draft with a shareable
// link code; what can change later depends on how far it has gone (see updateSurvey).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { surveys } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { checkAudienceReferences, workspaceSurveySettings } from './audience.ts';
import { newShareCode } from './links.ts';
import { getSurvey, getSurveyRow } from './queries.ts';
import {
  type CreateSurveyBody,
  createSurveyBody,
  DEFAULT_OPEN_QUESTION,
  defaultQuestion,
  type Survey,
  type UpdateSurveyBody,
  updateSurveyBody,
} from './schemas.ts';

export type SurveyWriteDeps = { db: Db; publicUrl: string };

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
}

/** A recurring survey needs its interval; a one-off survey has none. */
function schedule(kind: 'once' | 'recurring', repeatEveryDays: number | null | undefined) {
  if (kind === 'recurring') {
    if (!repeatEveryDays)
      throw invalid('body.repeatEveryDays', 'Say how often to survey each person again (in days)');
    return { scheduleKind: kind, repeatEveryDays };
  }
  return { scheduleKind: kind, repeatEveryDays: null };
}

export async function createSurvey(
  deps: SurveyWriteDeps,
  actor: Actor,
  input: CreateSurveyBody,
): Promise<Survey> {
  requireRole(actor, 'manager');
  const body = createSurveyBody.parse(input);
  await checkAudienceReferences(deps.db, actor.workspaceId, body.audience, 'body.audience');
  const { name: firmName } = await workspaceSurveySettings(deps.db, actor.workspaceId);
  const [row] = await deps.db
    .insert(surveys)
    .values({
      workspaceId: actor.workspaceId,
      name: body.name,
      question: body.question ?? defaultQuestion(firmName),
      openQuestion: body.openQuestion === undefined ? DEFAULT_OPEN_QUESTION : body.openQuestion,
      audience: body.audience,
      ...schedule(body.scheduleKind, body.repeatEveryDays),
      reminderAfterDays: body.reminderAfterDays ?? null,
      shareCode: newShareCode(),
      createdByMemberId: actor.memberId,
    })
    .returning();
  return getSurvey(deps.db, actor.workspaceId, row!.id, deps.publicUrl);
}

/**
 * Edits a survey. A closed survey is finished and stays as it was. Once a one-off survey has gone
 * out its audience is history (a new audience needs a new survey); a recurring survey's audience
 * and interval apply to its next rounds.
 */
export async function updateSurvey(
  deps: SurveyWriteDeps,
  actor: Actor,
  surveyId: string,
  input: UpdateSurveyBody,
): Promise<Survey> {
  requireRole(actor, 'manager');
  const body = updateSurveyBody.parse(input);
  await deps.db.transaction(async (tx) => {
    const row = await getSurveyRow(tx, actor.workspaceId, surveyId);
    if (row.status === 'closed')
      throw new AppError('conflict', 'This survey is closed and can no longer change');
    const scheduleKind = body.scheduleKind ?? row.scheduleKind;
    const launchedOnce = row.launchedAt !== null && row.scheduleKind === 'once';
    if (launchedOnce && (body.audience || body.scheduleKind === 'recurring')) {
      throw new AppError(
        'conflict',
        'This survey has already gone out: create a new survey for another audience or schedule',
      );
    }
    if (body.audience) await checkAudienceReferences(tx, actor.workspaceId, body.audience, 'body.audience');
    const changes: Partial<typeof surveys.$inferInsert> = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.question !== undefined && { question: body.question }),
      ...(body.openQuestion !== undefined && { openQuestion: body.openQuestion }),
      ...(body.audience && { audience: body.audience }),
      ...(body.reminderAfterDays !== undefined && { reminderAfterDays: body.reminderAfterDays }),
    };
    if (body.scheduleKind !== undefined || body.repeatEveryDays !== undefined) {
      Object.assign(
        changes,
        schedule(
          scheduleKind,
          body.repeatEveryDays === undefined ? row.repeatEveryDays : body.repeatEveryDays,
        ),
      );
      // A survey that becomes recurring while running looks for due contacts from now on.
      if (row.status !== 'draft')
        changes.nextRunAt = scheduleKind === 'recurring' ? (row.nextRunAt ?? new Date()) : null;
    }
    await tx
      .update(surveys)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(surveys.workspaceId, actor.workspaceId), eq(surveys.id, surveyId)));
  });
  return getSurvey(deps.db, actor.workspaceId, surveyId, deps.publicUrl);
}

/** Deletes a draft. A survey that went out keeps its history: close it instead. */
export async function deleteSurvey(db: Db, actor: Actor, surveyId: string): Promise<void> {
  requireRole(actor, 'manager');
  const row = await getSurveyRow(db, actor.workspaceId, surveyId);
  if (row.status !== 'draft')
    throw new AppError('conflict', 'Only a draft can be deleted; close this survey instead');
  // Still a draft at the moment of deleting: a launch in between wins.
  await db
    .delete(surveys)
    .where(
      and(eq(surveys.workspaceId, actor.workspaceId), eq(surveys.id, surveyId), eq(surveys.status, 'draft')),
    );
}
