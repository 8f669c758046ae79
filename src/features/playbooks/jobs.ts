// The safety net behind requestEnrolment: every minute, any answer still waiting for enrolment
// (its process died before the prompt run, or it arrived through a process with no worker) is
// enrolled. Concurrent sweeps and prompt runs are safe (see enrol-pending-answers.ts).
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineJob, handleJob } from '../../jobs/queue.ts';
import { enrolPendingAnswers } from './enrol-pending-answers.ts';

export const enrolPendingJob = defineJob({
  name: 'playbooks.enrol-pending',
  payload: z.object({}),
  cron: '* * * * *',
  retryLimit: 1,
  expireInSeconds: 600,
});

export function enrolPendingHandler(db: Db, log: (msg: string) => void) {
  return handleJob(enrolPendingJob, async () => {
    const started = Date.now();
    const result = await enrolPendingAnswers(db);
    if (result.claimed > 0) {
      log(
        `playbooks: ${result.enrolled} answers enrolled (${result.tasks} tasks, ${result.claimed - result.enrolled} with no plan) in ${Date.now() - started} ms`,
      );
    }
  });
}
