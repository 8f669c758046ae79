// Clients: add a person from the list, log a call from their page in two clicks and see it on the
// timeline, then find them again with a misspelt name.
import assert from 'node:assert/strict';
import { label, serverForThisFile, waitForAppShell, waitForPath } from './helpers.ts';

const server = serverForThisFile();

const owner = {
  firmName: 'Linden & Rowe Consulting',
  name: 'Clara Linden',
  email: 'clara@lindenrowe.example',
  password: 'maple-harbour-5512',
};

server.test(
  'a person is added, a call is logged in two clicks, and a misspelt search finds them',
  async (e2e) => {
    await server.api().ensureWorkspace(owner);
    const { page } = await e2e.browser();
    await page.goto(`${e2e.url}/login`);
    await page.getByLabel(label('Email')).fill(owner.email);
    await page.getByLabel(label('Password')).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForAppShell(page);

    // An empty workspace says what to do first.
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await waitForPath(page, '/clients');
    await page.getByText('No clients yet').waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Import a CSV' }).waitFor({ state: 'visible' });

    // New person, with a company that does not exist yet.
    await page.getByRole('button', { name: 'New person' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label('Name')).fill('Margarethe Vandersloot');
    await dialog.getByLabel(label('Email')).fill('margarethe@vandersloot.example');
    await dialog.getByLabel(label('Company')).fill('Vandersloot Shipping');
    await dialog.getByLabel(label('Title')).fill('Chief Operating Officer');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await waitForPath(page, /^\/clients\/people\/[0-9a-f-]{36}$/);
    await page
      .getByRole('heading', { level: 1, name: 'Margarethe Vandersloot' })
      .waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Vandersloot Shipping' }).waitFor({ state: 'visible' });

    // Two clicks: "Log conversation" opens the form with Call chosen; "Save" logs it.
    await page.getByRole('button', { name: 'Log conversation' }).click();
    const logDialog = page.getByRole('dialog');
    const summary = logDialog.getByLabel(label('Summary'));
    await summary.waitFor({ state: 'visible' });
    assert.equal(
      await page.evaluate(() => document.activeElement?.tagName),
      'TEXTAREA',
      'the summary has the focus, ready to type',
    );
    assert.ok(await logDialog.getByRole('radio', { name: 'Call' }).isChecked(), 'a call by default');
    await logDialog.getByRole('button', { name: 'Save' }).click();
    await logDialog.waitFor({ state: 'hidden' });

    // It is on the timeline at once, and the person who logged it now knows her.
    await page.getByText('Call with Margarethe Vandersloot', { exact: true }).waitFor({ state: 'visible' });
    await page.getByText(`Best person to reach out: you`).waitFor({ state: 'visible' });

    // A second conversation with a summary, from the header's quick-add.
    await page.getByRole('button', { name: 'Log a conversation' }).first().click();
    const quick = page.getByRole('dialog');
    await quick.getByText('Meeting', { exact: true }).click();
    assert.ok(await quick.getByRole('radio', { name: 'Meeting' }).isChecked(), 'the meeting kind is chosen');
    await quick
      .getByLabel(label('Summary'))
      .fill('Walked the new warehouse; she wants an intro to a customs broker.');
    await quick.getByRole('button', { name: 'Save' }).click();
    await quick.waitFor({ state: 'hidden' });
    await page.getByText('Walked the new warehouse').waitFor({ state: 'visible' });

    // Back to the list: a misspelt search still finds her.
    await page.getByRole('link', { name: 'Clients', exact: true }).first().click();
    await waitForPath(page, '/clients');
    await page.getByLabel('Search people').fill('margarete vandersloat');
    await page.waitForURL((url) => url.searchParams.get('q') === 'margarete vandersloat');
    const row = page.getByRole('row').filter({ hasText: 'Margarethe Vandersloot' });
    await row.waitFor({ state: 'visible' });
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /Vandersloot Shipping/);

    // The search is in the address, so a reload shows the same view.
    await page.reload();
    assert.equal(await page.getByLabel('Search people').inputValue(), 'margarete vandersloat');
    await page.getByRole('row').filter({ hasText: 'Margarethe Vandersloot' }).waitFor({ state: 'visible' });
  },
);
