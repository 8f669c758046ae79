// Bulk import of clients from CSV. `imports` is one run (a dry run or a real one) with its
// progress and error report, polled by the web app. `import_rows` is the staging area: the file
// is parsed and validated into it in small committed batches, so a long file never holds one
// long transaction, and one final transaction moves the staged rows into the real tables.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { members, workspaces } from './workspace.ts';

export const importKinds = ['contacts', 'relationships', 'interactions'] as const;
export type ImportKind = (typeof importKinds)[number];
/**
 * pending: created, waiting for its file. running: reading and checking rows. applying: the final
 * transaction. completed: stored (or, for a dry run, checked without problems). invalid: some rows
 * have problems, nothing stored. failed: the file could not be read (encoding, size), or the run
 * died (interrupted).
 */
export const importStatuses = ['pending', 'running', 'applying', 'completed', 'invalid', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export type ImportProblem = { row: number; column: string | null; message: string };
export type ImportSummary = { created: number; updated: number; accountsCreated?: number };

export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: importKinds }).notNull(),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('pending'),
    dryRun: boolean('dry_run').notNull().default(false),
    /** Field per CSV column, by position; null ignores the column. */
    mapping: jsonb('mapping').$type<(string | null)[] | null>(),
    allowNoKey: boolean('allow_no_key').notNull().default(false),
    totalBytes: bigint('total_bytes', { mode: 'number' }),
    processedBytes: bigint('processed_bytes', { mode: 'number' }).notNull().default(0),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** The first 1,000 problems, in row order. */
    errors: jsonb('errors').$type<ImportProblem[]>().notNull().default(sql`'[]'::jsonb`),
    summary: jsonb('summary').$type<ImportSummary | null>(),
    /** Why a run failed as a whole (unreadable file, interrupted). */
    message: text('message'),
    startedByMemberId: uuid('started_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    /** Touched between batches; a running import whose heartbeat stopped is dead. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('imports_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('imports_status_idx').on(t.status),
    check('imports_kind_check', sql`${t.kind} in ('contacts', 'relationships', 'interactions')`),
  ],
);

export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** As a spreadsheet shows it: the header is row 1. */
    rowNumber: integer('row_number').notNull(),
    /** The parsed, validated values by field name. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Problems with this row: [{ column, message }]; null when none. */
    errors: jsonb('errors').$type<{ column: string | null; message: string }[] | null>(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);
