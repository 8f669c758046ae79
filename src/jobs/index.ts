// Every job the app knows. Specs are enough to enqueue; handlers are bound in the worker.
import type { Db } from '../db/client.ts';
import { deliverMailHandler, deliverMailJob, type SmtpTransport } from '../mail/mailer.ts';
import type { JobHandler, JobSpec } from './queue.ts';
import { relationshipDecayHandler, relationshipDecayJob } from './relationship-decay.ts';
import { sessionCleanupHandler, sessionCleanupJob } from './session-cleanup.ts';

export const allJobSpecs: JobSpec[] = [sessionCleanupJob, deliverMailJob, relationshipDecayJob];

export function jobHandlers(deps: { db: Db; smtp: SmtpTransport | undefined; log: (msg: string) => void }) {
  const handlers: JobHandler[] = [
    sessionCleanupHandler(deps.db, deps.log) as JobHandler,
    relationshipDecayHandler(deps.db, deps.log) as JobHandler,
  ];
  if (deps.smtp) handlers.push(deliverMailHandler(deps.db, deps.smtp) as JobHandler);
  return handlers;
}
