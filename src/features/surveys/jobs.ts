// Survey jobs: mailing a survey's queued sends right after it is launched or resumed, and the
// scheduler that runs every minute for the rest (what the rate left queued, reminders, recurring
// rounds). Both only write outbox messages; mail.deliver does the SMTP part, with retries.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineJob, handleJob } from '../../jobs/queue.ts';
import type { Mailer, MailHeadersFor } from '../../mail/mailer.ts';
import { listUnsubscribeHeader } from './email.ts';
import { verifySendToken } from './links.ts';
import { mailQueuedSends, runSurveyScheduler } from './send-survey-mail.ts';

export const sendSurveyMailJob = defineJob({
  name: 'surveys.send',
  payload: z.object({ workspaceId: z.uuid(), surveyId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  // Large audiences at a high rate take a while to write.
  expireInSeconds: 1800,
});

export const surveySchedulerJob = defineJob({
  name: 'surveys.schedule',
  payload: z.object({}),
  cron: '* * * * *',
  retryLimit: 0,
  expireInSeconds: 1800,
});

type Deps = {
  db: Db;
  mailer: Mailer;
  config: { publicUrl: string };
  linkSecret: Buffer;
  log: (msg: string) => void;
};

const mailDeps = (deps: Deps) => ({
  db: deps.db,
  mailer: deps.mailer,
  publicUrl: deps.config.publicUrl,
  linkSecret: deps.linkSecret,
});

export function sendSurveyMailHandler(deps: Deps) {
  return handleJob(sendSurveyMailJob, async ({ workspaceId, surveyId }) => {
    const mailed = await mailQueuedSends(mailDeps(deps), workspaceId, { surveyId });
    if (mailed > 0) deps.log(`survey ${surveyId}: ${mailed} mails written`);
  });
}

export function surveySchedulerHandler(deps: Deps) {
  return handleJob(surveySchedulerJob, async () => {
    const { rounds, mailed, reminded } = await runSurveyScheduler(mailDeps(deps));
    if (rounds + mailed + reminded > 0)
      deps.log(`survey scheduler: ${rounds} sends due again, ${mailed} mails, ${reminded} reminders`);
  });
}

/** For mail.deliver: a survey mail carries its unsubscribe link as a List-Unsubscribe header too. */
export function surveyMailHeaders(publicUrl: string, linkSecret: Buffer): MailHeadersFor {
  return async (_db, message) =>
    listUnsubscribeHeader(message.textBody, publicUrl, (token) => verifySendToken(linkSecret, token));
}
