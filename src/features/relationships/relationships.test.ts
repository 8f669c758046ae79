import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { recomputeStrengths } from './recompute.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe('strength from interactions', () => {
  test('meetings count more than emails, two-way more than one-way, recent more than old', async () => {
    const ws = await newWorkspace(t);
    const emailer = await newMember(t, ws, 'member', 'Emailer');
    const meeter = await newMember(t, ws, 'member', 'Meeter');
    const c = await createContactVia(t, ws.cookie, { name: 'Clara Client' });
    await logVia(t, emailer.cookie, { contactId: c.id, kind: 'email', occurredAt: daysAgo(1) });
    await logVia(t, emailer.cookie, { contactId: c.id, kind: 'email', occurredAt: daysAgo(2) });
    await logVia(t, meeter.cookie, { contactId: c.id, kind: 'meeting', occurredAt: daysAgo(3) });

    const detail = await call(t, 'GET', `/api/v1/contacts/${c.id}`, { cookie: ws.cookie });
    const byName = Object.fromEntries(
      detail.body.relationships.map((r: { member: { name: string }; strength: number }) => [
        r.member.name,
        r.strength,
      ]),
    );
    assert.ok(byName.Meeter > byName.Emailer, JSON.stringify(byName));
    assert.equal(detail.body.bestRelationship.memberName, 'Meeter');

    const best = await call(t, 'GET', `/api/v1/contacts/${c.id}/best-contact`, { cookie: ws.cookie });
    assert.equal(best.body.member.name, 'Meeter');
    assert.match(best.body.reasons[0], /Meeter has the strongest relationship \(\d+, next Emailer at \d+\)/);
    assert.deepEqual(
      best.body.alternatives.map((a: { name: string }) => a.name),
      ['Emailer'],
    );

    // Two-way beats one-way for the same kind.
    const d = await createContactVia(t, ws.cookie, { name: 'Dora Direction' });
    await logVia(t, emailer.cookie, {
      contactId: d.id,
      kind: 'call',
      direction: 'outbound',
      occurredAt: daysAgo(1),
    });
    await logVia(t, meeter.cookie, {
      contactId: d.id,
      kind: 'call',
      direction: 'two_way',
      occurredAt: daysAgo(1),
    });
    const dd = await call(t, 'GET', `/api/v1/contacts/${d.id}`, { cookie: ws.cookie });
    assert.equal(dd.body.relationships[0].member.name, 'Meeter');

    // An old meeting counts less than a recent one: age the interactions and recompute.
    const before = dd.body.relationships[0].strength;
    await t.db.execute(
      sql`update interactions set occurred_at = occurred_at - interval '300 days' where contact_id = ${d.id}`,
    );
    await recomputeStrengths(t.db, ws.workspaceId, 'all');
    const aged = await call(t, 'GET', `/api/v1/contacts/${d.id}`, { cookie: ws.cookie });
    assert.ok(aged.body.relationships[0].strength < before);
  });

  test('deleting the only interaction brings the strength back to zero; nobody is then best', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Temporary Tim' });
    const i = await logVia(t, ws.cookie, { contactId: c.id, kind: 'meeting' });
    assert.equal(
      (await call(t, 'DELETE', `/api/v1/interactions/${i.id}`, { cookie: ws.cookie })).status,
      204,
    );
    const detail = await call(t, 'GET', `/api/v1/contacts/${c.id}`, { cookie: ws.cookie });
    assert.equal(detail.body.relationships[0].strength, 0);
    assert.equal(detail.body.lastContactedAt, null);
    const best = await call(t, 'GET', `/api/v1/contacts/${c.id}/best-contact`, { cookie: ws.cookie });
    assert.equal(best.body.member, null);
  });

  test('deactivated members are not suggested', async () => {
    const ws = await newWorkspace(t);
    const leaver = await newMember(t, ws, 'member', 'Leaver');
    const c = await createContactVia(t, ws.cookie, { name: 'Loyal Lou' });
    await logVia(t, leaver.cookie, { contactId: c.id, kind: 'meeting' });
    await call(t, 'PATCH', `/api/v1/members/${leaver.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'deactivated' },
    });
    const best = await call(t, 'GET', `/api/v1/contacts/${c.id}/best-contact`, { cookie: ws.cookie });
    assert.equal(best.body.member, null);
  });
});

describe('override', () => {
  test('a member sets a strength with a reason; clearing returns to the computed value', async () => {
    const ws = await newWorkspace(t);
    const colleague = await newMember(t, ws, 'member', 'Old Friend');
    const c = await createContactVia(t, ws.cookie, { name: 'Schoolmate Sam' });
    const set = await call(t, 'PUT', `/api/v1/contacts/${c.id}/relationships/${colleague.memberId}`, {
      cookie: ws.cookie,
      body: { strength: 90, reason: 'Went to school together' },
    });
    assert.equal(set.status, 200);
    assert.equal(set.body.strength, 90);
    assert.equal(set.body.override.reason, 'Went to school together');
    assert.match(set.body.reasons[0], /^Set to 90 by Owner of .*: “Went to school together”$/);
    const best = await call(t, 'GET', `/api/v1/contacts/${c.id}/best-contact`, { cookie: ws.cookie });
    assert.equal(best.body.member.name, 'Old Friend');
    const timeline = await call(t, 'GET', `/api/v1/contacts/${c.id}/timeline`, { cookie: ws.cookie });
    assert.ok(timeline.body.events.some((e: { kind: string }) => e.kind === 'relationship.override'));

    const cleared = await call(
      t,
      'DELETE',
      `/api/v1/contacts/${c.id}/relationships/${colleague.memberId}/override`,
      { cookie: ws.cookie },
    );
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.strength, 0);
    assert.equal(cleared.body.override, null);
  });

  test('bad input: no reason, out of range, a member of another workspace, an unknown member', async () => {
    const ws = await newWorkspace(t);
    const other = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Picky Pat' });
    const url = (memberId: string) => `/api/v1/contacts/${c.id}/relationships/${memberId}`;
    const noReason = await call(t, 'PUT', url(ws.memberId), {
      cookie: ws.cookie,
      body: { strength: 50, reason: '' },
    });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.details[0].path, 'body.reason');
    const tooHigh = await call(t, 'PUT', url(ws.memberId), {
      cookie: ws.cookie,
      body: { strength: 101, reason: 'because' },
    });
    assert.equal(tooHigh.status, 400);
    const foreign = await call(t, 'PUT', url(other.memberId), {
      cookie: ws.cookie,
      body: { strength: 50, reason: 'because' },
    });
    assert.equal(foreign.status, 404);
    const unknown = await call(t, 'PUT', url('00000000-0000-4000-8000-000000000000'), {
      cookie: ws.cookie,
      body: { strength: 50, reason: 'because' },
    });
    assert.equal(unknown.status, 404);
  });
});
