// Contacts as CSV, streamed page by page (memory stays flat however many there are). The columns
// are the import's own field names, so an export imports back unchanged: lists are joined with
// `;`, booleans are true/false, and cells that a spreadsheet would run as formulas are escaped.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { csvLine } from './csv.ts';

export const CONTACT_EXPORT_COLUMNS = [
  'name',
  'email',
  'other_emails',
  'phone',
  'title',
  'company',
  'kind',
  'preferred_channel',
  'best_time',
  'family',
  'interests',
  'working_on',
  'notes',
  'can_help_with',
  'tags',
  'may_email',
  'may_survey',
  'external_id',
] as const;

const PAGE = 1000;

type Row = Record<(typeof CONTACT_EXPORT_COLUMNS)[number], unknown> & { id: string; created: string };

/**
 * Live (not merged, not erased) contacts of the actor's workspace, archived ones included. `bom`
 * starts the file with a UTF-8 byte-order mark, which spreadsheets need to read accents right.
 */
export async function* exportContactsCsv(
  db: Db,
  actor: Actor,
  options: { bom: boolean },
): AsyncGenerator<string> {
  requireRole(actor, 'manager');
  yield (options.bom ? '\uFEFF' : '') + csvLine([...CONTACT_EXPORT_COLUMNS]);
  // Keyset paging in (created_at, id) order, which the workspace's created index serves.
  let after = { created: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const rows = await queryRows<Row>(
      db,
      sql`select c.id, c.created_at::text as created, c.name, c.email, array_to_string(c.other_emails, ';') as other_emails, c.phone, c.title,
            a.name as company, c.kind, c.preferred_channel, c.best_time, c.family, c.interests, c.working_on,
            c.notes, array_to_string(c.can_help_with, ';') as can_help_with, array_to_string(c.tags, ';') as tags,
            c.may_email::text as may_email, c.may_survey::text as may_survey, c.external_id
          from contacts c left join accounts a on a.id = c.account_id
          where c.workspace_id = ${actor.workspaceId} and c.merged_into_id is null and c.erased_at is null
            and (c.created_at, c.id) > (${after.created}::timestamptz, ${after.id}::uuid)
          order by c.created_at, c.id
          limit ${PAGE}`,
    );
    if (rows.length === 0) return;
    yield rows
      .map((r) => csvLine(CONTACT_EXPORT_COLUMNS.map((k) => (r[k] == null ? null : String(r[k])))))
      .join('');
    const last = rows[rows.length - 1]!;
    after = { created: last.created, id: last.id };
    if (rows.length < PAGE) return;
  }
}
