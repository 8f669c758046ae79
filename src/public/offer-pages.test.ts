import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { offers, shareLinks } from '../db/schema/index.ts';
import { seedOfferWithLink } from '../features/claims/test-fixtures.ts';
import { createTestApp, newWorkspace, type TestContext, type WorkspaceHandle } from '../test/app.ts';

const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1';

function click(t: TestContext, code: string, headers: Record<string, string> = {}, ip = '203.0.113.7') {
  return t.app.inject({
    method: 'GET',
    url: `/r/${code}`,
    remoteAddress: ip,
    headers: { 'user-agent': BROWSER, ...headers },
  });
}

function claim(t: TestContext, code: string, form: Record<string, string>, ip = '198.51.100.1') {
  return t.app.inject({
    method: 'POST',
    url: `/o/${code}/claim`,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER },
    payload: new URLSearchParams(form).toString(),
  });
}

const goodClaim = {
  name: 'Bruno Costa',
  email: 'Bruno@Prospect.test',
  company: 'Costa Freight',
  message: 'We spend too much on storage.',
  consent: 'yes',
};

let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

type ClickRow = {
  link_id: string;
  workspace_id: string;
  visitor_hash: string;
  referer: string | null;
  is_bot: boolean;
};
const clicksOf = (t: TestContext, linkId: string) =>
  queryRows<ClickRow>(t.db, sql`select * from link_clicks where link_id = ${linkId} order by id`);

function assertNoStack(body: string) {
  assert.doesNotMatch(body, /at \S+ \(|node:internal|\.ts:\d+|Error:/);
}

describe('share links and offer landing pages', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Harbor Advisory');
  });
  after(async () => t.close());

  test('a click is stored (hashed visitor, referer, bot flag) and redirects to the landing page, case-insensitively', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId);
    const res = await click(t, link.code.toUpperCase(), {
      referer: `https://www.linkedin.com/feed/${'x'.repeat(600)}`,
    });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, `/o/${link.code}`);
    const bot = await click(t, link.code, {
      'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    });
    assert.equal(bot.statusCode, 302);
    const rows = await clicksOf(t, link.id);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.workspace_id, ws.workspaceId);
    assert.equal(rows[0]!.is_bot, false);
    assert.equal(rows[1]!.is_bot, true);
    assert.equal(rows[0]!.referer!.length, 300);
    // No raw address anywhere in the row; the same visitor hashes the same, another one differently.
    assert.doesNotMatch(JSON.stringify(rows), /203\.0\.113\.7/);
    await click(t, link.code);
    await click(t, link.code, {}, '203.0.113.8');
    const again = await clicksOf(t, link.id);
    assert.equal(again[2]!.visitor_hash, rows[0]!.visitor_hash);
    assert.notEqual(again[3]!.visitor_hash, rows[0]!.visitor_hash);
  });

  test('unknown, malformed and over-long codes: the same friendly 404, no stack, nothing stored', async () => {
    const allClicks = async () =>
      (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from link_clicks`))[0]!.n;
    const before = await allClicks();
    for (const code of [
      'abcdefghjkmnpqrs',
      'short',
      'not a code!',
      'x'.repeat(500),
      'a/b/c',
      '%3Cscript%3E',
    ]) {
      const res = await click(t, code);
      assert.equal(res.statusCode, 404, code);
      assert.match(res.body, /This link does not work/);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assertNoStack(res.body);
      const page = await t.app.inject({ method: 'GET', url: `/o/${code}` });
      assert.equal(page.statusCode, 404, code);
      assert.match(page.body, /This link does not work/);
    }
    assert.equal(await allClicks(), before);
  });

  test('a revoked link says it is no longer active, at once, and still counts the click', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId);
    assert.equal((await click(t, link.code)).statusCode, 302);
    await t.db.update(shareLinks).set({ revokedAt: new Date() }).where(eq(shareLinks.id, link.id));
    const res = await click(t, link.code);
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /This link is no longer active/);
    assert.match(res.body, /Harbor Advisory/);
    assertNoStack(res.body);
    assert.equal((await clicksOf(t, link.id)).length, 2);
    const page = await t.app.inject({ method: 'GET', url: `/o/${link.code}` });
    assert.equal(page.statusCode, 410);
    const post = await claim(t, link.code, goodClaim, freshIp());
    assert.equal(post.statusCode, 410);
    const [n] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from offer_claims where link_id = ${link.id}`,
    );
    assert.equal(n!.n, 0);
  });

  test('an archived offer: its links show "this offer has ended"; a late claim is kept as interest', async () => {
    const { link, offer } = await seedOfferWithLink(t.db, ws.workspaceId);
    await t.db
      .update(offers)
      .set({ status: 'archived', archivedAt: new Date() })
      .where(eq(offers.id, offer.id));
    const res = await click(t, link.code);
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /This offer has ended/);
    assert.match(res.body, /No-fee cloud cost assessment/);
    assert.equal((await clicksOf(t, link.id)).length, 1);
    const page = await t.app.inject({ method: 'GET', url: `/o/${link.code}` });
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This offer has ended/);
    const post = await claim(t, link.code, { ...goodClaim, email: 'late@prospect.test' }, freshIp());
    assert.equal(post.statusCode, 200);
    assert.match(post.body, /noted your interest/);
    const rows = await queryRows<{ outcome: string; refusal_reason: string; referral_id: string | null }>(
      t.db,
      sql`select outcome, refusal_reason, referral_id from offer_claims where link_id = ${link.id}`,
    );
    assert.deepEqual(rows, [{ outcome: 'interest', refusal_reason: 'ended', referral_id: null }]);
  });

  test('the landing page shows who invited the visitor, the offer and the claim form, all escaped', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId, {
      offer: { headline: 'Free <b>audit</b>', startsOn: '2026-01-01', endsOn: '2099-12-31' },
      referrer: { name: 'Ana <script>alert(1)</script> Silva', company: 'North"wind & Co' },
    });
    const res = await t.app.inject({ method: 'GET', url: `/o/${link.code.toUpperCase()}` });
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /<strong>Ana &lt;script&gt;alert\(1\)&lt;\/script&gt; Silva<\/strong> from <strong>North&quot;wind &amp; Co<\/strong> thought this could help you/,
    );
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /<h1>Free &lt;b&gt;audit&lt;\/b&gt;<\/h1>/);
    assert.match(
      res.body,
      /Available <strong>1 January 2026<\/strong> to <strong>31 December 2099<\/strong>/,
    );
    assert.match(res.body, new RegExp(`action="/o/${link.code}/claim"`));
    assert.match(res.body, /name="consent" value="yes" required/);
    assert.match(res.body, /One assessment per company/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('a claim creates the prospect, a referral credited to the referrer, a task for the owner and a confirmation email', async () => {
    const { link, offer, referrer } = await seedOfferWithLink(t.db, ws.workspaceId, {
      offer: { ownerMemberId: ws.memberId },
    });
    const res = await claim(t, link.code, goodClaim, freshIp());
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Thank you, Bruno/);
    assert.match(res.body, /We will reply within one business day to book a time/);
    const [c] = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select * from offer_claims where link_id = ${link.id}`,
    );
    assert.equal(c!.outcome, 'accepted');
    assert.equal(c!.email, 'bruno@prospect.test');
    assert.equal(c!.referrer_contact_id, referrer.contactId);
    assert.ok(c!.referral_id && c!.prospect_contact_id && c!.visitor_hash);
    const [r] = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select * from referrals where id = ${c!.referral_id}`,
    );
    assert.equal(r!.kind, 'recommendation');
    assert.equal(r!.source, 'offer');
    assert.equal(r!.referrer_contact_id, referrer.contactId);
    assert.equal(r!.prospect_contact_id, c!.prospect_contact_id);
    assert.equal(r!.offer_id, offer.id);
    assert.equal(r!.link_id, link.id);
    assert.equal(r!.claim_id, c!.id);
    assert.equal(r!.owner_member_id, ws.memberId);
    const [prospect] = await queryRows<{ kind: string; name: string; account: string }>(
      t.db,
      sql`select c.kind, c.name, a.name as account from contacts c join accounts a on a.id = c.account_id where c.id = ${c!.prospect_contact_id}`,
    );
    assert.deepEqual(prospect, { kind: 'prospect', name: 'Bruno Costa', account: 'Costa Freight' });
    const [task] = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select * from tasks where referral_id = ${c!.referral_id}`,
    );
    assert.equal(task!.assignee_member_id, ws.memberId);
    assert.equal(task!.action, 'email');
    assert.equal(task!.title, 'Reply to Bruno Costa about No-fee cloud cost assessment');
    assert.match(String(task!.reason), /We spend too much on storage/);
    const due = String(
      task!.due_on instanceof Date ? (task!.due_on as Date).toISOString() : task!.due_on,
    ).slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(due > today, `${due} after ${today}`);
    const [history] = await queryRows<{ kind: string }>(
      t.db,
      sql`select kind from task_history where task_id = ${task!.id}`,
    );
    assert.equal(history!.kind, 'created');
    const [mail] = await queryRows<{ to_address: string; subject: string; text_body: string }>(
      t.db,
      sql`select to_address, subject, text_body from outbox_messages where to_address = 'bruno@prospect.test'`,
    );
    assert.equal(mail!.subject, 'Your request: No-fee cloud cost assessment');
    assert.match(mail!.text_body, /Hello Bruno,/);

    // Sent twice (a double click, a refresh): no second referral, the same confirmation.
    const again = await claim(t, link.code, goodClaim, freshIp());
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /already claimed/);
    const [n] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from referrals where link_id = ${link.id}`,
    );
    assert.equal(n!.n, 1);
  });

  test('HTML in names is text on the confirmation page and in the email', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId, {
      offer: { title: 'Audit <i>now</i>' },
    });
    const evil = '<img src=x onerror=alert(1)> Eve';
    const res = await claim(
      t,
      link.code,
      { ...goodClaim, name: evil, email: 'eve@prospect.test' },
      freshIp(),
    );
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<img src=x/);
    assert.match(res.body, /Thank you, &lt;img/);
    assert.match(res.body, /Audit &lt;i&gt;now&lt;\/i&gt;/);
    const [mail] = await queryRows<{ html_body: string; text_body: string }>(
      t.db,
      sql`select html_body, text_body from outbox_messages where to_address = 'eve@prospect.test'`,
    );
    assert.doesNotMatch(mail!.html_body, /<img src=x|<i>now/);
    assert.match(mail!.html_body, /&lt;img src=x onerror=alert\(1\)&gt;|Hello &lt;img/);
    assert.match(mail!.html_body, /Audit &lt;i&gt;now&lt;\/i&gt;/);
  });

  test('bad claims are refused with the form again and nothing stored', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId);
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...goodClaim, email: 'not-an-email' }, /That email address does not look right/],
      [{ ...goodClaim, email: '' }, /Please enter your email address/],
      [{ ...goodClaim, consent: '' }, /Please tick the box/],
      [{ ...goodClaim, name: '   ' }, /Please enter your name/],
      [{ ...goodClaim, message: 'x'.repeat(5001) }, /Your message is too long \(5,000 characters at most\)/],
    ];
    for (const [form, message] of cases) {
      const res = await claim(t, link.code, form, freshIp());
      assert.equal(res.statusCode, 400, JSON.stringify(form).slice(0, 80));
      assert.match(res.body, message);
      assert.match(res.body, /<form method="post"/);
      assertNoStack(res.body);
    }
    // The form keeps what was typed, escaped.
    const kept = await claim(t, link.code, { ...goodClaim, name: '"><b>x', consent: '' }, freshIp());
    assert.match(kept.body, /value="&quot;&gt;&lt;b&gt;x"/);
    // A 1 MB message is refused before it is read, with a page that says what to do.
    const huge = await claim(t, link.code, { ...goodClaim, message: 'y'.repeat(1024 * 1024) }, freshIp());
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /Your message is too long/);
    assertNoStack(huge.body);
    const [n] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from offer_claims where link_id = ${link.id}`,
    );
    assert.equal(n!.n, 0);
  });

  test('a claim flood from one address gets 429 with Retry-After', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId);
    const ip = '198.51.100.99';
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof claim>> | undefined;
    for (let i = 0; i < 12; i++) {
      last = await claim(t, link.code, { ...goodClaim, email: `flood${i}@prospect.test` }, ip);
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200));
    assert.deepEqual(statuses.slice(10), [429, 429]);
    const retryAfter = Number(last!.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 600, String(retryAfter));
    assert.match(last!.body, /One moment, please/);
    // Another address is not affected.
    assert.equal(
      (await claim(t, link.code, { ...goodClaim, email: 'other@prospect.test' }, freshIp())).statusCode,
      200,
    );
    const [n] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from offer_claims where link_id = ${link.id}`,
    );
    assert.equal(n!.n, 11);
  });

  test('clicks are limited per address too, generously', async () => {
    const { link } = await seedOfferWithLink(t.db, ws.workspaceId);
    const ip = '198.51.100.200';
    const all = await Promise.all(Array.from({ length: 605 }, () => click(t, link.code, {}, ip)));
    const codes = all.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 302).length, 600);
    const refused = all.find((r) => r.statusCode === 429)!;
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Only acknowledged clicks are stored.
    assert.equal((await clicksOf(t, link.id)).length, 600);
  });

  test('capacity: of 12 concurrent claims on 5 places exactly 5 are accepted, the rest kept as interest', async () => {
    const { link, offer } = await seedOfferWithLink(t.db, ws.workspaceId, { offer: { capacityTotal: 5 } });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        claim(t, link.code, { ...goodClaim, email: `race${i}@prospect.test` }, freshIp()),
      ),
    );
    assert.ok(results.every((r) => r.statusCode === 200));
    assert.equal(results.filter((r) => /Your request for/.test(r.body)).length, 5);
    assert.equal(results.filter((r) => /All places for this offer have been taken/.test(r.body)).length, 7);
    const rows = await queryRows<{ outcome: string; refusal_reason: string | null; n: number }>(
      t.db,
      sql`select outcome, refusal_reason, count(*)::int as n from offer_claims where offer_id = ${offer.id} group by 1, 2 order by 1`,
    );
    assert.deepEqual(rows, [
      { outcome: 'accepted', refusal_reason: null, n: 5 },
      { outcome: 'interest', refusal_reason: 'capacity', n: 7 },
    ]);
    const [referrals] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from referrals where offer_id = ${offer.id}`,
    );
    assert.equal(referrals!.n, 5);
    // The landing page now invites interest instead of claims.
    const page = await t.app.inject({ method: 'GET', url: `/o/${link.code}`, remoteAddress: freshIp() });
    assert.match(page.body, /Leave your details/);
  });

  test('per-referrer capacity, paused and not-yet-open offers keep claims as interest with the reason', async () => {
    const perReferrer = await seedOfferWithLink(t.db, ws.workspaceId, { offer: { capacityPerReferrer: 1 } });
    assert.match(
      (await claim(t, perReferrer.link.code, { ...goodClaim, email: 'p1@prospect.test' }, freshIp())).body,
      /Your request for/,
    );
    assert.match(
      (await claim(t, perReferrer.link.code, { ...goodClaim, email: 'p2@prospect.test' }, freshIp())).body,
      /available through this invitation have been taken/,
    );
    const paused = await seedOfferWithLink(t.db, ws.workspaceId, { offer: { status: 'paused' } });
    assert.match((await claim(t, paused.link.code, goodClaim, freshIp())).body, /paused at the moment/);
    const later = await seedOfferWithLink(t.db, ws.workspaceId, { offer: { startsOn: '2099-01-01' } });
    const page = await t.app.inject({
      method: 'GET',
      url: `/o/${later.link.code}`,
      remoteAddress: freshIp(),
    });
    assert.match(page.body, /This offer opens on 1 January 2099/);
    assert.match((await claim(t, later.link.code, goodClaim, freshIp())).body, /has not opened yet/);
    const ended = await seedOfferWithLink(t.db, ws.workspaceId, { offer: { endsOn: '2020-01-31' } });
    assert.match(
      (await claim(t, ended.link.code, goodClaim, freshIp())).body,
      /This offer has ended, so we have noted your interest/,
    );
    const reasons = await queryRows<{ refusal_reason: string }>(
      t.db,
      sql`select refusal_reason from offer_claims where link_id = any(${sql.param([perReferrer.link.id, paused.link.id, later.link.id, ended.link.id])}::uuid[]) and outcome = 'interest' order by created_at`,
    );
    assert.deepEqual(
      reasons.map((r) => r.refusal_reason),
      ['referrer_capacity', 'paused', 'not_started', 'ended'],
    );
  });

  test("a code from workspace A never shows or writes workspace B's data", async () => {
    const other = await newWorkspace(t, 'Other Firm');
    const a = await seedOfferWithLink(t.db, ws.workspaceId, {
      offer: { headline: 'Offer of Harbor' },
      referrer: { name: 'Alice Harbor', company: 'Harbor Client Co' },
    });
    const b = await seedOfferWithLink(t.db, other.workspaceId, {
      offer: { headline: 'Offer of Other' },
      referrer: { name: 'Bob Other', company: 'Other Client Co' },
    });
    // The same email exists as a contact in B: a claim in A must not match it.
    await t.db.execute(
      sql`insert into contacts (workspace_id, name, email, kind) values (${other.workspaceId}, 'Shared Person', 'shared@prospect.test', 'client')`,
    );
    const page = await t.app.inject({ method: 'GET', url: `/o/${a.link.code}`, remoteAddress: freshIp() });
    assert.match(page.body, /Offer of Harbor/);
    assert.match(page.body, /Alice Harbor/);
    assert.doesNotMatch(page.body, /Other|Bob/);
    const res = await claim(t, a.link.code, { ...goodClaim, email: 'shared@prospect.test' }, freshIp());
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /Other Firm|Bob/);
    const [c] = await queryRows<{
      workspace_id: string;
      prospect_ws: string;
      referral_ws: string;
      task_ws: string;
    }>(
      t.db,
      sql`select c.workspace_id, p.workspace_id as prospect_ws, r.workspace_id as referral_ws, tk.workspace_id as task_ws
          from offer_claims c join contacts p on p.id = c.prospect_contact_id
          join referrals r on r.id = c.referral_id join tasks tk on tk.referral_id = r.id
          where c.link_id = ${a.link.id}`,
    );
    assert.deepEqual(c, {
      workspace_id: ws.workspaceId,
      prospect_ws: ws.workspaceId,
      referral_ws: ws.workspaceId,
      task_ws: ws.workspaceId,
    });
    await click(t, a.link.code, {}, freshIp());
    const clicks = await queryRows<{ workspace_id: string }>(
      t.db,
      sql`select workspace_id from link_clicks where link_id = ${a.link.id}`,
    );
    assert.deepEqual(clicks, [{ workspace_id: ws.workspaceId }]);
    const bClaims = await queryRows(
      t.db,
      sql`select 1 from offer_claims where workspace_id = ${other.workspaceId}`,
    );
    assert.equal(bClaims.length, 0);
    assert.ok(b.link.code !== a.link.code);
  });
});
