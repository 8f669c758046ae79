// Stable keyset cursors: the last row's sort value and id, base64url-encoded JSON. Opaque to
// clients; a tampered or foreign cursor is a 400 naming the parameter.
import { AppError } from '../errors.ts';

export type CursorValue = string | number | null;

export function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, param = 'cursor'): { value: CursorValue; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', `query.${param}: not a cursor returned by this endpoint`, [
    { path: `query.${param}`, message: 'Not a cursor returned by this endpoint' },
  ]);
}
