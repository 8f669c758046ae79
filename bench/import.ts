// Import speed: 100,000 contacts and then 200,000 relationships from CSV, through the real
// `warmpath import` command (a child process, timed wall-clock, peak memory from /usr/bin/time -v),
// on PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL. Baseline in the same run: the
// database's own bulk load of the same rows into the same tables (PGlite: COPY FROM '/dev/blob';
// PostgreSQL: multi-row INSERT ... SELECT FROM unnest of 10,000 rows at a time).
// Run: `node bench/import.ts [runs] [contacts]` (default 3 runs, 100,000 contacts; medians printed);
// BENCH_ONLY=postgres skips the PGlite runs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { createMember } from '../src/features/members/create-member.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { companyName, createRng, domainFor, emailFor, personName, pick } from '../src/seed/generate.ts';

const runs = Number(process.argv[2] ?? 3);
const N = Number(process.argv[3] ?? 100_000);
const MEMBERS = 20;
const main = path.resolve(import.meta.dirname, '../src/main.ts');
const pgUrl = process.env.BENCH_DATABASE_URL;
const work = mkdtempSync(path.join(os.tmpdir(), 'warmpath-import-bench-'));

// ---- Deterministic files -----------------------------------------------------------------------
type Person = { name: string; email: string; company: string; title: string; phone: string; tags: string };
const rng = createRng(2026);
const companies = Array.from({ length: Math.ceil(N / 40) }, () => companyName(rng));
const people: Person[] = [];
for (let i = 0; i < N; i++) {
  const p = personName(rng);
  const company = pick(rng, companies);
  people.push({
    name: p.full,
    email: emailFor(p.first, p.last, domainFor(company), i + 1),
    company,
    title: pick(rng, ['CEO', 'CFO', 'COO', 'Head of Operations', 'Partner', 'Controller', 'IT Director']),
    phone: `+1 555 ${String(i).padStart(7, '0')}`,
    tags: pick(rng, ['vip', 'board;vip', '', 'referrer', 'newsletter']),
  });
}
const memberEmail = (m: number) => `member${m}@bench.example`;
const rels: { email: string; member: string; strength: number }[] = [];
for (let i = 0; i < 2 * N; i++) {
  const contact = people[i % N]!;
  // Two different members per contact.
  rels.push({
    email: contact.email,
    member: memberEmail((i + Math.floor(i / N) * 7) % MEMBERS),
    strength: i % 101,
  });
}
const q = (v: string) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const contactsCsv = path.join(work, 'contacts.csv');
const relsCsv = path.join(work, 'relationships.csv');
writeFileSync(
  contactsCsv,
  `Full Name,Email,Company,Job Title,Phone,Tags\n${people
    .map((p) => [p.name, p.email, p.company, p.title, p.phone, p.tags].map(q).join(','))
    .join('\n')}\n`,
);
writeFileSync(
  relsCsv,
  `Contact Email,Member Email,Strength\n${rels.map((r) => `${r.email},${r.member},${r.strength}`).join('\n')}\n`,
);

// ---- A workspace with its team, prepared once and copied per run -------------------------------
async function prepare(database: Database) {
  await migrateDatabase(database);
  const { workspace } = await createWorkspace(database.db, {
    firmName: 'Bench Advisory',
    owner: { name: 'Bench Owner', email: 'owner@bench.example', password: 'bench-password-1' },
  });
  for (let m = 0; m < MEMBERS; m++) {
    await createMember(database.db, {
      workspaceId: workspace.id,
      email: memberEmail(m),
      name: `Member ${m}`,
      role: 'member',
      password: 'bench-password-1',
    });
  }
  return workspace.id;
}

type Measured = { ms: number; peakMb: number; output: string };

function timeCli(args: string[], env: Record<string, string>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, main, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${out}${err}`));
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? 0);
      resolve({ ms, peakMb: kb / 1024, output: out.trim() });
    });
  });
}

// ---- Baselines: the database's own bulk load of the same rows ----------------------------------
async function baselinePglite(dir: string, workspaceId: string): Promise<number> {
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  const client = database.pglite!;
  const started = performance.now();
  const contacts = people
    .map((p) =>
      [workspaceId, p.name, p.email, p.title, p.phone, `{${p.tags.replaceAll(';', ',')}}`].map(q).join(','),
    )
    .join('\n');
  await client.query(
    `copy contacts (workspace_id, name, email, title, phone, tags) from '/dev/blob' with (format csv)`,
    [],
    {
      blob: new Blob([contacts]),
    },
  );
  await client.exec('create temp table rel_in (email text, member text, strength int)');
  await client.query(`copy rel_in from '/dev/blob' with (format csv)`, [], {
    blob: new Blob([rels.map((r) => `${r.email},${r.member},${r.strength}`).join('\n')]),
  });
  await client.query(
    `insert into relationships (workspace_id, member_id, contact_id, baseline_strength, strength)
     select $1, m.id, c.id, r.strength, r.strength from rel_in r
     join members m on m.workspace_id = $1 and m.email = r.member
     join contacts c on c.workspace_id = $1 and c.email = r.email`,
    [workspaceId],
  );
  const ms = performance.now() - started;
  await database.close();
  return ms;
}

async function baselinePostgres(url: string, workspaceId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  for (let i = 0; i < N; i += 10_000) {
    const chunk = people.slice(i, i + 10_000);
    await client.query(
      `insert into contacts (workspace_id, name, email, title, phone, tags)
       select $1, n, e, t, p, coalesce(string_to_array(nullif(g, ''), ';'), '{}') from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(n, e, t, p, g)`,
      [
        workspaceId,
        chunk.map((p) => p.name),
        chunk.map((p) => p.email),
        chunk.map((p) => p.title),
        chunk.map((p) => p.phone),
        chunk.map((p) => p.tags),
      ],
    );
  }
  for (let i = 0; i < rels.length; i += 10_000) {
    const chunk = rels.slice(i, i + 10_000);
    await client.query(
      `insert into relationships (workspace_id, member_id, contact_id, baseline_strength, strength)
       select $1, m.id, c.id, u.s, u.s from unnest($2::text[], $3::text[], $4::int[]) as u(e, me, s)
       join members m on m.workspace_id = $1 and m.email = u.me
       join contacts c on c.workspace_id = $1 and c.email = u.e`,
      [workspaceId, chunk.map((r) => r.email), chunk.map((r) => r.member), chunk.map((r) => r.strength)],
    );
  }
  const ms = performance.now() - started;
  await client.end();
  return ms;
}

// ---- Runs --------------------------------------------------------------------------------------
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Row = { contacts: number; relationships: number; total: number; peakMb: number; baseline: number };
const results: Record<string, Row[]> = { pglite: [], postgres: [] };

const template = path.join(work, 'template');
const templateDb = await openDatabase({ databaseUrl: undefined, dataDir: template });
const pgliteWorkspace = await prepare(templateDb);
await templateDb.close();

for (let run = 0; run < (process.env.BENCH_ONLY === 'postgres' ? 0 : runs); run++) {
  const dir = path.join(work, `run-${run}`);
  cpSync(template, dir, { recursive: true });
  const env = { WARMPATH_DATA_DIR: dir };
  const c = await timeCli(['import', 'contacts', contactsCsv], env);
  const r = await timeCli(['import', 'relationships', relsCsv], env);
  const baseDir = path.join(work, `base-${run}`);
  cpSync(template, baseDir, { recursive: true });
  const baseline = await baselinePglite(baseDir, pgliteWorkspace);
  results.pglite!.push({
    contacts: c.ms,
    relationships: r.ms,
    total: c.ms + r.ms,
    peakMb: Math.max(c.peakMb, r.peakMb),
    baseline,
  });
  console.log(`pglite run ${run + 1}: ${c.output} ${r.output}`);
  console.log(
    `  contacts ${Math.round(c.ms)} ms, relationships ${Math.round(r.ms)} ms, peak ${Math.round(Math.max(c.peakMb, r.peakMb))} MB, baseline ${Math.round(baseline)} ms`,
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(baseDir, { recursive: true, force: true });
}

if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const withName = (name: string) => {
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const base = `wpbench_${randomBytes(3).toString('hex')}`;
  await admin.query(`create database "${base}_tpl"`);
  const tpl = await openDatabase({ databaseUrl: withName(`${base}_tpl`), dataDir: work, poolSize: 2 });
  const pgWorkspace = await prepare(tpl);
  await tpl.close();
  for (let run = 0; run < runs; run++) {
    const name = `${base}_${run}`;
    const baseName = `${base}_b${run}`;
    await admin.query(`create database "${name}" template "${base}_tpl"`);
    await admin.query(`create database "${baseName}" template "${base}_tpl"`);
    const env = { DATABASE_URL: withName(name), WARMPATH_DATA_DIR: work };
    const c = await timeCli(['import', 'contacts', contactsCsv], env);
    const r = await timeCli(['import', 'relationships', relsCsv], env);
    const baseline = await baselinePostgres(withName(baseName), pgWorkspace);
    results.postgres!.push({
      contacts: c.ms,
      relationships: r.ms,
      total: c.ms + r.ms,
      peakMb: Math.max(c.peakMb, r.peakMb),
      baseline,
    });
    console.log(`postgres run ${run + 1}: ${c.output} ${r.output}`);
    console.log(
      `  contacts ${Math.round(c.ms)} ms, relationships ${Math.round(r.ms)} ms, peak ${Math.round(Math.max(c.peakMb, r.peakMb))} MB, baseline ${Math.round(baseline)} ms`,
    );
    await admin.query(`drop database "${name}" with (force)`);
    await admin.query(`drop database "${baseName}" with (force)`);
  }
  await admin.query(`drop database "${base}_tpl" with (force)`);
  await admin.end();
}

console.log(
  `\n${N.toLocaleString('en')} contacts + ${(2 * N).toLocaleString('en')} relationships, median of ${runs} runs:`,
);
console.log('| database | contacts | relationships | total | peak memory | bulk-load baseline | ratio |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [db, rows] of Object.entries(results)) {
  if (rows.length === 0) continue;
  const m = (k: keyof Row) => median(rows.map((r) => r[k]));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `| ${db} | ${s(m('contacts'))} | ${s(m('relationships'))} | ${s(m('total'))} | ${Math.round(m('peakMb'))} MB | ${s(m('baseline'))} | ${(m('total') / m('baseline')).toFixed(1)}x |`,
  );
}
rmSync(work, { recursive: true, force: true });
