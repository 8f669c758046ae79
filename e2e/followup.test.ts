// Today and Insights: a member sees overdue work first, opens a task in place, reads why and the
// script, closes it with an outcome (the prospect's name is required for a promised introduction),
// snoozes another; a teammate with nothing due sees the empty state; the manager view shows the
// coverage numbers. Screenshots go to FOLLOWUP_SHOTS (default /tmp/tasks-shots).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  harborLaneOwner,
  horizontalOverflow,
  label,
  screenshotsIn,
  serverForThisFile,
  signInAs,
  waitForPath,
} from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.FOLLOWUP_SHOTS ?? '/tmp/tasks-shots';

const owner = harborLaneOwner;

function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

const shot = screenshotsIn(shots);

const signIn = (page: Page, url: string, email: string, password: string) =>
  signInAs(page, url, { email, password });

server.test('Today: overdue first, closed in place with an outcome; Insights shows coverage', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);
  const contact = async (body: Record<string, unknown>) => {
    const res = await api.request<{ id: string }>('POST', '/api/v1/contacts', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };
  const ana = await contact({ name: 'Ana Silva', accountName: 'Silva Logistics', preferredChannel: 'phone' });
  const long = await contact({
    name: 'Maximiliane Alexandra von Hohenberg-Wittelsbach',
    accountName: 'Hohenberg-Wittelsbach Family Office & Private Wealth Partners',
    preferredChannel: 'email',
  });
  const ben = await contact({ name: 'Ben Okafor', accountName: 'Okafor Builders' });
  await api.request('POST', '/api/v1/interactions', {
    contactId: ana,
    kind: 'meeting',
    summary: 'Quarterly review',
  });
  const task = async (body: Record<string, unknown>) => {
    const res = await api.request<{ id: string }>('POST', '/api/v1/tasks', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };
  await task({
    contactId: ana,
    title: 'Ask Ana for an introduction to her former colleague at Nordhavn',
    action: 'ask_introduction',
    dueOn: day(-3),
    channel: 'phone',
    reason: 'Promoter (10): “The migration went better than we dared hope. Ana told the board.”',
    script:
      'Hi Ana, thank you again for the kind words about the migration. You mentioned your former colleague at Nordhavn is facing the same move: would you be comfortable introducing us?',
  });
  await task({
    contactId: long,
    title:
      'Thank Maximiliane for the 9 and ask what would make it a 10, then note anything she says about the next phase',
    action: 'thank',
    dueOn: day(0),
    reason: 'Promoter (9), no comment left.',
  });
  await task({ contactId: ben, title: 'Call Ben about the site visit delay', action: 'call', dueOn: day(0) });
  await task({ contactId: ben, title: 'Send Ben the assessment offer', action: 'send_offer', dueOn: day(4) });

  const { page } = await e2e.browser();
  await signIn(page, e2e.url, owner.email, owner.password);
  await page.goto(`${e2e.url}/today`);
  await page.getByRole('heading', { level: 2, name: 'Overdue' }).waitFor({ state: 'visible' });
  await shot(page, 'today-desktop');

  // Open the overdue task in place with the keyboard.
  const row = page.getByRole('button', { name: /Ask Ana for an introduction/ });
  await row.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Suggested words').waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Copy the script' }).waitFor({ state: 'visible' });
  await shot(page, 'today-expanded');

  const outcome = page.getByRole('form', { name: /Outcome of Ask Ana/ });
  await outcome.getByText('Yes, we talked').click();
  await chooseOption(page, outcome.getByLabel(label('Their answer')), 'Introduction promised');
  await outcome.getByRole('button', { name: 'Close task' }).click();
  await outcome
    .getByText('Who will they introduce you to?', { exact: false })
    .first()
    .waitFor({ state: 'visible' });
  await shot(page, 'today-outcome-error');
  await outcome.getByLabel(label('Who will they introduce you to?')).fill('Jonas Berg');
  await outcome.getByLabel(label('Note')).fill('She will email Jonas this week and copy me.');
  await outcome.getByRole('button', { name: 'Close task' }).click();
  await page.getByText('Task closed').waitFor({ state: 'visible' });
  await page.getByRole('heading', { level: 2, name: 'Overdue' }).waitFor({ state: 'detached' });

  // Snooze Ben's call with a reason.
  await page.getByRole('button', { name: /Call Ben about the site visit delay/ }).click();
  await page.getByRole('button', { name: 'Snooze' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label('Why')).fill('Ben is on holiday until Thursday');
  await shot(page, 'today-snooze');
  await dialog.getByRole('button', { name: 'Snooze' }).click();
  await page.getByText('Snoozed', { exact: true }).waitFor({ state: 'visible' });
  await shot(page, 'today-after');

  // The contact page lists the open follow-ups.
  await page.goto(`${e2e.url}/clients/people/${ben}`);
  await page.getByRole('heading', { name: 'Open follow-ups' }).waitFor({ state: 'visible' });
  await page.getByText('Send Ben the assessment offer').waitFor({ state: 'visible' });
  await shot(page, 'contact-tasks');

  // The manager view.
  await page.goto(`${e2e.url}/insights`);
  await page.getByText('Promoters followed up').waitFor({ state: 'visible' });
  await page.getByRole('button', { name: /Set goals for Maya/ }).click();
  const goals = page.getByRole('dialog');
  await goals.getByLabel(label('Asks made')).fill('8');
  await goals.getByLabel(label('Introductions received')).fill('2');
  await goals.getByRole('button', { name: 'Save goals' }).click();
  await page.getByText('1 / 8').waitFor({ state: 'visible' });
  await shot(page, 'insights-desktop');
  await page.getByRole('tab', { name: 'NPS' }).click();
  await waitForPath(page, '/insights/nps');
  await page.waitForTimeout(1500);
  await shot(page, 'insights-nps');

  // Phone width.
  const phone = await e2e.browser({ width: 375, height: 812 });
  await signIn(phone.page, e2e.url, owner.email, owner.password);
  await phone.page.goto(`${e2e.url}/today`);
  await phone.page.getByRole('heading', { level: 2, name: 'Due today' }).waitFor({ state: 'visible' });
  await phone.page.getByRole('button', { name: /Thank Maximiliane/ }).click();
  await phone.page.getByText('Yes, we talked').waitFor({ state: 'visible' });
  await shot(phone.page, 'today-phone');
  assert.ok((await horizontalOverflow(phone.page)) <= 1, 'Today fits a phone');
  await phone.page.goto(`${e2e.url}/insights`);
  await phone.page.getByText('Promoters followed up').waitFor({ state: 'visible' });
  await shot(phone.page, 'insights-phone');
  assert.ok((await horizontalOverflow(phone.page)) <= 1, 'Insights fits a phone');

  // A teammate with nothing due sees what Today is for.
  const link = await api.invite('sam@harborlane.example', 'member');
  const sam = server.api();
  await sam.acceptInvite(link, 'Sam Rivera', 'river-stone-7781');
  const other = await e2e.browser();
  await signIn(other.page, e2e.url, 'sam@harborlane.example', 'river-stone-7781');
  await other.page.goto(`${e2e.url}/today`);
  await other.page.getByText('Nothing due: you are all caught up').waitFor({ state: 'visible' });
  await shot(other.page, 'today-empty');
  await other.page.goto(`${e2e.url}/insights`);
  await other.page.getByText('You, against your goals').waitFor({ state: 'visible' });
  await shot(other.page, 'insights-member');
  await waitForPath(other.page, '/insights');
});
