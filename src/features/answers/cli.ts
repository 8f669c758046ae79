// `warmpath import answers FILE --survey ID`: the CSV import of answers collected by another tool,
// the same command as the web upload (all or nothing; problems listed with row and column).
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { members } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveWorkspace } from '../workspace/queries.ts';
import { importAnswers } from './import-answers.ts';

const fmt = (n: number) => n.toLocaleString('en');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerAnswerImportCommand(program: Command) {
  const importCmd =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import from CSV (UTF-8, comma or semicolon)');
  importCmd
    .command('answers <file>')
    .description(
      'Import survey answers collected elsewhere into one survey; all or nothing, safe to run again. ' +
        'Columns: email (or contact_external_id), score, comment, answered_at, external_id',
    )
    .requiredOption('--survey <id>', 'the survey the answers belong to (its id)')
    .option('--dry-run', 'check every row and report problems; store nothing')
    .option('--workspace <slug>', 'workspace slug (required when the database holds several)')
    .option('--as <email>', 'the member the import is recorded for (default: the first owner)')
    .action(
      async (file: string, opts: { survey: string; dryRun?: boolean; workspace?: string; as?: string }) => {
        if (!UUID.test(opts.survey))
          throw new AppError('bad_request', `--survey expects a survey id, got "${opts.survey}"`);
        try {
          statSync(file);
        } catch {
          throw new AppError('not_found', `Cannot read ${file}`);
        }
        const config = loadConfig();
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          await migrateDatabase(database);
          const ws = await resolveWorkspace(database.db, opts.workspace);
          const where = opts.as
            ? and(eq(members.workspaceId, ws.id), eq(members.email, opts.as.toLowerCase()))
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
              opts.as ? `No member with email ${opts.as} in ${ws.slug}` : `No active owner in ${ws.slug}`,
            );
          const actor: Actor = {
            workspaceId: ws.id,
            memberId: member.id,
            role: member.role,
            sessionId: null,
          };
          const result = await importAnswers({
            // This process ends right after: the follow-up engine's sweep enrols the imported answers.
            deps: { db: database.db, jobs: undefined },
            actor,
            surveyId: opts.survey,
            source: createReadStream(file, { highWaterMark: 256 * 1024 }),
            dryRun: Boolean(opts.dryRun),
            promptEnrolment: false,
          });
          if (result.status === 'invalid') {
            for (const e of result.errors)
              process.stderr.write(`Row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
            throw new AppError(
              'unprocessable',
              `${fmt(result.errorCount)} problem(s) in ${file}; nothing was stored. Fix them and run the import again.`,
            );
          }
          const what = `${fmt(result.created)} added, ${fmt(result.updated)} updated`;
          console.log(
            result.dryRun
              ? `Checked ${fmt(result.rows)} answers: no problems. Importing would give ${what}.`
              : `Imported ${fmt(result.rows)} answers: ${what}.`,
          );
        } finally {
          await database.close();
        }
      },
    );
}
