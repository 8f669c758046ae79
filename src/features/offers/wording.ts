// The suggested wording a referrer copies to pass an offer on: a short message and an email, with
// merge fields for who passes it on, who receives it, the offer and the referrer's own link. The
// same placeholder syntax as playbook scripts ({{field}}, spaces inside the braces tolerated), but
// its own fields: a referrer speaks to a colleague, not a member to a client. Pure functions, no
// server code: the web editor's live preview renders with these too.

export const offerMergeFields = [
  {
    key: 'referrer.firstName',
    label: 'Your client’s first name (who passes it on)',
    fallback: 'a colleague',
  },
  { key: 'referrer.name', label: 'Your client’s full name', fallback: 'a colleague' },
  { key: 'colleague.firstName', label: 'Their colleague’s first name', fallback: 'there' },
  { key: 'offer.title', label: 'Offer title', fallback: 'this offer' },
  { key: 'link', label: 'Their personal link', fallback: '' },
] as const;

export type OfferMergeFieldKey = (typeof offerMergeFields)[number]['key'];
export type OfferMergeValues = Partial<Record<OfferMergeFieldKey, string | null | undefined>>;

const known = new Set<string>(offerMergeFields.map((f) => f.key));
const fallbackOf = new Map<string, string>(offerMergeFields.map((f) => [f.key, f.fallback]));
const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a text uses that do not exist, in order of appearance, without repeats. */
export function unknownOfferFields(text: string): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(placeholder)) {
    const key = match[1] ?? '';
    if (!known.has(key) && !unknown.includes(key)) unknown.push(key);
  }
  return unknown;
}

/** "Unknown merge field {{x}}; use one of ..." or null when every field is known. */
export function unknownFieldMessage(text: string): string | null {
  const unknown = unknownOfferFields(text);
  if (unknown.length === 0) return null;
  const names = unknown.map((k) => `{{${k}}}`).join(', ');
  return `Unknown merge field${unknown.length > 1 ? 's' : ''} ${names}; use one of ${offerMergeFields
    .map((f) => `{{${f.key}}}`)
    .join(', ')}`;
}

export function normaliseWording(text: string): string {
  return text.replace(placeholder, (_all, key: string) => `{{${key}}}`);
}

/** Fills the merge fields; a missing value becomes the field's neutral word. Unknown ones stay as typed. */
export function renderWording(text: string, values: OfferMergeValues): string {
  return text.replace(placeholder, (all, key: string) => {
    if (!known.has(key)) return all;
    const value = values[key as OfferMergeFieldKey]?.trim();
    return value ? value : fallbackOf.get(key)!;
  });
}

export function firstNameOf(name: string | null | undefined): string | undefined {
  return name?.trim().split(/\s+/)[0] || undefined;
}
