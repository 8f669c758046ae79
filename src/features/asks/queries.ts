import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Ask, AskListQuery } from './schemas.ts';

type Row = Record<string, unknown>;

const columns = sql`
  k.id, k.contact_id, c.name as contact_name, k.member_id, m.name as member_name, k.kind, k.result,
  k.about, k.prospect_name, k.note, k.task_id, k.asked_at
  from asks k
  join contacts c on c.id = k.contact_id
  left join members m on m.id = k.member_id`;

function toAsk(r: Row): Ask {
  return {
    id: r.id as string,
    contact: { id: r.contact_id as string, name: r.contact_name as string },
    member: r.member_id ? { id: r.member_id as string, name: r.member_name as string } : null,
    kind: r.kind as Ask['kind'],
    result: (r.result as Ask['result']) ?? null,
    about: (r.about as string | null) ?? null,
    prospectName: (r.prospect_name as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    taskId: (r.task_id as string | null) ?? null,
    askedAt: new Date(r.asked_at as string).toISOString(),
  };
}

export async function getAsk(db: Db, workspaceId: string, askId: string): Promise<Ask> {
  const result = await db.execute(
    sql`select ${columns} where k.workspace_id = ${workspaceId} and k.id = ${askId}`,
  );
  const [row] = (result as unknown as { rows: Row[] }).rows;
  if (!row) throw notFound('Ask');
  return toAsk(row);
}

/** Asks newest first. The period's days are read in the workspace's time zone. */
export async function listAsks(db: Db, workspaceId: string, memberId: string, query: AskListQuery) {
  const where: SQL[] = [sql`k.workspace_id = ${workspaceId}`];
  if (query.member !== 'all')
    where.push(sql`k.member_id = ${query.member === 'me' ? memberId : query.member}`);
  if (query.kind) where.push(sql`k.kind = ${query.kind}`);
  if (query.contact) where.push(sql`k.contact_id = ${query.contact}`);
  const tz = sql`(select time_zone from workspaces where id = ${workspaceId})`;
  if (query.from) where.push(sql`k.asked_at >= (${query.from}::date)::timestamp at time zone ${tz}`);
  if (query.to) where.push(sql`k.asked_at < (${query.to}::date + 1)::timestamp at time zone ${tz}`);
  const offset = query.cursor && /^\d{1,9}$/.test(query.cursor) ? Number(query.cursor) : 0;
  const result = await db.execute(sql`
    select ${columns} where ${sql.join(where, sql` and `)}
    order by k.asked_at desc, k.id limit ${query.limit + 1} offset ${offset}`);
  const rows = (result as unknown as { rows: Row[] }).rows;
  return {
    asks: rows.slice(0, query.limit).map(toAsk),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
  };
}
