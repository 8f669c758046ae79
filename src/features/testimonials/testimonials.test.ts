import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  call,
  createContactVia,
  createTestApp,
  newWorkspace,
  type TestContext,
  type WorkspaceHandle,
} from '../../test/app.ts';

describe('testimonials', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  let ana: { id: string; account: { id: string } | null };
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Quote Firm');
    ana = await createContactVia(t, ws.cookie, {
      name: 'Ana Silva',
      email: 'ana@northwind.test',
      kind: 'client',
      accountName: 'Northwind',
    });
  });
  after(async () => t.close());

  const post = (body: unknown, cookie = ws.cookie) =>
    call(t, 'POST', '/api/v1/testimonials', { cookie, body });

  test('recorded with the company taken from the person; permission dated', async () => {
    const res = await post({
      contactId: ana.id,
      quote: 'They found the problem in a week.',
      about: 'ERP migration 2026',
      mayPublish: true,
      attribution: 'Ana S., CFO at Northwind',
      collectedOn: '2026-01-15',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.account.id, ana.account!.id);
    assert.equal(res.body.account.name, 'Northwind');
    assert.equal(res.body.collectedBy.id, ws.memberId);
    assert.match(res.body.permissionOn, /^\d{4}-\d{2}-\d{2}$/);
    // Turning permission off clears the date; on again dates it today.
    const off = await call(t, 'PATCH', `/api/v1/testimonials/${res.body.id}`, {
      cookie: ws.cookie,
      body: { mayPublish: false },
    });
    assert.equal(off.body.mayPublish, false);
    assert.equal(off.body.permissionOn, null);
    const on = await call(t, 'PATCH', `/api/v1/testimonials/${res.body.id}`, {
      cookie: ws.cookie,
      body: { mayPublish: true, permissionOn: '2026-02-01' },
    });
    assert.equal(on.body.permissionOn, '2026-02-01');
    const timeline = await call(t, 'GET', `/api/v1/contacts/${ana.id}/timeline`, { cookie: ws.cookie });
    assert.ok(JSON.stringify(timeline.body).includes('Testimonial from Ana Silva'));
  });

  test('bad input is refused and nothing is stored', async () => {
    const before = (await call(t, 'GET', '/api/v1/testimonials', { cookie: ws.cookie })).body.total;
    const other = await newWorkspace(t);
    const theirs = await createContactVia(t, other.cookie, { name: 'Not Yours', kind: 'client' });
    const cases: [unknown, number, RegExp][] = [
      [{ contactId: ana.id, quote: '   ' }, 400, /quote/],
      [{ contactId: ana.id, quote: 'x'.repeat(5001) }, 400, /5,000/],
      [{ contactId: ana.id, quote: 'ok', collectedOn: '2999-01-01' }, 400, /future/],
      [{ contactId: ana.id, quote: 'ok', collectedOn: '15/01/2026' }, 400, /date/],
      [{ contactId: ana.id, quote: 'ok', permissionOn: '2026-01-01' }, 400, /only with permission/],
      [{ contactId: ana.id, quote: 'ok', collectedByMemberId: other.memberId }, 400, /not a member/],
      [{ contactId: theirs.id, quote: 'ok' }, 404, /Contact not found/],
      [{ contactId: 'nope', quote: 'ok' }, 400, /contactId/],
      [{ contactId: ana.id, quote: 'ok', extra: 1 }, 400, /extra|Unrecognized/i],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match(res.body.error.message, message);
    }
    const mine = (await post({ contactId: ana.id, quote: 'Mine' })).body;
    const moved = await call(t, 'PATCH', `/api/v1/testimonials/${mine.id}`, {
      cookie: ws.cookie,
      body: { contactId: theirs.id },
    });
    assert.equal(moved.status, 404);
    const empty = await call(t, 'PATCH', `/api/v1/testimonials/${mine.id}`, { cookie: ws.cookie, body: {} });
    assert.equal(empty.status, 400);
    assert.equal(
      (await call(t, 'DELETE', `/api/v1/testimonials/${mine.id}`, { cookie: ws.cookie })).status,
      204,
    );
    const after = (await call(t, 'GET', '/api/v1/testimonials', { cookie: ws.cookie })).body.total;
    assert.equal(after, before);
  });

  test('filters and the CSV export (publishable only, formula cells escaped)', async () => {
    const w = await newWorkspace(t, 'Export Firm');
    const bob = await createContactVia(t, w.cookie, {
      name: '=HYPERLINK("http://evil") Bob Jones',
      email: 'bob@x.test',
      kind: 'client',
      accountName: '@Acme',
    });
    const carla = await createContactVia(t, w.cookie, { name: 'Carla Dias', kind: 'client' });
    await post(
      { contactId: bob.id, quote: '=1+1 best team', mayPublish: true, collectedOn: '2026-03-01' },
      w.cookie,
    );
    await post(
      {
        contactId: bob.id,
        quote: '-private, not for publishing',
        mayPublish: false,
        collectedOn: '2026-01-01',
      },
      w.cookie,
    );
    await post(
      {
        contactId: carla.id,
        quote: 'Said "wow", twice',
        mayPublish: true,
        about: '+Audit',
        collectedOn: '2025-06-30',
      },
      w.cookie,
    );
    const list = (q: string) => call(t, 'GET', `/api/v1/testimonials${q}`, { cookie: w.cookie });
    assert.equal((await list('')).body.total, 3);
    assert.equal((await list('?mayPublish=true')).body.total, 2);
    assert.equal((await list('?mayPublish=false')).body.total, 1);
    assert.equal((await list(`?contact=${carla.id}`)).body.total, 1);
    assert.equal((await list('?from=2026-01-01&to=2026-02-28')).body.total, 1);
    assert.equal((await list('?from=nope')).status, 400);
    assert.equal((await list('?mayPublish=maybe')).status, 400);

    const csv = await call(t, 'GET', '/api/v1/testimonials/export.csv', { cookie: w.cookie });
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="testimonials-/);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'quote,attribution,company,about,collected_on,permission_on');
    assert.equal(lines.length, 3, 'publishable only by default');
    assert.ok(!csv.body.includes('private'));
    assert.ok(!csv.body.includes('bob@x.test'), 'no emails');
    assert.ok(
      !csv.body.includes('Jones'),
      'credited by first name and initial without an agreed attribution',
    );
    // Every cell that starts like a formula is prefixed with a quote.
    assert.ok(lines[1]!.startsWith("'=1+1 best team,"));
    assert.ok(lines[1]!.includes(",'@Acme,"));
    assert.ok(lines[1]!.includes('"\'=HYPERLINK(""http://evil"") J., @Acme"'));
    assert.ok(lines[2]!.startsWith('"Said ""wow"", twice",Carla D.,,\'+Audit,2025-06-30,'));
    for (const line of lines.slice(1)) {
      for (const cell of line.split(',')) assert.ok(!/^"?[=+\-@]/.test(cell), `unescaped cell ${cell}`);
    }
    const all = await call(t, 'GET', '/api/v1/testimonials/export.csv?publishableOnly=false', {
      cookie: w.cookie,
    });
    const allLines = (all.body as string).trim().split('\r\n');
    assert.equal(allLines.length, 4);
    assert.ok(allLines[0]!.endsWith(',may_publish'));
    assert.ok(all.body.includes("'-private"));
  });
});
