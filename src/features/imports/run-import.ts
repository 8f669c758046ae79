// Importing contacts, relationships and interactions from CSV: the bulk path.
//
// Glossary
//   import       one run over one file (`imports` row): a dry run only checks, a real run stores
//   staging      `import_rows`: every parsed row with its values and problems, written in
//                committed batches of BATCH_ROWS, so the database is never held by one long
//                transaction while the file streams in (PGlite serves one connection)
//   apply        the one final transaction that moves staged rows into the real tables
//
// By design, and for speed, this file writes contacts, accounts, relationships, interactions,
// interaction participants and timeline events directly with set-based SQL (INSERT ... SELECT,
// UPDATE ... FROM) instead of calling the one-record commands of those features: 100,000 rows go
// through a handful of statements. It follows their rules: accounts are matched by lower(name)
// among live ones, relationship strength is coalesce(override, greatest(computed, baseline)),
// interactions get the same timeline event and strength recompute as a logged conversation.
//
// All or nothing: any row with a problem refuses the whole file and nothing is stored. A process
// killed before the apply transaction commits leaves the real tables untouched; its staged rows
// are removed by the next import (see cleanupStaleImports). Re-running a file is idempotent:
// contacts are matched by external id, then email; relationships by (member, contact);
// interactions by external id, else by (contact, kind, date).
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { InteractionKind } from '../../db/schema/clients.ts';
import { interactionKinds } from '../../db/schema/clients.ts';
import {
  type ImportKind,
  type ImportProblem,
  type ImportSummary,
  importRows,
  imports,
  members,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { interactionTitle } from '../interactions/log-interaction.ts';
import { recomputeStrengths } from '../relationships/recompute.ts';
import { CsvError, readCsv } from './csv.ts';
import { detectMapping, mappingProblems, type RowProblem, rowChecker } from './fields.ts';
import type { CreateImportBody, ImportDto } from './schemas.ts';

export const BATCH_ROWS = 5000;
export const MAX_LISTED_ERRORS = 1000;
/** A running import on a shared PostgreSQL whose heartbeat is older than this is dead. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/** Imports running in this process; anything else marked running on an exclusive database is dead. */
const activeImports = new Set<string>();

export type ImportPhase = 'reading' | 'checking' | 'applying' | 'done';
export type ImportProgress = { phase: ImportPhase; bytes: number; rows: number };

type ImportRow = typeof imports.$inferSelect;

function toDto(row: ImportRow, startedBy: { id: string; name: string } | null): ImportDto {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    status: row.status,
    dryRun: row.dryRun,
    mapping: row.mapping ?? null,
    allowNoKey: row.allowNoKey,
    totalBytes: row.totalBytes ?? null,
    processedBytes: row.processedBytes,
    totalRows: row.totalRows ?? null,
    processedRows: row.processedRows,
    errorCount: row.errorCount,
    errors: row.errors,
    summary: row.summary ?? null,
    message: row.message ?? null,
    startedBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

const importColumns = { row: imports, memberId: members.id, memberName: members.name };

export async function getImport(db: Db, workspaceId: string, importId: string): Promise<ImportDto> {
  const [found] = await db
    .select(importColumns)
    .from(imports)
    .leftJoin(members, eq(members.id, imports.startedByMemberId))
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, importId)));
  if (!found) throw notFound('Import');
  return toDto(found.row, found.memberId ? { id: found.memberId, name: found.memberName! } : null);
}

export async function listImports(db: Db, workspaceId: string, limit = 20): Promise<ImportDto[]> {
  const rows = await db
    .select(importColumns)
    .from(imports)
    .leftJoin(members, eq(members.id, imports.startedByMemberId))
    .where(eq(imports.workspaceId, workspaceId))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
  return rows.map((r) => toDto(r.row, r.memberId ? { id: r.memberId, name: r.memberName! } : null));
}

/** Records an import waiting for its file. Managers and owners only. */
export async function createImport(db: Db, actor: Actor, input: CreateImportBody): Promise<ImportDto> {
  requireRole(actor, 'manager');
  if (input.mapping) {
    const problems = mappingProblems(input.kind, input.mapping);
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        `body.mapping: ${problems[0]}`,
        problems.map((message) => ({ path: 'body.mapping', message })),
      );
    }
  }
  const [row] = await db
    .insert(imports)
    .values({
      workspaceId: actor.workspaceId,
      kind: input.kind,
      fileName: input.fileName,
      dryRun: input.dryRun ?? false,
      mapping: input.mapping ?? null,
      allowNoKey: input.allowNoKey ?? false,
      totalBytes: input.totalBytes ?? null,
      startedByMemberId: actor.memberId,
    })
    .returning({ id: imports.id });
  return getImport(db, actor.workspaceId, row!.id);
}

/**
 * Marks imports that died mid-way (their process was killed) as failed and removes their staged
 * rows. `exclusive`: no other process can be importing into this database (the embedded database
 * is locked to one process), so every running import not in this process is dead.
 */
export async function cleanupStaleImports(db: Db, options: { exclusive: boolean }): Promise<number> {
  const mine = [...activeImports];
  const staleCutoff = new Date(Date.now() - STALE_AFTER_MS).toISOString();
  const dead = await queryRows<{ id: string }>(
    db,
    sql`update imports set status = 'failed', finished_at = now(),
          message = 'Interrupted before it finished; nothing was stored. Run the import again.'
        where status in ('running', 'applying')
          and not (id = any(${sql.param(mine)}::uuid[]))
          and (${options.exclusive} or heartbeat_at < ${staleCutoff}::timestamptz)
        returning id`,
  );
  // Staged rows of imports that are no longer running (dead, or finished without cleaning up).
  await db.execute(sql`
    delete from import_rows r using imports i
    where i.id = r.import_id and i.status not in ('pending', 'running', 'applying')`);
  return dead.length;
}

type RunOptions = {
  db: Db;
  actor: Actor;
  importId: string;
  source: AsyncIterable<Uint8Array>;
  /** True when no other process can use this database (the embedded one). */
  exclusive: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

/**
 * Reads the file into staging, checks it, and (unless it is a dry run or has problems) applies it.
 * Resolves with the finished import; a file that cannot be read ends as `failed` with a message.
 */
export async function runImport(options: RunOptions): Promise<ImportDto> {
  const { db, actor, importId } = options;
  requireRole(actor, 'manager');
  const current = await getImport(db, actor.workspaceId, importId);
  if (current.status !== 'pending') {
    throw new AppError('conflict', 'This import has already run; start a new one');
  }
  await cleanupStaleImports(db, { exclusive: options.exclusive });
  const claimed = await db
    .update(imports)
    .set({ status: 'running', heartbeatAt: new Date() })
    .where(and(eq(imports.id, importId), eq(imports.status, 'pending')))
    .returning({ id: imports.id });
  if (claimed.length === 0) throw new AppError('conflict', 'This import has already run; start a new one');
  activeImports.add(importId);
  try {
    const headers = await stage(options, current);
    const checked = await checkStaged(db, actor.workspaceId, current, headers);
    if (checked.errorCount > 0) {
      await finish(db, importId, { status: 'invalid', ...checked });
    } else if (current.dryRun) {
      const summary = await applyOrCount(db, actor, current, 'count', options.exclusive);
      await finish(db, importId, { status: 'completed', ...checked, summary });
    } else {
      options.onProgress?.({ phase: 'applying', bytes: current.totalBytes ?? 0, rows: 0 });
      await db
        .update(imports)
        .set({ status: 'applying', heartbeatAt: new Date() })
        .where(eq(imports.id, importId));
      await db.transaction(async (tx) => {
        const summary = await applyOrCount(tx, actor, current, 'apply', options.exclusive);
        await finish(tx, importId, { status: 'completed', ...checked, summary });
      });
    }
  } catch (error) {
    const known = error instanceof AppError;
    await finish(db, importId, {
      status: 'failed',
      message: known ? error.message : 'The import stopped on an unexpected error; nothing was stored.',
    });
    if (!known) throw error;
  } finally {
    activeImports.delete(importId);
  }
  options.onProgress?.({ phase: 'done', bytes: 0, rows: 0 });
  return getImport(db, actor.workspaceId, importId);
}

async function finish(
  db: Db,
  importId: string,
  result: {
    status: 'completed' | 'invalid' | 'failed';
    errorCount?: number;
    errors?: ImportProblem[];
    summary?: ImportSummary;
    message?: string;
  },
) {
  await db
    .update(imports)
    .set({
      status: result.status,
      ...(result.errorCount !== undefined && { errorCount: result.errorCount }),
      ...(result.errors && { errors: result.errors }),
      ...(result.summary && { summary: result.summary }),
      ...(result.message && { message: result.message }),
      finishedAt: new Date(),
    })
    .where(eq(imports.id, importId));
  await db.delete(importRows).where(eq(importRows.importId, importId));
}

/** Streams the file into import_rows, checking each row on its own, in committed batches. */
async function stage(options: RunOptions, current: ImportDto): Promise<string[]> {
  const { db, actor, importId } = options;
  let bytes = 0;
  let rows = 0;
  let headers: string[] | null = null;
  let check: ((fields: string[]) => { data: Record<string, unknown>; errors: RowProblem[] }) | null = null;
  let batch: { r: number; d: Record<string, unknown>; e: RowProblem[] | null }[] = [];

  const flush = async () => {
    if (batch.length > 0) {
      await db.execute(sql`
        insert into import_rows (import_id, workspace_id, row_number, data, errors)
        select ${importId}, ${actor.workspaceId}, (e->>'r')::int, e->'d', nullif(e->'e', 'null'::jsonb)
        from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) e`);
      batch = [];
    }
    await db
      .update(imports)
      .set({ processedRows: rows, processedBytes: bytes, heartbeatAt: new Date() })
      .where(eq(imports.id, importId));
    options.onProgress?.({ phase: 'reading', bytes, rows });
  };

  for await (const records of readCsv(options.source, { onBytes: (n) => (bytes += n) })) {
    for (const record of records) {
      if (!headers) {
        headers = record.fields.map((h) => h.trim());
        const mapping = current.mapping
          ? headers.map((_, i) => current.mapping![i] ?? null)
          : detectMapping(current.kind, headers);
        const problems = mappingProblems(current.kind, mapping);
        if (problems.length > 0) {
          throw new CsvError(`${problems.join('; ')}. Columns in the file: ${headers.join(', ')}`);
        }
        await db.update(imports).set({ mapping }).where(eq(imports.id, importId));
        current.mapping = mapping;
        check = rowChecker(current.kind, mapping, headers, { allowNoKey: current.allowNoKey });
        continue;
      }
      const { data, errors } = check!(record.fields);
      batch.push({ r: record.row, d: data, e: errors.length > 0 ? errors : null });
      rows++;
      if (batch.length >= BATCH_ROWS) await flush();
    }
  }
  if (!headers) throw new CsvError('The file is empty: expected a header row and at least one data row');
  if (rows === 0) throw new CsvError('The file has a header row but no data rows');
  await flush();
  await db.update(imports).set({ totalRows: rows }).where(eq(imports.id, importId));
  options.onProgress?.({ phase: 'checking', bytes, rows });
  return headers;
}

/** The header of the column mapped to a field, for problem reports. */
function columnFor(current: ImportDto, headers: string[], field: string): string {
  const i = current.mapping?.indexOf(field) ?? -1;
  return (i >= 0 && headers[i]) || field;
}

/** Adds a problem to every staged row that `where` (SQL over `r`) selects, per row via `message`. */
async function flag(db: Db, importId: string, column: string, rowsSql: ReturnType<typeof sql>) {
  await db.execute(sql`
    update import_rows r
    set errors = coalesce(r.errors, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', ${column}::text, 'message', f.message))
    from (${rowsSql}) f
    where r.import_id = ${importId} and r.row_number = f.row_number`);
}

const tablesJoined: Record<ImportKind, string[]> = {
  contacts: ['import_rows', 'contacts', 'accounts'],
  relationships: ['import_rows', 'contacts', 'members', 'relationships'],
  interactions: [
    'import_rows',
    'contacts',
    'members',
    'interactions',
    'interaction_participants',
    'timeline_events',
  ],
};

/** Problems across rows and with the database; returns the count and the first ones, in row order. */
async function checkStaged(db: Db, workspaceId: string, current: ImportDto, headers: string[]) {
  const id = current.id;
  const col = (field: string) => columnFor(current, headers, field);
  const duplicates = async (field: string, keySql: ReturnType<typeof sql>, what: string) =>
    flag(
      db,
      id,
      col(field),
      sql`select row_number, ${`${what} as row `}::text || first_row as message from (
            select row_number, min(row_number) over (partition by ${keySql}) as first_row
            from import_rows r where r.import_id = ${id} and ${keySql} is not null) d
          where row_number > first_row`,
    );

  // Fresh statistics for every table the checks and the apply join, or the planner may pick a
  // nested loop over a table it believes empty: PGlite has no autovacuum, and a PostgreSQL
  // autovacuum may not have run since the last large import.
  await db.execute(sql.raw(`analyze ${tablesJoined[current.kind].join(', ')}`));

  if (current.kind === 'contacts') {
    await duplicates('email', sql`(r.data->>'email')`, 'Same email');
    await duplicates('external_id', sql`(r.data->>'external_id')`, 'Same external id');
    await flag(
      db,
      id,
      col('external_id'),
      sql`select r.row_number, case
            when c.merged_into_id is not null then 'This external id belongs to a contact that was merged into another'
            else 'This external id belongs to an erased contact' end as message
          from import_rows r join contacts c on c.workspace_id = ${workspaceId} and c.external_id = r.data->>'external_id'
          where r.import_id = ${id} and (c.merged_into_id is not null or c.erased_at is not null)`,
    );
    await flag(
      db,
      id,
      col('email'),
      sql`select r.row_number,
            case when ce.id is not null then 'This email belongs to another contact (' || cm.name || ') than the external id'
            else 'This email belongs to a contact with another external id (' || cm.external_id || ')' end as message
          from import_rows r
          join contacts cm on cm.workspace_id = ${workspaceId} and cm.email = r.data->>'email' and cm.merged_into_id is null
          left join contacts ce on ce.workspace_id = ${workspaceId} and ce.external_id = r.data->>'external_id'
          where r.import_id = ${id} and r.data ? 'external_id'
            and ((ce.id is not null and ce.id <> cm.id)
              or (ce.id is null and cm.external_id is not null and cm.external_id <> r.data->>'external_id'))`,
    );
  } else {
    await flag(
      db,
      id,
      col('contact_email'),
      sql`select r.row_number, 'No contact with this email: import contacts first' as message
          from import_rows r
          where r.import_id = ${id} and r.data ? 'contact_email' and not exists (
            select 1 from contacts c where c.workspace_id = ${workspaceId} and c.email = r.data->>'contact_email' and c.merged_into_id is null)`,
    );
  }
  if (current.kind === 'relationships') {
    await flag(
      db,
      id,
      col('member_email'),
      sql`select r.row_number, 'No team member with this email in this workspace' as message
          from import_rows r
          where r.import_id = ${id} and r.data ? 'member_email' and not exists (
            select 1 from members m where m.workspace_id = ${workspaceId} and m.email = r.data->>'member_email')`,
    );
    await duplicates(
      'member_email',
      sql`(r.data->>'contact_email') || ' ' || (r.data->>'member_email')`,
      'Same contact and member',
    );
  }
  if (current.kind === 'interactions') {
    await flag(
      db,
      id,
      col('member_emails'),
      sql`select r.row_number, 'No team member with this email in this workspace: ' || string_agg(e.email, ', ') as message
          from import_rows r cross join lateral jsonb_array_elements_text(r.data->'member_emails') as e(email)
          where r.import_id = ${id} and not exists (
            select 1 from members m where m.workspace_id = ${workspaceId} and m.email = e.email)
          group by r.row_number`,
    );
    await duplicates('external_id', sql`(r.data->>'external_id')`, 'Same external id');
  }

  const [count] = await queryRows<{ n: number | null }>(
    db,
    sql`select sum(jsonb_array_length(errors))::int as n from import_rows where import_id = ${id} and errors is not null`,
  );
  const errorCount = Number(count?.n ?? 0);
  const listed = await queryRows<{ row: number; column: string | null; message: string }>(
    db,
    sql`select r.row_number as row, e->>'column' as column, e->>'message' as message
        from import_rows r cross join lateral jsonb_array_elements(r.errors) e
        where r.import_id = ${id} and r.errors is not null
        order by r.row_number
        limit ${MAX_LISTED_ERRORS}`,
  );
  return {
    errorCount,
    errors: listed.map((e) => ({ row: Number(e.row), column: e.column, message: e.message })),
  };
}

const kindTitleSql = sql.raw(
  `case s.kind ${interactionKinds
    .map((k: InteractionKind) => `when '${k}' then '${interactionTitle(k, '').replaceAll("'", "''")}'`)
    .join(' ')} end`,
);

/** Applies the staged rows (inside the caller's transaction), or only counts what applying would do. */
async function applyOrCount(
  db: Db,
  actor: Actor,
  current: ImportDto,
  mode: 'apply' | 'count',
  exclusive: boolean,
): Promise<ImportSummary> {
  const ws = actor.workspaceId;
  const id = current.id;

  if (current.kind === 'contacts') {
    let accountsCreated = 0;
    if (mode === 'apply') {
      const created = await queryRows<{ n: number }>(
        db,
        sql`with names as (
              select distinct on (lower(data->>'company')) data->>'company' as name
              from import_rows where import_id = ${id} and data ? 'company'
              order by lower(data->>'company'), row_number),
            ins as (
              insert into accounts (workspace_id, name) select ${ws}, name from names
              on conflict (workspace_id, lower(name)) where archived_at is null do nothing
              returning 1)
            select count(*)::int as n from ins`,
      );
      accountsCreated = Number(created[0]?.n ?? 0);
      await db.execute(sql`analyze accounts`);
    } else {
      const [would] = await queryRows<{ n: number }>(
        db,
        sql`select count(distinct lower(r.data->>'company'))::int as n from import_rows r
            where r.import_id = ${id} and r.data ? 'company' and not exists (
              select 1 from accounts a where a.workspace_id = ${ws} and a.archived_at is null
                and lower(a.name) = lower(r.data->>'company'))`,
      );
      accountsCreated = Number(would?.n ?? 0);
    }
    const matched = sql`
      select r.row_number, r.data, coalesce(ce.id, cm.id) as contact_id, a.id as account_id
      from import_rows r
      left join contacts ce on ce.workspace_id = ${ws} and ce.external_id = r.data->>'external_id'
      left join contacts cm on cm.workspace_id = ${ws} and cm.email = r.data->>'email' and cm.merged_into_id is null
      left join accounts a on a.workspace_id = ${ws} and a.archived_at is null and lower(a.name) = lower(r.data->>'company')
      where r.import_id = ${id}`;
    if (mode === 'count') {
      const [n] = await queryRows<{ created: number; updated: number }>(
        db,
        sql`select count(*) filter (where contact_id is null)::int as created,
                   count(*) filter (where contact_id is not null)::int as updated
            from (${matched}) m`,
      );
      return { created: Number(n?.created ?? 0), updated: Number(n?.updated ?? 0), accountsCreated };
    }
    await db.execute(sql`create temp table import_src on commit drop as ${matched}`);
    const list = (field: string) =>
      sql.raw(
        `case when s.data ? '${field}' then array(select jsonb_array_elements_text(s.data->'${field}')) end`,
      );
    // Each column keeps its stored value where the file has none. Only contacts that actually
    // change are written (rewriting a contact touches all ten of its indexes), so re-running a
    // file is cheap; every matched contact still counts as updated.
    const assignments: [string, ReturnType<typeof sql>][] = [
      ['name', sql`coalesce(s.data->>'name', c.name)`],
      ['email', sql`coalesce(s.data->>'email', c.email)`],
      ['other_emails', sql`coalesce(${list('other_emails')}, c.other_emails)`],
      ['phone', sql`coalesce(s.data->>'phone', c.phone)`],
      ['title', sql`coalesce(s.data->>'title', c.title)`],
      ['account_id', sql`coalesce(s.account_id, c.account_id)`],
      ['kind', sql`coalesce(s.data->>'kind', c.kind)`],
      ['preferred_channel', sql`coalesce(s.data->>'preferred_channel', c.preferred_channel)`],
      ['best_time', sql`coalesce(s.data->>'best_time', c.best_time)`],
      ['family', sql`coalesce(s.data->>'family', c.family)`],
      ['interests', sql`coalesce(s.data->>'interests', c.interests)`],
      ['working_on', sql`coalesce(s.data->>'working_on', c.working_on)`],
      ['notes', sql`coalesce(s.data->>'notes', c.notes)`],
      ['can_help_with', sql`coalesce(${list('can_help_with')}, c.can_help_with)`],
      ['tags', sql`coalesce(${list('tags')}, c.tags)`],
      ['may_email', sql`coalesce((s.data->>'may_email')::boolean, c.may_email)`],
      ['may_survey', sql`coalesce((s.data->>'may_survey')::boolean, c.may_survey)`],
      ['external_id', sql`coalesce(s.data->>'external_id', c.external_id)`],
    ];
    const columns = sql.raw(assignments.map(([column]) => `c.${column}`).join(', '));
    const values = sql.join(
      assignments.map(([, value]) => value),
      sql`, `,
    );
    await db.execute(sql`
      update contacts c set (${sql.raw(assignments.map(([column]) => column).join(', '))}, updated_at) = (${values}, now())
      from import_src s
      where s.contact_id is not null and c.id = s.contact_id and (${columns}) is distinct from (${values})`);
    const [matchedCount] = await queryRows<{ n: number }>(
      db,
      sql`select count(distinct contact_id)::int as n from import_src`,
    );
    const created = await queryRows<{ n: number }>(
      db,
      sql`with ins as (
            insert into contacts (workspace_id, account_id, name, email, other_emails, phone, title, kind,
              preferred_channel, best_time, family, interests, working_on, notes, can_help_with, tags,
              may_email, may_survey, external_id)
            select ${ws}, s.account_id, s.data->>'name', s.data->>'email', coalesce(${list('other_emails')}, '{}'),
              s.data->>'phone', s.data->>'title', coalesce(s.data->>'kind', 'client'), s.data->>'preferred_channel',
              s.data->>'best_time', s.data->>'family', s.data->>'interests', s.data->>'working_on', s.data->>'notes',
              coalesce(${list('can_help_with')}, '{}'), coalesce(${list('tags')}, '{}'),
              coalesce((s.data->>'may_email')::boolean, true), coalesce((s.data->>'may_survey')::boolean, true),
              s.data->>'external_id'
            from import_src s where s.contact_id is null
            order by s.row_number
            returning id, account_id),
          events as (
            insert into timeline_events (workspace_id, contact_id, account_id, occurred_at, kind, member_id, title, data)
            select ${ws}, id, account_id, now(), 'contact.created', ${actor.memberId}, 'Added by import',
              jsonb_build_object('importId', ${id}::text)
            from ins
            returning 1)
          select count(*)::int as n from events`,
    );
    return { created: Number(created[0]?.n ?? 0), updated: Number(matchedCount?.n ?? 0), accountsCreated };
  }

  if (current.kind === 'relationships') {
    const src = sql`
      select m.id as member_id, c.id as contact_id, (r.data->>'strength')::int as strength
      from import_rows r
      join members m on m.workspace_id = ${ws} and m.email = r.data->>'member_email'
      join contacts c on c.workspace_id = ${ws} and c.email = r.data->>'contact_email' and c.merged_into_id is null
      where r.import_id = ${id}`;
    if (mode === 'count') {
      const [n] = await queryRows<{ created: number; updated: number }>(
        db,
        sql`select count(*) filter (where rel.id is null)::int as created, count(rel.id)::int as updated
            from (${src}) s left join relationships rel on rel.member_id = s.member_id and rel.contact_id = s.contact_id`,
      );
      return { created: Number(n?.created ?? 0), updated: Number(n?.updated ?? 0) };
    }
    await db.execute(sql`create temp table import_src on commit drop as ${src}`);
    await db.execute(sql`analyze import_src`);
    // Existing pairs: only those whose baseline changes are written; all count as updated.
    const [counts] = await queryRows<{ created: number; updated: number }>(
      db,
      sql`select count(rel.id)::int as updated, count(*) filter (where rel.id is null)::int as created
          from import_src s left join relationships rel on rel.member_id = s.member_id and rel.contact_id = s.contact_id`,
    );
    await db.execute(sql`
      update relationships rel set
        baseline_strength = s.strength,
        strength = coalesce(rel.override_strength, greatest(rel.computed_strength, s.strength)),
        updated_at = now()
      from import_src s
      where rel.member_id = s.member_id and rel.contact_id = s.contact_id
        and rel.baseline_strength is distinct from s.strength`);
    // New pairs, in the order of the (member, contact) key so that its index is filled from left to
    // right (about a fifth less work than in file order). On PostgreSQL another request may add
    // the same pair meanwhile (a logged conversation); the upsert takes that in. The embedded
    // database has no one else, and a plain insert skips the upsert's extra index probe per row.
    await db.execute(sql`
      insert into relationships as rel (workspace_id, member_id, contact_id, baseline_strength, strength)
      select ${ws}, s.member_id, s.contact_id, s.strength, s.strength from import_src s
      where not exists (select 1 from relationships e where e.member_id = s.member_id and e.contact_id = s.contact_id)
      order by s.member_id, s.contact_id
      ${
        exclusive
          ? sql``
          : sql`on conflict (member_id, contact_id) do update set
              baseline_strength = excluded.baseline_strength,
              strength = coalesce(rel.override_strength, greatest(rel.computed_strength, excluded.baseline_strength)),
              updated_at = now()`
      }`);
    // The contact's best relationship (used by lists) follows the new strengths. Fresh statistics
    // first: the planner last saw this table before these rows (PGlite has no autovacuum), and
    // with a stale count it picks nested loops that take minutes over 200,000 rows.
    await db.execute(
      sql`create temp table import_contacts on commit drop as select distinct contact_id as id from import_src`,
    );
    await db.execute(sql`analyze relationships, import_contacts`);
    await recomputeStrengths(db, ws, { contactIdsQuery: sql`select id from import_contacts` });
    return { created: Number(counts?.created ?? 0), updated: Number(counts?.updated ?? 0) };
  }

  // Interactions.
  const matched = sql`
    select r.row_number, r.data, c.id as contact_id, c.account_id, c.name as contact_name,
      r.data->>'kind' as kind, (r.data->>'date')::timestamptz as occurred_at,
      coalesce(ie.id, (
        select i.id from interactions i
        where i.workspace_id = ${ws} and i.contact_id = c.id and i.external_id is null and not (r.data ? 'external_id')
          and i.kind = r.data->>'kind' and i.occurred_at = (r.data->>'date')::timestamptz
        order by i.id limit 1)) as existing_id
    from import_rows r
    join contacts c on c.workspace_id = ${ws} and c.email = r.data->>'contact_email' and c.merged_into_id is null
    left join interactions ie on ie.workspace_id = ${ws} and ie.external_id = r.data->>'external_id'
    where r.import_id = ${id}`;
  if (mode === 'count') {
    const [n] = await queryRows<{ created: number; updated: number }>(
      db,
      sql`select count(*) filter (where existing_id is null)::int as created, count(existing_id)::int as updated
          from (${matched}) m`,
    );
    return { created: Number(n?.created ?? 0), updated: Number(n?.updated ?? 0) };
  }
  await db.execute(sql`
    create temp table import_src on commit drop as
    select m.*, coalesce(m.existing_id, gen_random_uuid()) as id,
      coalesce(m.data->>'direction', case when m.kind in ('meeting', 'call') then 'two_way' else 'outbound' end) as direction
    from (${matched}) m`);
  const [counts] = await queryRows<{ created: number; updated: number }>(
    db,
    sql`select count(*) filter (where existing_id is null)::int as created, count(existing_id)::int as updated from import_src`,
  );
  await db.execute(sql`
    update interactions i set kind = s.kind, direction = s.direction, occurred_at = s.occurred_at,
      summary = coalesce(s.data->>'summary', i.summary), outcome = coalesce(s.data->>'outcome', i.outcome)
    from import_src s where i.id = s.existing_id`);
  await db.execute(sql`
    insert into interactions (id, workspace_id, contact_id, account_id, kind, direction, occurred_at, summary, outcome,
      logged_by_member_id, external_id)
    select s.id, ${ws}, s.contact_id, s.account_id, s.kind, s.direction, s.occurred_at, s.data->>'summary',
      s.data->>'outcome', ${actor.memberId}, s.data->>'external_id'
    from import_src s where s.existing_id is null order by s.row_number`);
  await db.execute(sql`
    delete from interaction_participants p using import_src s
    where p.interaction_id = s.existing_id and s.data ? 'member_emails'`);
  await db.execute(sql`
    insert into interaction_participants (interaction_id, member_id, workspace_id)
    select distinct s.id, m.id, ${ws}::uuid
    from import_src s cross join lateral jsonb_array_elements_text(s.data->'member_emails') as e(email)
    join members m on m.workspace_id = ${ws} and m.email = e.email
    on conflict do nothing`);
  const eventData = sql`jsonb_build_object('kind', s.kind, 'outcome', i.outcome, 'followUpOn', i.follow_up_on,
      'participants', coalesce((select jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name) order by m.name)
        from interaction_participants p join members m on m.id = p.member_id where p.interaction_id = s.id), '[]'::jsonb))`;
  await db.execute(sql`
    update timeline_events t set occurred_at = s.occurred_at, title = ${kindTitleSql} || s.contact_name,
      body = i.summary, data = ${eventData}
    from import_src s join interactions i on i.id = s.id
    where s.existing_id is not null and t.workspace_id = ${ws} and t.kind = 'interaction' and t.ref_id = s.id`);
  await db.execute(sql`
    insert into timeline_events (workspace_id, contact_id, account_id, occurred_at, kind, ref_id, member_id, title, body, data)
    select ${ws}, s.contact_id, s.account_id, s.occurred_at, 'interaction', s.id, ${actor.memberId},
      ${kindTitleSql} || s.contact_name, i.summary, ${eventData}
    from import_src s join interactions i on i.id = s.id
    where s.existing_id is null or not exists (
      select 1 from timeline_events t where t.workspace_id = ${ws} and t.kind = 'interaction' and t.ref_id = s.id)`);
  const contactIds = await queryRows<{ id: string }>(
    db,
    sql`select distinct contact_id as id from import_src`,
  );
  await recomputeStrengths(db, ws, { contactIds: contactIds.map((c) => c.id) });
  return { created: Number(counts?.created ?? 0), updated: Number(counts?.updated ?? 0) };
}
