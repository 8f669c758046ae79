// Offers in the browser: the empty list that teaches, the editor (an unknown merge field refused
// by name as it is typed, the live preview with sample names), the offer page's Links tab (links
// given through the contact picker, long names, copy buttons, revoke), pause with confirmation,
// the list with many offers, and the contact page's "Share links" card; at desktop and 375 px.
// Screenshots go to OFFER_SHOTS (default /tmp/offers-shots).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  harborLaneOwner,
  horizontalOverflow,
  label,
  serverForThisFile,
  signInAs,
} from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.OFFER_SHOTS ?? '/tmp/offers-shots';

const owner = harborLaneOwner;

const LONG_NAME = 'Maximiliana Alexandrovna Bartholomew-Fitzgeraldson de la Cruz';
const LONG_COMPANY = 'Northwind Intercontinental Logistics, Warehousing and Freight Forwarding Holdings';

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  // A toast fixed at the right edge widens the page while the viewport shrinks: let it go first.
  const toasts = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 5 && (await toasts.count()) > 0; i++) {
    await toasts.first().locator('button').click();
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Fails with the elements that stick out when the page scrolls sideways. */
async function assertNoOverflow(page: Page, where: string) {
  // Right after a viewport change the layouts that follow media queries re-render a moment later
  // (more so on a loaded machine); an overflow counts only if it is still there after that.
  let overflow = await horizontalOverflow(page);
  for (let tries = 0; overflow !== 0 && tries < 20; tries++) {
    await page.waitForTimeout(150);
    overflow = await horizontalOverflow(page);
  }
  if (overflow === 0) return;
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(-4)
      .map((el) => `${el.tagName}.${String(el.className).slice(0, 60)}: ${el.textContent?.slice(0, 40)}`),
  );
  assert.fail(`${where} scrolls sideways by ${overflow} px: ${wide.join(' | ')}`);
}

const signIn = (page: Page, url: string) => signInAs(page, url, owner);

server.test(
  'offers: empty list, editor with preview, links, pause, many offers, contact card',
  async (e2e) => {
    const api = server.api();
    await api.ensureWorkspace(owner);
    const ana = await api.request<{ id: string }>('POST', '/api/v1/contacts', {
      name: 'Ana Silva',
      email: 'ana@silva.example',
      kind: 'client',
      accountName: 'Silva Logistics',
    });
    const longOne = await api.request<{ id: string }>('POST', '/api/v1/contacts', {
      name: LONG_NAME,
      email: 'maximiliana@northwind.example',
      kind: 'partner',
      accountName: LONG_COMPANY,
    });
    await api.request('POST', '/api/v1/contacts', { name: 'Pete Prospect', kind: 'prospect' });
    assert.equal(ana.status, 201);
    assert.equal(longOne.status, 201);

    const { page } = await e2e.browser();
    await signIn(page, e2e.url);

    // The empty list says what an offer is for and how to start.
    await page.getByRole('link', { name: 'Offers', exact: true }).click();
    await page.getByText('No offers running.').waitFor();
    await page.getByRole('link', { name: 'Create the first offer' }).waitFor();
    await shot(page, 'offers-empty-desktop');
    await page.setViewportSize({ width: 375, height: 800 });
    await assertNoOverflow(page, 'on the empty list');
    await shot(page, 'offers-empty-375');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The editor: an unknown merge field is named as it is typed; the preview fills sample names.
    await page.getByRole('link', { name: 'Create the first offer' }).click();
    await page.getByLabel(label('Title')).fill('No-fee <b>cloud cost</b> assessment');
    await page.getByLabel(label('Capacity in total')).fill('20');
    await page.getByLabel(label('Per referrer')).fill('30');
    await page.getByText('Cannot exceed the total capacity').waitFor();
    await page.getByLabel(label('Per referrer')).fill('5');
    await page
      .getByLabel(label('Body'))
      .fill('Two hours with a senior engineer on your cloud bill.\nYou keep the savings.');
    const message = page.getByLabel(label('Short message'));
    await message.fill('Hi {{colleague.frstName}}, try {{offer.title}}: ');
    await page.getByText('Unknown merge field {{colleague.frstName}}', { exact: false }).first().waitFor();
    await message.fill('Hi {{colleague.firstName}}, {{referrer.firstName}} here. Try {{offer.title}}: ');
    await message.evaluate((el: HTMLTextAreaElement) =>
      el.setSelectionRange(el.value.length, el.value.length),
    );
    await page.getByRole('button', { name: 'Insert Their personal link' }).click();
    assert.match(await message.inputValue(), /\{\{link\}\}$/);
    await page.getByText('Ana Silva from Northwind Traders thought this could help you').waitFor();
    await page.getByRole('heading', { name: 'No-fee <b>cloud cost</b> assessment' }).waitFor();
    await shot(page, 'offer-editor-landing-desktop');
    await page.getByRole('tab', { name: 'Wording' }).click();
    await page
      .getByText('Hi Sam, Ana here. Try No-fee <b>cloud cost</b> assessment:', { exact: false })
      .waitFor();
    await shot(page, 'offer-editor-wording-desktop');
    await page.setViewportSize({ width: 375, height: 800 });
    await assertNoOverflow(page, 'in the editor');
    await shot(page, 'offer-editor-375');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Create offer' }).click();
    await page.getByRole('heading', { name: 'No-fee <b>cloud cost</b> assessment' }).first().waitFor();
    await page.getByText('No one has a link yet.', { exact: false }).waitFor();

    // Links through the contact picker: a prospect is refused by name, clients and partners get one.
    const picker = page.getByLabel(label('Referrer'));
    for (const name of ['Pete Prospect', 'Ana Silva', 'Maximiliana']) {
      await picker.fill(name);
      await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    }
    await page.getByRole('button', { name: 'Create 3 links' }).click();
    await page.getByText('No links were created. Pete Prospect: a prospect', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Remove Pete Prospect' }).click();
    await page.getByRole('button', { name: 'Create 2 links' }).click();
    await page.getByText('2 new links.').waitFor();
    await page.getByRole('link', { name: LONG_NAME }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Copy message' }).count(), 2);
    assert.equal(await page.getByRole('button', { name: 'Copy email' }).count(), 2);
    await shot(page, 'offer-links-desktop');
    await page.setViewportSize({ width: 375, height: 800 });
    await assertNoOverflow(page, 'on the Links tab');
    await shot(page, 'offer-links-375');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Clicks through the public link: a person's three clicks are one unique visit; a crawler apart.
    const links = await api.request<{ links: { url: string; referrer: { name: string } }[] }>(
      'GET',
      `/api/v1/contacts/${longOne.body.id}/share-links`,
    );
    const url = links.body.links[0]!.url;
    const person = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36';
    const crawler = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    for (const agent of [person, person, person, crawler]) {
      const res = await fetch(url, { redirect: 'manual', headers: { 'user-agent': agent } });
      assert.ok(res.status >= 300 && res.status < 400, `the share link answered ${res.status}`);
    }
    const offerId = new URL(page.url()).pathname.split('/').pop();
    const stats = await api.request<{ stats: { clicks: number; visits: number; botClicks: number } }>(
      'GET',
      `/api/v1/offers/${offerId}`,
    );
    assert.deepEqual(
      { clicks: stats.body.stats.clicks, visits: stats.body.stats.visits, bots: stats.body.stats.botClicks },
      { clicks: 3, visits: 1, bots: 1 },
    );
    await page.reload();
    await page.getByText('3 clicks · 1 unique', { exact: false }).waitFor();

    // Revoke with confirmation: the row moves to the revoked links.
    await page.getByRole('button', { name: 'Link actions for Ana Silva' }).click();
    await page.getByRole('menuitem', { name: 'Revoke…' }).click();
    await page.getByRole('button', { name: 'Revoke link' }).click();
    await page.getByText('Ana Silva’s link no longer works', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Show 1 revoked link' }).waitFor();

    // Pause with confirmation.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Pause…' }).click();
    await page.getByRole('button', { name: 'Pause offer' }).click();
    await page.getByText('Paused: links still open the page', { exact: false }).waitFor();

    // Claims and stats tabs teach what will appear.
    await page.getByRole('tab', { name: /Claims/ }).click();
    await page.getByText('No claims yet.', { exact: false }).waitFor();
    await page.getByRole('tab', { name: 'Stats' }).click();
    await page.getByText('By referrer').waitFor();
    await shot(page, 'offer-stats-desktop');

    // Many offers, some with long titles, paused and archived ones.
    const types = ['assessment', 'extra_service', 'event_invitation', 'resource', 'discount', 'custom'];
    for (let i = 1; i <= 12; i++) {
      const made = await api.request<{ id: string }>('POST', '/api/v1/offers', {
        title:
          i % 4 === 0
            ? `Quarterly roundtable for finance leaders on closing the books faster, edition ${i}`
            : `Offer number ${i}`,
        type: types[i % types.length],
        capacityTotal: i % 3 === 0 ? null : i * 10,
        startsOn: '2026-11-01',
        endsOn: i % 2 ? '2027-06-30' : null,
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      if (i % 5 === 0) await api.request('POST', `/api/v1/offers/${made.body.id}/pause`);
      if (i % 6 === 0) await api.request('DELETE', `/api/v1/offers/${made.body.id}`);
    }
    await page.goto(`${e2e.url}/offers`);
    await page.getByRole('link', { name: 'Offer number 1', exact: true }).first().waitFor();
    await shot(page, 'offers-many-desktop');
    await page.locator('label', { hasText: /^All$/ }).click();
    await page.getByText('Archived', { exact: true }).first().waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    await assertNoOverflow(page, 'on the list');
    await shot(page, 'offers-many-375');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The contact card: their links with copy buttons, and a link for another offer.
    await page.goto(`${e2e.url}/clients/people/${longOne.body.id}`);
    await page.getByRole('heading', { name: 'Share links' }).waitFor();
    await page.getByRole('button', { name: 'Copy message' }).first().waitFor();
    await chooseOption(page, page.getByLabel(label('Get a link for an offer')), 'Offer number 1', {
      exact: true,
    });
    await page.getByRole('button', { name: 'Get link' }).click();
    await page.getByText(`${LONG_NAME} has a personal link`, { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Offer number 1', exact: true }).waitFor();
    await shot(page, 'contact-share-links-desktop');
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, 'contact-share-links-375');
    await page
      .locator('.mantine-Card-root', { has: page.getByRole('heading', { name: 'Share links' }) })
      .screenshot({ path: path.join(shots, 'contact-share-links-card-375.png') });
    await assertNoOverflow(page, 'the contact page');
  },
);
