// Contacts as CSV, streamed page by page (memory stays flat however many there are). The columns
// are the import's own field names, so an export imports back unchanged: lists are joined with
// `;`, booleans are true/false, and cells that a spreadsheet would run as formulas are escaped.
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../db/client.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { contactFilterConditions, contactFilterQuery } from '../contacts/count.ts';
import { listContacts } from '../contacts/queries.ts';
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

/**
 * The people list's filters and search, so that the list's Export button writes what the list
 * shows. Unlike the list, archived people are included unless asked otherwise: an export with no
 * filters is the whole client list, which is what a backup or a move to another tool needs.
 */
export const contactExportQuery = contactFilterQuery.extend({
  q: z.string().trim().max(200).optional(),
  archived: contactFilterQuery.shape.archived.unwrap().default('all'),
});
export type ContactExportQuery = z.infer<typeof contactExportQuery>;

type Row = Record<(typeof CONTACT_EXPORT_COLUMNS)[number], unknown> & { id: string; created: string };

/**
 * Live (not merged, not erased) contacts of the actor's workspace that match `filters` (default:
 * all of them, archived ones included). `bom` starts the file with a UTF-8 byte-order mark, which
 * spreadsheets need to read accents right.
 */
export async function* exportContactsCsv(
  db: Db,
  actor: Actor,
  options: { bom: boolean; filters?: ContactExportQuery },
): AsyncGenerator<string> {
  requireRole(actor, 'manager');
  const filters = options.filters ?? { archived: 'all' };
  yield (options.bom ? '\uFEFF' : '') + csvLine([...CONTACT_EXPORT_COLUMNS]);
  const pages = filters.q
    ? searchPages(db, actor.workspaceId, { ...filters, q: filters.q })
    : filteredPages(db, actor.workspaceId, filters);
  for await (const rows of pages) {
    yield rows
      .map((r) => csvLine(CONTACT_EXPORT_COLUMNS.map((k) => (r[k] == null ? null : String(r[k])))))
      .join('');
  }
}

function exportRows(where: SQL, order: SQL, limit?: number): SQL {
  return sql`select contacts.id, contacts.created_at::text as created, contacts.name, contacts.email,
      array_to_string(contacts.other_emails, ';') as other_emails, contacts.phone, contacts.title,
      a.name as company, contacts.kind, contacts.preferred_channel, contacts.best_time, contacts.family,
      contacts.interests, contacts.working_on, contacts.notes,
      array_to_string(contacts.can_help_with, ';') as can_help_with, array_to_string(contacts.tags, ';') as tags,
      contacts.may_email::text as may_email, contacts.may_survey::text as may_survey, contacts.external_id
    from contacts left join accounts a on a.id = contacts.account_id
    where ${where} and contacts.erased_at is null
    order by ${order}${limit ? sql` limit ${limit}` : sql``}`;
}

/** Keyset paging in (created_at, id) order, which the workspace's created index serves. */
async function* filteredPages(
  db: Db,
  workspaceId: string,
  filters: ContactExportQuery,
): AsyncGenerator<Row[]> {
  const matching = sql.join(contactFilterConditions(workspaceId, filters), sql` and `);
  let after = { created: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const rows = await queryRows<Row>(
      db,
      exportRows(
        sql`${matching} and (contacts.created_at, contacts.id) > (${after.created}::timestamptz, ${after.id}::uuid)`,
        sql`contacts.created_at, contacts.id`,
        PAGE,
      ),
    );
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { created: last.created, id: last.id };
    if (rows.length < PAGE) return;
  }
}

/**
 * A search is exported as the list finds it: the list's own query pages through the matches in
 * order of relevance (it ranks and keeps the best candidates, so counting on its own would not
 * give the same rows), and each page's people are then read in full.
 */
async function* searchPages(
  db: Db,
  workspaceId: string,
  filters: ContactExportQuery & { q: string },
): AsyncGenerator<Row[]> {
  let cursor: string | undefined;
  do {
    const page = await listContacts(db, workspaceId, { ...filters, limit: 200, cursor });
    const ids = page.contacts.map((c) => c.id);
    if (ids.length > 0) {
      const idList = sql`${sql.param(ids)}::uuid[]`;
      yield await queryRows<Row>(
        db,
        exportRows(
          sql`contacts.workspace_id = ${workspaceId} and contacts.id = any(${idList})`,
          sql`array_position(${idList}, contacts.id)`,
        ),
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
