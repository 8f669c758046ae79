// The token in a referrer page's address: the page's row id signed like a survey send token, but
// under a key of its own, so that no survey link is ever a valid referrer page and the other way
// round. Nothing secret is stored; revoking the row is what ends a token.
import { createHmac } from 'node:crypto';
import { signSendToken, verifySendToken } from '../surveys/links.ts';

export function referrerPageKey(linkSecret: Buffer): Buffer {
  return createHmac('sha256', linkSecret).update('warmpath:referrer-pages:v1').digest();
}

export function signReferrerToken(linkSecret: Buffer, pageId: string): string {
  return signSendToken(referrerPageKey(linkSecret), pageId);
}

/** The page id, or null for a malformed or forged token. */
export function verifyReferrerToken(linkSecret: Buffer, token: string): string | null {
  return verifySendToken(referrerPageKey(linkSecret), token);
}

export function referrerPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/p/${token}`;
}

/** "Ana Silva-Costa" → "Ana S.": what the public page may say about someone they referred. */
export function privateName(name: string | null | undefined): string | null {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const first = words[0]!;
  const last = words.length > 1 ? words[words.length - 1]! : '';
  const initial = last ? [...last][0]!.toUpperCase() : '';
  return initial ? `${first} ${initial}.` : first;
}
