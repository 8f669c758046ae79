// Merge fields: the {{placeholders}} a playbook script may use, what each one becomes, and the
// neutral words used when a value is missing (a script never says "undefined" or "null" to a
// client). One table drives the editor's insert menu, validation, the preview (renderScript)
// and the set-based rendering of thousands of tasks in SQL (renderScriptSql).
import { type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../errors.ts';

export const mergeFields = [
  { key: 'contact.firstName', label: "Contact's first name", fallback: 'there' },
  { key: 'contact.name', label: "Contact's full name", fallback: 'our client' },
  { key: 'account.name', label: 'Company name', fallback: 'your team' },
  { key: 'answer.score', label: 'Score they gave (0-10)', fallback: 'score' },
  { key: 'answer.comment', label: 'Comment they left', fallback: 'no comment was left' },
  { key: 'member.firstName', label: 'Your first name', fallback: 'our team' },
  { key: 'member.name', label: 'Your full name', fallback: 'our team' },
  { key: 'recent.work', label: 'Most recent work and its result', fallback: 'our recent work together' },
  { key: 'workspace.name', label: 'Firm name', fallback: 'our firm' },
] as const;

export type MergeFieldKey = (typeof mergeFields)[number]['key'];
export type MergeValues = Partial<Record<MergeFieldKey, string | number | null | undefined>>;

const known = new Set<string>(mergeFields.map((f) => f.key));
const fallbackOf = new Map<string, string>(mergeFields.map((f) => [f.key, f.fallback]));
// Tolerates spaces inside the braces ("{{ contact.name }}"); saved scripts are normalised to none.
const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a script uses that do not exist, in order of appearance, without repeats. */
export function unknownMergeFields(script: string): string[] {
  const unknown: string[] = [];
  for (const match of script.matchAll(placeholder)) {
    const key = match[1] ?? '';
    if (!known.has(key) && !unknown.includes(key)) unknown.push(key);
  }
  return unknown;
}

/** Removes spaces inside braces so that the SQL renderer can match placeholders exactly. */
export function normaliseScript(script: string): string {
  return script.replace(placeholder, (_all, key: string) => `{{${key}}}`);
}

/** Throws a 400 naming every unknown field, with the step it is in. */
export function assertKnownMergeFields(script: string, path: string): void {
  const unknown = unknownMergeFields(script);
  if (unknown.length === 0) return;
  const names = unknown.map((k) => `{{${k}}}`).join(', ');
  throw new AppError(
    'validation_failed',
    `Unknown merge field${unknown.length > 1 ? 's' : ''} ${names}; use one of ${mergeFields.map((f) => `{{${f.key}}}`).join(', ')}`,
    [{ path, message: `Unknown merge field ${names}` }],
  );
}

function present(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Fills a script's merge fields; a missing value becomes the field's neutral phrase. */
export function renderScript(script: string, values: MergeValues): string {
  return script.replace(placeholder, (all, key: string) => {
    if (!known.has(key)) return all;
    return present(values[key as MergeFieldKey]) ?? fallbackOf.get(key)!;
  });
}

/**
 * The same rendering as renderScript, as one SQL expression over a row: `values` gives each
 * field's SQL expression (text or null). Free text written by clients (the comment) and long
 * values go last, so that braces inside them are not themselves treated as placeholders.
 */
export function renderScriptSql(script: SQL, values: Record<MergeFieldKey, SQL>): SQL {
  const lastOnes: MergeFieldKey[] = ['recent.work', 'answer.comment'];
  const order = [...mergeFields.map((f) => f.key).filter((k) => !lastOnes.includes(k)), ...lastOnes];
  let expr = script;
  for (const key of order) {
    const fallback = fallbackOf.get(key)!;
    expr = sql`replace(${expr}, ${`{{${key}}}`}::text, coalesce(nullif(btrim(${values[key]}::text), ''), ${fallback}::text))`;
  }
  return expr;
}

export function firstName(name: string | null | undefined): string | undefined {
  const trimmed = present(name);
  return trimmed?.split(/\s+/)[0];
}
