// The links in survey mails. A token is the send's id plus an HMAC of it under the instance's link
// key: unguessable, nothing secret stored, and the same links can be repeated in a reminder. The
// key is derived from the session secret so one secret per deployment is enough.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;
const UUID_HEX = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/;

/** The key that signs public survey links, derived from the deployment's session secret. */
export function deriveLinkSecret(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('warmpath:survey-links:v1').digest();
}

function mac(key: Buffer, id: Buffer): Buffer {
  return createHmac('sha256', key).update(id).digest().subarray(0, MAC_BYTES);
}

/** A send's token: 22 characters of id and 22 of signature, URL-safe. */
export function signSendToken(key: Buffer, sendId: string): string {
  const id = Buffer.from(sendId.replaceAll('-', ''), 'hex');
  return id.toString('base64url') + mac(key, id).toString('base64url');
}

/** The send id a token was made for, or null when the token is malformed or forged. */
export function verifySendToken(key: Buffer, token: string): string | null {
  if (typeof token !== 'string' || token.length !== 44 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const id = Buffer.from(token.slice(0, 22), 'base64url');
  const given = Buffer.from(token.slice(22), 'base64url');
  if (id.length !== 16 || given.length !== MAC_BYTES) return null;
  if (!timingSafeEqual(given, mac(key, id))) return null;
  const hex = id.toString('hex').match(UUID_HEX);
  return hex ? hex.slice(1).join('-') : null;
}

export function answerUrl(publicUrl: string, token: string, score: number): string {
  return `${publicUrl}/s/${token}?score=${score}`;
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}/unsubscribe`;
}

/** The shareable link of a survey, not tied to a contact. */
export function shareUrl(publicUrl: string, shareCode: string): string {
  return `${publicUrl}/s/l/${shareCode}`;
}

/** 128 random bits, URL-safe: the code of a survey's shareable link. */
export function newShareCode(): string {
  return randomBytes(16).toString('base64url');
}
