// Outgoing mail. Every message is first written to outbox_messages in the caller's transaction.
// With SMTP_URL set it is queued and a job delivers it (with retries); without, the row itself is
// the delivery and the built-in outbox shows it.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { insertRows } from '../db/insert-rows.ts';
import { outboxMessages } from '../db/schema/index.ts';
import { defineJob, handleJob, type JobQueue } from '../jobs/queue.ts';

export type MailMessage = { workspaceId: string; to: string; subject: string; text: string; html?: string };

export type Mailer = {
  /** True when mail leaves the machine (SMTP configured). */
  readonly delivers: boolean;
  queue(db: Db, message: MailMessage): Promise<{ id: string; status: 'queued' | 'outbox' }>;
  /** Like `queue` for many messages at once (one insert, one enqueue); ids in the given order. */
  queueMany(db: Db, messages: MailMessage[]): Promise<{ id: string; status: 'queued' | 'outbox' }[]>;
};

export function createMailer(options: { smtpUrl: string | undefined; jobs: JobQueue | undefined }): Mailer {
  const delivers = Boolean(options.smtpUrl && options.jobs);
  return {
    delivers,
    async queue(db, message) {
      const status = delivers ? 'queued' : 'outbox';
      const [row] = await db
        .insert(outboxMessages)
        .values({
          workspaceId: message.workspaceId,
          toAddress: message.to,
          subject: message.subject,
          textBody: message.text,
          htmlBody: message.html ?? null,
          status,
        })
        .returning({ id: outboxMessages.id });
      if (delivers) await options.jobs!.enqueue(db, deliverMailJob, { messageId: row!.id });
      return { id: row!.id, status };
    },
    async queueMany(db, messages) {
      if (messages.length === 0) return [];
      const status: 'queued' | 'outbox' = delivers ? 'queued' : 'outbox';
      const rows = messages.map((message) => ({
        id: randomUUID(),
        workspaceId: message.workspaceId,
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html ?? null,
        status,
      }));
      await insertRows(db, outboxMessages, rows);
      if (delivers) {
        const batches = [];
        for (let i = 0; i < rows.length; i += DELIVERY_BATCH) {
          batches.push({ messageIds: rows.slice(i, i + DELIVERY_BATCH).map((row) => row.id) });
        }
        await options.jobs!.enqueueMany(db, deliverMailJob, batches);
      }
      return rows.map((row) => ({ id: row.id, status }));
    },
  };
}

export type SmtpTransport = { sendMail(message: SendMailOptions): Promise<unknown>; close?(): void };

/** Pooled connections are closed after this long without a message to send. */
const POOL_IDLE_MS = 1000;

export function smtpTransport(smtpUrl: string, from: string): SmtpTransport {
  // Pooled: a survey wave is thousands of messages, and a new connection (and TLS handshake) per
  // message would be most of the work. The pool reconnects by itself after a server hangs up, and
  // is closed when idle so that open connections never keep a stopping process alive.
  let pool: ReturnType<typeof nodemailer.createTransport> | undefined;
  let inFlight = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const close = () => {
    clearTimeout(idleTimer);
    pool?.close();
    pool = undefined;
  };
  return {
    async sendMail(message) {
      clearTimeout(idleTimer);
      pool ??= nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 5 });
      inFlight++;
      try {
        return await pool.sendMail({ from, ...message });
      } finally {
        inFlight--;
        if (inFlight === 0) {
          idleTimer = setTimeout(close, POOL_IDLE_MS);
          idleTimer.unref();
        }
      }
    },
    close,
  };
}

export const deliverMailJob = defineJob({
  name: 'mail.deliver',
  // One message, or a batch written together (a survey wave): a job per message would spend more
  // on the job queue than on SMTP. Each message of a batch is settled on its own.
  payload: z
    .object({ messageId: z.uuid().optional(), messageIds: z.array(z.uuid()).max(500).optional() })
    .refine((p) => p.messageId || p.messageIds?.length, 'messageId or messageIds'),
  retryLimit: 6,
  retryDelaySeconds: 30,
  batchSize: 10,
});

/** Messages per delivery job when many are queued at once. */
export const DELIVERY_BATCH = 50;

/** Extra headers for one stored message (a survey mail's List-Unsubscribe, say). */
export type MailHeadersFor = (
  db: Db,
  message: typeof outboxMessages.$inferSelect,
) => Promise<Record<string, string> | undefined>;

export function deliverMailHandler(
  db: Db,
  transport: SmtpTransport,
  options: { headersFor?: MailHeadersFor; retryLimit?: number } = {},
) {
  const retryLimit = options.retryLimit ?? deliverMailJob.retryLimit ?? 0;
  return handleJob(deliverMailJob, async ({ messageId, messageIds }, job) => {
    const ids = messageIds ?? [messageId!];
    // A message already marked sent (by an earlier attempt of this job, or before a restart) is
    // never sent again.
    const pending = (await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids))).filter(
      (message) => message.status !== 'sent',
    );
    const outcomes = await Promise.allSettled(
      pending.map(async (message) => {
        const headers = await options.headersFor?.(db, message);
        await transport.sendMail({
          // The same Message-ID on every attempt, so a receiver can drop the copy of a message that
          // was accepted just before a crash kept it from being marked sent.
          messageId: `<${message.id}@warmpath>`,
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody,
          ...(message.htmlBody && { html: message.htmlBody }),
          ...(headers && { headers }),
        });
      }),
    );
    const sent = pending.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((m) => m.id);
    if (sent.length) {
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: new Date(), error: null })
        .where(inArray(outboxMessages.id, sent));
    }
    // After the last retry a message stays failed, with the reason, for the outbox to show.
    const final = job.retryCount >= retryLimit;
    const failures: string[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') continue;
      const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      failures.push(reason);
      await db
        .update(outboxMessages)
        .set({ status: final ? 'failed' : 'queued', error: reason.slice(0, 500) })
        .where(eq(outboxMessages.id, pending[i]!.id));
    }
    // Failing the job retries it (with backoff) for the messages that did not go.
    if (failures.length) {
      throw new Error(`${failures.length} of ${pending.length} messages not delivered: ${failures[0]}`);
    }
  });
}
