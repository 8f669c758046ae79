// A survey's life: launch (the audience becomes queued sends, mailed by a job within the
// workspace's rate), pause and resume (queued sends wait), close (queued sends are cancelled;
// what went out stays, and answers to it still count).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { surveys } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { createSends, previewAudience, workspaceSurveySettings } from './audience.ts';
import { sendSurveyMailJob } from './jobs.ts';
import { getSurvey, getSurveyRow } from './queries.ts';
import type { Audience, Survey } from './schemas.ts';
import { mailQueuedSends } from './send-survey-mail.ts';

export type SurveyLaunchDeps = {
  db: Db;
  /** The job queue; without one (a script, the demo seed) the first batch is mailed at once. */
  jobs: JobQueue | undefined;
  mailer: Mailer;
  publicUrl: string;
  linkSecret: Buffer;
};

async function explainEmpty(db: Db, workspaceId: string, audience: Audience): Promise<string> {
  const preview = await previewAudience(db, workspaceId, audience);
  const { excluded } = preview;
  if (excluded.total === 0) return 'Nobody to send to: this audience names no one. Choose another audience.';
  const reasons = [
    [excluded.recently_surveyed, `surveyed in the last ${preview.minGapDays} days`],
    [excluded.unsubscribed, 'unsubscribed'],
    [excluded.may_not_survey, 'may not be surveyed'],
    [excluded.no_email, 'without an email address'],
    [excluded.archived, 'archived or erased'],
  ] as const;
  const parts = reasons.filter(([n]) => n > 0).map(([n, why]) => `${n} ${why}`);
  return `Nobody to send to: all ${excluded.total} people in this audience are left out (${parts.join(', ')}).`;
}

async function kickOff(deps: SurveyLaunchDeps, tx: Db, workspaceId: string, surveyId: string) {
  if (deps.jobs) await deps.jobs.enqueue(tx, sendSurveyMailJob, { workspaceId, surveyId });
}

/** Without a job queue the first batch goes at once; the scheduler's next pass sends the rest. */
async function mailInlineWithoutQueue(deps: SurveyLaunchDeps, workspaceId: string, surveyId: string) {
  if (!deps.jobs) await mailQueuedSends(deps, workspaceId, { surveyId });
}

/**
 * Launches a draft: one queued send per person in the audience who may be surveyed now (one
 * INSERT ... SELECT), the survey becomes active, and the send job is enqueued in the same
 * transaction. An audience with nobody left is refused (409) and nothing is stored.
 */
export async function launchSurvey(
  deps: SurveyLaunchDeps,
  actor: Actor,
  surveyId: string,
): Promise<{ survey: Survey; queued: number }> {
  requireRole(actor, 'manager');
  const { workspaceId } = actor;
  const queued = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)))
      .for('update');
    if (!row) await getSurveyRow(tx, workspaceId, surveyId);
    if (row!.status !== 'draft') {
      throw new AppError(
        'conflict',
        row!.status === 'closed' ? 'This survey is closed' : 'This survey has already been launched',
      );
    }
    const settings = await workspaceSurveySettings(tx, workspaceId);
    const n = await createSends(tx, {
      workspaceId,
      surveyId,
      audience: row!.audience as Audience,
      minGapDays: settings.surveyMinGapDays,
    });
    if (n === 0)
      throw new AppError('conflict', await explainEmpty(tx, workspaceId, row!.audience as Audience));
    await tx
      .update(surveys)
      .set({
        status: 'active',
        launchedAt: sql`now()`,
        updatedAt: sql`now()`,
        nextRunAt: row!.scheduleKind === 'recurring' ? sql`now() + interval '1 day'` : null,
      })
      .where(eq(surveys.id, surveyId));
    await kickOff(deps, tx, workspaceId, surveyId);
    return n;
  });
  await mailInlineWithoutQueue(deps, workspaceId, surveyId);
  return { survey: await getSurvey(deps.db, workspaceId, surveyId, deps.publicUrl), queued };
}

async function transition(
  deps: SurveyLaunchDeps,
  actor: Actor,
  surveyId: string,
  from: Survey['status'][],
  refusal: string,
  apply: (tx: Db) => Promise<void>,
) {
  requireRole(actor, 'manager');
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: surveys.status })
      .from(surveys)
      .where(and(eq(surveys.workspaceId, actor.workspaceId), eq(surveys.id, surveyId)))
      .for('update');
    if (!row) await getSurveyRow(tx, actor.workspaceId, surveyId);
    if (!from.includes(row!.status)) throw new AppError('conflict', refusal.replace('{status}', row!.status));
    await apply(tx);
  });
}

/** Stops mailing: queued sends wait, reminders and recurring rounds wait. */
export async function pauseSurvey(deps: SurveyLaunchDeps, actor: Actor, surveyId: string) {
  await transition(
    deps,
    actor,
    surveyId,
    ['active'],
    'Only an active survey can be paused (it is {status})',
    (tx) =>
      tx
        .update(surveys)
        .set({ status: 'paused', updatedAt: sql`now()` })
        .where(eq(surveys.id, surveyId))
        .then(() => undefined),
  );
  return getSurvey(deps.db, actor.workspaceId, surveyId, deps.publicUrl);
}

export async function resumeSurvey(deps: SurveyLaunchDeps, actor: Actor, surveyId: string) {
  await transition(
    deps,
    actor,
    surveyId,
    ['paused'],
    'Only a paused survey can be resumed (it is {status})',
    async (tx) => {
      await tx
        .update(surveys)
        .set({ status: 'active', updatedAt: sql`now()` })
        .where(eq(surveys.id, surveyId));
      await kickOff(deps, tx, actor.workspaceId, surveyId);
    },
  );
  await mailInlineWithoutQueue(deps, actor.workspaceId, surveyId);
  return getSurvey(deps.db, actor.workspaceId, surveyId, deps.publicUrl);
}

/** Ends the survey: sends not yet mailed are cancelled (deleted); answers to mail that went out still count. */
export async function closeSurvey(deps: SurveyLaunchDeps, actor: Actor, surveyId: string) {
  let cancelled = 0;
  await transition(
    deps,
    actor,
    surveyId,
    ['draft', 'active', 'paused'],
    'This survey is already closed',
    async (tx) => {
      const result = await tx.execute(
        sql`delete from survey_sends where workspace_id = ${actor.workspaceId} and survey_id = ${surveyId}
            and message_id is null returning 1`,
      );
      cancelled = (result as unknown as { rows: unknown[] }).rows.length;
      await tx
        .update(surveys)
        .set({ status: 'closed', closedAt: sql`now()`, nextRunAt: null, updatedAt: sql`now()` })
        .where(eq(surveys.id, surveyId));
    },
  );
  return { survey: await getSurvey(deps.db, actor.workspaceId, surveyId, deps.publicUrl), cancelled };
}
