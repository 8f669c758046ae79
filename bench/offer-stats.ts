// Offer stats at 100,000 clicks: the offers list, one offer's detail, its links tab, its stats tab
// and a referrer's links, each one SQL statement, timed (median of `runs`) and the offer detail's
// plan printed (EXPLAIN ANALYZE). Data is generated in SQL: one workspace, 5 offers, 400 client
// referrers with a link to each offer (2,000 links), `clicks` clicks over 60 days (a tenth of them
// bots, visitors repeating), 2,000 claims and 1,000 referrals (a fifth won).
// Baseline in the same run: `select count(*) from link_clicks where workspace_id = ...`, the
// cheapest statement that reads every click of the workspace.
// Run: `node bench/offer-stats.ts [clicks=100000] [runs=7]` (PGlite, in a temporary directory).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { getOffer, listOffers, offerStats, selectShareLinks } from '../src/features/offers/queries.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';

const clicks = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(path.join(os.tmpdir(), 'warmpath-bench-offers-'));
const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
try {
  await migrateDatabase(database);
  const db = database.db;
  const { workspace, owner } = await createWorkspace(db, {
    firmName: 'Bench Offers',
    owner: { name: 'Olivia Owner', email: 'owner@offers.bench', passwordHash: 'x' },
  });
  const ws = workspace.id;
  const started = performance.now();
  await db.execute(sql`
    insert into offers (workspace_id, title, type, headline, capacity_total, created_by_member_id)
    select ${ws}, 'Offer ' || g, 'assessment', 'Headline ' || g, 500, ${owner.id} from generate_series(1, 5) g`);
  await db.execute(sql`
    insert into contacts (workspace_id, name, email, kind)
    select ${ws}, 'Referrer ' || g, 'r' || g || '@offers.bench', 'client' from generate_series(1, 400) g`);
  await db.execute(sql`
    insert into share_links (workspace_id, offer_id, referrer_contact_id, code)
    select ${ws}, o.id, c.id, substr(md5(o.id::text || c.id::text), 1, 16)
    from offers o cross join contacts c where o.workspace_id = ${ws} and c.workspace_id = ${ws}`);
  // Skewed: the first links get most clicks, as real sharing does; 3,000 visitors repeat.
  await db.execute(sql`
    with l as (select id, row_number() over (order by code) - 1 as n from share_links where workspace_id = ${ws})
    insert into link_clicks (workspace_id, link_id, clicked_at, visitor_hash, is_bot)
    select ${ws}, l.id, now() - (g % 86400) * interval '1 minute', 'v' || (g * 7919) % 3000, g % 10 = 0
    from (select g, floor(power(random(), 2) * 2000)::int as n from generate_series(1, ${clicks}) g) x
    join l on l.n = x.n`);
  await db.execute(sql`
    insert into offer_claims (workspace_id, offer_id, link_id, referrer_contact_id, name, email, consent_at, outcome)
    select ${ws}, l.offer_id, l.id, l.referrer_contact_id, 'Claimant ' || g, 'c' || g || '@x.bench', now(),
      case when g % 7 = 0 then 'interest' else 'accepted' end
    from generate_series(1, 2000) g
    join (select *, row_number() over (order by code) as n from share_links where workspace_id = ${ws}) l on l.n = g`);
  await db.execute(sql`
    insert into referrals (workspace_id, kind, source, referrer_contact_id, offer_id, link_id, status, booked_value)
    select ${ws}, 'recommendation', 'offer', l.referrer_contact_id, l.offer_id, l.id,
      case when g % 5 = 0 then 'won' else 'new' end, case when g % 5 = 0 then 1000 + g end
    from generate_series(1, 1000) g
    join (select *, row_number() over (order by code) as n from share_links where workspace_id = ${ws}) l on l.n = g`);
  await db.execute(sql`analyze`);
  console.log(`generated in ${Math.round(performance.now() - started)} ms`);

  const [busiest] = await queryRows<{ offer_id: string; contact_id: string }>(
    db,
    sql`select l.offer_id, l.referrer_contact_id as contact_id from link_clicks c join share_links l on l.id = c.link_id
        where c.workspace_id = ${ws} group by 1, 2 order by count(*) desc limit 1`,
  );
  const offerId = busiest!.offer_id;
  const views: [string, () => Promise<unknown>][] = [
    [
      'baseline: count(*) of the workspace clicks',
      () => queryRows(db, sql`select count(*) from link_clicks where workspace_id = ${ws}`),
    ],
    ['offers list (5 offers, all clicks)', () => listOffers(db, ws, { status: 'all' })],
    ['offer detail', () => getOffer(db, ws, offerId)],
    ['offer links tab (400 links)', () => selectShareLinks(db, ws, 'http://x', { offerId })],
    ['offer stats tab (by referrer + 30 days)', () => offerStats(db, ws, offerId)],
    [
      'a referrer’s links (contact card)',
      () => selectShareLinks(db, ws, 'http://x', { contactId: busiest!.contact_id }),
    ],
  ];
  const results: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of views) {
      const t0 = performance.now();
      await run();
      results[name] = [...(results[name] ?? []), performance.now() - t0];
    }
  }
  const base = median(results[views[0]![0]]!);
  for (const [name] of views) {
    const ms = median(results[name]!);
    console.log(`${name}: median ${ms.toFixed(1)} ms (${(ms / base).toFixed(1)}x baseline)`);
  }
  const offer = await getOffer(db, ws, offerId);
  console.log(
    `busiest offer: ${offer.stats.clicks} clicks, ${offer.stats.visits} visits, ${offer.stats.botClicks} bot clicks`,
  );
  // The same statement getOffer runs, with its plan.
  const plan = await queryRows<{ 'QUERY PLAN': string }>(
    db,
    sql`explain (analyze, costs off, timing off)
      with click_rows as (
        select lc.link_id, lc.is_bot, lc.clicked_at,
          lag(lc.clicked_at) over (partition by lc.link_id, lc.is_bot, lc.visitor_hash collate "C" order by lc.clicked_at) as prev
        from link_clicks lc where lc.link_id in (select id from share_links where workspace_id = ${ws} and offer_id = ${offerId})
      )
      select link_id, count(*) filter (where not is_bot and (prev is null or prev < clicked_at - interval '24 hours'))
      from click_rows group by link_id`,
  );
  console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
