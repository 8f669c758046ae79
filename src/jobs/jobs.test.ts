// Jobs run through real pg-boss on the test database (PGlite or PostgreSQL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { outboxMessages, sessions } from '../db/schema/index.ts';
import { createSession } from '../features/auth/sessions.ts';
import { createInvite } from '../features/members/invites.ts';
import { createMailer, deliverMailHandler, smtpTransport } from '../mail/mailer.ts';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newWorkspace,
  type TestContext,
} from '../test/app.ts';
import { allJobSpecs } from './index.ts';
import { createBoss, type JobHandler, type JobQueue, startJobQueue } from './queue.ts';
import { relationshipDecayHandler, relationshipDecayJob } from './relationship-decay.ts';
import { sessionCleanupHandler, sessionCleanupJob } from './session-cleanup.ts';

async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe('jobs', () => {
  let t: TestContext;
  let jobs: JobQueue;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const received: string[] = [];

  before(async () => {
    t = await createTestApp();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk) => {
          data += chunk;
        });
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as { port: number }).port;
    const handlers = [
      sessionCleanupHandler(t.db, () => {}),
      relationshipDecayHandler(t.db, () => {}),
      deliverMailHandler(
        t.db,
        smtpTransport(`smtp://127.0.0.1:${smtpPort}`, 'Warmpath <no-reply@warmpath.test>'),
      ),
    ] as JobHandler[];
    jobs = await startJobQueue(createBoss(t.database, t.database.url, { supervise: false }), allJobSpecs, {
      handlers,
      pollingIntervalSeconds: 0.5,
    });
  });
  after(async () => {
    await jobs.boss.stop({ graceful: false, close: true });
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.close();
  });

  test('session clean-up removes expired sessions and keeps live ones', async () => {
    const ws = await newWorkspace(t);
    await createSession(t.db, { workspaceId: ws.workspaceId, memberId: ws.memberId });
    await t.db.execute(
      sql`update sessions set expires_at = now() - interval '1 day' where member_id = ${ws.memberId}`,
    );
    await createSession(t.db, { workspaceId: ws.workspaceId, memberId: ws.memberId });
    const count = async () =>
      (await t.db.select().from(sessions).where(eq(sessions.memberId, ws.memberId))).length;
    assert.equal(await count(), 3);
    await jobs.enqueue(t.db, sessionCleanupJob, {});
    await until(async () => (await count()) === 1);
  });

  test('the nightly decay job recomputes strengths as time passes', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Fading Fred' });
    await logVia(t, ws.cookie, { contactId: c.id, kind: 'meeting' });
    const strength = async () =>
      (await call(t, 'GET', `/api/v1/contacts/${c.id}`, { cookie: ws.cookie })).body.relationships[0]
        .strength as number;
    const fresh = await strength();
    await t.db.execute(
      sql`update interactions set occurred_at = occurred_at - interval '200 days' where contact_id = ${c.id}`,
    );
    assert.equal(await strength(), fresh);
    await jobs.enqueue(t.db, relationshipDecayJob, {});
    await until(async () => (await strength()) < fresh);
  });

  test('a job enqueued in a transaction that rolls back never exists', async () => {
    const marker = new Error('rollback on purpose');
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await jobs.enqueue(tx, sessionCleanupJob, {});
        throw marker;
      }),
      marker,
    );
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name = $1 and state = 'created'`,
      [sessionCleanupJob.name],
    );
    assert.equal(rows[0]?.n, 0);
  });

  test('with SMTP configured an invite is queued, delivered to a real SMTP server and marked sent', async () => {
    const ws = await newWorkspace(t, 'Mail Firm');
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, jobs });
    const actor = {
      workspaceId: ws.workspaceId,
      memberId: ws.memberId,
      role: 'owner' as const,
      sessionId: null,
    };
    const { url, emailed } = await createInvite(
      { db: t.db, mailer, publicUrl: 'http://warmpath.test' },
      actor,
      {
        email: 'recipient@example.test',
        role: 'member',
      },
    );
    assert.equal(emailed, true);
    await until(async () => {
      const [row] = await t.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.workspaceId, ws.workspaceId));
      return row?.status === 'sent';
    });
    const message = received.find((m) => m.includes('recipient@example.test'));
    assert.ok(message, 'the SMTP server received the invite');
    assert.ok(message.replace(/=\r?\n/g, '').includes(url));
    assert.match(message, /Subject: .*invited you to Mail Firm/);
  });
});
