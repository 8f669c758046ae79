// pg-boss wiring. Jobs live in the same database as the data, so a command enqueues a job in the
// same transaction as the change that causes it (`enqueue(tx, ...)`): both commit or neither does.
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Database, Db } from '../db/client.ts';

/** What enqueuing needs to know about a job: its queue and the shape of its payload. */
export type JobSpec<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  /** pg-boss queue options: retries with exponential backoff by default. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Cron expression (UTC) for recurring jobs. */
  cron?: string;
  /**
   * Jobs a worker takes at once and runs side by side, each settled (completed or retried) on
   * its own; while batches come back full the worker fetches again without waiting for the poll.
   * For queues that can hold thousands of jobs at once, such as mail delivery.
   */
  batchSize?: number;
};

/** A spec bound to its handler; built in the worker with the dependencies the handler needs. */
export type JobHandler<S extends z.ZodType = z.ZodType> = {
  spec: JobSpec<S>;
  handle(payload: z.infer<S>, job: { id: string; retryCount: number }): Promise<void>;
};

export function defineJob<S extends z.ZodType>(spec: JobSpec<S>): JobSpec<S> {
  return spec;
}

export function handleJob<S extends z.ZodType>(
  spec: JobSpec<S>,
  handle: JobHandler<S>['handle'],
): JobHandler<S> {
  return { spec, handle };
}

export const BOSS_SCHEMA = 'pgboss';

export function createBoss(
  database: Database,
  databaseUrl: string | undefined,
  role: { supervise: boolean },
) {
  const common = { schema: BOSS_SCHEMA, supervise: role.supervise, schedule: role.supervise, migrate: true };
  if (database.pglite) return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  return new PgBoss({ ...common, connectionString: databaseUrl, max: 4, application_name: 'warmpath-jobs' });
}

export type JobQueue = {
  boss: PgBoss;
  /** Enqueues a job inside `db` (a transaction or the root handle). The payload is validated first. */
  enqueue<S extends z.ZodType>(db: Db, job: JobSpec<S>, payload: z.infer<S>): Promise<string | null>;
  /** Enqueues many jobs of one kind in one statement, inside `db`. */
  enqueueMany<S extends z.ZodType>(db: Db, job: JobSpec<S>, payloads: z.infer<S>[]): Promise<void>;
  /** Starts working on these jobs in this process (the worker service). */
  work(handlers: JobHandler[], options?: { pollingIntervalSeconds?: number }): Promise<void>;
};

export async function startJobQueue(
  boss: PgBoss,
  specs: JobSpec[],
  options: { handlers?: JobHandler[]; onError?: (error: unknown) => void; pollingIntervalSeconds?: number },
): Promise<JobQueue> {
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  for (const job of specs) {
    await boss.createQueue(job.name, {
      retryLimit: job.retryLimit ?? 5,
      retryDelay: job.retryDelaySeconds ?? 10,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? 300,
    });
  }
  const work: JobQueue['work'] = async (handlers, workOptions) => {
    for (const { spec, handle } of handlers) {
      const pollingIntervalSeconds =
        workOptions?.pollingIntervalSeconds ?? options.pollingIntervalSeconds ?? 2;
      if ((spec.batchSize ?? 1) > 1) {
        await boss.work<unknown>(
          spec.name,
          {
            pollingIntervalSeconds,
            batchSize: spec.batchSize,
            burstWhenBatchFull: true,
            perJobResults: true,
          },
          async (items) => {
            const outcomes = await Promise.allSettled(
              items.map((item) =>
                handle(spec.payload.parse(item.data), { id: item.id, retryCount: item.retryCount }),
              ),
            );
            return items.map((item, i) => {
              const outcome = outcomes[i]!;
              if (outcome.status === 'fulfilled') return { id: item.id, status: 'completed' as const };
              const reason = outcome.reason;
              return {
                id: item.id,
                status: 'failed' as const,
                output: { message: reason instanceof Error ? reason.message : String(reason) },
              };
            });
          },
        );
      } else {
        await boss.work<unknown>(spec.name, { pollingIntervalSeconds }, async ([item]) => {
          if (!item) return;
          // A payload that no longer matches its schema fails loudly instead of doing half a job.
          await handle(spec.payload.parse(item.data), { id: item.id, retryCount: item.retryCount });
        });
      }
      if (spec.cron) await boss.schedule(spec.name, spec.cron, {});
    }
  };
  await work(options.handlers ?? []);
  return {
    boss,
    work,
    enqueue: async (db, job, payload) => {
      const data = job.payload.parse(payload) as object;
      return boss.send(job.name, data, {
        db: fromDrizzle(db as unknown as Parameters<typeof fromDrizzle>[0], sql),
      });
    },
    enqueueMany: async (db, job, payloads) => {
      if (payloads.length === 0) return;
      const rows = payloads.map((payload) => ({ data: job.payload.parse(payload) as object }));
      await boss.insert(job.name, rows, {
        db: fromDrizzle(db as unknown as Parameters<typeof fromDrizzle>[0], sql),
      });
    },
  };
}
