import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.ts';
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

describe('people and companies', () => {
  test('create with a company name matches or creates the account; edit; archive and restore', async () => {
    const ws = await newWorkspace(t);
    const ana = await createContactVia(t, ws.cookie, {
      name: 'Ana Silva',
      email: 'Ana.Silva@Northwind.example',
      accountName: 'Northwind Traders',
      kind: 'client',
      preferredChannel: 'phone',
      family: 'Two children; daughter looking for an internship',
      canHelpWith: ['ERP migration'],
      tags: ['VIP', 'vip'],
    });
    const ben = await createContactVia(t, ws.cookie, {
      name: 'Ben Okafor',
      accountName: 'northwind traders',
    });
    assert.equal(ben.account!.id, ana.account!.id);
    const detail = await call(t, 'GET', `/api/v1/contacts/${ana.id}`, { cookie: ws.cookie });
    assert.equal(detail.body.email, 'ana.silva@northwind.example');
    assert.deepEqual(detail.body.tags, ['vip']);
    assert.deepEqual(detail.body.canHelpWith, ['erp migration']);
    assert.equal(detail.body.family, 'Two children; daughter looking for an internship');

    const edited = await call(t, 'PATCH', `/api/v1/contacts/${ana.id}`, {
      cookie: ws.cookie,
      body: { title: 'CFO', phone: '' },
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.title, 'CFO');
    assert.equal(edited.body.phone, null);

    const account = await call(t, 'GET', `/api/v1/accounts/${ana.account!.id}`, { cookie: ws.cookie });
    assert.equal(account.body.contactCount, 2);

    await call(t, 'POST', `/api/v1/contacts/${ben.id}/archive`, { cookie: ws.cookie });
    const live = await call(t, 'GET', '/api/v1/contacts', { cookie: ws.cookie });
    assert.deepEqual(
      live.body.contacts.map((c: { name: string }) => c.name),
      ['Ana Silva'],
    );
    const archived = await call(t, 'GET', '/api/v1/contacts?archived=true', { cookie: ws.cookie });
    assert.deepEqual(
      archived.body.contacts.map((c: { name: string }) => c.name),
      ['Ben Okafor'],
    );
    await call(t, 'POST', `/api/v1/contacts/${ben.id}/unarchive`, { cookie: ws.cookie });
    assert.equal((await call(t, 'GET', '/api/v1/contacts', { cookie: ws.cookie })).body.contacts.length, 2);
  });

  test('bad input is refused with the field named', async () => {
    const ws = await newWorkspace(t);
    await createContactVia(t, ws.cookie, { name: 'Taken', email: 'taken@x.test' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'body.name'],
      [{ name: '   ' }, 400, 'body.name'],
      [{ name: 'X', email: 'not-an-email' }, 400, 'body.email'],
      [{ name: 'X', kind: 'friend' }, 400, 'body.kind'],
      [{ name: 'X', tags: ['a'.repeat(51)] }, 400, 'body.tags.0'],
      [{ name: 'X', email: 'TAKEN@x.test' }, 409, 'body.email'],
      [{ name: 'X', accountId: '00000000-0000-4000-8000-000000000000' }, 400, 'body.accountId'],
      [{ name: 'X', surprise: true }, 400, 'body.surprise'],
    ];
    for (const [body, status, path] of cases) {
      const res = await call(t, 'POST', '/api/v1/contacts', { cookie: ws.cookie, body });
      assert.equal(res.status, status, JSON.stringify({ body, got: res.body }));
      assert.equal(res.body.error.details?.[0]?.path, path, JSON.stringify(res.body));
    }
    const dupAccount = await call(t, 'POST', '/api/v1/accounts', {
      cookie: ws.cookie,
      body: { name: 'Acme' },
    });
    assert.equal(dupAccount.status, 201);
    const again = await call(t, 'POST', '/api/v1/accounts', { cookie: ws.cookie, body: { name: 'ACME' } });
    assert.equal(again.status, 409);
    const badCursor = await call(t, 'GET', '/api/v1/contacts?cursor=garbage', { cookie: ws.cookie });
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.body.error.details[0].path, 'query.cursor');
    const badSort = await call(t, 'GET', '/api/v1/contacts?sort=shoe_size', { cookie: ws.cookie });
    assert.equal(badSort.status, 400);
  });
});

describe('finding people', () => {
  test('misspelt names, part of an email, the company and a tag all find the person', async () => {
    const ws = await newWorkspace(t);
    await createContactVia(t, ws.cookie, {
      name: 'Margarethe Lindqvist',
      email: 'm.lindqvist@fjordcapital.example',
      accountName: 'Fjord Capital',
      tags: ['board'],
    });
    await createContactVia(t, ws.cookie, { name: 'Tomas Weber', email: 'tomas@weber.example' });
    for (const q of ['Lindqvst', 'margaret', 'lindqvist@fjord', 'fjord capitl', 'board']) {
      const res = await call(t, 'GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, { cookie: ws.cookie });
      assert.deepEqual(
        res.body.contacts.map((c: { name: string }) => c.name),
        ['Margarethe Lindqvist'],
        q,
      );
    }
    const none = await call(t, 'GET', '/api/v1/contacts?q=zzzzqqq', { cookie: ws.cookie });
    assert.equal(none.body.contacts.length, 0);
    const search = await call(t, 'GET', '/api/v1/search?q=fjord', { cookie: ws.cookie });
    assert.equal(search.body.accounts[0].name, 'Fjord Capital');
    const companies = await call(t, 'GET', '/api/v1/accounts?q=fjord%20capitl', { cookie: ws.cookie });
    assert.deepEqual(
      companies.body.accounts.map((a: { name: string }) => a.name),
      ['Fjord Capital'],
    );
    assert.equal((await call(t, 'GET', '/api/v1/search?q=', { cookie: ws.cookie })).status, 400);
  });

  test('every sort pages through all rows exactly once with stable cursors', async () => {
    const ws = await newWorkspace(t);
    const member = await newMember(t, ws, 'member');
    // 130 contacts with repeated names and shared timestamps, so ties must be broken by id.
    await t.db.insert(contacts).values(
      Array.from({ length: 130 }, (_, i) => ({
        workspaceId: ws.workspaceId,
        name: `Person ${String(i % 40).padStart(2, '0')}`,
        email: `p${i}@bulk.test`,
        bestStrength: i % 7,
        lastContactedAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 10))),
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 5))),
      })),
    );
    await logVia(t, member.cookie, {
      contactId: (await createContactVia(t, ws.cookie, { name: 'Zed' })).id,
      kind: 'call',
    });
    for (const sort of [
      'name',
      '-name',
      'last_contacted',
      '-last_contacted',
      'strength',
      '-strength',
      'created',
      '-created',
    ]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const qs: string = `sort=${sort}&limit=17${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call(t, 'GET', `/api/v1/contacts?${qs}`, { cookie: ws.cookie });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        seen.push(...res.body.contacts.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 131, sort);
      assert.equal(new Set(seen).size, 131, `${sort}: duplicates across pages`);
    }
    // Relevance paging works too.
    const first = await call(t, 'GET', '/api/v1/contacts?q=person&limit=50', { cookie: ws.cookie });
    const second = await call(
      t,
      'GET',
      `/api/v1/contacts?q=person&limit=50&cursor=${first.body.nextCursor}`,
      { cookie: ws.cookie },
    );
    const ids = [...first.body.contacts, ...second.body.contacts].map((c: { id: string }) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('filters: kind, tag, known by, strength, last contacted, never contacted, account status', async () => {
    const ws = await newWorkspace(t);
    const ana = await newMember(t, ws, 'member', 'Ana');
    const p1 = await createContactVia(t, ws.cookie, {
      name: 'Partner Paula',
      kind: 'partner',
      tags: ['legal'],
    });
    const c1 = await createContactVia(t, ws.cookie, { name: 'Client Carl', accountName: 'Old Co' });
    await call(t, 'PATCH', `/api/v1/accounts/${c1.account!.id}`, {
      cookie: ws.cookie,
      body: { status: 'past' },
    });
    await logVia(t, ana.cookie, { contactId: p1.id, kind: 'meeting', occurredAt: '2026-11-01T10:00:00Z' });
    const names = async (qs: string) =>
      (await call(t, 'GET', `/api/v1/contacts?${qs}`, { cookie: ws.cookie })).body.contacts.map(
        (c: { name: string }) => c.name,
      );
    assert.deepEqual(await names('kind=partner'), ['Partner Paula']);
    assert.deepEqual(await names('kind=partner,client'), ['Client Carl', 'Partner Paula']);
    assert.deepEqual(await names('tag=legal'), ['Partner Paula']);
    assert.deepEqual(await names(`memberId=${ana.memberId}`), ['Partner Paula']);
    assert.deepEqual(await names('minStrength=10'), ['Partner Paula']);
    assert.deepEqual(await names('maxStrength=0'), ['Client Carl']);
    assert.deepEqual(await names('contactedAfter=2026-10-01'), ['Partner Paula']);
    assert.deepEqual(await names('contactedBefore=2026-10-01'), []);
    assert.deepEqual(await names('neverContacted=true'), ['Client Carl']);
    assert.deepEqual(await names('accountStatus=past'), ['Client Carl']);
  });
});

describe('merge and erase', () => {
  test('merging keeps all history, emails, tags and relationships; the duplicate points at the survivor', async () => {
    const ws = await newWorkspace(t);
    const colleague = await newMember(t, ws, 'member', 'Colleague');
    const keep = await createContactVia(t, ws.cookie, {
      name: 'Ana Silva',
      email: 'ana@work.test',
      tags: ['vip'],
    });
    const dup = await createContactVia(t, ws.cookie, {
      name: 'Ana S.',
      email: 'ana@home.test',
      phone: '+351 900',
      tags: ['golf'],
      accountName: 'Northwind',
    });
    await logVia(t, ws.cookie, { contactId: keep.id, kind: 'call' });
    await logVia(t, colleague.cookie, { contactId: dup.id, kind: 'meeting', summary: 'Lunch' });
    await logVia(t, ws.cookie, { contactId: dup.id, kind: 'email' });

    const merged = await call(t, 'POST', `/api/v1/contacts/${keep.id}/merge`, {
      cookie: ws.cookie,
      body: { duplicateId: dup.id },
    });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal(merged.body.email, 'ana@work.test');
    assert.deepEqual(merged.body.otherEmails, ['ana@home.test']);
    assert.equal(merged.body.phone, '+351 900');
    assert.equal(merged.body.account.name, 'Northwind');
    assert.deepEqual(merged.body.tags.sort(), ['golf', 'vip']);
    const knownBy = merged.body.relationships.map((r: { member: { id: string } }) => r.member.id).sort();
    assert.deepEqual(knownBy, [ws.memberId, colleague.memberId].sort());
    const timeline = await call(t, 'GET', `/api/v1/contacts/${keep.id}/timeline`, { cookie: ws.cookie });
    const kinds = timeline.body.events.map((e: { kind: string }) => e.kind);
    assert.equal(kinds.filter((k: string) => k === 'interaction').length, 3);
    assert.ok(kinds.includes('contact.merged'));

    const old = await call(t, 'GET', `/api/v1/contacts/${dup.id}`, { cookie: ws.cookie });
    assert.equal(old.body.mergedIntoId, keep.id);
    const list = await call(t, 'GET', '/api/v1/contacts?archived=all', { cookie: ws.cookie });
    assert.deepEqual(
      list.body.contacts.map((c: { id: string }) => c.id),
      [keep.id],
    );
    // Merging the same duplicate twice is refused.
    assert.equal(
      (
        await call(t, 'POST', `/api/v1/contacts/${keep.id}/merge`, {
          cookie: ws.cookie,
          body: { duplicateId: dup.id },
        })
      ).status,
      409,
    );
  });

  test('a contact cannot be merged into itself', async () => {
    const ws = await newWorkspace(t);
    const c = await createContactVia(t, ws.cookie, { name: 'Solo' });
    const res = await call(t, 'POST', `/api/v1/contacts/${c.id}/merge`, {
      cookie: ws.cookie,
      body: { duplicateId: c.id },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].path, 'body.duplicateId');
  });

  test('erase removes personal data, keeps anonymous counts, and needs a manager', async () => {
    const ws = await newWorkspace(t);
    const member = await newMember(t, ws, 'member');
    const c = await createContactVia(t, ws.cookie, {
      name: 'Erin Erasable',
      email: 'erin@x.test',
      family: 'Secret family note',
      tags: ['x'],
    });
    await logVia(t, ws.cookie, { contactId: c.id, kind: 'call', summary: 'Told me about her divorce' });
    assert.equal(
      (await call(t, 'POST', `/api/v1/contacts/${c.id}/erase`, { cookie: member.cookie })).status,
      403,
    );
    assert.equal(
      (await call(t, 'POST', `/api/v1/contacts/${c.id}/erase`, { cookie: ws.cookie })).status,
      204,
    );

    const detail = await call(t, 'GET', `/api/v1/contacts/${c.id}`, { cookie: ws.cookie });
    assert.equal(detail.body.name, 'Erased contact');
    assert.equal(detail.body.email, null);
    assert.equal(detail.body.family, null);
    assert.equal(detail.body.erased, true);
    assert.equal(detail.body.relationships.length, 1);
    const dump = JSON.stringify(
      await t.db.execute(
        sql`select * from contacts c left join interactions i on i.contact_id = c.id left join timeline_events e on e.contact_id = c.id where c.id = ${c.id}`,
      ),
    );
    for (const secret of ['Erin', 'erin@x.test', 'Secret family', 'divorce'])
      assert.ok(!dump.includes(secret), secret);
    const count = await t.db.execute(
      sql`select count(*)::int as n from interactions where contact_id = ${c.id}`,
    );
    assert.equal((count as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
    assert.equal(
      (await call(t, 'PATCH', `/api/v1/contacts/${c.id}`, { cookie: ws.cookie, body: { name: 'Back' } }))
        .status,
      409,
    );
  });
});

describe('interactions', () => {
  test('logging takes a contact and a kind; the timeline and last-contacted follow edits and deletes', async () => {
    const ws = await newWorkspace(t);
    const colleague = await newMember(t, ws, 'member', 'Colleague');
    const c = await createContactVia(t, ws.cookie, { name: 'Timeline Tina', accountName: 'Tina Co' });
    const logged = await call(t, 'POST', '/api/v1/interactions', {
      cookie: ws.cookie,
      body: {
        contactId: c.id,
        kind: 'meeting',
        summary: 'Project kickoff',
        outcome: 'Asked for a case study',
        followUpOn: '2026-12-01',
        participantIds: [ws.memberId, colleague.memberId],
      },
    });
    assert.equal(logged.status, 201);
    assert.equal(logged.body.direction, 'two_way');
    assert.equal(logged.body.participants.length, 2);

    const accountTimeline = await call(t, 'GET', `/api/v1/accounts/${c.account!.id}/timeline`, {
      cookie: ws.cookie,
    });
    assert.ok(
      accountTimeline.body.events.some((e: { title: string }) => e.title === 'Meeting with Timeline Tina'),
    );

    const patched = await call(t, 'PATCH', `/api/v1/interactions/${logged.body.id}`, {
      cookie: ws.cookie,
      body: { kind: 'call', summary: 'Phone kickoff' },
    });
    assert.equal(patched.body.kind, 'call');
    const timeline = await call(t, 'GET', `/api/v1/contacts/${c.id}/timeline`, { cookie: ws.cookie });
    const event = timeline.body.events.find((e: { kind: string }) => e.kind === 'interaction');
    assert.equal(event.title, 'Call with Timeline Tina');
    assert.equal(event.body, 'Phone kickoff');

    const future = await call(t, 'POST', '/api/v1/interactions', {
      cookie: ws.cookie,
      body: {
        contactId: c.id,
        kind: 'call',
        occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    });
    assert.equal(future.status, 400);
    assert.equal(future.body.error.details[0].path, 'body.occurredAt');
    const badKind = await call(t, 'POST', '/api/v1/interactions', {
      cookie: ws.cookie,
      body: { contactId: c.id, kind: 'telepathy' },
    });
    assert.equal(badKind.status, 400);
    assert.equal(
      (
        await call(t, 'POST', '/api/v1/interactions', {
          cookie: ws.cookie,
          body: { contactId: '00000000-0000-4000-8000-000000000000', kind: 'call' },
        })
      ).status,
      404,
    );
  });
});
