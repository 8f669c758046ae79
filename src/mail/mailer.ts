// Outgoing mail. Every message is first written to outbox_messages in the caller's transaction.
// With SMTP_URL set it is queued and a job delivers it (with retries); without, the row itself is
// the delivery and the built-in outbox shows it.
import { eq } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { outboxMessages } from '../db/schema/index.ts';
import { defineJob, handleJob, type JobQueue } from '../jobs/queue.ts';

export type MailMessage = { workspaceId: string; to: string; subject: string; text: string; html?: string };

export type Mailer = {
  /** True when mail leaves the machine (SMTP configured). */
  readonly delivers: boolean;
  queue(db: Db, message: MailMessage): Promise<{ id: string; status: 'queued' | 'outbox' }>;
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
  };
}

export type SmtpTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export function smtpTransport(smtpUrl: string, from: string): SmtpTransport {
  const transport = nodemailer.createTransport(smtpUrl);
  return { sendMail: (message) => transport.sendMail({ from, ...message }) };
}

export const deliverMailJob = defineJob({
  name: 'mail.deliver',
  payload: z.object({ messageId: z.uuid() }),
  retryLimit: 6,
  retryDelaySeconds: 30,
});

export function deliverMailHandler(db: Db, transport: SmtpTransport) {
  return handleJob(deliverMailJob, async ({ messageId }, job) => {
    const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId));
    if (!message || message.status === 'sent') return;
    try {
      await transport.sendMail({
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        ...(message.htmlBody && { html: message.htmlBody }),
      });
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: new Date(), error: null })
        .where(eq(outboxMessages.id, messageId));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // After the last retry the message stays failed, with the reason, for the outbox to show.
      const final = job.retryCount >= (deliverMailJob.retryLimit ?? 0);
      await db
        .update(outboxMessages)
        .set({ status: final ? 'failed' : 'queued', error: reason.slice(0, 500) })
        .where(eq(outboxMessages.id, messageId));
      throw error;
    }
  });
}
