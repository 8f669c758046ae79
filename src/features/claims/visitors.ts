// Who clicked, as far as a share link needs to know: a keyed hash of the address and browser (no
// raw IP is ever stored), a bot flag, and a per-address rate limit for the public offer routes.
//
// Glossary: visitor hash = HMAC-SHA256(visitor key, ip + "\n" + user agent), 128 bits, base64url;
// the visitor key is derived from the deployment's link secret, so hashes cannot be recomputed
// from a leaked database alone and the same visitor hashes the same on every click (repeat clicks
// within 24 h then count as one unique visit).
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

const VISITOR_HASH_BYTES = 16;
/** Referer headers are kept for attribution ("came from LinkedIn"), never whole query strings. */
export const REFERER_MAX = 300;

/** A KeyObject, made once: HMAC with a raw Buffer key builds a new key object on every call. */
export function visitorKey(linkSecret: Buffer): KeyObject {
  return createSecretKey(createHmac('sha256', linkSecret).update('warmpath:visitor-hash:v1').digest());
}

export function visitorHash(key: KeyObject, ip: string, userAgent: string): string {
  return createHmac('sha256', key)
    .update(`${ip}\n${userAgent}`)
    .digest()
    .subarray(0, VISITOR_HASH_BYTES)
    .toString('base64url');
}

export function cleanReferer(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  return raw.length > REFERER_MAX ? raw.slice(0, REFERER_MAX) : raw;
}

/**
 * Known crawlers, chat and social unfurlers, mail link scanners and scripted clients. They still
 * get the redirect (an unfurler needs the page to build its preview) and their click is stored,
 * flagged, so stats can leave them out.
 *
 * Decisions: curl, wget and HTTP libraries count as bots (a person opening a shared offer uses a
 * browser; scripts and link checkers use these). An empty user agent is a bot: every browser sends
 * one. "bot" must end a word so phone models such as "CUBOT_X19" are not caught.
 */
const BOT_PATTERN = new RegExp(
  [
    'bot\\b',
    'crawl',
    'spider',
    'slurp',
    'facebookexternalhit',
    'facebookcatalog',
    'meta-externalagent',
    'slack',
    'whatsapp',
    'telegram',
    'skypeuripreview',
    'discord',
    'embedly',
    'quora link preview',
    'pinterest',
    'vkshare',
    'redditbot',
    'iframely',
    'preview',
    'headlesschrome',
    'phantomjs',
    'puppeteer',
    'playwright',
    'lighthouse',
    'google-inspectiontool',
    'googleother',
    'apis-google',
    'feedfetcher',
    'mediapartners',
    'microsoft office',
    'ms-office',
    'msoffice',
    'safelinks',
    'proofpoint',
    'mimecast',
    'barracuda',
    'urlscan',
    'scanner',
    'curl/',
    'wget/',
    'python-requests',
    'python-urllib',
    'aiohttp',
    'httpx',
    'go-http-client',
    'okhttp',
    'java/',
    'libwww',
    'httpclient',
    'axios/',
    'node-fetch',
    'undici',
    'postman',
    'yandex',
    'baiduspider',
    'ia_archiver',
  ].join('|'),
  'i',
);

export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return BOT_PATTERN.test(userAgent);
}

/**
 * A fixed-window counter per key (an address): two maps, the current window's and nothing else,
 * swapped when the window ends. O(1) per request and no timers, which matters on /r, the hottest
 * path. `hit` answers null when allowed, else the seconds until the window ends (Retry-After).
 */
export type WindowLimiter = { hit(key: string, now?: number): number | null };

export function createWindowLimiter(options: { max: number; windowMs: number }): WindowLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    hit(key, now = Date.now()) {
      if (now - windowStart >= options.windowMs) {
        windowStart = now;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n <= options.max) return null;
      return Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000));
    },
  };
}
