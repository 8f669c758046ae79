import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accounts, contacts } from '../../db/schema/index.ts';
import { call, createContactVia, createTestApp, newWorkspace, type TestContext } from '../../test/app.ts';
import { searchCandidates } from './search-terms.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('search ranking', () => {
  test('exact words first, then words starting with the term, then typo-tolerant matches', async () => {
    const ws = await newWorkspace(t);
    for (const name of ['Karl Isenberg', 'Ingrid Bergqvist', 'Anna Berg', 'Tomas Weber']) {
      await createContactVia(t, ws.cookie, { name });
    }
    const res = await call(t, 'GET', '/api/v1/contacts?q=berg', { cookie: ws.cookie });
    assert.deepEqual(names(res.body.contacts), ['Anna Berg', 'Ingrid Bergqvist', 'Karl Isenberg']);

    await createContactVia(t, ws.cookie, { name: 'Ola Nordmann', accountName: 'Fjord Capital' });
    await createContactVia(t, ws.cookie, { name: 'Kari Nordmann', accountName: 'Fjordane Shipping' });
    const companies = await call(t, 'GET', '/api/v1/accounts?q=fjord', { cookie: ws.cookie });
    assert.deepEqual(names(companies.body.accounts), ['Fjord Capital', 'Fjordane Shipping']);
    const people = await call(t, 'GET', '/api/v1/contacts?q=fjord', { cookie: ws.cookie });
    assert.deepEqual(names(people.body.contacts), ['Ola Nordmann', 'Kari Nordmann']);
    const quick = await call(t, 'GET', '/api/v1/search?q=fjord&limit=1', { cookie: ws.cookie });
    assert.deepEqual(names(quick.body.contacts), ['Ola Nordmann']);
    assert.deepEqual(names(quick.body.accounts), ['Fjord Capital']);
  });

  test('an exact match is found and ranked first among more near matches than a search ranks', async () => {
    const ws = await newWorkspace(t);
    // Near matches stored before the exact one, so a cut taken in storage order would miss it.
    const near = searchCandidates + 30;
    await t.db.insert(contacts).values(
      Array.from({ length: near }, (_, i) => ({
        workspaceId: ws.workspaceId,
        name: `Per Lindqvest ${i}`,
      })),
    );
    await createContactVia(t, ws.cookie, { name: 'Maja Lindqvist' });
    const res = await call(t, 'GET', '/api/v1/contacts?q=lindqvist&limit=5', { cookie: ws.cookie });
    assert.equal(res.body.contacts[0].name, 'Maja Lindqvist');
    assert.equal(res.body.contacts.length, 5);
    // Pages continue through the near matches without repeating a row.
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { contacts: { id: string }[]; nextCursor: string | null } } =
        await call(t, 'GET', `/api/v1/contacts?q=lindqvist&limit=50${cursor ? `&cursor=${cursor}` : ''}`, {
          cookie: ws.cookie,
        });
      assert.equal(page.status, 200);
      for (const c of page.body.contacts) {
        assert.ok(!seen.has(c.id), 'a row repeated across pages');
        seen.add(c.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor && ++pages < 20);
    assert.ok(seen.size > 50, `paged through ${seen.size}`);

    // The same for companies.
    await t.db.insert(accounts).values(
      Array.from({ length: near }, (_, i) => ({
        workspaceId: ws.workspaceId,
        name: `Nordvind Trading ${i}`,
      })),
    );
    await call(t, 'POST', '/api/v1/accounts', { cookie: ws.cookie, body: { name: 'Nordwind' } });
    const companies = await call(t, 'GET', '/api/v1/accounts?q=nordwind&limit=3', { cookie: ws.cookie });
    assert.equal(companies.body.accounts[0].name, 'Nordwind');
  });

  test('filters apply before the candidates are cut', async () => {
    const ws = await newWorkspace(t);
    await t.db.insert(contacts).values(
      Array.from({ length: searchCandidates + 30 }, (_, i) => ({
        workspaceId: ws.workspaceId,
        name: `Eva Holm ${i}`,
        kind: 'client' as const,
      })),
    );
    await createContactVia(t, ws.cookie, { name: 'Eva Holm Partner', kind: 'partner' });
    const res = await call(t, 'GET', '/api/v1/contacts?q=holm&kind=partner', { cookie: ws.cookie });
    assert.deepEqual(names(res.body.contacts), ['Eva Holm Partner']);
  });
});
