// The public side of offers in a real browser: a share link followed to the landing page (desktop
// and phone width), a claim and its confirmation, the interest page of a full offer, an archived
// offer's "ended" page and an unknown code's 404. The server runs on a data directory seeded with
// the offers first (the offers admin has its own tests). Screenshots go to OFFER_SHOTS (default
// /tmp/offers-public-shots).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedOfferWithLink } from '../src/features/claims/test-fixtures.ts';
import { createWorkspace } from '../src/features/workspace/create-workspace.ts';
import { startServerProcess, tempDir, waitForExit } from '../src/test/process.ts';
import { horizontalOverflow, openBrowser, screenshotsIn } from './helpers.ts';

const shots = process.env.OFFER_SHOTS ?? '/tmp/offers-public-shots';

const shot = screenshotsIn(shots);

test('share link, landing page, claim, interest, ended and unknown pages', { timeout: 240_000 }, async () => {
  const dir = tempDir('warmpath-e2e-offers-');
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  let codes: { open: string; full: string; archived: string };
  try {
    await migrateDatabase(database);
    const { workspace, owner } = await createWorkspace(database.db, {
      firmName: 'Harbor & Lane Advisory',
      owner: { name: 'Maya Lindqvist', email: 'maya@harborlane.example', password: 'maple-harbour-5512' },
    });
    const open = await seedOfferWithLink(database.db, workspace.id, {
      offer: {
        title: 'No-fee cloud cost assessment',
        headline: 'A free look at your cloud bill, with a senior engineer',
        body:
          'Two hours with one of our senior engineers, going through your cloud bill line by line.\n\n' +
          'Most teams we meet save 20 to 30 percent in the first quarter. You keep the report either way.',
        terms: 'One assessment per company. Offered to companies with a monthly cloud spend above 5,000 EUR.',
        afterClaim: 'Maya will write to you within one business day to find two hours that suit you.',
        startsOn: '2026-11-01',
        endsOn: '2099-03-31',
        ownerMemberId: owner.id,
      },
      referrer: { name: 'Ana Silva', company: 'Northwind Logistics' },
    });
    const full = await seedOfferWithLink(database.db, workspace.id, {
      offer: {
        title: 'Year-end workshop',
        headline: 'A seat at our year-end planning workshop',
        capacityTotal: 1,
      },
      referrer: {
        name: 'Maximiliane Alexandra von Hohenberg-Wittelsbach',
        company: 'Hohenberg-Wittelsbach Family Office & Private Wealth Partners',
      },
    });
    await database.db.execute(
      sql`insert into offer_claims (workspace_id, offer_id, link_id, name, email, consent_at, outcome)
          values (${workspace.id}, ${full.offer.id}, ${full.link.id}, 'Earlier', 'earlier@x.example', now(), 'accepted')`,
    );
    const archived = await seedOfferWithLink(database.db, workspace.id, {
      offer: { title: 'Summer security review', headline: 'Summer security review', status: 'archived' },
    });
    codes = { open: open.link.code, full: full.link.code, archived: archived.link.code };
  } finally {
    await database.close();
  }

  const server = await startServerProcess({ WARMPATH_DATA_DIR: dir, PUBLIC_URL: 'http://warmpath.example' });
  try {
    const desktop = await openBrowser({ width: 1280, height: 900 });
    const phone = await openBrowser({ width: 375, height: 812 });
    try {
      // The share link, followed as a visitor would (upper case, as someone might retype it).
      await desktop.page.goto(`${server.url}/r/${codes.open.toUpperCase()}`);
      assert.equal(new URL(desktop.page.url()).pathname, `/o/${codes.open}`);
      await desktop.page
        .getByText('Ana Silva from Northwind Logistics thought this could help you.')
        .waitFor();
      await shot(desktop.page, '01-landing-desktop');

      await phone.page.goto(`${server.url}/r/${codes.open}`);
      await phone.page.getByRole('heading', { name: /A free look at your cloud bill/ }).waitFor();
      assert.equal(await horizontalOverflow(phone.page), 0);
      await shot(phone.page, '02-landing-375');

      // A claim from the phone.
      await phone.page.getByLabel('Your name').fill('Bruno Costa');
      await phone.page.getByLabel('Your email').fill('bruno@costa-freight.example');
      await phone.page.getByLabel('Company (optional)').fill('Costa Freight');
      await phone.page
        .getByLabel('Anything we should know? (optional)')
        .fill('Our AWS bill doubled this year.');
      await phone.page.getByRole('checkbox').check();
      await phone.page.getByRole('button', { name: 'Claim this offer' }).click();
      await phone.page.getByRole('heading', { name: 'Thank you, Bruno' }).waitFor();
      assert.equal(await horizontalOverflow(phone.page), 0);
      await shot(phone.page, '03-confirmation-375');

      // An error the browser cannot catch (the address is well-formed but consent was removed).
      await phone.page.goto(`${server.url}/o/${codes.open}`);
      await phone.page.getByLabel('Your name').fill('No Consent');
      await phone.page.getByLabel('Your email').fill('no-consent@example.com');
      await phone.page.evaluate(() => {
        for (const el of document.querySelectorAll('[required]')) el.removeAttribute('required');
      });
      await phone.page.getByRole('button', { name: 'Claim this offer' }).click();
      await phone.page.getByRole('alert').waitFor();
      await shot(phone.page, '04-error-375');

      // A full offer: the form becomes "leave your details", and the claim is kept as interest.
      await phone.page.goto(`${server.url}/r/${codes.full}`);
      await phone.page.getByText('All places for this offer have been taken').waitFor();
      assert.equal(await horizontalOverflow(phone.page), 0);
      await shot(phone.page, '05-full-offer-375');
      await phone.page.getByLabel('Your name').fill('Chloé Martin');
      await phone.page.getByLabel('Your email').fill('chloe@example.com');
      await phone.page.getByRole('checkbox').check();
      await phone.page.getByRole('button', { name: 'Send my details' }).click();
      await phone.page.getByText('so we have noted your interest').waitFor();
      await shot(phone.page, '06-interest-375');

      // An archived offer and an unknown code.
      const ended = await desktop.page.goto(`${server.url}/r/${codes.archived}`);
      assert.equal(ended?.status(), 410);
      await desktop.page.getByRole('heading', { name: 'This offer has ended' }).waitFor();
      await shot(desktop.page, '07-ended-desktop');
      const unknown = await phone.page.goto(`${server.url}/r/nosuchcode23456`);
      assert.equal(unknown?.status(), 404);
      await phone.page.getByRole('heading', { name: 'This link does not work' }).waitFor();
      await shot(phone.page, '08-unknown-375');
      // The 404, 410 and 400 pages above are answers, not errors of the page.
      const problems = [...desktop.problems, ...phone.problems].filter(
        (p) => !p.includes('Failed to load resource'),
      );
      assert.deepEqual(problems, []);
    } finally {
      await desktop.close();
      await phone.close();
    }
  } finally {
    server.child.kill('SIGTERM');
    await waitForExit(server.child);
  }

  const check = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    const [counts] = await queryRows<{ clicks: number; claims: number; referrals: number }>(
      check.db,
      sql`select (select count(*)::int from link_clicks) as clicks,
                 (select count(*)::int from offer_claims) as claims,
                 (select count(*)::int from referrals) as referrals`,
    );
    // Clicks: the open link twice, the full one once, the archived one once.
    assert.deepEqual(counts, { clicks: 4, claims: 3, referrals: 1 });
  } finally {
    await check.close();
  }
});
