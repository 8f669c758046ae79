// The first hour of a new firm: set up the workspace, sign out and back in, invite a teammate who
// joins from their own browser, and the pages people reach when something is off.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  horizontalOverflow,
  label,
  serverForThisFile,
  waitForAppShell,
  waitForPath,
} from './helpers.ts';

const server = serverForThisFile();

const owner = {
  firmName: 'Harbor & Finch Advisory',
  name: 'Olivia Harbor',
  email: 'olivia@harborfinch.example',
  password: 'tide-ledger-4821',
};

const teammate = {
  name: 'Mateo Silva',
  email: 'mateo@harborfinch.example',
  password: 'compass-rose-7730',
};

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel(label('Email')).fill(email);
  await page.getByLabel(label('Password')).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

server.test('a new firm sets up, signs out and in, and invites a teammate who joins', async (e2e) => {
  const { page } = await e2e.browser();

  // First visit: no workspace yet, so the app sends us to setup.
  await page.goto(`${e2e.url}/`);
  await waitForPath(page, '/setup');
  await page.getByLabel(label('Firm name')).fill(owner.firmName);
  await page.getByLabel(label('Your name')).fill(owner.name);
  await page.getByLabel(label('Email')).fill(owner.email);
  await page.getByLabel(label('Password')).fill(owner.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await waitForAppShell(page);

  // Sign out from the account menu, then back in.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await waitForPath(page, '/login');
  await signIn(page, owner.email, owner.password);
  await waitForAppShell(page);

  // Settings -> Members -> Invite member.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: 'Members' }).click();
  await waitForPath(page, '/settings/members');
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label('Email')).fill(teammate.email);
  await chooseOption(page, dialog.getByLabel(label('Role')), 'Manager', { exact: true });
  await dialog.getByRole('button', { name: 'Create invite' }).click();
  const linkField = dialog.getByLabel(label('Invite link'));
  await linkField.waitFor({ state: 'visible' });
  assert.equal(await linkField.getAttribute('readonly'), '', 'the invite link is read-only');
  const inviteLink = await linkField.inputValue();
  assert.match(inviteLink, /\/invite\/[^/?#]+$/, `an invite link, got "${inviteLink}"`);
  assert.ok(inviteLink.startsWith(`${e2e.url}/`), `the link points at this server: ${inviteLink}`);

  // The teammate opens the link in their own browser and joins.
  const second = await e2e.browser();
  await second.page.goto(inviteLink);
  await second.page.getByLabel(label('Your name')).fill(teammate.name);
  await second.page.getByLabel(label('Password')).fill(teammate.password);
  await second.page.getByRole('button', { name: 'Join workspace' }).click();
  await waitForAppShell(second.page);
  const accountMenu = second.page.getByRole('button', { name: 'Account menu' });
  assert.equal(await accountMenu.getAttribute('title'), teammate.name, 'the teammate is the one signed in');
  await accountMenu.click();
  await second.page.getByRole('menu').getByText(teammate.email).waitFor({ state: 'visible' });

  // Back in the owner's browser, the new member is on the team.
  await page.reload();
  await waitForPath(page, '/settings/members');
  const row = page.getByRole('row').filter({ hasText: teammate.email });
  await row.waitFor({ state: 'visible' });
  assert.match((await row.innerText()).replace(/\s+/g, ' '), new RegExp(teammate.name));
  assert.equal(
    await page.getByLabel(label(`Access level for ${teammate.name}`)).inputValue(),
    'Manager',
    'the role chosen in the invite',
  );
});

server.test('an invite link opened a second time says it has already been used', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);
  const link = await api.invite('noor@harborfinch.example');
  await server.api().acceptInvite(link, 'Noor Haddad', 'lantern-pier-2290');

  const { page } = await e2e.browser();
  await page.goto(link);
  await page.getByText('already been used').first().waitFor({ state: 'visible' });
  assert.equal(await page.getByRole('button', { name: 'Join workspace' }).count(), 0, 'no join form');
  assert.equal(await page.getByLabel(label('Password')).count(), 0, 'no password field');
  await page.getByRole('link', { name: 'Go to sign in' }).waitFor({ state: 'visible' });
});

server.test('a wrong password is refused with a clear message', async (e2e) => {
  await server.api().ensureWorkspace(owner);
  const { page } = await e2e.browser();
  await page.goto(`${e2e.url}/login`);
  await signIn(page, owner.email, 'not-the-right-password');
  await page.getByText('Email or password is incorrect').waitFor({ state: 'visible' });
  await waitForPath(page, '/login');
  assert.equal(await page.getByRole('link', { name: 'Today', exact: true }).count(), 0, 'still signed out');
});

server.test('on a 375 px phone the shell has a burger menu and no sideways scrolling', async (e2e) => {
  await server.api().ensureWorkspace(owner);
  const { page } = await e2e.browser({ width: 375, height: 740 });
  await page.goto(`${e2e.url}/login`);
  await signIn(page, owner.email, owner.password);
  await page.getByRole('button', { name: 'Account menu' }).waitFor({ state: 'visible' });
  await waitForPath(page, '/today');

  const burger = page.getByRole('button', { name: 'Open navigation' });
  await burger.waitFor({ state: 'visible' });
  assert.equal(await horizontalOverflow(page), 0, 'no horizontal overflow on Today');

  // The burger opens the navigation; following a link folds it away again.
  await burger.click();
  const settingsLink = page.getByRole('link', { name: 'Settings', exact: true });
  await settingsLink.waitFor({ state: 'visible' });
  await settingsLink.click();
  await waitForPath(page, /^\/settings\//);
  await page.getByRole('button', { name: 'Open navigation' }).waitFor({ state: 'visible' });
  await page.getByRole('tab', { name: 'Members' }).click();
  await waitForPath(page, '/settings/members');
  await page.getByRole('button', { name: 'Invite member' }).waitFor({ state: 'visible' });
  assert.equal(await horizontalOverflow(page), 0, 'no horizontal overflow on Settings > Members');
});
