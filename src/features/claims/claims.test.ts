import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createTestApp, newWorkspace, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import { deriveLinkSecret } from '../surveys/links.ts';
import { nextBusinessDay, replyDueOn } from './claim-offer.ts';
import { createClickRecorder, type RawQuery, recordClicks } from './record-click.ts';
import { seedOfferWithLink } from './test-fixtures.ts';
import { cleanReferer, createWindowLimiter, isBotUserAgent, visitorHash, visitorKey } from './visitors.ts';

describe('visitors', () => {
  test('known crawlers, unfurlers, scanners and scripts are bots; browsers are not', () => {
    const bots = [
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Slack-ImgProxy (+https://api.slack.com/robots)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
      'Twitterbot/1.0',
      'WhatsApp/2.23.20.0 A',
      'TelegramBot (like TwitterBot)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17231; Pro)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
      'Mozilla/5.0 SkypeUriPreview Preview/0.5',
      'curl/8.5.0',
      'Wget/1.21.4',
      'python-requests/2.32.3',
      'Go-http-client/2.0',
      '',
      undefined,
    ];
    for (const ua of bots) assert.equal(isBotUserAgent(ua), true, String(ua));
    const people = [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Mozilla/5.0 (Linux; Android 14; CUBOT_X19 Build/UP1A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0',
    ];
    for (const ua of people) assert.equal(isBotUserAgent(ua), false, ua);
  });

  test('the visitor hash is keyed, stable per address and browser, and holds no address', () => {
    const key = visitorKey(deriveLinkSecret('a'.repeat(32)));
    const other = visitorKey(deriveLinkSecret('b'.repeat(32)));
    const h = visitorHash(key, '203.0.113.7', 'Firefox');
    assert.equal(h, visitorHash(key, '203.0.113.7', 'Firefox'));
    assert.notEqual(h, visitorHash(key, '203.0.113.8', 'Firefox'));
    assert.notEqual(h, visitorHash(key, '203.0.113.7', 'Chrome'));
    assert.notEqual(h, visitorHash(other, '203.0.113.7', 'Firefox'));
    assert.match(h, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(cleanReferer('x'.repeat(1000))!.length, 300);
    assert.equal(cleanReferer(undefined), null);
  });

  test('the window limiter refuses over the limit with the seconds left, and forgets the next window', () => {
    const limiter = createWindowLimiter({ max: 2, windowMs: 60_000 });
    const t0 = 1_000_000;
    assert.equal(limiter.hit('a', t0), null);
    assert.equal(limiter.hit('a', t0 + 1000), null);
    assert.equal(limiter.hit('a', t0 + 15_000), 45);
    assert.equal(limiter.hit('b', t0 + 15_000), null);
    assert.equal(limiter.hit('a', t0 + 60_000), null);
  });
});

describe('reply due within one business day', () => {
  test('the next working day in the owner time zone; weekend claims are due on Monday', () => {
    assert.equal(nextBusinessDay('2026-11-25'), '2026-11-26'); // Wednesday -> Thursday
    assert.equal(nextBusinessDay('2026-11-27'), '2026-11-30'); // Friday -> Monday
    assert.equal(replyDueOn('UTC', new Date('2026-11-25T10:00:00Z')), '2026-11-26');
    assert.equal(replyDueOn('UTC', new Date('2026-11-27T16:00:00Z')), '2026-11-30');
    assert.equal(replyDueOn('UTC', new Date('2026-11-28T09:00:00Z')), '2026-11-30'); // Saturday
    assert.equal(replyDueOn('UTC', new Date('2026-11-29T09:00:00Z')), '2026-11-30'); // Sunday
    // Friday 23:30 in UTC is already Saturday in Tokyo, and still Friday afternoon in New York.
    assert.equal(replyDueOn('Asia/Tokyo', new Date('2026-11-27T23:30:00Z')), '2026-11-30');
    assert.equal(replyDueOn('America/New_York', new Date('2026-11-27T20:00:00Z')), '2026-11-30');
    assert.equal(replyDueOn('America/New_York', new Date('2026-11-26T03:00:00Z')), '2026-11-26');
  });
});

/** Database.query with its calls counted (the group commit's batches). */
function counting(query: RawQuery): { query: RawQuery; statements: () => number } {
  let n = 0;
  const counted: RawQuery = (text, params) => {
    n++;
    return query(text, params);
  };
  return { query: counted, statements: () => n };
}

describe('recording clicks', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Click Firm');
  });
  after(async () => t.close());

  test('one statement for a batch; outcomes in order; unknown and malformed codes take the same path', async () => {
    const live = await seedOfferWithLink(t.db, ws.workspaceId);
    const revoked = await seedOfferWithLink(t.db, ws.workspaceId);
    const ended = await seedOfferWithLink(t.db, ws.workspaceId, { offer: { status: 'archived' } });
    await t.db.execute(sql`update share_links set revoked_at = now() where id = ${revoked.link.id}`);
    const { query, statements } = counting(t.database.query);
    const recorder = createClickRecorder({ query });
    const click = (code: string) => ({ code, visitorHash: 'h'.repeat(22), referer: null, isBot: false });
    const outcomes = await Promise.all(
      [live.link.code, 'abcdefghjkmnpqrs', '', revoked.link.code, ended.link.code, live.link.code].map((c) =>
        recorder.submit(click(c)),
      ),
    );
    assert.deepEqual(outcomes, ['live', 'unknown', 'unknown', 'revoked', 'ended', 'live']);
    assert.equal(statements(), 1);
    const stored = await queryRows<{ link_id: string; n: number }>(
      t.db,
      sql`select link_id, count(*)::int as n from link_clicks where workspace_id = ${ws.workspaceId} group by link_id`,
    );
    const byLink = Object.fromEntries(stored.map((r) => [r.link_id, r.n]));
    assert.deepEqual(byLink, { [live.link.id]: 2, [revoked.link.id]: 1, [ended.link.id]: 1 });
    assert.deepEqual(await recordClicks(t.database.query, []), []);
  });
});
