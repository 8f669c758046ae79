// GET /r/CODE through HTTP, every acknowledged click committed before the redirect: the real app
// on PGlite (or PostgreSQL with BENCH_DATABASE_URL) against a bare node:http server answering the
// same 302 in the same run, 100 keep-alive connections on loopback from a separate process. After
// each run the stored clicks are counted and must equal the 302s the load received, exactly.
//
// Run: `node bench/share-link.ts [requests per run=30000] [connections=100] [runs=3]`
// BENCH_DATABASE_URL=postgres://... runs it on PostgreSQL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { offers } from '../src/db/schema/index.ts';
import { createWindowLimiter } from '../src/features/claims/visitors.ts';
import { ensureShareLink, normaliseLinkCode } from '../src/features/offers/share-links.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { buildApp } from '../src/http/app.ts';
import { testConfig } from '../src/test/app.ts';
import { busyDuring, openBenchDatabase } from './lib/database.ts';
import { median, rateOf, runLoad } from './lib/load.ts';

const perRun = Number(process.argv[2] ?? 30_000);
const connections = Number(process.argv[3] ?? 100);
const runs = Number(process.argv[4] ?? 3);
const LINKS = 200;
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** What the per-address limiter costs on each click, measured on its own. */
function limiterCost(): number {
  const limiter = createWindowLimiter({ max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 });
  const keys = Array.from({ length: 1000 }, (_, i) => `203.0.${i >> 8}.${i & 255}`);
  const n = 2_000_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) limiter.hit(keys[i % keys.length]!);
  return ((performance.now() - t0) * 1e6) / n;
}

const bench = await openBenchDatabase('share_link');
try {
  const { database } = bench;
  const db = database.db;
  const config = testConfig({ logLevel: 'silent' });
  const { workspace } = await createWorkspace(db, {
    firmName: 'Share Link Bench',
    owner: { name: 'Bench Owner', email: 'owner@share-bench.test', password: 'bench-password-1' },
  });
  const ws = workspace.id;
  const [offer] = await db
    .insert(offers)
    .values({ workspaceId: ws, title: 'Bench offer', type: 'assessment', headline: 'A bench offer' })
    .returning({ id: offers.id });
  const referrers = await queryRows<{ id: string }>(
    db,
    sql`insert into contacts (workspace_id, name, email, kind)
        select ${ws}, 'Referrer ' || g, 'referrer' || g || '@bench.test', 'client' from generate_series(1, ${LINKS}) g
        returning id`,
  );
  const codes: string[] = [];
  for (const r of referrers) {
    const link = await ensureShareLink(db, { workspaceId: ws, offerId: offer!.id, referrerContactId: r.id });
    codes.push(link.code);
  }
  const paths = codes.map((c) => `/r/${c}`);

  // The baseline does what the route does short of the database: parse the code, answer the 302.
  const bare = createServer((req, res) => {
    const code = normaliseLinkCode((req.url ?? '').slice(3));
    if (!code) {
      res.writeHead(404, { 'content-length': 0 });
      res.end();
      return;
    }
    res.writeHead(302, { location: `/o/${code}`, 'content-length': 0, 'cache-control': 'no-store' });
    res.end();
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;

  const app = await buildApp({
    config,
    database,
    sessionSecret: config.sessionSecret!,
    webDist: false,
    // All load comes from 127.0.0.1: the limiter still counts every click (its cost is in the
    // figures) but never refuses.
    offerPageLimits: { redirectsPerMinute: Number.MAX_SAFE_INTEGER },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appPort = (app.server.address() as AddressInfo).port;
  const storedClicks = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from link_clicks where workspace_id = ${ws}`,
        )
      )[0]!.n,
    );

  console.log(
    `${database.kind}: ${LINKS} links; ${runs} runs of ${perRun.toLocaleString('en')} clicks, ${connections} connections; ` +
      `limiter ${limiterCost().toFixed(0)} ns per click`,
  );
  const spec = { connections, paths, headers: { 'user-agent': BROWSER } };
  // Warm-up (JIT, pools), not reported.
  await runLoad({ ...spec, port: barePort, count: 3000 });
  await runLoad({ ...spec, port: appPort, count: 3000 });

  const rates: number[] = [];
  const ratios: number[] = [];
  const p99s: number[] = [];
  const bareRates: number[] = [];
  let mismatch = false;
  for (let r = 0; r < runs; r++) {
    const base = await runLoad({ ...spec, port: barePort, count: perRun });
    const before = await storedClicks();
    const { result: real, busy } = await busyDuring(database, () =>
      runLoad({ ...spec, port: appPort, count: perRun }),
    );
    console.log(busy);
    const stored = (await storedClicks()) - before;
    const redirects = real.statuses['302'] ?? 0;
    const rate = rateOf(redirects, real);
    const baseRate = rateOf(base.statuses['302'] ?? 0, base);
    rates.push(rate);
    bareRates.push(baseRate);
    ratios.push(rate / baseRate);
    p99s.push(real.p99);
    const others = Object.entries(real.statuses).filter(([k]) => k !== '302');
    console.log(
      `run ${r + 1}: app ${Math.round(rate).toLocaleString('en')} req/s (p50 ${real.p50.toFixed(1)} ms, p99 ${real.p99.toFixed(1)} ms) | ` +
        `bare node:http ${Math.round(baseRate).toLocaleString('en')} req/s (p99 ${base.p99.toFixed(1)} ms) | ` +
        `ratio ${(rate / baseRate).toFixed(2)} | redirects ${redirects}, clicks stored ${stored}${
          others.length ? `, other ${JSON.stringify(Object.fromEntries(others))}` : ''
        }`,
    );
    if (stored !== redirects) {
      console.error(`MISMATCH: ${stored} clicks stored for ${redirects} redirects`);
      mismatch = true;
    }
  }
  console.log(
    `median: app ${Math.round(median(rates)).toLocaleString('en')} req/s, bare ${Math.round(median(bareRates)).toLocaleString('en')} req/s, ` +
      `ratio ${median(ratios).toFixed(2)} (target >= 0.5: ${median(ratios) >= 0.5 ? 'met' : 'missed'}), ` +
      `p99 ${median(p99s).toFixed(1)} ms (target < 25 ms: ${median(p99s) < 25 ? 'met' : 'missed'}), ` +
      `clicks stored == redirects: ${mismatch ? 'NO' : 'yes, every run'}`,
  );
  if (mismatch) process.exitCode = 1;
  await app.close();
  await new Promise<void>((resolve) => bare.close(() => resolve()));
} finally {
  await bench.dispose();
}
