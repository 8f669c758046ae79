// What one written row costs the database, piece by piece: the floor under every write-heavy
// target (enrolment, answers, claims, clicks). Each case inserts the same rows with one thing
// more than the case before it, set-based (one INSERT ... SELECT), so the difference between two
// cases is the price of that one thing per row:
//   heap          a table with no index (identity id not indexed)
//   + primary key a bigint identity primary key
//   + index       one more btree index (on a random uuid column)
//   + foreign key one foreign key to a 1,000-row parent table
//   + uuid id     the primary key a random uuid made by gen_random_uuid(), as the app's tables do
// and, per statement rather than per row: a one-row insert of the last case (parse, plan,
// execute, commit), and `select 1`.
//
// Run: `node bench/row-costs.ts [rows=100000] [runs=5]`; BENCH_DATABASE_URL=postgres://... runs it
// on PostgreSQL (in a database of its own, dropped afterwards); WARMPATH_DB_THREAD=on runs PGlite in
// its own thread.
import { openBenchDatabase } from './lib/database.ts';
import { median } from './lib/load.ts';

const rows = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);

const cases = [
  { name: 'heap', table: 'id bigint generated always as identity, ref uuid not null, note text' },
  {
    name: '+ primary key',
    table: 'id bigint generated always as identity primary key, ref uuid not null, note text',
  },
  {
    name: '+ index',
    table: 'id bigint generated always as identity primary key, ref uuid not null, note text',
    index: true,
  },
  {
    name: '+ foreign key',
    table:
      'id bigint generated always as identity primary key, ref uuid not null references cost_parent, note text',
    index: true,
  },
  {
    name: '+ uuid id',
    table:
      'id uuid primary key default gen_random_uuid(), ref uuid not null references cost_parent, note text',
    index: true,
  },
];

const bench = await openBenchDatabase('row_costs');
try {
  const { database } = bench;
  const q = database.query;
  await q(`create table cost_parent (id uuid primary key)`);
  await q(`insert into cost_parent select md5(g::text)::uuid from generate_series(1, 1000) g`);
  // The rows to insert, made once: the parent each row points to is spread over all 1,000.
  await q(`create table cost_source as
           select md5((g % 1000 + 1)::text)::uuid as ref, 'row ' || g as note
           from generate_series(1, ${rows}) g`);
  const time = async (text: string) => {
    const t0 = performance.now();
    await q(text);
    return performance.now() - t0;
  };

  console.log(`${database.kind}: ${rows.toLocaleString('en')} rows per insert, ${runs} runs, median`);
  const perRow: number[] = [];
  for (const c of cases) {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      await q(`drop table if exists cost_rows`);
      await q(`create table cost_rows (${c.table})`);
      if (c.index) await q(`create index on cost_rows (ref)`);
      samples.push(await time(`insert into cost_rows (ref, note) select ref, note from cost_source`));
    }
    const us = (median(samples) * 1000) / rows;
    const step = perRow.length ? us - perRow[perRow.length - 1]! : us;
    perRow.push(us);
    console.log(
      `${c.name.padEnd(14)} ${us.toFixed(1).padStart(6)} µs per row (this step ${step >= 0 ? '+' : ''}${step.toFixed(1)} µs)`,
    );
  }

  const uuids: number[] = [];
  for (let run = 0; run < runs; run++) {
    uuids.push(await time(`select count(gen_random_uuid()) from generate_series(1, ${rows})`));
  }
  console.log(`gen_random_uuid() alone   ${((median(uuids) * 1000) / rows).toFixed(2)} µs per call`);

  const perStatement = async (label: string, text: string, params: unknown[] = []) => {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const n = 200;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await q(text, params);
      samples.push(((performance.now() - t0) * 1000) / n);
    }
    console.log(`${label.padEnd(26)} ${median(samples).toFixed(0)} µs per statement`);
  };
  await perStatement('select 1', 'select 1');
  const { rows: parent } = await q<{ id: string }>(`select id from cost_parent limit 1`);
  await perStatement('one-row insert (last case)', 'insert into cost_rows (ref, note) values ($1, $2)', [
    parent[0]!.id,
    'one row',
  ]);
} finally {
  await bench.dispose();
}
