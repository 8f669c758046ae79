import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { deriveLinkSecret, signSendToken, verifySendToken } from './links.ts';

test('a send token round-trips and refuses forgeries', () => {
  const key = deriveLinkSecret('a-session-secret-of-enough-length!');
  const id = randomUUID();
  const token = signSendToken(key, id);
  assert.equal(token.length, 44);
  assert.equal(verifySendToken(key, token), id);
  // Another deployment's key, a flipped character, a truncated token, junk.
  assert.equal(verifySendToken(deriveLinkSecret('another-secret-another-secret!!'), token), null);
  const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
  assert.equal(verifySendToken(key, flipped), null);
  assert.equal(verifySendToken(key, token.slice(0, 43)), null);
  assert.equal(verifySendToken(key, '../../etc/passwd'.padEnd(44, 'x')), null);
});
