// Playbooks in the browser: the list per kind of answer with the active one marked, the editor
// (an unknown merge field refused with its name, a field inserted from the menu, the live preview
// for a real client, a step moved down), the saved change as a new version in the history, and
// phone width. Screenshots go to PLAYBOOK_SHOTS (default /tmp/playbooks-shots).
import assert from 'node:assert/strict';
import {
  harborLaneOwner,
  horizontalOverflow,
  label,
  screenshotsIn,
  serverForThisFile,
  waitForAppShell,
} from './helpers.ts';

const server = serverForThisFile();
const shots = process.env.PLAYBOOK_SHOTS ?? '/tmp/playbooks-shots';

const owner = harborLaneOwner;

const shot = screenshotsIn(shots);

server.test('playbooks: list, edit with preview, versions, phone width', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);
  const contact = await api.request<{ id: string }>('POST', '/api/v1/contacts', {
    name: 'Ana Silva',
    email: 'ana@silva.example',
    accountName: 'Silva Logistics',
  });
  assert.equal(contact.status, 201);
  const logged = await api.request('POST', '/api/v1/interactions', {
    contactId: contact.body.id,
    kind: 'meeting',
    summary: 'the Q3 audit',
    outcome: 'delivered two weeks early',
  });
  assert.equal(logged.status, 201);

  const { page } = await e2e.browser();
  await page.goto(`${e2e.url}/login`);
  await page.getByLabel(label('Email')).fill(owner.email);
  await page.getByLabel(label('Password')).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForAppShell(page);

  await page.getByRole('link', { name: 'Playbooks', exact: true }).click();
  await page.getByText('Promoter: thank, listen, then ask').waitFor({ state: 'visible' });
  assert.equal(await page.getByText('Active', { exact: true }).count(), 3);
  await shot(page, 'playbooks-list');

  await page.getByRole('link', { name: 'Open Promoter: thank, listen, then ask' }).click();
  await page.getByText('Step 1', { exact: true }).waitFor({ state: 'visible' });
  await page.getByText('Preview for Ana Silva').first().waitFor({ state: 'visible' });
  await shot(page, 'playbook-editor');

  const script = page.getByLabel('Script: suggested words').first();
  await script.fill('Hi {{contact.frstName}}, thank you for the {{answer.score}}.');
  await page.getByText('Unknown field: {{contact.frstName}}').waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'Unknown merge field {{contact.frstName}}' })
    .first()
    .waitFor();
  await shot(page, 'playbook-unknown-field');

  await script.fill('Hi , thank you. We loved working on ');
  await script.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
  await page.getByRole('button', { name: 'Insert field' }).first().click();
  await page.getByRole('menuitem', { name: /Contact's first name/ }).click();
  await script.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  await page.getByRole('button', { name: 'Insert field' }).first().click();
  await page.getByRole('menuitem', { name: /Most recent work/ }).click();
  assert.equal(
    await script.inputValue(),
    'Hi {{contact.firstName}}, thank you. We loved working on {{recent.work}}',
  );
  await page
    .getByText('Hi Ana, thank you. We loved working on the Q3 audit: delivered two weeks early')
    .waitFor();

  await page.getByRole('button', { name: 'Move down' }).nth(1).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved as version 2').waitFor({ state: 'visible' });
  await page.getByRole('cell', { name: /^2\s*current$/ }).waitFor();
  await shot(page, 'playbook-saved-v2');

  await page.getByRole('button', { name: 'View' }).nth(1).click();
  await page.getByRole('dialog').getByText('Version 1').waitFor();
  await shot(page, 'playbook-version-1');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${e2e.url}/playbooks`);
  await page.getByText('Detractor: a senior call to put it right').waitFor();
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scrolling on the list at 375 px');
  await shot(page, 'playbooks-phone');
  await page.getByRole('link', { name: 'Open Detractor: a senior call to put it right' }).click();
  await page.getByText('Step 1', { exact: true }).waitFor({ state: 'visible' });
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scrolling in the editor at 375 px');
  await shot(page, 'playbook-editor-phone');
});
