// POST /o/CODE/claim through HTTP, each claim committed before the answer: the claim row, the
// prospect contact (and company), the referral with its history and timeline events, the owner's
// reply task with its history, and the confirmation email, for every claim. The real app on
// PGlite (or PostgreSQL with BENCH_DATABASE_URL) against a bare node:http server that parses the
// same form and answers 200 in the same run; the load comes from a separate process over keep-
// alive connections on loopback. Each claim has its own email (a new prospect); companies repeat
// (one in five claims matches an existing account). After each run the stored claims must equal
// the confirmations received.
//
// Run: `node bench/claim.ts [claims per run=5000] [connections=100] [runs=3]`
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { offers } from '../src/db/schema/index.ts';
import { ensureShareLink } from '../src/features/offers/share-links.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { buildApp } from '../src/http/app.ts';
import { checkClaimForm } from '../src/public/offer-pages.ts';
import { testConfig } from '../src/test/app.ts';
import { busyDuring, openBenchDatabase, traceQueries } from './lib/database.ts';
import { median, rateOf, runLoad } from './lib/load.ts';

const perRun = Number(process.argv[2] ?? 5000);
const connections = Number(process.argv[3] ?? 100);
const runs = Number(process.argv[4] ?? 3);
const LINKS = 50;
const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1';
const BODY =
  'name=Prospect+{i}&email=prospect{i}%40claims.test&company=Company+{i}&consent=yes' +
  '&message=We+would+like+to+hear+more+about+this+offer.';

const bench = await openBenchDatabase('claim');
try {
  const { database } = bench;
  if (process.env.BENCH_TRACE) traceQueries(database);
  const db = database.db;
  const config = testConfig({ logLevel: 'silent' });
  const { workspace, owner } = await createWorkspace(db, {
    firmName: 'Claim Bench',
    owner: { name: 'Bench Owner', email: 'owner@claim-bench.test', password: 'bench-password-1' },
  });
  const ws = workspace.id;
  const [offer] = await db
    .insert(offers)
    .values({
      workspaceId: ws,
      title: 'Bench offer',
      type: 'assessment',
      headline: 'A bench offer',
      afterClaim: 'We will reply within one business day.',
      ownerMemberId: owner.id,
    })
    .returning({ id: offers.id });
  const referrers = await queryRows<{ id: string }>(
    db,
    sql`insert into contacts (workspace_id, name, email, kind)
        select ${ws}, 'Referrer ' || g, 'referrer' || g || '@bench.test', 'client' from generate_series(1, ${LINKS}) g
        returning id`,
  );
  const paths: string[] = [];
  for (const r of referrers) {
    const link = await ensureShareLink(db, { workspaceId: ws, offerId: offer!.id, referrerContactId: r.id });
    paths.push(`/o/${link.code}/claim`);
  }
  // One company in five already exists, as accounts would for prospects from known firms.
  await db.execute(sql`
    insert into accounts (workspace_id, name)
    select ${ws}, 'Company ' || g from generate_series(0, ${perRun * (runs + 1)}, 5) g`);

  // The baseline parses and checks the same form and answers a small page.
  const bare = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const form: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body)) form[k] = v;
      const checked = checkClaimForm(form);
      const page = checked.ok ? '<!doctype html><p>Thank you</p>' : '<!doctype html><p>Error</p>';
      res.writeHead(checked.ok ? 200 : 400, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': page.length,
      });
      res.end(page);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;

  const app = await buildApp({
    config,
    database,
    sessionSecret: config.sessionSecret!,
    webDist: false,
    offerPageLimits: {
      claimsPerTenMinutes: Number.MAX_SAFE_INTEGER,
      pagesPerMinute: Number.MAX_SAFE_INTEGER,
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appPort = (app.server.address() as AddressInfo).port;
  const storedClaims = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from offer_claims where offer_id = ${offer!.id}`,
        )
      )[0]!.n,
    );

  console.log(
    `${database.kind}: ${LINKS} links; ${runs} runs of ${perRun.toLocaleString('en')} claims, ${connections} connections`,
  );
  const spec = {
    connections,
    paths,
    method: 'POST' as const,
    body: BODY,
    headers: { 'user-agent': BROWSER },
  };
  await runLoad({ ...spec, port: barePort, count: 500, offset: 10_000_000 });
  await runLoad({ ...spec, port: appPort, count: 500, offset: 10_000_000 });

  const rates: number[] = [];
  const ratios: number[] = [];
  let mismatch = false;
  for (let r = 0; r < runs; r++) {
    const offset = r * perRun;
    const base = await runLoad({ ...spec, port: barePort, count: perRun, offset });
    const before = await storedClaims();
    const { result: real, busy } = await busyDuring(database, () =>
      runLoad({ ...spec, port: appPort, count: perRun, offset }),
    );
    console.log(busy);
    const stored = (await storedClaims()) - before;
    const ok = real.statuses['200'] ?? 0;
    const rate = rateOf(ok, real);
    const baseRate = rateOf(base.statuses['200'] ?? 0, base);
    rates.push(rate);
    ratios.push(rate / baseRate);
    const others = Object.entries(real.statuses).filter(([k]) => k !== '200');
    console.log(
      `run ${r + 1}: app ${Math.round(rate).toLocaleString('en')} claims/s (p50 ${real.p50.toFixed(1)} ms, p99 ${real.p99.toFixed(1)} ms) | ` +
        `bare node:http ${Math.round(baseRate).toLocaleString('en')} req/s | ratio ${(rate / baseRate).toFixed(2)} | ` +
        `confirmed ${ok}, claims stored ${stored}${others.length ? `, other ${JSON.stringify(Object.fromEntries(others))}` : ''}`,
    );
    if (stored !== ok) {
      console.error(`MISMATCH: ${stored} claims stored for ${ok} confirmations`);
      mismatch = true;
    }
  }
  const [made] = await queryRows<{ referrals: number; tasks: number; mails: number }>(
    db,
    sql`select (select count(*)::int from referrals where offer_id = ${offer!.id}) as referrals,
               (select count(*)::int from tasks where workspace_id = ${ws} and referral_id is not null) as tasks,
               (select count(*)::int from outbox_messages where workspace_id = ${ws}) as mails`,
  );
  console.log(
    `median: app ${Math.round(median(rates)).toLocaleString('en')} claims/s (target >= 1,000: ${median(rates) >= 1000 ? 'met' : 'missed'}), ` +
      `ratio to bare ${median(ratios).toFixed(2)}; stored == confirmed: ${mismatch ? 'NO' : 'yes, every run'}; ` +
      `referrals ${made!.referrals}, reply tasks ${made!.tasks}, confirmation mails ${made!.mails}`,
  );
  if (mismatch) process.exitCode = 1;
  await app.close();
  await new Promise<void>((resolve) => bare.close(() => resolve()));
} finally {
  await bench.dispose();
}
