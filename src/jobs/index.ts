// Every job the app knows. Specs are enough to enqueue; handlers are bound in the worker.
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { enrolPendingHandler, enrolPendingJob } from '../features/playbooks/jobs.ts';
import {
  sendSurveyMailHandler,
  sendSurveyMailJob,
  surveyMailHeaders,
  surveySchedulerHandler,
  surveySchedulerJob,
} from '../features/surveys/jobs.ts';
import { overdueEscalationHandler, overdueEscalationJob } from '../features/tasks/escalate-overdue.ts';
import { morningDigestHandler, morningDigestJob } from '../features/tasks/send-digests.ts';
import { deliverMailHandler, deliverMailJob, type Mailer, type SmtpTransport } from '../mail/mailer.ts';
import type { JobHandler, JobSpec } from './queue.ts';
import { relationshipDecayHandler, relationshipDecayJob } from './relationship-decay.ts';
import { sessionCleanupHandler, sessionCleanupJob } from './session-cleanup.ts';

export const allJobSpecs: JobSpec[] = [
  sessionCleanupJob,
  deliverMailJob,
  relationshipDecayJob,
  sendSurveyMailJob,
  surveySchedulerJob,
  overdueEscalationJob,
  morningDigestJob,
  enrolPendingJob,
];

/** What job handlers may need; the worker builds it once. */
export type JobDeps = {
  db: Db;
  config: Config;
  smtp: SmtpTransport | undefined;
  mailer: Mailer;
  /** Signs public survey links (see features/surveys/links.ts). */
  linkSecret: Buffer;
  log: (msg: string) => void;
};

export function jobHandlers(deps: JobDeps) {
  const handlers: JobHandler[] = [
    sessionCleanupHandler(deps.db, deps.log) as JobHandler,
    relationshipDecayHandler(deps.db, deps.log) as JobHandler,
    enrolPendingHandler(deps.db, deps.log) as JobHandler,
    overdueEscalationHandler(deps.db, {
      mailer: deps.mailer,
      publicUrl: deps.config.publicUrl,
      log: deps.log,
    }) as JobHandler,
    morningDigestHandler(deps.db, {
      mailer: deps.mailer,
      publicUrl: deps.config.publicUrl,
      log: deps.log,
    }) as JobHandler,
  ];
  handlers.push(sendSurveyMailHandler(deps) as JobHandler, surveySchedulerHandler(deps) as JobHandler);
  if (deps.smtp) {
    const headersFor = surveyMailHeaders(deps.config.publicUrl, deps.linkSecret);
    handlers.push(deliverMailHandler(deps.db, deps.smtp, { headersFor }) as JobHandler);
  }
  return handlers;
}
