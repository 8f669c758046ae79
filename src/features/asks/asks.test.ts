import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { asks, timelineEvents } from '../../db/schema/index.ts';
import {
  call,
  createContactVia,
  createTestApp,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';

describe('asks', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('logged by hand with a timeline event; filtered by member, kind and period', async () => {
    const ws = await newWorkspace(t);
    const ada = await newMember(t, ws, 'member', 'Ada Asker');
    const c = await createContactVia(t, ws.cookie, { name: 'Lia Client' });
    const noProspect = await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: { contactId: c.id, kind: 'introduction', result: 'introduction_promised' },
    });
    assert.equal(noProspect.status, 400);
    assert.equal(noProspect.body.error.details[0].path, 'body.prospectName');
    assert.equal((await t.db.select().from(asks).where(eq(asks.contactId, c.id))).length, 0);

    const intro = await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: {
        contactId: c.id,
        kind: 'introduction',
        result: 'introduction_promised',
        prospectName: 'Max Prospect',
        about: 'The ERP migration we finished in June',
        note: 'Will email Max this week',
        askedAt: '2026-11-10T09:00:00Z',
      },
    });
    assert.equal(intro.status, 201, JSON.stringify(intro.body));
    assert.equal(intro.body.member.id, ada.memberId);
    await call(t, 'POST', '/api/v1/asks', {
      cookie: ws.cookie,
      body: { contactId: c.id, kind: 'review', result: 'review_given', askedAt: '2026-10-10T09:00:00Z' },
    });
    const events = await t.db.select().from(timelineEvents).where(eq(timelineEvents.contactId, c.id));
    const askEvents = events.filter((e) => e.kind === 'ask');
    assert.equal(askEvents.length, 2);
    assert.ok(
      askEvents.some(
        (e) =>
          e.title === 'Ada Asker asked Lia Client for an introduction: introduction promised (Max Prospect)',
      ),
    );

    const mine = await call(t, 'GET', '/api/v1/asks?member=me', { cookie: ada.cookie });
    assert.deepEqual(
      mine.body.asks.map((a: { kind: string }) => a.kind),
      ['introduction'],
    );
    const reviews = await call(t, 'GET', '/api/v1/asks?kind=review', { cookie: ada.cookie });
    assert.equal(reviews.body.asks.length, 1);
    const november = await call(t, 'GET', '/api/v1/asks?from=2026-11-01&to=2026-11-30', {
      cookie: ada.cookie,
    });
    assert.deepEqual(
      november.body.asks.map((a: { prospectName: string }) => a.prospectName),
      ['Max Prospect'],
    );
    const wrongKind = await call(t, 'POST', '/api/v1/asks', {
      cookie: ada.cookie,
      body: { contactId: c.id, kind: 'referral', result: 'declined' },
    });
    assert.equal(wrongKind.status, 400);
  });
});
