// Survey mail throughput: 10,000 survey emails from "launch" to "accepted by an SMTP server", on
// PGlite (or PostgreSQL with BENCH_DATABASE_URL). The bench starts an smtp-server on loopback and
// the real job worker (pg-boss): launchSurvey creates the sends in one statement and enqueues the
// send job; surveys.send writes the outbox messages (one mail.deliver job each); mail.deliver
// sends them over a pooled SMTP transport and marks them sent. Timed until the database says every
// message is sent. Baseline in the same run: nodemailer with the same pool size sending the same
// 10,000 rendered messages straight to the same server, no database.
// Run: `node bench/survey-mail.ts [messages=10000] [runs=3]`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { sendSurveyMailHandler, surveyMailHeaders } from '../src/features/surveys/jobs.ts';
import { launchSurvey } from '../src/features/surveys/launch-survey.ts';
import { deriveLinkSecret } from '../src/features/surveys/links.ts';
import { createSurvey } from '../src/features/surveys/write-survey.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { allJobSpecs } from '../src/jobs/index.ts';
import { createBoss, type JobHandler, startJobQueue } from '../src/jobs/queue.ts';
import { createMailer, deliverMailHandler, smtpTransport } from '../src/mail/mailer.ts';
import { testConfig } from '../src/test/app.ts';

const messages = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const POOL = 5;

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'warmpath-bench-mail-'));
const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: dir });
await migrateDatabase(database);
const db = database.db;
const config = testConfig({ publicUrl: 'https://warmpath.example', smtpUrl });
const linkSecret = deriveLinkSecret('bench-secret-bench-secret-bench-secret');

const jobs = await startJobQueue(
  createBoss(database, process.env.BENCH_DATABASE_URL, { supervise: false }),
  allJobSpecs,
  {
    pollingIntervalSeconds: 0.5,
  },
);
const mailer = createMailer({ smtpUrl, jobs });
const transport = smtpTransport(smtpUrl, 'Bench Firm <surveys@bench.example>');
await jobs.work([
  sendSurveyMailHandler({ db, mailer, config, linkSecret, log: () => {} }) as JobHandler,
  deliverMailHandler(db, transport, {
    headersFor: surveyMailHeaders(config.publicUrl, linkSecret),
  }) as JobHandler,
]);

async function until(check: () => Promise<boolean>) {
  for (;;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: { written: number; app: number; baseline: number }[] = [];

for (let run = 1; run <= runs; run++) {
  const { workspace, owner } = await createWorkspace(db, {
    firmName: `Bench Firm ${run}`,
    owner: { name: 'Bench Owner', email: `owner${run}@bench.test`, password: 'bench-password-1' },
  });
  const ws = workspace.id;
  // The per-minute rate would otherwise be the bottleneck on purpose; the bench measures the pipe.
  await db.execute(sql`update workspaces set survey_mails_per_minute = 10000000 where id = ${ws}`);
  await db.execute(sql`insert into contacts (workspace_id, name, email, kind)
    select ${ws}, 'Client ' || n, 'client' || n || '-run${sql.raw(String(run))}@bench.example', 'client'
    from generate_series(1, ${messages}) n`);
  const actor = { workspaceId: ws, memberId: owner.id, role: 'owner' as const, sessionId: null };
  const survey = await createSurvey({ db, publicUrl: config.publicUrl }, actor, {
    name: `Bench wave ${run}`,
    audience: { kind: 'active_clients' },
  });
  const before = received;
  const started = performance.now();
  await launchSurvey({ db, jobs, mailer, publicUrl: config.publicUrl, linkSecret }, actor, survey.id);
  let writtenAt = 0;
  await until(async () => {
    const [row] = await queryRows<{ written: number; sent: number }>(
      db,
      sql`select count(*)::int as written, count(*) filter (where status = 'sent')::int as sent
          from outbox_messages where workspace_id = ${ws}`,
    );
    if (!writtenAt && Number(row!.written) === messages) writtenAt = performance.now();
    if (process.env.BENCH_PROGRESS && Math.round(performance.now()) % 2000 < 120)
      console.error(
        `  ${((performance.now() - started) / 1000).toFixed(1)} s: written ${row!.written}, sent ${row!.sent}`,
      );
    return Number(row!.sent) === messages;
  });
  const appMs = performance.now() - started;
  if (received - before !== messages) throw new Error(`server got ${received - before} of ${messages}`);

  // Baseline: the same rendered messages, straight to the same server with the same pool size.
  const rows = await queryRows<{ to: string; subject: string; text: string; html: string }>(
    db,
    sql`select to_address as to, subject, text_body as text, html_body as html from outbox_messages
        where workspace_id = ${ws}`,
  );
  const direct = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: POOL });
  const baseStart = performance.now();
  await Promise.all(rows.map((m) => direct.sendMail({ from: 'Bench Firm <surveys@bench.example>', ...m })));
  const baseMs = performance.now() - baseStart;
  direct.close();
  if (received - before !== 2 * messages) throw new Error('baseline lost messages');

  const result = {
    written: messages / ((writtenAt - started) / 1000),
    app: messages / (appMs / 1000),
    baseline: messages / (baseMs / 1000),
  };
  results.push(result);
  console.log(
    `run ${run}: ${messages} mails launched→sent in ${(appMs / 1000).toFixed(1)} s = ${result.app.toFixed(0)} msg/s ` +
      `(all written to the outbox after ${((writtenAt - started) / 1000).toFixed(1)} s); ` +
      `nodemailer direct ${(baseMs / 1000).toFixed(1)} s = ${result.baseline.toFixed(0)} msg/s; ` +
      `ratio ${(result.app / result.baseline).toFixed(2)}`,
  );
}

const app = median(results.map((r) => r.app));
const baseline = median(results.map((r) => r.baseline));
const written = median(results.map((r) => r.written));
console.log(
  `\nmedian of ${runs} (${database.kind}): ${app.toFixed(0)} msg/s through Warmpath (outbox written at ` +
    `${written.toFixed(0)} msg/s), ${baseline.toFixed(0)} msg/s nodemailer direct, ratio ${(app / baseline).toFixed(2)}`,
);

transport.close?.();
await jobs.boss.stop({ graceful: false, close: true });
await new Promise<void>((resolve) => smtp.close(() => resolve()));
await database.close();
rmSync(dir, { recursive: true, force: true });
