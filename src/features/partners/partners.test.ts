import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  call,
  createContactVia,
  createTestApp,
  newWorkspace,
  type TestContext,
  type WorkspaceHandle,
} from '../../test/app.ts';
import { recordReferral } from '../referrals/record-referral.ts';

describe('partners', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Balance Firm');
  });
  after(async () => t.close());

  async function received(partnerId: string, status: string, booked: number | null, currency = 'USD') {
    await t.db.transaction(async (tx) => {
      const id = await recordReferral(tx, {
        workspaceId: ws.workspaceId,
        kind: 'introduction',
        source: 'partner',
        referrerContactId: partnerId,
        prospectName: 'A prospect',
        currency,
      });
      await tx.execute(
        sql`update referrals set status = ${status}, booked_value = ${booked} where id = ${id}`,
      );
    });
  }

  test('the balance both ways, sorted', async () => {
    const empty = await call(t, 'GET', '/api/v1/partners', { cookie: ws.cookie });
    assert.deepEqual(empty.body.partners, []);
    const lawyers = await createContactVia(t, ws.cookie, {
      name: 'Lena Law',
      kind: 'partner',
      accountName: 'Law & Co',
    });
    const bankers = await createContactVia(t, ws.cookie, { name: 'Bruno Bank', kind: 'partner' });
    const client = await createContactVia(t, ws.cookie, { name: 'Carla Client', kind: 'client' });
    const send = (partnerId: string, body: Record<string, unknown>) =>
      call(t, 'POST', `/api/v1/partners/${partnerId}/referrals`, { cookie: ws.cookie, body });

    const first = await send(lawyers.id, { clientContactId: client.id, forWhat: 'a shareholder agreement' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.client.name, 'Carla Client');
    assert.equal(first.body.outcome, 'pending');
    await send(lawyers.id, {
      clientName: 'Someone outside',
      forWhat: 'a lease',
      outcome: 'won',
      sentOn: '2026-01-10',
    });
    await send(lawyers.id, { clientName: 'Third', forWhat: 'IP', outcome: 'no_fit' });
    const outcome = await call(t, 'PATCH', `/api/v1/partner-referrals/${first.body.id}`, {
      cookie: ws.cookie,
      body: { outcome: 'won', note: 'Signed' },
    });
    assert.equal(outcome.body.outcome, 'won');
    await received(lawyers.id, 'won', 12_000);
    await received(lawyers.id, 'lost', null);
    await received(bankers.id, 'won', 30_000);
    await received(bankers.id, 'won', 5_000);
    await received(bankers.id, 'won', 1_000, 'EUR');
    await received(bankers.id, 'proposal', null);

    const list = await call(t, 'GET', '/api/v1/partners', { cookie: ws.cookie });
    assert.equal(list.status, 200);
    const [b, l] = list.body.partners;
    assert.equal(b.name, 'Bruno Bank', 'alphabetical by default');
    assert.deepEqual(l.sent, { count: 3, won: 2, lastOn: l.sent.lastOn });
    assert.deepEqual([l.received.count, l.received.won], [2, 1]);
    assert.deepEqual(l.received.revenue, [{ currency: 'USD', amount: 12000 }]);
    assert.deepEqual(b.sent, { count: 0, won: 0, lastOn: null });
    assert.deepEqual([b.received.count, b.received.won], [4, 3]);
    assert.deepEqual(b.received.revenue, [
      { currency: 'USD', amount: 35000 },
      { currency: 'EUR', amount: 1000 },
    ]);
    const bySent = await call(t, 'GET', '/api/v1/partners?sort=sent', { cookie: ws.cookie });
    assert.deepEqual(
      bySent.body.partners.map((p: { name: string }) => p.name),
      ['Lena Law', 'Bruno Bank'],
    );
    const byRevenue = await call(t, 'GET', '/api/v1/partners?sort=revenue', { cookie: ws.cookie });
    assert.deepEqual(
      byRevenue.body.partners.map((p: { name: string }) => p.name),
      ['Bruno Bank', 'Lena Law'],
    );
    assert.equal((await call(t, 'GET', '/api/v1/partners?sort=shoe', { cookie: ws.cookie })).status, 400);

    const detail = await call(t, 'GET', `/api/v1/partners/${lawyers.id}`, { cookie: ws.cookie });
    assert.equal(detail.body.sent.length, 3);
    assert.equal(detail.body.received.length, 2);
    assert.equal(detail.body.received.find((r: { status: string }) => r.status === 'won').bookedValue, 12000);
    const timeline = await call(t, 'GET', `/api/v1/contacts/${client.id}/timeline`, { cookie: ws.cookie });
    assert.ok(JSON.stringify(timeline.body).includes('Introduced to our partner Lena Law'));
  });

  test('bad input: not a partner, another workspace, both or neither client', async () => {
    const partner = await createContactVia(t, ws.cookie, { name: 'Pat Partner', kind: 'partner' });
    const client = await createContactVia(t, ws.cookie, { name: 'Cleo Client', kind: 'client' });
    const other = await newWorkspace(t);
    const theirs = await createContactVia(t, other.cookie, { name: 'Their Client', kind: 'client' });
    const send = (partnerId: string, body: unknown) =>
      call(t, 'POST', `/api/v1/partners/${partnerId}/referrals`, { cookie: ws.cookie, body });
    const cases: [string, unknown, number, RegExp][] = [
      [client.id, { clientName: 'X', forWhat: 'y' }, 400, /not a partner/],
      [partner.id, { clientContactId: theirs.id, forWhat: 'y' }, 404, /Client contact not found/],
      [partner.id, { clientContactId: client.id, clientName: 'X', forWhat: 'y' }, 400, /either/],
      [partner.id, { forWhat: 'y' }, 400, /either/],
      [partner.id, { clientName: 'X', forWhat: '  ' }, 400, /what for/],
      [partner.id, { clientName: 'X', forWhat: 'y', outcome: 'maybe' }, 400, /outcome/],
      [partner.id, { clientName: 'X', forWhat: 'y', sentOn: '2999-01-01' }, 400, /future/],
      [partner.id, { clientContactId: partner.id, forWhat: 'y' }, 400, /themselves/],
    ];
    for (const [id, body, status, message] of cases) {
      const res = await send(id, body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match(res.body.error.message, message);
    }
    assert.equal((await call(t, 'GET', `/api/v1/partners/${client.id}`, { cookie: ws.cookie })).status, 400);
    const detail = await call(t, 'GET', `/api/v1/partners/${partner.id}`, { cookie: ws.cookie });
    assert.deepEqual(detail.body.sent, [], 'nothing stored');
    const ok = await send(partner.id, { clientName: 'X', forWhat: 'y' });
    const empty = await call(t, 'PATCH', `/api/v1/partner-referrals/${ok.body.id}`, {
      cookie: ws.cookie,
      body: {},
    });
    assert.equal(empty.status, 400);
    assert.equal(
      (await call(t, 'DELETE', `/api/v1/partner-referrals/${ok.body.id}`, { cookie: ws.cookie })).status,
      204,
    );
  });
});
