import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { COUNT_EXACT_UP_TO } from './count.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

describe('list totals', () => {
  test('the count of people follows the same filters and search as the list', async () => {
    const ws = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, {
      name: 'Ana Silva',
      accountName: 'Silva Foods',
      tags: ['vip'],
    });
    await createContactVia(t, ws.cookie, { name: 'Bruno Costa', kind: 'partner', tags: ['vip'] });
    const gone = await createContactVia(t, ws.cookie, { name: 'Carla Gone' });
    await call(t, 'POST', `/api/v1/contacts/${gone.id}/archive`, { cookie: ws.cookie });
    await logVia(t, ws.cookie, { contactId: ana.id, kind: 'meeting' });

    const cases: [string, number][] = [
      ['', 2],
      ['?archived=all', 3],
      ['?archived=true', 1],
      ['?tag=vip', 2],
      ['?kind=partner', 1],
      ['?minStrength=10', 1],
      ['?neverContacted=true', 1],
      [`?accountId=${ana.account!.id}`, 1],
    ];
    for (const [query, expected] of cases) {
      const count = await call(t, 'GET', `/api/v1/contacts/count${query}`, { cookie: ws.cookie });
      assert.equal(count.status, 200, query);
      assert.deepEqual(count.body, { count: expected, exact: true }, query);
      const list = await call(t, 'GET', `/api/v1/contacts${query}`, { cookie: ws.cookie });
      assert.equal(list.body.contacts.length, expected, `the list agrees for ${query}`);
    }

    const bad = await call(t, 'GET', '/api/v1/contacts/count?kind=alien', { cookie: ws.cookie });
    assert.equal(bad.status, 400);
    const paging = await call(t, 'GET', '/api/v1/contacts/count?limit=5', { cookie: ws.cookie });
    assert.equal(paging.status, 400, 'a count takes filters, not paging');
    // A search ranks and keeps the best matches; the list, not a count, says how many it found.
    const search = await call(t, 'GET', '/api/v1/contacts/count?q=silva', { cookie: ws.cookie });
    assert.equal(search.status, 400);
  });

  test('companies are counted by status, owner and tag', async () => {
    const ws = await newWorkspace(t);
    await call(t, 'POST', '/api/v1/accounts', {
      cookie: ws.cookie,
      body: { name: 'Northwind Traders', status: 'active', tags: ['retail'] },
    });
    await call(t, 'POST', '/api/v1/accounts', {
      cookie: ws.cookie,
      body: { name: 'Contoso', status: 'prospect' },
    });
    for (const [query, expected] of [
      ['', 2],
      ['?status=active', 1],
      ['?tag=retail', 1],
      [`?ownerId=${ws.memberId}`, 0],
    ] as const) {
      const count = await call(t, 'GET', `/api/v1/accounts/count${query}`, { cookie: ws.cookie });
      assert.deepEqual(count.body, { count: expected, exact: true }, query);
    }
  });

  test('past the cap the count is an estimate, never below the cap', async () => {
    const ws = await newWorkspace(t);
    await t.db.execute(sql`
      insert into contacts (workspace_id, name)
      select ${ws.workspaceId}, 'Person ' || n from generate_series(1, ${COUNT_EXACT_UP_TO + 500}) n`);
    await t.db.execute(sql`analyze contacts`);
    const count = await call(t, 'GET', '/api/v1/contacts/count', { cookie: ws.cookie });
    assert.equal(count.body.exact, false);
    assert.ok(count.body.count > COUNT_EXACT_UP_TO, JSON.stringify(count.body));
    const few = await call(t, 'GET', '/api/v1/contacts/count?kind=partner', { cookie: ws.cookie });
    assert.deepEqual(few.body, { count: 0, exact: true });
  });
});
