// Surveys in the browser: the empty state, a new survey with the live audience preview, launch
// with confirmation, the sends with their delivery status, the shareable link, an empty audience
// refused with its reasons, Settings → Surveys, the survey email as it renders, and phone width.
// Screenshots go to SURVEY_SHOTS (default /tmp/surveys-shots).
import assert from 'node:assert/strict';
import {
  harborLaneOwner,
  horizontalOverflow,
  label,
  screenshotsIn,
  serverForThisFile,
  waitForAppShell,
  waitForPath,
} from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.SURVEY_SHOTS ?? '/tmp/surveys-shots';

const owner = harborLaneOwner;

const shot = screenshotsIn(shots);

server.test('a survey wave from the UI: preview, launch, sends, share link, email', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);
  const contact = async (body: Record<string, unknown>) => {
    const res = await api.request<{ id: string }>('POST', '/api/v1/contacts', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };
  await contact({ name: 'Ana Silva', email: 'ana@silva.example', accountName: 'Silva Logistics' });
  await contact({
    name: 'Maximiliane Alexandra von Hohenberg-Wittelsbach',
    email: 'max@hohenberg.example',
    accountName: 'Hohenberg-Wittelsbach Family Office & Private Wealth Partners',
  });
  await contact({ name: 'Ben Okafor', email: 'ben@okafor.example', accountName: 'Okafor Builders' });
  await contact({ name: 'Chloé No-Email', accountName: 'Okafor Builders' });
  await contact({
    name: 'Dana Private',
    email: 'dana@private.example',
    maySurvey: false,
    tags: ['do-not-ask'],
  });

  const { page } = await e2e.browser();
  await page.goto(`${e2e.url}/login`);
  await page.getByLabel(label('Email')).fill(owner.email);
  await page.getByLabel(label('Password')).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForAppShell(page);

  await page.getByRole('link', { name: 'Surveys', exact: true }).click();
  await page.getByText('No surveys yet').waitFor({ state: 'visible' });
  await shot(page, 'surveys-empty');

  await page.getByRole('link', { name: 'New survey' }).click();
  await waitForPath(page, '/surveys/new');
  await page.getByLabel(label('Name')).fill('Autumn 2026: every active client after the year-end close');
  await page.getByText('3 people would get this survey').waitFor({ state: 'visible' });
  await page.getByText(/Left out: 2/).waitFor({ state: 'visible' });
  await shot(page, 'survey-new-preview');
  await page
    .getByRole('radio', { name: 'Recurring: survey each person again after a number of days' })
    .check();
  await page.getByRole('button', { name: 'Create survey' }).click();
  await waitForPath(page, /^\/surveys\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Launch' }).waitFor({ state: 'visible' });
  await page.getByText('Shareable link').waitFor({ state: 'visible' });
  await shot(page, 'survey-draft');

  await page.getByRole('button', { name: 'Launch' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/goes to 3 people now/).waitFor({ state: 'visible' });
  await page.waitForTimeout(400); // the modal's fade-in
  await shot(page, 'survey-launch-confirm');
  await dialog.getByRole('button', { name: 'Launch now' }).click();
  await page.getByText('Survey launched').waitFor({ state: 'visible' });
  await page.getByRole('cell', { name: /Ben Okafor/ }).waitFor({ state: 'visible' });
  await page.getByText('In the built-in outbox (no SMTP set up)').first().waitFor({ state: 'visible' });
  await shot(page, 'survey-sends');
  await page.getByRole('tab', { name: 'Answers' }).click();
  await shot(page, 'survey-answers-tab');

  // A second survey to the same people finds nobody (minimum gap), and says why.
  await page.goto(`${e2e.url}/surveys/new`);
  await page.getByLabel(label('Name')).fill('Too soon');
  await page.getByText('Nobody would get this survey now').waitFor({ state: 'visible' });
  await page.getByText(/3 surveyed in the last 90 days/).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.getByRole('button', { name: 'Launch' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Launch now' }).click();
  await page
    .getByRole('dialog')
    .getByText(/Nobody to send to/)
    .first()
    .waitFor({ state: 'visible' });
  await shot(page, 'survey-empty-audience');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`${e2e.url}/surveys`);
  await page.getByText('Response rate').first().waitFor({ state: 'visible' });
  await shot(page, 'surveys-list');

  await page.goto(`${e2e.url}/settings/surveys`);
  await page.getByLabel(label('Send at most')).waitFor({ state: 'visible' });
  await shot(page, 'settings-surveys');

  // The email as the recipient sees it, on a desktop and a phone.
  const outbox = await api.request<{ messages: { to: string; html: string }[] }>('GET', '/api/v1/outbox');
  const mail = outbox.body.messages.find((m) => m.to === 'max@hohenberg.example');
  assert.ok(mail?.html);
  const mailPage = await e2e.browser({ width: 800, height: 900 });
  await mailPage.page.setContent(mail.html);
  await shot(mailPage.page, 'email-desktop');
  await mailPage.page.setViewportSize({ width: 375, height: 800 });
  assert.equal(await horizontalOverflow(mailPage.page), 0, 'the email fits a phone');
  await shot(mailPage.page, 'email-phone');

  // Phone width: the list and the survey page fit.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${e2e.url}/surveys`);
  await page.getByText('Response rate').first().waitFor({ state: 'visible' });
  assert.equal(await horizontalOverflow(page), 0, 'the survey list fits a phone');
  await shot(page, 'surveys-list-phone');
  await page.getByRole('button', { name: /Open Autumn 2026/ }).click();
  await page.getByRole('tab', { name: 'Sends' }).waitFor({ state: 'visible' });
  assert.equal(await horizontalOverflow(page), 0, 'the survey page fits a phone');
  await shot(page, 'survey-phone');
  await page.goto(`${e2e.url}/surveys/new`);
  await page.getByText(/would get this survey/).waitFor({ state: 'visible' });
  assert.equal(await horizontalOverflow(page), 0, 'the editor fits a phone');
  await shot(page, 'survey-new-phone');
});
