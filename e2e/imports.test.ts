// The import wizard: a CRM export with one bad row is checked, the report and the preview show
// which row and column are wrong and nothing is stored; the corrected file imports, and the people
// are in the list.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { label, serverForThisFile, waitForAppShell, waitForPath } from './helpers.ts';

const server = serverForThisFile();

const owner = {
  firmName: 'Aldous & Vey Partners',
  name: 'Irene Aldous',
  email: 'irene@aldousvey.example',
  password: 'quince-lantern-8841',
};

// Headers as a CRM writes them; row 3 (the header is row 1) has a broken email address.
const header = 'Full Name,E-mail,Organization,Job Title';
const rows = [
  'Beatriz Mendonça,beatriz@mendonca-textiles.example,Mendonça Têxteis,Managing Director',
  'Tobias Hartmann,tobias.hartmann@@hartmann-logistik,Hartmann Logistik,Head of Operations',
  '"Okafor, Chidinma",chidinma@okafor-law.example,Okafor Law,Partner',
];
const badFile = [header, ...rows].join('\r\n');
const fixedFile = [
  header,
  rows[0],
  rows[1]!.replace('@@hartmann-logistik', '@hartmann-logistik.example'),
  rows[2],
].join('\r\n');

async function chooseFile(page: Page, name: string, text: string) {
  await page.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
}

server.test('a bad row is reported by row and column, then the corrected file imports', async (e2e) => {
  const api = server.api();
  await api.ensureWorkspace(owner);
  const { page } = await e2e.browser();
  await page.goto(`${e2e.url}/login`);
  await page.getByLabel(label('Email')).fill(owner.email);
  await page.getByLabel(label('Password')).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForAppShell(page);

  await page.goto(`${e2e.url}/clients/import`);
  await page.getByRole('heading', { name: 'Import clients' }).waitFor({ state: 'visible' });
  await chooseFile(page, 'crm-export.csv', badFile);

  // The preview: the CRM's headers matched to fields, and the first rows numbered as in a spreadsheet.
  await page.getByRole('heading', { name: '2. Check the columns' }).waitFor({ state: 'visible' });
  assert.equal(await page.getByLabel('Field for column Full Name').inputValue(), 'Name');
  assert.equal(await page.getByLabel('Field for column E-mail').inputValue(), 'Email');
  const previewRow = page.getByRole('row').filter({ hasText: 'Tobias Hartmann' });
  assert.match(await previewRow.innerText(), /^\s*3\s/);

  // The check finds the bad email, by row and column, and stores nothing.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('Nothing was imported').waitFor({ state: 'visible' });
  const problem = page.getByRole('row').filter({ hasText: 'E-mail' }).filter({ hasText: /email/i }).last();
  const cells = await problem.getByRole('cell').allInnerTexts();
  assert.equal(cells[0], '3', `the problem names row 3: ${cells.join(' | ')}`);
  assert.equal(cells[1], 'E-mail', 'and the column as the file calls it');
  // The same cell is marked in the preview.
  const marked = page.locator('td[data-problem="true"]');
  assert.equal(await marked.count(), 1);
  assert.equal(await marked.innerText(), 'tobias.hartmann@@hartmann-logistik');
  const stored = await api.request<{ contacts: unknown[] }>('GET', '/api/v1/contacts');
  assert.equal(stored.body.contacts.length, 0, 'nothing is stored while any row is wrong');

  // Fixed in the spreadsheet and chosen again: the check passes, then the import runs.
  await chooseFile(page, 'crm-export.csv', fixedFile);
  await page.getByText('Nothing was imported').waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('No problems found').waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await page.getByText('Imported', { exact: true }).waitFor({ state: 'visible' });

  await page.getByRole('link', { name: 'Go to Clients' }).click();
  await waitForPath(page, '/clients');
  for (const name of ['Beatriz Mendonça', 'Tobias Hartmann', 'Okafor, Chidinma']) {
    await page.getByRole('row').filter({ hasText: name }).waitFor({ state: 'visible' });
  }
  await page.getByTestId('list-total').filter({ hasText: '3 people' }).waitFor({ state: 'visible' });
  const tobias = page.getByRole('row').filter({ hasText: 'Tobias Hartmann' });
  assert.match(await tobias.innerText(), /Hartmann Logistik/);
});
