// Search and filtered lists at 100,000 contacts, through the HTTP API on PGlite (or PostgreSQL with
// BENCH_DATABASE_URL). Data is generated in SQL inside the database (fast, deterministic), then
// the real server answers requests over loopback; latency is measured per request by one client
// with keep-alive. Baseline in the same run: a bare node:http server answering a JSON body of
// the same size. Run: `node bench/search.ts [contacts=100000] [requests per case=200]`.
// BENCH_KEEP=1 keeps the generated database and prints where; BENCH_DIR=<that directory> measures
// it again without generating (PGlite only; the contact count argument is then ignored).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { createSession } from '../src/features/auth/sessions.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { buildApp } from '../src/http/app.ts';
import { companyName, createRng, givenNames, surnames } from '../src/seed/generate.ts';
import { testConfig } from '../src/test/app.ts';

const contactsTarget = Number(process.argv[2] ?? 100_000);
const perCase = Number(process.argv[3] ?? 200);
const reuse = process.env.BENCH_DIR && !process.env.BENCH_DATABASE_URL ? process.env.BENCH_DIR : undefined;
if (reuse && !existsSync(path.join(reuse, 'pgdata')))
  throw new Error(`BENCH_DIR ${reuse}: no kept bench data`);
const dir = reuse ?? mkdtempSync(path.join(os.tmpdir(), 'warmpath-bench-search-'));
const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: dir });
await migrateDatabase(database);
const db = database.db;

let contactCount = contactsTarget;
const started = performance.now();
const { ws, owner } = reuse ? await keptWorkspace() : await generate();
const loadMs = performance.now() - started;

async function keptWorkspace() {
  const [kept] = await queryRows<{ ws: string; owner: string }>(
    db,
    sql`select workspace_id as ws, id as owner from members where email = 'owner@bench.test' limit 1`,
  );
  if (!kept) throw new Error(`BENCH_DIR ${dir}: no bench workspace`);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from contacts where workspace_id = ${kept.ws}`,
  );
  contactCount = Number(count!.n);
  return { ws: kept.ws, owner: { id: kept.owner } };
}

async function generate() {
  const { workspace, owner } = await createWorkspace(db, {
    firmName: `Bench ${Date.now()}`,
    owner: { name: 'Bench Owner', email: 'owner@bench.test', password: 'bench-password-1' },
  });
  const ws = workspace.id;
  await db.execute(sql`
  insert into members (workspace_id, email, name, role, password_hash)
  select ${ws}, 'm' || g || '@bench.test', 'Member ' || g, 'member', 'x' from generate_series(1, 20) g`);
  const rng = createRng(7);
  const companies = Array.from({ length: 200 }, () => companyName(rng));
  await db.execute(sql`
  insert into accounts (workspace_id, name, status, tags)
  select ${ws}, (${sql.param(companies)}::text[])[1 + (g % 200)] || ' ' || g,
    (array['active','active','past','prospect'])[1 + (g % 4)],
    case when g % 10 = 0 then array['key-account'] else '{}' end
  from generate_series(1, ${Math.round(contactsTarget / 3)}) g`);
  // Ids are picked from arrays (one lookup per row); a correlated subquery here would be quadratic.
  await db.execute(sql`
  with acc as (select array_agg(id order by id) as ids from accounts where workspace_id = ${ws}),
  m as (select array_agg(id order by id) as ids from members where workspace_id = ${ws})
  insert into contacts (workspace_id, account_id, name, email, kind, tags, best_strength, best_member_id, last_contacted_at, created_at)
  select ${ws},
    acc.ids[1 + (g % array_length(acc.ids, 1))],
    (${sql.param([...givenNames])}::text[])[1 + (g % ${givenNames.length})] || ' ' ||
      (${sql.param([...surnames])}::text[])[1 + ((g / ${givenNames.length})::int % ${surnames.length})] || ' ' || g,
    'person' || g || '@bench' || (g % 97) || '.example',
    (array['client','client','client','partner','prospect','network'])[1 + (g % 6)],
    case when g % 7 = 0 then array['vip'] when g % 11 = 0 then array['board','referrer'] else '{}' end,
    (g * 37) % 101,
    m.ids[1 + (g % array_length(m.ids, 1))],
    case when g % 5 = 0 then null else now() - ((g % 700) || ' days')::interval end,
    now() - ((g % 900) || ' days')::interval
  from generate_series(1, ${contactsTarget}) g, acc, m`);
  await db.execute(sql`
  insert into relationships (workspace_id, member_id, contact_id, computed_strength, strength, interaction_count)
  select c.workspace_id, c.best_member_id, c.id, c.best_strength, c.best_strength, 1 from contacts c where c.workspace_id = ${ws}`);
  await db.execute(sql`analyze`);
  return { ws, owner };
}

const app = await buildApp({
  config: testConfig({ logLevel: 'silent' }),
  database,
  sessionSecret: 'bench-secret-bench-secret-bench-secret',
  webDist: false,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const { token } = await createSession(db, { workspaceId: ws, memberId: owner.id });
const cookie = `wp_session=${app.signCookie(token)}`;

const sampleMember = (
  await queryRows<{ id: string }>(
    db,
    sql`select id from members where workspace_id = ${ws} and role = 'member' limit 1`,
  )
)[0]!.id;
const cases: Record<string, string> = {
  'search, misspelt surname': '/api/v1/contacts?q=lindqvst',
  'search, first and last name': '/api/v1/contacts?q=ana%20silva',
  'search, company': '/api/v1/contacts?q=harbor%20softwre',
  'search, email prefix': '/api/v1/contacts?q=person4242@',
  'list by name, first page': '/api/v1/contacts?sort=name',
  'filtered: kind+tag+strength, by last contact':
    '/api/v1/contacts?kind=client&tag=vip&minStrength=50&sort=-last_contacted',
  'filtered: known by a member, contacted before': `/api/v1/contacts?memberId=${sampleMember}&contactedBefore=2026-06-01&sort=-strength`,
  'filtered: account status past': '/api/v1/contacts?accountStatus=past&sort=name',
  'quick search (people + companies)': '/api/v1/search?q=kestrel',
  'companies by name': '/api/v1/accounts?sort=name',
};

async function measure(url: string, headers: Record<string, string>, n: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString()}`);
    if (i >= 5) times.push(performance.now() - t0); // the first few warm caches and JIT
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { p50: q(0.5), p95: q(0.95), max: times.at(-1)!, bytes };
}

// Second page of a sorted list, through the cursor the first page returned.
const firstPage = (await (
  await fetch(`${base}/api/v1/contacts?sort=-last_contacted`, { headers: { cookie } })
).json()) as {
  nextCursor: string;
};
cases['list by last contact, second page (cursor)'] =
  `/api/v1/contacts?sort=-last_contacted&cursor=${firstPage.nextCursor}`;

// Warm every case before measuring any: the first requests of a fresh process run PGlite's
// WebAssembly before V8 has optimised it (the trigram functions most of all), which a server
// that has answered a few searches no longer pays; without this the first case measured carries
// that cost for all the others.
for (let round = 0; round < 5; round++) {
  for (const url of Object.values(cases))
    await (await fetch(`${base}${url}`, { headers: { cookie } })).arrayBuffer();
}
const results: [string, Awaited<ReturnType<typeof measure>>][] = [];
for (const [name, url] of Object.entries(cases))
  results.push([name, await measure(`${base}${url}`, { cookie }, perCase)]);

const payload = Buffer.alloc(results[4]![1].bytes, 'x');
const bare = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(payload);
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const baseline = await measure(`http://127.0.0.1:${(bare.address() as { port: number }).port}/`, {}, perCase);
bare.close();

const f = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(
  `${contactCount.toLocaleString('en')} contacts on ${database.kind} (${reuse ? 'kept data, opened' : 'generated'} in ${(loadMs / 1000).toFixed(1)} s), ` +
    `${perCase} sequential requests per case, ${os.cpus().length} cores, Node ${process.version}`,
);
console.log(
  `${'case'.padEnd(48)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}  p95 vs baseline`,
);
for (const [name, r] of results) {
  console.log(
    `${name.padEnd(48)} ${f(r.p50).padStart(9)} ${f(r.p95).padStart(9)} ${f(r.max).padStart(9)}  ${(r.p95 / baseline.p95).toFixed(1)}x`,
  );
}
console.log(
  `${'baseline: bare node:http, same body size'.padEnd(48)} ${f(baseline.p50).padStart(9)} ${f(baseline.p95).padStart(9)} ${f(baseline.max).padStart(9)}`,
);
await app.close();
await database.close();
// BENCH_KEEP=1 leaves the generated database for a closer look (EXPLAIN) and prints where it is.
if (process.env.BENCH_KEEP || reuse) console.log(`data kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
