// Columns every tenant table shares.
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspace.ts';

// Millisecond precision for columns used in keyset cursors, which travel as JavaScript dates.
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** The owning workspace; deleting a workspace removes its rows. */
export const workspaceId = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
