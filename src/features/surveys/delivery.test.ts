// Survey mail over real SMTP (an smtp-server on loopback, not a mock) through real pg-boss jobs:
// delivery with the List-Unsubscribe header, a server that refuses a recipient, one that hangs up
// (retried, then failed with the reason), and restarts (nothing lost, nothing sent twice).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { queryRows } from '../../db/client.ts';
import { allJobSpecs } from '../../jobs/index.ts';
import { createBoss, type JobHandler, type JobQueue, startJobQueue } from '../../jobs/queue.ts';
import { createMailer, deliverMailHandler, deliverMailJob, smtpTransport } from '../../mail/mailer.ts';
import { call, createContactVia, createTestApp, newWorkspace, type TestContext } from '../../test/app.ts';
import { sendSurveyMailHandler, sendSurveyMailJob, surveyMailHeaders } from './jobs.ts';
import { launchSurvey } from './launch-survey.ts';
import { deriveLinkSecret } from './links.ts';

const RETRIES = 2;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('survey mail over SMTP', () => {
  let t: TestContext;
  let smtp: SMTPServer;
  let smtpUrl = '';
  /** Messages the server accepted, by recipient. */
  const accepted = new Map<string, string[]>();
  const attempts = new Map<string, number>();
  const linkSecret = deriveLinkSecret('test-secret-test-secret-test-secret!');

  before(async () => {
    t = await createTestApp();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, session, callback) {
        const to = address.address;
        const n = (attempts.get(to) ?? 0) + 1;
        attempts.set(to, n);
        if (to.startsWith('refuse')) return callback(new Error('550 5.1.1 Mailbox does not exist'));
        // "hangup" always drops the connection; "flaky" drops it on the first attempt only.
        if (to.startsWith('hangup') || (to.startsWith('flaky') && n === 1)) {
          for (const connection of smtp.connections)
            if (connection.id === session.id) connection._socket.destroy();
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk) => {
          data += chunk;
        });
        stream.on('end', () => {
          for (const rcpt of session.envelope.rcptTo) {
            accepted.set(rcpt.address, [...(accepted.get(rcpt.address) ?? []), data]);
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.close();
  });

  /** A job queue as the worker runs it, with quick retries; `work: false` enqueues only. */
  async function startQueue(work: boolean): Promise<JobQueue> {
    const jobs = await startJobQueue(
      createBoss(t.database, t.database.url, { supervise: false }),
      allJobSpecs,
      {
        pollingIntervalSeconds: 0.5,
      },
    );
    // The template database already holds the queues with production retry delays (30 s and up).
    await jobs.boss.updateQueue(deliverMailJob.name, {
      retryLimit: RETRIES,
      retryDelay: 1,
      retryBackoff: true,
    });
    if (work) {
      const mailer = createMailer({ smtpUrl, jobs });
      const deps = { db: t.db, mailer, config: t.config, linkSecret, log: () => {} };
      await jobs.work([
        sendSurveyMailHandler(deps) as JobHandler,
        deliverMailHandler(t.db, smtpTransport(smtpUrl, 'Firm <surveys@firm.test>'), {
          retryLimit: RETRIES,
          headersFor: surveyMailHeaders(t.config.publicUrl, linkSecret),
        }) as JobHandler,
      ]);
    }
    return jobs;
  }

  const stop = (jobs: JobQueue) => jobs.boss.stop({ graceful: false, close: true });

  test('delivers, retries a hang-up, fails a refusal and a dead server with the reason; restarts resend nothing', async () => {
    const ws = await newWorkspace(t, 'Mail Firm');
    const contacts = [];
    for (const local of ['ok1', 'ok2', 'flaky', 'refuse', 'hangup'])
      contacts.push(
        await createContactVia(t, ws.cookie, { name: `Client ${local}`, email: `${local}@client.test` }),
      );
    const created = await call(t, 'POST', '/api/v1/surveys', {
      cookie: ws.cookie,
      body: { name: 'Autumn', audience: { kind: 'contacts', contactIds: contacts.map((c) => c.id) } },
    });
    const surveyId = created.body.id as string;
    const actor = {
      workspaceId: ws.workspaceId,
      memberId: ws.memberId,
      role: 'owner' as const,
      sessionId: null,
    };

    // The worker is down when the survey is launched: the jobs wait in the database.
    const first = await startQueue(false);
    const launched = await launchSurvey(
      {
        db: t.db,
        jobs: first,
        mailer: createMailer({ smtpUrl, jobs: first }),
        publicUrl: t.config.publicUrl,
        linkSecret,
      },
      actor,
      surveyId,
    );
    assert.equal(launched.queued, 5);
    assert.equal(launched.survey.counts.queued, 5);
    await stop(first);
    assert.equal(accepted.size, 0);

    // The worker starts: everything is mailed, delivered or, after the retries, failed.
    const second = await startQueue(true);
    const outbox = () =>
      queryRows<{ id: string; to_address: string; status: string; error: string | null }>(
        t.db,
        sql`select id, to_address, status, error from outbox_messages where workspace_id = ${ws.workspaceId}`,
      );
    await until(async () => {
      const rows = await outbox();
      return rows.length === 5 && rows.every((r) => r.status === 'sent' || r.status === 'failed');
    }, 'every message delivered or failed');
    await stop(second);

    const status = new Map((await outbox()).map((r) => [r.to_address, r]));
    for (const ok of ['ok1', 'ok2', 'flaky'])
      assert.equal(status.get(`${ok}@client.test`)!.status, 'sent', ok);
    assert.equal(status.get('refuse@client.test')!.status, 'failed');
    assert.match(status.get('refuse@client.test')!.error!, /550 5\.1\.1 Mailbox does not exist/);
    assert.equal(status.get('hangup@client.test')!.status, 'failed');
    assert.ok(status.get('hangup@client.test')!.error);
    // Each job attempt may itself try twice (the SMTP pool retries a message once on a dropped connection).
    assert.ok(attempts.get('refuse@client.test')! >= RETRIES + 1, 'tried, then retried, then given up');
    assert.ok(attempts.get('hangup@client.test')! >= RETRIES + 1);
    assert.ok(attempts.get('flaky@client.test')! >= 2, 'the hang-up was retried and then delivered');
    const failedJobs = await queryRows<{ retry_count: number }>(
      t.db,
      sql`select retry_count from pgboss.job where name = ${deliverMailJob.name} and state = 'failed'`,
    );
    assert.ok(failedJobs.length > 0);
    for (const j of failedJobs)
      assert.equal(j.retry_count, RETRIES, 'marked failed only after the last retry');

    const received = (to: string) => accepted.get(`${to}@client.test`) ?? [];
    for (const ok of ['ok1', 'ok2', 'flaky'])
      assert.equal(received(ok).length, 1, `${ok} got exactly one mail`);
    const raw = received('ok1')[0]!;
    assert.match(raw, /^List-Unsubscribe:\s+<http:\/\/warmpath\.test\/s\/[A-Za-z0-9_-]{44}\/unsubscribe>/m);
    assert.match(raw, new RegExp(`^Message-ID: <${status.get('ok1@client.test')!.id}@warmpath>`, 'm'));
    assert.match(raw, /^Content-Type: multipart\/alternative/m);

    const sends = await call(t, 'GET', `/api/v1/surveys/${surveyId}/sends`, { cookie: ws.cookie });
    const byEmail = new Map(
      sends.body.sends.map((s: { contact: { email: string } }) => [s.contact.email, s] as const),
    );
    const refused = byEmail.get('refuse@client.test') as { status: string; error: string; delivery: string };
    assert.equal(refused.status, 'failed');
    assert.equal(refused.delivery, 'smtp');
    assert.match(refused.error, /550/);
    assert.equal((byEmail.get('ok1@client.test') as { status: string }).status, 'sent');
    const survey = await call(t, 'GET', `/api/v1/surveys/${surveyId}`, { cookie: ws.cookie });
    assert.deepEqual(survey.body.counts, { total: 5, queued: 0, sent: 3, failed: 2, answered: 0 });

    // A restart that runs the survey's send job and every delivery job again sends nothing twice.
    const third = await startQueue(true);
    await third.enqueue(t.db, sendSurveyMailJob, { workspaceId: ws.workspaceId, surveyId });
    for (const row of await outbox()) await third.enqueue(t.db, deliverMailJob, { messageId: row.id });
    await until(async () => {
      const [row] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pgboss.job where state in ('created', 'active', 'retry')
            and name in (${sendSurveyMailJob.name}, ${deliverMailJob.name})`,
      );
      return Number(row?.n) === 0;
    }, 'the repeated jobs to finish');
    await stop(third);
    assert.equal((await outbox()).length, 5, 'no new messages');
    for (const ok of ['ok1', 'ok2', 'flaky'])
      assert.equal(received(ok).length, 1, `${ok} still got one mail`);
  });
});
