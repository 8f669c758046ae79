// The public answer POST (/s/:token, form-encoded score and comment) through HTTP, with every
// acknowledged answer committed: the real server on PGlite (or PostgreSQL with
// BENCH_DATABASE_URL, in a database of the bench's own that is dropped afterwards) against a bare
// node:http server that answers the same requests (parses the form, verifies the token's HMAC,
// answers 303) in the same run. Each request answers a different send, so every one is an INSERT.
// The load comes from a child process (so client and server do not share an event loop) with many
// keep-alive connections on loopback. After each run the stored answers are counted and must equal
// the acknowledged (303) ones.
//
// Run: `node bench/answer.ts [answers per run=20000] [connections=256] [runs=3]`
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL; BENCH_WITH_ENROLMENT=1 keeps the
// follow-up engine's prompt enrolment on during the load (off by default: the answers wait for
// its sweep); BENCH_TRACE=1 prints PGlite time per statement; BENCH_EXPERIMENT_NO_FK=1 (PGlite)
// turns foreign-key checks off to measure their share.
import { fork } from 'node:child_process';
import http, { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { deriveLinkSecret, signSendToken, verifySendToken } from '../src/features/surveys/links.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { buildApp } from '../src/http/app.ts';
import { testConfig } from '../src/test/app.ts';
import { openBenchDatabase, traceQueries } from './lib/database.ts';

type ClientResult = { ok: number; other: Record<string, number>; ms: number; p50: number; p99: number };

// ---- client (child process) ----
if (process.argv[2] === '--client') {
  process.on('message', async (msg: { port: number; tokens: string[]; connections: number }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: msg.connections });
    const latencies = new Float64Array(msg.tokens.length);
    const other: Record<string, number> = {};
    let ok = 0;
    let next = 0;
    const one = (i: number) =>
      new Promise<void>((resolve) => {
        const body = `score=${i % 11}&comment=${encodeURIComponent('Bench answer')}`;
        const t0 = performance.now();
        const req = http.request(
          {
            host: '127.0.0.1',
            port: msg.port,
            method: 'POST',
            path: `/s/${msg.tokens[i]}`,
            agent,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies[i] = performance.now() - t0;
              if (res.statusCode === 303) ok++;
              else other[String(res.statusCode)] = (other[String(res.statusCode)] ?? 0) + 1;
              resolve();
            });
          },
        );
        req.on('error', (e) => {
          other[e.message] = (other[e.message] ?? 0) + 1;
          resolve();
        });
        req.end(body);
      });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: msg.connections }, async () => {
        for (let i = next++; i < msg.tokens.length; i = next++) await one(i);
      }),
    );
    const ms = performance.now() - started;
    agent.destroy();
    const sorted = Array.from(latencies).sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
    process.send!({ ok, other, ms, p50: pct(0.5), p99: pct(0.99) } satisfies ClientResult);
  });
} else {
  await main();
}

function load(port: number, tokens: string[], connections: number): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, ['--client'], { stdio: 'inherit' });
    child.once('message', (m) => {
      resolve(m as ClientResult);
      child.kill();
    });
    child.once('error', reject);
    child.send({ port, tokens, connections });
  });
}

async function main() {
  const perRun = Number(process.argv[2] ?? 20_000);
  const connections = Number(process.argv[3] ?? 256);
  const runs = Number(process.argv[4] ?? 3);
  const total = perRun * runs;
  const bench = await openBenchDatabase('answer');
  const { database } = bench;
  const kind = database.kind;
  if (process.env.BENCH_TRACE) traceQueries(database);
  // Experiment only (PGlite): how much of the cost is foreign-key checking. Not a mode to run in.
  if (process.env.BENCH_EXPERIMENT_NO_FK && database.pglite)
    await database.pglite.query('set session_replication_role = replica');
  try {
    const db = database.db;
    const config = testConfig({ logLevel: 'silent' });
    const secret = deriveLinkSecret(config.sessionSecret!);
    const { workspace } = await createWorkspace(db, {
      firmName: 'Answer Bench',
      owner: { name: 'Bench Owner', email: 'owner@answer-bench.test', password: 'bench-password-1' },
    });
    const ws = workspace.id;
    const [survey] = await queryRows<{ id: string }>(
      db,
      sql`insert into surveys (workspace_id, name, question, open_question, audience, status)
          values (${ws}, 'Bench survey', 'How likely are you to recommend us?', 'Why?', '{"kind":"active_clients"}', 'active')
          returning id`,
    );
    const surveyId = survey!.id;
    const t0 = performance.now();
    await db.execute(sql`
      insert into accounts (workspace_id, name) select ${ws}, 'Company ' || g from generate_series(1, ${Math.ceil(total / 5)}) g`);
    await db.execute(sql`
      with acc as (select array_agg(id) as ids from accounts where workspace_id = ${ws})
      insert into contacts (workspace_id, account_id, name, email)
      select ${ws}, acc.ids[1 + (g % array_length(acc.ids, 1))], 'Client ' || g, 'client' || g || '@bench.test'
      from acc, generate_series(1, ${total}) g`);
    const sends = await queryRows<{ id: string }>(
      db,
      sql`insert into survey_sends (workspace_id, survey_id, contact_id, expires_at)
          select ${ws}, ${surveyId}, id, now() + interval '30 days' from contacts where workspace_id = ${ws}
          returning id`,
    );
    const tokens = sends.map((s) => signSendToken(secret, s.id));
    console.log(
      `${kind}: ${total.toLocaleString('en')} sends ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `${runs} runs of ${perRun.toLocaleString('en')} answers, ${connections} connections`,
    );

    // The baseline does what the route does short of the database: parse, verify, redirect.
    const bare = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const token = (req.url ?? '').slice(3);
        const ok = verifySendToken(secret, token) !== null && /^\d+$/.test(form.get('score') ?? '');
        res.writeHead(ok ? 303 : 404, { location: `/s/${token}/thanks`, 'content-length': 0 });
        res.end();
      });
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const barePort = (bare.address() as AddressInfo).port;

    const withEnrolment = process.env.BENCH_WITH_ENROLMENT === '1';
    const app = await buildApp({
      config,
      database,
      sessionSecret: config.sessionSecret!,
      webDist: false,
      promptEnrolment: withEnrolment,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appPort = (app.server.address() as AddressInfo).port;

    const rows: string[] = [];
    for (let r = 0; r < runs; r++) {
      const slice = tokens.slice(r * perRun, (r + 1) * perRun);
      // Server CPU time (this process only; the load comes from a child process): on a shared,
      // noisy machine wall-clock rates swing with other load, CPU seconds per answer much less.
      let cpu = process.cpuUsage();
      const base = await load(barePort, slice, connections);
      const baseCpu = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      const real = await load(appPort, slice, connections);
      const realCpu = process.cpuUsage(cpu);
      const perCpuSecond = (ok: number, u: NodeJS.CpuUsage) => Math.round(ok / ((u.user + u.system) / 1e6));
      const [stored] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from survey_answers where survey_id = ${surveyId} and send_id = any(${sql.param(
          sends.slice(r * perRun, (r + 1) * perRun).map((s) => s.id),
        )}::uuid[])`,
      );
      const baseRate = (base.ok / base.ms) * 1000;
      const rate = (real.ok / real.ms) * 1000;
      const line =
        `run ${r + 1}: app ${Math.round(rate).toLocaleString('en')} answers/s (p50 ${real.p50.toFixed(1)} ms, ` +
        `p99 ${real.p99.toFixed(1)} ms) | bare node:http ${Math.round(baseRate).toLocaleString('en')} req/s ` +
        `(p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms) | ratio ${(baseRate / rate).toFixed(2)}x | ` +
        `server CPU: app ${perCpuSecond(real.ok, realCpu).toLocaleString('en')} answers/CPU-s, bare ` +
        `${perCpuSecond(base.ok, baseCpu).toLocaleString('en')} req/CPU-s | ` +
        `acknowledged ${real.ok}, stored ${Number(stored!.n)}${
          Object.keys(real.other).length ? `, other ${JSON.stringify(real.other)}` : ''
        }`;
      console.log(line);
      rows.push(line);
      if (Number(stored!.n) !== real.ok) {
        console.error('MISMATCH: stored answers differ from acknowledged ones');
        process.exitCode = 1;
      }
    }
    await app.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  } finally {
    await bench.dispose();
  }
}
