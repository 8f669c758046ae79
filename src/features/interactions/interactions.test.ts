import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

async function logAt(cookie: string, body: Record<string, unknown>) {
  return (await logVia(t, cookie, body)) as { id: string; occurredAt: string };
}

async function detail(cookie: string, contactId: string) {
  return (await call(t, 'GET', `/api/v1/contacts/${contactId}`, { cookie })).body;
}

function strengthOf(
  contact: { relationships: { member: { name: string }; strength: number }[] },
  name: string,
) {
  return contact.relationships.find((r) => r.member.name === name)?.strength ?? 0;
}

describe('last contacted', () => {
  test('a note is not contact: only a conversation sets the last-contact date', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Nina Note' });
    await logAt(ws.cookie, {
      contactId: c.id,
      kind: 'note',
      occurredAt: daysAgo(1),
      summary: 'Wrote down her kids',
    });
    assert.equal((await detail(ws.cookie, c.id)).lastContactedAt, null);
    const conversation = await logAt(ws.cookie, { contactId: c.id, kind: 'call', occurredAt: daysAgo(5) });
    await logAt(ws.cookie, {
      contactId: c.id,
      kind: 'note',
      occurredAt: daysAgo(0),
      summary: 'A later note',
    });
    const after = await detail(ws.cookie, c.id);
    assert.equal(new Date(after.lastContactedAt).toISOString(), conversation.occurredAt);
  });
});

describe('correcting a logged conversation', () => {
  test('moving it back in time weakens the relationship and moves the last-contact date', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Edda Edit', accountName: 'Edda GmbH' });
    const older = await logAt(ws.cookie, { contactId: c.id, kind: 'call', occurredAt: daysAgo(40) });
    const recent = await logVia(t, ws.cookie, { contactId: c.id, kind: 'meeting', occurredAt: daysAgo(1) });
    const before = await detail(ws.cookie, c.id);

    const moved = await call(t, 'PATCH', `/api/v1/interactions/${recent.id}`, {
      cookie: ws.cookie,
      body: { occurredAt: daysAgo(300), summary: 'Actually last winter' },
    });
    assert.equal(moved.status, 200);
    const after = await detail(ws.cookie, c.id);
    assert.ok(after.relationships[0].strength < before.relationships[0].strength);
    // The call 40 days ago is now the latest contact.
    assert.equal(new Date(after.lastContactedAt).toISOString(), older.occurredAt);

    const timeline = await call(t, 'GET', `/api/v1/accounts/${c.account!.id}/timeline`, {
      cookie: ws.cookie,
    });
    const event = timeline.body.events.find((e: { refId: string }) => e.refId === recent.id);
    assert.equal(event.body, 'Actually last winter');
    assert.equal(new Date(event.occurredAt).toISOString(), moved.body.occurredAt);
  });

  test('correcting the kind moves a default direction with it', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Kim Kind' });
    const email = await logVia(t, ws.cookie, { contactId: c.id, kind: 'email' });
    const asMeeting = await call(t, 'PATCH', `/api/v1/interactions/${email.id}`, {
      cookie: ws.cookie,
      body: { kind: 'meeting' },
    });
    assert.equal(asMeeting.body.direction, 'two_way');
    const inbound = await logVia(t, ws.cookie, { contactId: c.id, kind: 'email', direction: 'inbound' });
    const kept = await call(t, 'PATCH', `/api/v1/interactions/${inbound.id}`, {
      cookie: ws.cookie,
      body: { kind: 'message' },
    });
    assert.equal(kept.body.direction, 'inbound', 'a direction someone chose is kept');
  });

  test('changing who took part moves the strength from one member to the other', async () => {
    const ws = await newWorkspace(t);
    const colleague = await newMember(t, ws, 'member', 'Colleague Cora');
    const c = await createContactVia(t, ws.cookie, { name: 'Pat Participant' });
    const i = await logVia(t, ws.cookie, { contactId: c.id, kind: 'meeting' });
    const before = await detail(ws.cookie, c.id);
    assert.ok(strengthOf(before, 'Colleague Cora') === 0);

    await call(t, 'PATCH', `/api/v1/interactions/${i.id}`, {
      cookie: ws.cookie,
      body: { participantIds: [colleague.memberId] },
    });
    const after = await detail(ws.cookie, c.id);
    assert.ok(strengthOf(after, 'Colleague Cora') > 40, JSON.stringify(after.relationships));
    assert.equal(
      after.relationships.find((r: { member: { id: string } }) => r.member.id === ws.memberId).strength,
      0,
    );
    assert.equal(after.bestRelationship.memberName, 'Colleague Cora');
  });

  test('an empty change is refused with a message, and nothing changes', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Nora Nochange' });
    const i = await logVia(t, ws.cookie, { contactId: c.id, kind: 'call', summary: 'Kept' });
    const res = await call(t, 'PATCH', `/api/v1/interactions/${i.id}`, { cookie: ws.cookie, body: {} });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /nothing to change/i);
    const bad = await call(t, 'PATCH', `/api/v1/interactions/${i.id}`, {
      cookie: ws.cookie,
      body: { kind: 'telepathy' },
    });
    assert.equal(bad.status, 400);
    const future = await call(t, 'PATCH', `/api/v1/interactions/${i.id}`, {
      cookie: ws.cookie,
      body: { occurredAt: new Date(Date.now() + 5 * 86_400_000).toISOString() },
    });
    assert.equal(future.status, 400);
    const stored = await call(t, 'GET', `/api/v1/interactions/${i.id}`, { cookie: ws.cookie });
    assert.equal(stored.body.summary, 'Kept');
    assert.equal(stored.body.kind, 'call');
  });
});

describe('deleting a logged conversation', () => {
  test('removes it from the timeline and recomputes strength and the last-contact date', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Dora Delete' });
    const older = await logAt(ws.cookie, { contactId: c.id, kind: 'email', occurredAt: daysAgo(20) });
    const newer = await logVia(t, ws.cookie, { contactId: c.id, kind: 'meeting', occurredAt: daysAgo(2) });
    const before = await detail(ws.cookie, c.id);

    const res = await call(t, 'DELETE', `/api/v1/interactions/${newer.id}`, { cookie: ws.cookie });
    assert.equal(res.status, 204);
    const after = await detail(ws.cookie, c.id);
    assert.ok(after.relationships[0].strength < before.relationships[0].strength);
    assert.equal(new Date(after.lastContactedAt).toISOString(), older.occurredAt);
    const timeline = await call(t, 'GET', `/api/v1/contacts/${c.id}/timeline`, { cookie: ws.cookie });
    assert.ok(!timeline.body.events.some((e: { refId: string }) => e.refId === newer.id));
    assert.ok(timeline.body.events.some((e: { refId: string }) => e.refId === older.id));

    const again = await call(t, 'DELETE', `/api/v1/interactions/${newer.id}`, { cookie: ws.cookie });
    assert.equal(again.status, 404);
  });

  test("an erased person's conversations can be neither rewritten nor deleted", async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Erin Erased' });
    const i = await logVia(t, ws.cookie, { contactId: c.id, kind: 'call', summary: 'Private' });
    assert.equal(
      (await call(t, 'POST', `/api/v1/contacts/${c.id}/erase`, { cookie: ws.cookie })).status,
      204,
    );

    const edit = await call(t, 'PATCH', `/api/v1/interactions/${i.id}`, {
      cookie: ws.cookie,
      body: { summary: 'Erin called about her divorce' },
    });
    assert.equal(edit.status, 409);
    const del = await call(t, 'DELETE', `/api/v1/interactions/${i.id}`, { cookie: ws.cookie });
    assert.equal(del.status, 409);
    const stored = await call(t, 'GET', `/api/v1/interactions/${i.id}`, { cookie: ws.cookie });
    assert.equal(stored.body.summary, null);
  });
});

describe('notes', () => {
  test('a note is not described as contact with the person', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Noel Noted' });
    await logVia(t, ws.cookie, { contactId: c.id, kind: 'note', summary: 'Heard she is moving to Lisbon' });
    const d = await detail(ws.cookie, c.id);
    const reasons: string[] = d.relationships[0]?.reasons ?? [];
    assert.ok(!reasons.some((r) => /one-way|contact/i.test(r)), JSON.stringify(reasons));
    assert.ok(
      reasons.some((r) => /1 note/.test(r)),
      JSON.stringify(reasons),
    );
  });
});
