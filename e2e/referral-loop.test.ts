// The whole referral loop in a browser, as a firm would live it: a promoter's task closed with
// "introduction promised" puts a referral on the board; the client's personal offer link, opened
// by a colleague in another browser, records a click and a claim; the claim is a referral credited
// to the client; winning it creates a thank-you task and shows the revenue on the client's page,
// on the offer's stats and (as a status in words) on the client's own referrer page.
import assert from 'node:assert/strict';
import {
  chooseOption,
  harborLaneOwner,
  label,
  screenshotsIn,
  serverForThisFile,
  waitForAppShell,
} from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.LOOP_SHOTS ?? '/tmp/loop-shots';

const owner = harborLaneOwner;

const shot = screenshotsIn(shots);

server.test(
  'from a promised introduction and a shared offer link to revenue on the referrer',
  async (e2e) => {
    const api = server.api();
    await api.ensureWorkspace(owner);
    const created = async (method: string, pathname: string, body: Record<string, unknown>) => {
      const res = await api.request<Record<string, unknown>>(method, pathname, body);
      assert.ok(res.status === 200 || res.status === 201, `${pathname}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const ana = (await created('POST', '/api/v1/contacts', {
      name: 'Ana Silva',
      email: 'ana@northwind.example',
      accountName: 'Northwind',
      preferredChannel: 'phone',
    })) as { id: string };
    await created('POST', '/api/v1/interactions', {
      contactId: ana.id,
      kind: 'meeting',
      summary: 'Year-end review',
    });
    await created('POST', '/api/v1/tasks', {
      contactId: ana.id,
      title: 'Ask Ana for an introduction to her former colleague',
      action: 'ask_introduction',
      dueOn: new Date().toISOString().slice(0, 10),
      channel: 'phone',
    });

    // 1. The promoter's task closed with "introduction promised".
    const { page } = await e2e.browser();
    await page.goto(`${e2e.url}/login`);
    await page.getByLabel(label('Email')).fill(owner.email);
    await page.getByLabel(label('Password')).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForAppShell(page);
    await page.goto(`${e2e.url}/today`);
    await page.getByRole('button', { name: /Ask Ana for an introduction/ }).click();
    const outcome = page.getByRole('form', { name: /Outcome of Ask Ana/ });
    await outcome.getByText('Yes, we talked').click();
    await chooseOption(page, outcome.getByLabel(label('Their answer')), 'Introduction promised');
    await outcome.getByLabel(label('Who will they introduce you to?')).fill('Jonas Berg');
    await outcome.getByRole('button', { name: 'Close task' }).click();
    await outcome.waitFor({ state: 'detached' });

    await page.goto(`${e2e.url}/referrals`);
    const newColumn = page.getByRole('region', { name: /^New: / });
    await newColumn.getByText('Jonas Berg').waitFor();

    // 2. Ana's personal link to an offer, opened by a colleague in a browser of their own.
    const offer = (await created('POST', '/api/v1/offers', {
      title: 'No-fee year-end tax review',
      type: 'assessment',
      headline: 'A free year-end tax review',
      body: 'Ninety minutes with a senior adviser.',
      afterClaim: 'We will write within one business day.',
      capacityTotal: 10,
    })) as { id: string };
    const issued = (await created('POST', `/api/v1/offers/${offer.id}/links`, { contactIds: [ana.id] })) as {
      links: { url: string }[];
    };
    const link = issued.links[0]!.url;
    assert.match(link, /\/r\/[a-z2-9]{16}$/);

    const colleague = await e2e.browser();
    // Headless Chromium says so in its user agent and would be counted as a bot; a person's browser does not.
    await colleague.page.setExtraHTTPHeaders({
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    });
    // The code is case-insensitive: a colleague who retypes it in capitals lands on the same offer.
    const typed = link.replace(/\/r\/(.+)$/, (_m, code: string) => `/r/${code.toUpperCase()}`);
    await colleague.page.goto(typed);
    await colleague.page.getByText(/Ana Silva from Northwind/).waitFor();
    await shot(colleague.page, 'landing');
    await colleague.page.getByLabel('Your name').fill('Clara Jensen');
    await colleague.page.getByLabel('Your email').fill('clara@fjord.example');
    await colleague.page.getByLabel('Company (optional)').fill('Fjord Analytics');
    await colleague.page.getByRole('checkbox').check();
    await colleague.page.getByRole('button', { name: 'Claim this offer' }).click();
    await colleague.page.getByText('We will write within one business day.').waitFor();
    await shot(colleague.page, 'claimed');

    // 3. The claim is a referral credited to Ana; it is won, with the value booked.
    await page.goto(`${e2e.url}/referrals`);
    const card = page.locator('[data-referral]').filter({ hasText: 'Clara Jensen' });
    await card.getByText('Ana Silva').waitFor();
    await card.getByRole('button', { name: 'Move Clara Jensen to…' }).click();
    await page.getByRole('menuitem', { name: 'Won' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Booked value/).fill('12000');
    await dialog.getByRole('button', { name: 'Mark as won' }).click();
    await page
      .getByRole('region', { name: /^Won: / })
      .getByText('Clara Jensen')
      .waitFor();
    await shot(page, 'board-won');

    // 4. A thank-you task for Ana, her page shows what she sent us, the offer its revenue.
    type Tasks = { title: string }[];
    const today = await api.request<{ overdue: Tasks; dueToday: Tasks; upcoming: Tasks }>(
      'GET',
      '/api/v1/tasks/today',
    );
    const titles = [...today.body.overdue, ...today.body.dueToday, ...today.body.upcoming]
      .map((t) => t.title)
      .join(' | ');
    assert.match(titles, /Thank Ana/, titles);

    await page.goto(`${e2e.url}/clients/people/${ana.id}`);
    await page.getByRole('heading', { name: 'Referrals sent' }).waitFor();
    await page.getByText('$12,000').first().waitFor();
    await shot(page, 'referrer-contact');

    const stats = await api.request<{ clicks: number; claims: number; won: number; revenue: number }>(
      'GET',
      `/api/v1/offers/${offer.id}`,
    );
    assert.equal(stats.status, 200);
    const body = JSON.stringify(stats.body);
    assert.match(body, /"clicks":1\b/, body);
    assert.match(body, /"won":1\b/, body);
    assert.match(body, /"revenue":12000\b/, body);

    const referrerPage = (await created('POST', `/api/v1/contacts/${ana.id}/referrer-page`, {})) as {
      url: string;
    };
    await colleague.page.goto(referrerPage.url);
    await colleague.page.getByText(/Clara J\./).waitFor();
    await colleague.page.getByText(/became a client/).waitFor();
    await shot(colleague.page, 'referrer-page');
  },
);
