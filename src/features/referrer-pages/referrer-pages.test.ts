import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { offers } from '../../db/schema/index.ts';
import {
  call,
  createContactVia,
  createTestApp,
  newWorkspace,
  type TestContext,
  type WorkspaceHandle,
} from '../../test/app.ts';
import { recordReferral } from '../referrals/record-referral.ts';
import { deriveLinkSecret, signSendToken } from '../surveys/links.ts';
import { privateName, signReferrerToken, verifyReferrerToken } from './tokens.ts';

test('a referrer token round-trips, refuses forgeries, and is not a survey token', () => {
  const key = deriveLinkSecret('a-session-secret-of-enough-length!');
  const id = randomUUID();
  const token = signReferrerToken(key, id);
  assert.equal(verifyReferrerToken(key, token), id);
  assert.equal(verifyReferrerToken(deriveLinkSecret('another-secret-another-secret!!'), token), null);
  const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
  assert.equal(verifyReferrerToken(key, flipped), null);
  assert.equal(verifyReferrerToken(key, token.slice(0, 43)), null);
  // The same id signed as a survey send is refused: the keys differ by purpose.
  assert.equal(verifyReferrerToken(key, signSendToken(key, id)), null);
});

test('names on the public page: first name and last initial only', () => {
  assert.equal(privateName('Ana Silva-Costa'), 'Ana S.');
  assert.equal(privateName('  maria  de la  Cruz '), 'maria C.');
  assert.equal(privateName('Cher'), 'Cher');
  assert.equal(privateName('Émile Zola'), 'Émile Z.');
  assert.equal(privateName(''), null);
  assert.equal(privateName(null), null);
});

function form(t: TestContext, url: string, fields: Record<string, string>, ip = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

const view = (t: TestContext, path: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'GET', url: path, remoteAddress: ip });

async function addOffer(
  t: TestContext,
  ws: WorkspaceHandle,
  values: Partial<typeof offers.$inferInsert> & { title: string },
): Promise<string> {
  const [row] = await t.db
    .insert(offers)
    .values({
      workspaceId: ws.workspaceId,
      type: 'assessment',
      headline: `${values.title} headline`,
      ...values,
    })
    .returning({ id: offers.id });
  return row!.id;
}

const linkCount = async (t: TestContext, contactId: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from share_links where referrer_contact_id = ${contactId}`,
      )
    )[0]!.n,
  );

describe('referrer pages', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  let referrer: { id: string };
  let auditOffer: string;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Harbour <Advisory>');
    referrer = await createContactVia(t, ws.cookie, {
      name: 'Ana <img src=x onerror=alert(1)> Silva',
      email: 'ana@northwind.test',
      kind: 'client',
      accountName: 'Northwind',
    });
    auditOffer = await addOffer(t, ws, {
      title: 'Free IT audit',
      shareMessage: 'Hi {{colleague.firstName}}, {{referrer.firstName}} here: {{link}}',
      shareEmailSubject: '{{offer.title}} from a friend',
      shareEmailBody: 'Hello,\n\nI thought of you. {{link}}\n\n{{referrer.name}}',
      terms: 'One per company.',
    });
    await addOffer(t, ws, { title: 'Paused thing', status: 'paused' });
    await addOffer(t, ws, { title: 'Ended thing', endsOn: '2020-01-01' });
    await addOffer(t, ws, { title: 'Archived thing', status: 'archived' });
  });
  after(async () => t.close());

  test('make, view, get my link, revoke and re-issue', async () => {
    const made = await call(t, 'POST', `/api/v1/contacts/${referrer.id}/referrer-page`, {
      cookie: ws.cookie,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.match(made.body.url, /^http:\/\/warmpath\.test\/p\/[A-Za-z0-9_-]{44}$/);
    assert.equal(made.body.activeOffers, 1);
    assert.equal(made.body.offersWithLink, 1);
    // Links are made for active offers only.
    assert.equal(await linkCount(t, referrer.id), 1);
    const again = await call(t, 'POST', `/api/v1/contacts/${referrer.id}/referrer-page`, {
      cookie: ws.cookie,
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.url, made.body.url);

    // A referral with a value and a note: neither may reach the public page, nor the surname.
    const prospect = await createContactVia(t, ws.cookie, {
      name: 'Bruno <b>Bold</b> Quintanilla',
      email: 'bruno@contoso.test',
      kind: 'prospect',
    });
    await t.db.transaction(async (tx) => {
      const id = await recordReferral(tx, {
        workspaceId: ws.workspaceId,
        kind: 'introduction',
        source: 'client',
        referrerContactId: referrer.id,
        prospectContactId: prospect.id,
        expectedValue: 48_250,
        note: 'CONFIDENTIAL-NOTE budget is tight',
      });
      await tx.execute(sql`update referrals set status = 'won', booked_value = 51999 where id = ${id}`);
      await recordReferral(tx, {
        workspaceId: ws.workspaceId,
        kind: 'recommendation',
        source: 'client',
        referrerContactId: referrer.id,
        prospectName: 'Carla Mendonça',
      });
    });

    // An offer added after the page was made has no link until the referrer asks for one.
    const later = await addOffer(t, ws, { title: 'Breakfast briefing' });
    const path = new URL(made.body.url).pathname;
    const before = await linkCount(t, referrer.id);
    const res = await view(t, path);
    assert.equal(res.statusCode, 200);
    assert.equal(await linkCount(t, referrer.id), before, 'GET must not make links');
    const page = res.body;
    assert.match(page, /Hi Ana, thank you/);
    assert.match(page, /Harbour &lt;Advisory&gt;/);
    assert.ok(!page.includes('<img src=x'), 'names are escaped');
    assert.ok(!page.includes('<b>Bold</b>'));
    assert.match(page, /Bruno Q\./);
    assert.ok(!page.includes('Quintanilla'), 'no surnames');
    assert.match(page, /Carla M\./);
    assert.ok(!page.includes('Mendonça'));
    assert.match(page, /became a client — thank you!/);
    assert.match(page, /we’ll be in touch soon/);
    for (const secret of ['48250', '48,250', '51999', '51,999', 'CONFIDENTIAL', 'budget'])
      assert.ok(!page.includes(secret), `page leaks ${secret}`);
    assert.ok(!page.includes('Paused thing') && !page.includes('Ended thing') && !page.includes('Archived'));
    // Wording filled: the referrer's first name and their own link; an unknown colleague is "there".
    const code = (
      await queryRows<{ code: string }>(
        t.db,
        sql`select code from share_links where offer_id = ${auditOffer} and referrer_contact_id = ${referrer.id}`,
      )
    )[0]!.code;
    assert.ok(page.includes(`Hi there, Ana here: http://warmpath.test/r/${code}`));
    assert.ok(page.includes('Free IT audit from a friend'));
    assert.match(page, /Get my link/);
    assert.match(page, /src="\/p\/assets\/copy.js"/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);

    const viewed = await call(t, 'GET', `/api/v1/contacts/${referrer.id}/referrer-page`, {
      cookie: ws.cookie,
    });
    assert.ok(viewed.body.page.lastViewedAt, 'last viewed is noted');

    const getLink = await form(t, `${path}/links`, { offer: later });
    assert.equal(getLink.statusCode, 303);
    assert.equal(getLink.headers.location, `${path}#offer-${later}`);
    assert.equal(await linkCount(t, referrer.id), before + 1);
    // Asking twice keeps the same link; a paused or foreign offer gives a polite page.
    assert.equal((await form(t, `${path}/links`, { offer: later })).statusCode, 303);
    assert.equal(await linkCount(t, referrer.id), before + 1);
    const paused = (
      await queryRows<{ id: string }>(t.db, sql`select id from offers where title = 'Paused thing'`)
    )[0]!.id;
    const refused = await form(t, `${path}/links`, { offer: paused });
    assert.equal(refused.statusCode, 410);
    assert.equal((await form(t, `${path}/links`, { offer: 'not-a-uuid' })).statusCode, 410);

    // Forged and malformed tokens: the same friendly page, no stack.
    const forged = `${path.slice(0, -3)}${path.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    for (const bad of [forged, '/p/nonsense', `/p/${'x'.repeat(44)}`]) {
      const r = await view(t, bad);
      assert.equal(r.statusCode, 404, bad);
      assert.match(r.body, /This page is not available/);
      assert.ok(!r.body.includes('Error'));
    }

    const reissued = await call(t, 'POST', `/api/v1/contacts/${referrer.id}/referrer-page/reissue`, {
      cookie: ws.cookie,
    });
    assert.equal(reissued.status, 201);
    assert.notEqual(reissued.body.url, made.body.url);
    assert.equal((await view(t, path)).statusCode, 404, 'the old address stops working');
    assert.equal((await form(t, `${path}/links`, { offer: later })).statusCode, 404);
    const newPath = new URL(reissued.body.url).pathname;
    assert.equal((await view(t, newPath)).statusCode, 200);

    const revoked = await call(t, 'DELETE', `/api/v1/contacts/${referrer.id}/referrer-page`, {
      cookie: ws.cookie,
    });
    assert.equal(revoked.status, 204);
    assert.equal((await view(t, newPath)).statusCode, 404);
    const state = await call(t, 'GET', `/api/v1/contacts/${referrer.id}/referrer-page`, {
      cookie: ws.cookie,
    });
    assert.equal(state.body.page, null);
    assert.ok(state.body.revokedAt);
    const twice = await call(t, 'DELETE', `/api/v1/contacts/${referrer.id}/referrer-page`, {
      cookie: ws.cookie,
    });
    assert.equal(twice.status, 404);
  });

  test('sending by email: escaped, respects may_email, needs an address', async () => {
    const res = await call(t, 'POST', `/api/v1/contacts/${referrer.id}/referrer-page/send`, {
      cookie: ws.cookie,
      body: { note: 'Great <working> with you' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.sentTo, 'ana@northwind.test');
    assert.equal(res.body.delivery, 'outbox');
    const [mail] = await queryRows<{ subject: string; text_body: string; html_body: string }>(
      t.db,
      sql`select subject, text_body, html_body from outbox_messages where to_address = 'ana@northwind.test'`,
    );
    assert.ok(mail);
    assert.ok(mail.text_body.includes(res.body.page.url));
    assert.ok(mail.html_body.includes(res.body.page.url));
    assert.ok(!mail.html_body.includes('<working>'));
    assert.ok(mail.html_body.includes('&lt;working&gt;'));
    assert.ok(!mail.html_body.includes('<img'));
    assert.equal(mail.subject, 'Your personal page at Harbour <Advisory>');

    const quiet = await createContactVia(t, ws.cookie, {
      name: 'Quiet Client',
      email: 'quiet@x.test',
      kind: 'client',
      mayEmail: false,
    });
    const refused = await call(t, 'POST', `/api/v1/contacts/${quiet.id}/referrer-page/send`, {
      cookie: ws.cookie,
      body: {},
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error.message, /asked not to be emailed/);
    // Nothing half-stored: the refused send made no page.
    const state = await call(t, 'GET', `/api/v1/contacts/${quiet.id}/referrer-page`, { cookie: ws.cookie });
    assert.equal(state.body.page, null);
    assert.match(state.body.cannotEmail, /asked not to be emailed/);

    const noEmail = await createContactVia(t, ws.cookie, { name: 'No Mail', kind: 'partner' });
    const r2 = await call(t, 'POST', `/api/v1/contacts/${noEmail.id}/referrer-page/send`, {
      cookie: ws.cookie,
      body: {},
    });
    assert.equal(r2.status, 422);
    assert.match(r2.body.error.message, /no email address/);
  });

  test('only clients and partners; bad ids', async () => {
    const prospect = await createContactVia(t, ws.cookie, { name: 'Pat Prospect', kind: 'prospect' });
    const res = await call(t, 'POST', `/api/v1/contacts/${prospect.id}/referrer-page`, { cookie: ws.cookie });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /clients and partners/);
    const other = await newWorkspace(t);
    const theirs = await createContactVia(t, other.cookie, { name: 'Theirs', kind: 'client' });
    const cross = await call(t, 'POST', `/api/v1/contacts/${theirs.id}/referrer-page`, { cookie: ws.cookie });
    assert.equal(cross.status, 404);
    const junk = await call(t, 'POST', '/api/v1/contacts/not-an-id/referrer-page', { cookie: ws.cookie });
    assert.equal(junk.status, 400);
  });

  test('the public page is rate limited per address, with a friendly 429 page', async () => {
    const partner = await createContactVia(t, ws.cookie, { name: 'Paula Partner', kind: 'partner' });
    const made = await call(t, 'POST', `/api/v1/contacts/${partner.id}/referrer-page`, { cookie: ws.cookie });
    const path = new URL(made.body.url).pathname;
    const ip = '203.0.113.9';
    let last = await view(t, path, ip);
    for (let i = 0; i < 60 && last.statusCode === 200; i++) last = await view(t, path, ip);
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
    assert.match(last.body, /One moment, please/);
    assert.match(String(last.headers['content-type']), /text\/html/);
    // Another address is not affected.
    assert.equal((await view(t, path, '203.0.113.10')).statusCode, 200);
  });
});
