// Referrals in the browser: the empty board teaches what to do; with about sixty referrals (long
// names included) a card is dragged to another stage, another is moved to "lost" through its menu
// (the reason is asked for), the list filters by kind, the referral page shows its history, and
// the referrer's page shows what they sent. Desktop and 375 px. Screenshots go to REFERRALS_SHOTS
// (default /tmp/referrals-shots).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  harborLaneOwner,
  horizontalOverflow,
  label,
  screenshotsIn,
  serverForThisFile,
  signInAs,
} from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.REFERRALS_SHOTS ?? '/tmp/referrals-shots';

const owner = harborLaneOwner;

const shot = screenshotsIn(shots);

const signIn = (page: Page, url: string) => signInAs(page, url, owner);

const statuses = ['new', 'contacted', 'meeting_held', 'qualified', 'proposal', 'won', 'lost'] as const;

server.test('referrals: board, moves, list, referral page and the referrer’s card', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);

  const desktop = await e2e.browser({ width: 1400, height: 900 });
  await signIn(desktop.page, e2e.url);
  await desktop.page.goto(`${e2e.url}/referrals`);
  await desktop.page.getByText('No referrals yet').waitFor();
  await shot(desktop.page, 'board-empty-desktop');
  const phone = await e2e.browser({ width: 375, height: 800 });
  await signIn(phone.page, e2e.url);
  await phone.page.goto(`${e2e.url}/referrals`);
  await phone.page.getByText('No referrals yet').waitFor();
  await shot(phone.page, 'board-empty-375');

  const contact = async (body: Record<string, unknown>) => {
    const res = await api.request<{ id: string }>('POST', '/api/v1/contacts', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };
  const ana = await contact({
    name: 'Ana Silva',
    email: 'ana@northwind.example',
    accountName: 'Northwind Logistics',
  });
  const long = await contact({
    name: 'Maximiliane Alexandra von Hohenberg-Wittelsbach',
    accountName: 'Hohenberg-Wittelsbach Family Office & Private Wealth Partners',
  });
  const ben = await contact({ name: 'Ben Okafor', kind: 'partner', accountName: 'Okafor Legal' });
  const referrers = [ana, long, ben];
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const kind = i % 3 === 0 ? 'recommendation' : 'introduction';
    const res = await api.request<{ id: string }>('POST', '/api/v1/referrals', {
      kind,
      source: referrers[i % 3] === ben ? 'partner' : 'client',
      referrerContactId: referrers[i % 3],
      prospectName:
        i % 7 === 0
          ? `Bartholomew Constantine Fitzgerald-Montgomery the ${i}th of Westminster`
          : kind === 'recommendation' && i % 2 === 0
            ? null
            : `Prospect Person ${i}`,
      prospectCompany: undefined,
      expectedValue: 1000 * ((i % 9) + 1),
      referredAt: new Date(Date.now() - i * 86_400_000).toISOString(),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids.push(res.body.id);
    const status = statuses[i % 7]!;
    if (status !== 'new') {
      const moved = await api.request('POST', `/api/v1/referrals/${res.body.id}/move`, {
        status,
        ...(status === 'lost' && { reason: 'Went with an in-house team after a long evaluation of options' }),
        ...(status === 'won' && { bookedValue: 2500 * ((i % 4) + 1) }),
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
    }
  }

  // The board with many cards: columns scroll sideways, the page itself does not.
  const page = desktop.page;
  await page.goto(`${e2e.url}/referrals`);
  const newColumn = page.getByRole('region', { name: /^New: / });
  await newColumn.waitFor();
  await shot(page, 'board-desktop');
  assert.equal(await horizontalOverflow(page), 0);

  // Drag a card from New to Contacted.
  const card = newColumn.locator('[data-referral]').first();
  const cardId = await card.getAttribute('data-referral');
  // Both ends in view before the drag starts, so nothing scrolls under the pointer.
  await page.evaluate(() => window.scrollTo(0, 0));
  await card.dragTo(page.getByRole('region', { name: /^Contacted: / }), {
    sourcePosition: { x: 40, y: 70 },
    targetPosition: { x: 60, y: 30 },
  });
  await page
    .getByRole('region', { name: /^Contacted: / })
    .locator(`[data-referral="${cardId}"]`)
    .waitFor();

  // Move another to lost with its menu: the reason is asked for.
  const second = page
    .getByRole('region', { name: /^New: / })
    .locator('[data-referral]')
    .first();
  await second.getByRole('button', { name: /^Move .* to…$/ }).click();
  await page.getByRole('menuitem', { name: 'Lost' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await dialog.getByText('Say why it was lost').waitFor();
  await shot(page, 'board-lost-reason-desktop');
  await dialog.getByLabel(label('Why was it lost?')).fill('They postponed the project to next year');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await phone.page.goto(`${e2e.url}/referrals`);
  await phone.page.getByRole('region', { name: /^New: / }).waitFor();
  await shot(phone.page, 'board-375');
  assert.equal(await horizontalOverflow(phone.page), 0);

  // The list, filtered to introductions, with totals.
  await page.goto(`${e2e.url}/referrals/list?kind=introduction`);
  await page
    .getByText(/Expected/)
    .first()
    .waitFor();
  await page.getByRole('table').waitFor();
  await shot(page, 'list-desktop');
  await phone.page.goto(`${e2e.url}/referrals/list`);
  await phone.page
    .getByText(/Expected/)
    .first()
    .waitFor();
  await shot(phone.page, 'list-375');
  assert.equal(await horizontalOverflow(phone.page), 0);

  // A referral page with its history and the thank-you task created at "won".
  const wonId = ids[5]!;
  await page.goto(`${e2e.url}/referrals/${wonId}`);
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await page
    .getByText(/^Thank .* \(won\)$/)
    .first()
    .waitFor();
  await shot(page, 'referral-desktop');
  await phone.page.goto(`${e2e.url}/referrals/${wonId}`);
  await phone.page.getByRole('heading', { name: 'History' }).waitFor();
  await shot(phone.page, 'referral-375');
  assert.equal(await horizontalOverflow(phone.page), 0);

  // The referrer's page: everything they sent us.
  await page.goto(`${e2e.url}/clients/people/${long}`);
  await page.getByRole('heading', { name: 'Referrals sent' }).waitFor();
  await page.getByText(/^All 20 referrals from/).waitFor();
  await shot(page, 'contact-card-desktop');
  await phone.page.goto(`${e2e.url}/clients/people/${long}`);
  await phone.page.getByRole('heading', { name: 'Referrals sent' }).scrollIntoViewIfNeeded();
  await shot(phone.page, 'contact-card-375');
  assert.equal(await horizontalOverflow(phone.page), 0);

  // Intake: "How did you hear about us?" credits the referrer.
  await page.goto(`${e2e.url}/referrals`);
  await page.getByRole('button', { name: 'How did you hear about us?' }).click();
  const intake = page.getByRole('dialog');
  await intake.getByLabel(label('Name')).fill('Walter Walk-In');
  await intake.getByLabel(label('Who referred them')).fill('Ana');
  await page.getByRole('option', { name: /Ana Silva/ }).click();
  await intake.getByLabel(label('What they said')).fill('Ana said you rescued her audit');
  await shot(page, 'intake-desktop');
  await intake.getByRole('button', { name: 'Record and credit' }).click();
  await page.getByRole('heading', { name: 'Walter Walk-In' }).waitFor();
  await page.getByText('“Ana said you rescued her audit”').waitFor();

  // Insights → Referrals.
  await page.goto(`${e2e.url}/insights/referrals`);
  await page.getByText('Top referrers').waitFor();
  await shot(page, 'insights-desktop');
  await phone.page.goto(`${e2e.url}/insights/referrals`);
  await phone.page.getByText('Top referrers').waitFor();
  await shot(phone.page, 'insights-375');

  // Console lines about resources (the session check before sign-in answers 401) are not errors of the page.
  assert.deepEqual(
    [...desktop.problems, ...phone.problems].filter((p) => p.startsWith('page error')),
    [],
  );
});
