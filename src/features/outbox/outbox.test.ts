import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, createTestApp, newMember, newWorkspace, type TestContext } from '../../test/app.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

test('the outbox shows sent mail newest first, pages with a cursor, and is for managers', async () => {
  const ws = await newWorkspace(t);
  for (const n of [1, 2, 3]) {
    await call(t, 'POST', '/api/v1/invites', {
      cookie: ws.cookie,
      body: { email: `p${n}@x.test`, role: 'member' },
    });
  }
  const first = await call(t, 'GET', '/api/v1/outbox?limit=2', { cookie: ws.cookie });
  assert.equal(first.status, 200);
  assert.equal(first.body.delivering, false);
  assert.deepEqual(
    first.body.messages.map((m: { to: string }) => m.to),
    ['p3@x.test', 'p2@x.test'],
  );
  assert.equal(first.body.messages[0].status, 'outbox');
  const second = await call(
    t,
    'GET',
    `/api/v1/outbox?limit=2&before=${encodeURIComponent(first.body.nextCursor)}`,
    { cookie: ws.cookie },
  );
  assert.deepEqual(
    second.body.messages.map((m: { to: string }) => m.to),
    ['p1@x.test'],
  );
  assert.equal(second.body.nextCursor, null);

  const bad = await call(t, 'GET', '/api/v1/outbox?before=garbage', { cookie: ws.cookie });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details[0].path, 'query.before');
  const tooMany = await call(t, 'GET', '/api/v1/outbox?limit=5000', { cookie: ws.cookie });
  assert.equal(tooMany.status, 400);

  const member = await newMember(t, ws, 'member');
  assert.equal((await call(t, 'GET', '/api/v1/outbox', { cookie: member.cookie })).status, 403);
});
