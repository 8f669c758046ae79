// Instance-wide settings and the mail outbox.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspace.ts';

/** Not a tenant table: values shared by every process of one deployment (e.g. the generated session secret). */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const outboxStatuses = ['outbox', 'queued', 'sent', 'failed'] as const;

/**
 * Every message the app sends. With SMTP configured it records delivery; without, the row is the
 * delivery: the built-in outbox shows it as the recipient would see it.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    status: text('status', { enum: outboxStatuses }).notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('outbox_status_check', sql`${t.status} in ('outbox', 'queued', 'sent', 'failed')`),
  ],
);
