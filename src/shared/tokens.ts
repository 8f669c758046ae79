// Unguessable public tokens (256 bits, URL-safe) and their stored form: only the hash is kept,
// so a copy of the database cannot be turned into working links or sessions.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
