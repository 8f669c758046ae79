// Multi-row INSERT as one array parameter per column (`insert ... select * from unnest($1::uuid[],
// ...)`), for hot batch writes. Drizzle's `insert(t).values(rows)` sends a VALUES list with a
// parameter per cell and DEFAULT for every column left out: building that text costs about as
// much JavaScript as the database spends on the insert, and PostgreSQL parses and plans a
// statement with thousands of parameters (a claim batch of 100 tasks is 2,500). Here the text
// depends only on the columns, and the server sees one parameter per column.
//
// Values go through each column's own driver mapping (jsonb to text, Date to ISO text), so the
// stored rows are those `insert(t).values(rows)` would store. Omitted columns take their SQL
// default, so every row must give the same columns: a column left out of some rows only would get
// NULL there instead of its default, and is refused.
import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

export async function insertRows<T extends Table>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((key) => (rows[0] as Record<string, unknown>)[key] !== undefined);
  for (const row of rows) {
    const given = Object.keys(row).filter((key) => (row as Record<string, unknown>)[key] !== undefined);
    if (given.length !== keys.length || given.some((key) => !keys.includes(key))) {
      throw new Error(`insertRows(${tableName(table)}): every row must give the same columns`);
    }
  }
  const names: SQL[] = [];
  const arrays: SQL[] = [];
  for (const key of keys) {
    const column = columns[key];
    if (!column) throw new Error(`insertRows(${tableName(table)}): no column ${key}`);
    const type = column.getSQLType();
    if (type.endsWith(']')) throw new Error(`insertRows(${tableName(table)}): array column ${key}`);
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null ? null : column.mapToDriverValue(value);
    });
    names.push(sql`${sql.identifier(column.name)}`);
    arrays.push(sql`${sql.param(values)}::${sql.raw(type)}[]`);
  }
  await db.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`,
  );
}

const tableName = (table: Table) => (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')];
