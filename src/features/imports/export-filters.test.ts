import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, createContactVia, createTestApp, newWorkspace, type TestContext } from '../../test/app.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

async function exportNames(cookie: string, query = ''): Promise<string[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/exports/contacts.csv${query}`,
    headers: { cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  const [, ...lines] = res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  return lines.map((line) => line.split(',')[0]!).sort();
}

test("the export writes what the people list's filters show; without filters, everyone", async () => {
  const ws = await newWorkspace(t);
  await createContactVia(t, ws.cookie, { name: 'Vera Vip', tags: ['vip'], accountName: 'Vip Co' });
  await createContactVia(t, ws.cookie, { name: 'Paul Partner', kind: 'partner' });
  const archived = await createContactVia(t, ws.cookie, { name: 'Arne Archived', tags: ['vip'] });
  await call(t, 'POST', `/api/v1/contacts/${archived.id}/archive`, { cookie: ws.cookie });

  assert.deepEqual(await exportNames(ws.cookie), ['Arne Archived', 'Paul Partner', 'Vera Vip']);
  assert.deepEqual(await exportNames(ws.cookie, '?tag=vip&archived=false'), ['Vera Vip']);
  assert.deepEqual(await exportNames(ws.cookie, '?tag=vip'), ['Arne Archived', 'Vera Vip']);
  assert.deepEqual(await exportNames(ws.cookie, '?kind=partner&archived=false'), ['Paul Partner']);
  // A search exports what the list finds, typo included.
  assert.deepEqual(await exportNames(ws.cookie, '?q=vera%20vipp&archived=false'), ['Vera Vip']);
  assert.deepEqual(await exportNames(ws.cookie, '?q=arne&archived=false'), []);
  assert.deepEqual(await exportNames(ws.cookie, '?q=arne'), ['Arne Archived']);
  assert.deepEqual(await exportNames(ws.cookie, '?neverContacted=false'), []);

  const bad = await call(t, 'GET', '/api/v1/exports/contacts.csv?kind=alien', { cookie: ws.cookie });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /kind/);
});
