// The referrer's page end to end: a client with several offers and referrals gets a page from
// their contact page, opens it (desktop and phone width, copy buttons), and the partner balance
// and testimonials pages go from empty to filled.
import assert from 'node:assert/strict';
import path from 'node:path';
import { horizontalOverflow, label, screenshotsIn, serverForThisFile, waitForAppShell } from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.REFERRER_SHOTS ?? path.join(import.meta.dirname, 'screenshots');

const owner = {
  firmName: 'Harbour & Finch Advisory',
  name: 'Clara Finch',
  email: 'clara@harbourfinch.example',
  password: 'maple-harbour-5512',
};

const shot = screenshotsIn(shots);

server.test('a referrer page with offers and referrals; partners and testimonials pages', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);
  const post = async <T>(url: string, body?: unknown, status = 201) => {
    const res = await api.request<T>('POST', url, body);
    assert.equal(res.status, status, `${url}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const { page } = await e2e.browser();
  await page.goto(`${e2e.url}/login`);
  await page.getByLabel(label('Email')).fill(owner.email);
  await page.getByLabel(label('Password')).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForAppShell(page);

  // Empty states first.
  await page.getByRole('link', { name: 'Partners', exact: true }).click();
  await page.getByText('No partners yet').waitFor();
  await shot(page, 'partners-empty');
  await page.getByRole('link', { name: 'Testimonials', exact: true }).click();
  await page.getByText('No testimonials yet').waitFor();
  await shot(page, 'testimonials-empty');

  const referrer = await post<{ id: string }>('/api/v1/contacts', {
    name: 'Maximiliana Alexandrina Worthington-Fairweather',
    email: 'maximiliana@northwind-global-logistics.example',
    kind: 'client',
    accountName: 'Northwind Global Logistics & Supply Chain Holdings',
  });
  const partner = await post<{ id: string }>('/api/v1/contacts', {
    name: 'Priya Raman',
    email: 'priya@ledgerlane.example',
    kind: 'partner',
    accountName: 'Ledger & Lane Accountants',
  });
  await post('/api/v1/contacts', { name: 'Tomás Quiet', kind: 'partner' });
  for (const offer of [
    {
      title: 'A no-fee IT security assessment for your colleagues’ companies',
      type: 'assessment',
      description:
        'Two hours with a senior consultant, a written summary of the five biggest risks, and no sales pitch.',
      terms: 'One per company.',
      shareMessage:
        'Hi {{colleague.firstName}}, {{referrer.firstName}} here. Harbour & Finch did a security review for us and it was genuinely useful. They offer one free to people I know: {{link}}',
      shareEmailSubject: '{{offer.title}}',
      shareEmailBody:
        'Hi {{colleague.firstName}},\n\nWe worked with Harbour & Finch last year and they found things nobody else had. They offer a no-fee assessment to people I recommend:\n\n{{link}}\n\nBest,\n{{referrer.name}}',
    },
    {
      title: 'Breakfast briefing: what the new data rules mean for logistics',
      type: 'event_invitation',
      shareMessage: 'Thought of you for this breakfast briefing: {{link}}',
      endsOn: '2099-12-31',
    },
    { title: 'Year-end tax checklist', type: 'resource' },
  ]) {
    await post('/api/v1/offers', offer);
  }
  const referrals: [string, string | null, number | null][] = [
    ['Bartholomew Konstantinopoulos-Smythe', 'won', 48_000],
    ['Ana Silva', 'meeting_held', null],
    ['<i>Jo</i> Tester', null, null],
    ['Carla Mendonça', 'lost', null],
  ];
  for (const [name, status, booked] of referrals) {
    const r = await post<{ id: string }>('/api/v1/referrals', {
      kind: 'introduction',
      source: 'client',
      referrerContactId: referrer.id,
      prospectName: name,
      expectedValue: 30_000,
      note: 'internal note',
    });
    if (status)
      await post(
        `/api/v1/referrals/${r.id}/move`,
        {
          status,
          ...(status === 'lost' && { reason: 'Chose another firm' }),
          ...(booked && { bookedValue: booked }),
        },
        200,
      );
  }
  for (const status of ['won', null]) {
    const r = await post<{ id: string }>('/api/v1/referrals', {
      kind: 'recommendation',
      source: 'partner',
      referrerContactId: partner.id,
      prospectName: 'Someone from Priya',
    });
    if (status) await post(`/api/v1/referrals/${r.id}/move`, { status, bookedValue: 12_500 }, 200);
  }

  // The contact page: make the page, see the link.
  await page.goto(`${e2e.url}/clients/people/${referrer.id}`);
  await page.getByRole('heading', { name: 'Referrer page' }).waitFor();
  await page.getByRole('button', { name: 'Make their page' }).click();
  const address = page.getByLabel('Address of the referrer page');
  await address.waitFor();
  const url = await address.inputValue();
  assert.match(url, /\/p\/[A-Za-z0-9_-]{44}$/);
  await page.getByText('3 of 3 active offers with a link').waitFor();

  // A testimonial from the card.
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel(label('Their words'))
    .fill('They found the three risks our auditors had missed, and explained them so our board understood.');
  await dialog.getByLabel(label('About')).fill('Security review, 2026');
  await dialog.getByLabel('They allow us to publish it').check();
  await dialog.getByLabel(label('Credit them as')).fill('Maximiliana W., COO, Northwind');
  await dialog.getByRole('button', { name: 'Add testimonial' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('blockquote').getByText('They found the three risks').waitFor();
  await shot(page, 'contact-referrer-cards');

  // The public page, desktop then phone.
  const publicPage = (await e2e.browser()).page;
  await publicPage.goto(url);
  await publicPage.getByRole('heading', { name: /Hi Maximiliana/ }).waitFor();
  const text = await publicPage.locator('body').innerText();
  assert.ok(text.includes('Bartholomew K.') && !text.includes('Konstantinopoulos'));
  assert.ok(text.includes('became a client — thank you!'));
  assert.ok(!text.includes('48') && !text.includes('internal note'));
  assert.ok(text.includes('<i>Jo</i> T.'), 'HTML in a name is shown as text');
  const copy = publicPage.getByRole('button', { name: 'Copy' }).first();
  await copy.waitFor();
  await copy.click();
  await publicPage.waitForFunction(() =>
    [...document.querySelectorAll('button[data-copy]')].some((b) => b.textContent !== 'Copy'),
  );
  await shot(publicPage, 'referrer-page-desktop');
  const phone = (await e2e.browser({ width: 375, height: 800 })).page;
  await phone.goto(url);
  await phone.getByRole('heading', { name: /Hi Maximiliana/ }).waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'no sideways scrolling at 375 px');
  await shot(phone, 'referrer-page-375');

  // Partner: log a client we sent, from the partner's page.
  await page.goto(`${e2e.url}/clients/people/${partner.id}`);
  await page.getByRole('heading', { name: 'Partner', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Log a client we sent' }).click();
  const log = page.getByRole('dialog');
  await log.getByText('Someone else').click();
  await log.getByLabel(label('Name')).fill('Oskar Lindqvist-Ferreira');
  await log.getByLabel(label('For what')).fill('a shareholder agreement and the year-end accounts');
  await log.getByRole('button', { name: 'Log referral' }).click();
  await log.waitFor({ state: 'hidden' });
  await page.getByText('Oskar Lindqvist-Ferreira', { exact: true }).waitFor();
  await shot(page, 'contact-partner-card');

  await page.getByRole('link', { name: 'Partners', exact: true }).click();
  await page.getByRole('link', { name: 'Priya Raman' }).waitFor();
  await shot(page, 'partners-filled');
  await page.getByRole('link', { name: 'Testimonials', exact: true }).click();
  await page.getByText('Security review, 2026', { exact: false }).waitFor();
  await shot(page, 'testimonials-filled');
  const narrow = (await e2e.browser({ width: 375, height: 800 })).page;
  await narrow.goto(`${e2e.url}/login`);
  await narrow.getByLabel(label('Email')).fill(owner.email);
  await narrow.getByLabel(label('Password')).fill(owner.password);
  await narrow.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForAppShell(narrow).catch(() => {});
  await narrow.goto(`${e2e.url}/clients/people/${referrer.id}`);
  await narrow.getByRole('heading', { name: 'Referrer page' }).waitFor();
  await shot(narrow, 'contact-referrer-cards-375');
  await narrow.goto(`${e2e.url}/partners`);
  await narrow.getByRole('link', { name: 'Priya Raman' }).waitFor();
  await shot(narrow, 'partners-375');
});
