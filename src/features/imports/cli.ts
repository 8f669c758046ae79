// `warmpath import contacts|relationships|interactions FILE` and `warmpath export contacts [FILE]`:
// the same commands the web app's import wizard and download run.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { type ImportKind, importKinds, members } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { exportReferralsCsv } from '../referrals/export-referrals.ts';
import { resolveWorkspace } from '../workspace/queries.ts';
import { readCsv } from './csv.ts';
import { exportContactsCsv } from './export-contacts.ts';
import { detectMapping, fieldsByKind } from './fields.ts';
import { createImport, type ImportProgress, runImport } from './run-import.ts';
import type { ImportDto } from './schemas.ts';

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The CLI acts as the member named by --as, else the workspace's longest-standing owner. */
async function cliActor(
  database: Database,
  slug: string | undefined,
  as: string | undefined,
): Promise<Actor> {
  const ws = await resolveWorkspace(database.db, slug);
  const where = as
    ? and(eq(members.workspaceId, ws.id), eq(members.email, as.toLowerCase()))
    : and(eq(members.workspaceId, ws.id), eq(members.role, 'owner'), eq(members.status, 'active'));
  const [member] = await database.db
    .select()
    .from(members)
    .where(where)
    .orderBy(asc(members.createdAt))
    .limit(1);
  if (!member)
    throw new AppError(
      'not_found',
      as ? `No member with email ${as} in ${ws.slug}` : `No active owner in ${ws.slug}`,
    );
  return { workspaceId: ws.id, memberId: member.id, role: member.role, sessionId: null };
}

const fmt = (n: number) => n.toLocaleString('en');

function progressBar(totalBytes: number, lines: boolean) {
  if (!process.stderr.isTTY) {
    // Not a terminal: no bar; with --progress, one line per batch for scripts to follow.
    const update = lines
      ? (p: ImportProgress) => process.stderr.write(`progress ${p.phase} ${p.bytes} bytes ${p.rows} rows\n`)
      : (_p: ImportProgress) => {};
    return { update, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {percentage}% | {rows} rows',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes, 1), 0, { phase: 'Reading ', rows: '0' });
  const labels = {
    reading: 'Reading ',
    checking: 'Checking',
    applying: 'Storing ',
    done: 'Done    ',
  } as const;
  let rows = 0;
  return {
    update: (p: ImportProgress) => {
      if (p.rows) rows = p.rows;
      bar.update(p.phase === 'reading' ? p.bytes : totalBytes, { phase: labels[p.phase], rows: fmt(rows) });
    },
    stop: () => bar.stop(),
  };
}

/** `--map "Header=field"` (repeatable); `field` empty or `-` ignores the column. */
function collectMap(value: string, previous: string[]) {
  return [...previous, value];
}

async function headerOf(file: string): Promise<string[]> {
  for await (const batch of readCsv(createReadStream(file, { end: 1024 * 1024 }), { truncated: true })) {
    if (batch[0]) return batch[0].fields.map((h) => h.trim());
  }
  return [];
}

async function mappingFrom(
  kind: ImportKind,
  file: string,
  pairs: string[],
): Promise<(string | null)[] | null> {
  if (pairs.length === 0) return null;
  const headers = await headerOf(file);
  const mapping = detectMapping(kind, headers);
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    if (eq < 1) throw new AppError('bad_request', `--map expects "Column header=field", got "${pair}"`);
    const header = pair.slice(0, eq).trim();
    const field = pair.slice(eq + 1).trim();
    const i = headers.findIndex((h) => h.toLowerCase() === header.toLowerCase());
    if (i === -1)
      throw new AppError('bad_request', `--map: no column "${header}" (columns: ${headers.join(', ')})`);
    for (let j = 0; j < mapping.length; j++) if (field && mapping[j] === field) mapping[j] = null;
    mapping[i] = field === '' || field === '-' ? null : field;
  }
  return mapping;
}

function report(result: ImportDto) {
  const s = result.summary;
  const noun = result.kind;
  if (result.status === 'completed') {
    const parts = [`${fmt(s?.created ?? 0)} created`, `${fmt(s?.updated ?? 0)} updated`];
    if (s?.accountsCreated) parts.push(`${fmt(s.accountsCreated)} companies added`);
    if (result.dryRun) {
      console.log(
        `Checked ${fmt(result.totalRows ?? 0)} rows of ${result.fileName}: no problems. Importing would give ${parts.join(', ')}.`,
      );
    } else {
      console.log(
        `Imported ${fmt(result.totalRows ?? 0)} ${noun} from ${result.fileName}: ${parts.join(', ')}.`,
      );
    }
    return;
  }
  if (result.status === 'invalid') {
    for (const e of result.errors) {
      process.stderr.write(`Row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
    }
    const more =
      result.errorCount > result.errors.length ? ` (the first ${fmt(result.errors.length)} are listed)` : '';
    throw new AppError(
      'unprocessable',
      `${fmt(result.errorCount)} problem(s) in ${result.fileName}${more}; nothing was stored. Fix them and run the import again.`,
    );
  }
  throw new AppError('unprocessable', result.message ?? `The import ${result.status}`);
}

export function registerImportCommands(program: Command) {
  const importCmd = program
    .command('import')
    .description('Import clients from CSV (UTF-8, comma or semicolon)');
  for (const kind of importKinds) {
    importCmd
      .command(`${kind} <file>`)
      .description(
        `Import ${kind} from a CSV file; all or nothing, safe to run again. Fields: ${fieldsByKind[kind].map((f) => f.name).join(', ')}`,
      )
      .option('--dry-run', 'check every row and report problems; store nothing')
      .option('--workspace <slug>', 'workspace slug (required when the database holds several)')
      .option(
        '--map <header=field>',
        'map a column to a field (repeatable; "Header=" ignores it)',
        collectMap,
        [],
      )
      .option('--as <email>', 'the member the import is recorded for (default: the first owner)')
      .option('--progress', 'when standard error is not a terminal, print a progress line per batch')
      .addOption(
        kind === 'contacts'
          ? new Option(
              '--allow-no-key',
              'accept rows with neither email nor external id (a re-run adds them again)',
            )
          : new Option('--allow-no-key').hideHelp(),
      )
      .action(
        async (
          file: string,
          opts: {
            dryRun?: boolean;
            workspace?: string;
            map: string[];
            as?: string;
            allowNoKey?: boolean;
            progress?: boolean;
          },
        ) => {
          let size: number;
          try {
            size = statSync(file).size;
          } catch {
            throw new AppError('not_found', `Cannot read ${file}`);
          }
          const mapping = await mappingFrom(kind, file, opts.map);
          await withDatabase(async (database) => {
            const actor = await cliActor(database, opts.workspace, opts.as);
            const created = await createImport(database.db, actor, {
              kind,
              fileName: path.basename(file),
              dryRun: Boolean(opts.dryRun),
              mapping,
              allowNoKey: Boolean(opts.allowNoKey),
              totalBytes: size,
            });
            const bar = progressBar(size, Boolean(opts.progress));
            let result: ImportDto;
            try {
              result = await runImport({
                db: database.db,
                actor,
                importId: created.id,
                source: createReadStream(file, { highWaterMark: 256 * 1024 }),
                exclusive: database.kind === 'pglite',
                onProgress: bar.update,
              });
            } finally {
              bar.stop();
            }
            report(result);
          });
        },
      );
  }

  const exporter = program.command('export').description('Export as CSV');
  exporter
    .command('contacts [file]')
    .description('Every contact, in the columns `import contacts` reads (standard output when no file)')
    .option('--workspace <slug>', 'workspace slug (required when the database holds several)')
    .action(async (file: string | undefined, opts: { workspace?: string }) => {
      await withDatabase(async (database) => {
        const actor = await cliActor(database, opts.workspace, undefined);
        const out: Writable = file ? createWriteStream(file) : process.stdout;
        await pipeline(Readable.from(exportContactsCsv(database.db, actor, { bom: Boolean(file) })), out, {
          end: Boolean(file),
        });
      });
    });
  exporter
    .command('referrals [file]')
    .description(
      'Every referral with its kind, source, referrer, stage and values (standard output when no file)',
    )
    .option('--workspace <slug>', 'workspace slug (required when the database holds several)')
    .action(async (file: string | undefined, opts: { workspace?: string }) => {
      await withDatabase(async (database) => {
        const actor = await cliActor(database, opts.workspace, undefined);
        const out: Writable = file ? createWriteStream(file) : process.stdout;
        const rows = exportReferralsCsv(
          database.db,
          actor.workspaceId,
          actor.memberId,
          {},
          { bom: Boolean(file) },
        );
        await pipeline(Readable.from(rows), out, { end: Boolean(file) });
      });
    });
}
