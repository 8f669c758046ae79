// `warmpath start`: opens the database, applies migrations, starts the job queue and the web
// server, and shuts all of it down in order on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { resolveSessionSecret } from './db/instance-secret.ts';
import { migrateDatabase } from './db/migrate.ts';
import { deriveLinkSecret } from './features/surveys/links.ts';
import { buildApp } from './http/app.ts';
import { allJobSpecs, jobHandlers } from './jobs/index.ts';
import { createBoss, type JobQueue, startJobQueue } from './jobs/queue.ts';
import { createMailer, smtpTransport } from './mail/mailer.ts';

export type Service = 'web' | 'worker';

export const version: string = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8'),
).version;

export async function startServer(config: Config, services: Service[]) {
  const started = performance.now();
  // Readable lines for a person at a terminal; JSON lines for log collectors everywhere else.
  const log = pino({
    level: config.logLevel,
    ...(process.stdout.isTTY && {
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
      },
    }),
  });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    thread: config.dbThread,
    // Every acknowledged write is committed, so exiting loses nothing; a supervisor (or the
    // operator) restarts the server on the same data directory.
    onThreadStopped: (error) => {
      log.fatal({ err: error }, 'the embedded database thread stopped; exiting');
      process.exit(1);
    },
  });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let jobs: JobQueue | undefined;
  let stopping: Promise<void> | undefined;

  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
      const force = setTimeout(() => {
        log.error('shutdown took longer than 20 s; exiting');
        process.exit(1);
      }, 20_000);
      force.unref();
      try {
        await app?.close();
        await jobs?.boss.stop({ graceful: true, timeout: 10_000 });
        await database.close();
        log.info('stopped cleanly');
      } catch (error) {
        log.error({ err: error }, 'error during shutdown');
        process.exitCode = 1;
      }
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    const { applied } = await migrateDatabase(database);
    if (applied > 0) log.info({ applied }, 'applied database migrations');
    const sessionSecret = await resolveSessionSecret(database.db, config.sessionSecret);

    const runWorker = services.includes('worker');
    const boss = createBoss(database, config.databaseUrl, { supervise: runWorker });
    const from = `Warmpath <no-reply@${new URL(config.publicUrl).hostname}>`;
    // Handlers are bound after the queue starts because the mailer they use enqueues on it.
    const queue = await startJobQueue(boss, allJobSpecs, {
      onError: (error) => log.error({ err: error }, 'job queue error'),
    });
    jobs = queue;
    const mailer = createMailer({ smtpUrl: config.smtpUrl, jobs: queue });
    if (runWorker) {
      await queue.work(
        jobHandlers({
          db: database.db,
          config,
          smtp: config.smtpUrl ? smtpTransport(config.smtpUrl, from) : undefined,
          mailer,
          linkSecret: deriveLinkSecret(sessionSecret),
          log: (msg) => log.info(msg),
        }),
      );
    }

    if (services.includes('web')) {
      app = await buildApp({
        config,
        database,
        sessionSecret,
        jobs,
        mailer,
        loggerInstance: log,
        version,
      });
      await app.listen({ port: config.port, host: config.host });
    }
    const where =
      database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : `PostgreSQL ${database.location}`;
    const ms = Math.round(performance.now() - started);
    log.info({ services, database: database.kind, ms }, 'ready');
    if (services.includes('web')) {
      process.stdout.write(`\nWarmpath is running at ${config.publicUrl}  (${where}, ready in ${ms} ms)\n\n`);
    } else {
      process.stdout.write(`\nWarmpath worker is running (${where}, ready in ${ms} ms)\n\n`);
    }
  } catch (error) {
    await shutdown('startup failure');
    throw error;
  }
  return { shutdown: () => shutdown('shutdown') };
}
