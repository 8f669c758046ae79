// What each kind of import understands: its fields, the CRM headers that map to them, and how a
// cell is checked and turned into a value. A row is checked here on its own; checks that need the
// whole file or the database (duplicates, unknown members) run in SQL over the staged rows.
import { channels, contactKinds, interactionDirections, interactionKinds } from '../../db/schema/clients.ts';
import type { ImportKind } from '../../db/schema/imports.ts';
import { tagSchema } from '../../shared/lists.ts';
import { emailSchema } from '../../shared/schemas.ts';
import { unescapeFormula } from './csv.ts';

type Parsed = { value: unknown } | { error: string };
type FieldDef = {
  name: string;
  label: string;
  /** Headers that map to this field, compared without case, spaces or punctuation. */
  aliases: string[];
  parse: (raw: string) => Parsed;
};

export const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const text =
  (max: number) =>
  (raw: string): Parsed =>
    raw.length > max ? { error: `At most ${max.toLocaleString('en')} characters` } : { value: raw };

const email = (raw: string): Parsed => {
  const r = emailSchema.safeParse(raw);
  return r.success ? { value: r.data } : { error: `Not a valid email address: ${raw.slice(0, 80)}` };
};

const splitList = (raw: string) =>
  raw
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

const emailList = (raw: string): Parsed => {
  const out: string[] = [];
  for (const item of splitList(raw)) {
    const r = emailSchema.safeParse(item);
    if (!r.success) return { error: `Not a valid email address: ${item.slice(0, 80)}` };
    out.push(r.data);
  }
  return out.length > 20 ? { error: 'At most 20 addresses' } : { value: [...new Set(out)] };
};

const tagList = (raw: string): Parsed => {
  const out: string[] = [];
  for (const item of splitList(raw)) {
    const r = tagSchema.safeParse(item);
    if (!r.success) return { error: r.error.issues[0]?.message ?? 'Not a valid tag' };
    out.push(r.data);
  }
  return out.length > 50 ? { error: 'At most 50 tags' } : { value: [...new Set(out)] };
};

const oneOf =
  (allowed: readonly string[], synonyms: Record<string, string> = {}) =>
  (raw: string): Parsed => {
    const key = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    const value = synonyms[key] ?? key;
    return allowed.includes(value)
      ? { value }
      : { error: `Use one of: ${allowed.join(', ')} (got "${raw.slice(0, 40)}")` };
  };

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off']);
const bool = (raw: string): Parsed => {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return { value: true };
  if (FALSE.has(v)) return { value: false };
  return { error: 'Use true or false (or yes/no)' };
};

const strength = (raw: string): Parsed => {
  const v = Number(raw.trim());
  return Number.isInteger(v) && v >= 0 && v <= 100
    ? { value: v }
    : { error: 'Use a whole number from 0 to 100' };
};

const FUTURE_SLACK_MS = 24 * 3600 * 1000;
const dateTime = (raw: string): Parsed => {
  const v = raw.trim();
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v);
  // A date alone, or a time without a zone, is read as UTC so the result does not depend on the server.
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? `${v}T00:00:00Z`
    : /(Z|[+-]\d{2}:?\d{2})$/.test(v)
      ? v.replace(' ', 'T')
      : `${v.replace(' ', 'T')}Z`;
  const at = new Date(iso);
  if (!ok || Number.isNaN(at.getTime()))
    return { error: 'Use a date like 2026-03-14 or 2026-03-14T15:30:00Z' };
  if (at.getTime() > Date.now() + FUTURE_SLACK_MS)
    return { error: 'Is in the future: import conversations that happened' };
  return { value: at.toISOString() };
};

const contactFields: FieldDef[] = [
  {
    name: 'name',
    label: 'Name',
    aliases: ['name', 'fullname', 'contactname', 'displayname', 'contact'],
    parse: text(200),
  },
  { name: 'first_name', label: 'First name', aliases: ['firstname', 'givenname', 'first'], parse: text(100) },
  {
    name: 'last_name',
    label: 'Last name',
    aliases: ['lastname', 'surname', 'familyname', 'last'],
    parse: text(100),
  },
  {
    name: 'email',
    label: 'Email',
    aliases: [
      'email',
      'emailaddress',
      'primaryemail',
      'workemail',
      'businessemail',
      'email1',
      'emailaddress1',
    ],
    parse: email,
  },
  {
    name: 'other_emails',
    label: 'Other emails',
    aliases: ['otheremails', 'otheremail', 'secondaryemail', 'email2', 'personalemail', 'additionalemails'],
    parse: emailList,
  },
  {
    name: 'phone',
    label: 'Phone',
    aliases: [
      'phone',
      'phonenumber',
      'mobile',
      'mobilephone',
      'cell',
      'telephone',
      'workphone',
      'businessphone',
    ],
    parse: text(50),
  },
  { name: 'title', label: 'Job title', aliases: ['title', 'jobtitle', 'position', 'role'], parse: text(200) },
  {
    name: 'company',
    label: 'Company',
    aliases: ['company', 'companyname', 'organization', 'organisation', 'accountname', 'account', 'employer'],
    parse: text(200),
  },
  {
    name: 'kind',
    label: 'Kind',
    aliases: ['kind', 'type', 'contacttype', 'category', 'relationshiptype'],
    parse: oneOf(contactKinds, { customer: 'client', lead: 'prospect', referral_partner: 'partner' }),
  },
  {
    name: 'preferred_channel',
    label: 'Preferred channel',
    aliases: ['preferredchannel', 'channel', 'preferredcontactmethod', 'contactmethod'],
    parse: oneOf(channels, {
      'e-mail': 'email',
      sms: 'text',
      call: 'phone',
      meeting: 'in_person',
      inperson: 'in_person',
    }),
  },
  {
    name: 'best_time',
    label: 'Best time',
    aliases: ['besttime', 'besttimetocontact', 'besttimetocall'],
    parse: text(200),
  },
  { name: 'family', label: 'Family', aliases: ['family'], parse: text(2000) },
  { name: 'interests', label: 'Interests', aliases: ['interests', 'hobbies'], parse: text(2000) },
  {
    name: 'working_on',
    label: 'Working on',
    aliases: ['workingon', 'currentprojects', 'projects'],
    parse: text(2000),
  },
  {
    name: 'notes',
    label: 'Notes',
    aliases: ['notes', 'note', 'description', 'comments', 'background'],
    parse: text(10_000),
  },
  {
    name: 'can_help_with',
    label: 'Can help with',
    aliases: ['canhelpwith', 'expertise', 'skills'],
    parse: tagList,
  },
  { name: 'tags', label: 'Tags', aliases: ['tags', 'tag', 'labels', 'groups'], parse: tagList },
  { name: 'may_email', label: 'May email', aliases: ['mayemail', 'emailoptin', 'emailconsent'], parse: bool },
  {
    name: 'may_survey',
    label: 'May survey',
    aliases: ['maysurvey', 'surveyoptin', 'surveyconsent'],
    parse: bool,
  },
  {
    name: 'external_id',
    label: 'External id',
    aliases: ['externalid', 'id', 'recordid', 'contactid', 'crmid', 'sourceid'],
    parse: text(200),
  },
];

const relationshipFields: FieldDef[] = [
  {
    name: 'contact_email',
    label: 'Contact email',
    aliases: ['contactemail', 'email', 'emailaddress', 'contact', 'clientemail'],
    parse: email,
  },
  {
    name: 'member_email',
    label: 'Member email',
    aliases: ['memberemail', 'member', 'owneremail', 'owner', 'useremail', 'teammember', 'teammemberemail'],
    parse: email,
  },
  {
    name: 'strength',
    label: 'Strength (0-100)',
    aliases: ['strength', 'relationshipstrength', 'score', 'rating', 'baselinestrength'],
    parse: strength,
  },
];

const interactionFields: FieldDef[] = [
  {
    name: 'contact_email',
    label: 'Contact email',
    aliases: ['contactemail', 'email', 'emailaddress', 'contact', 'clientemail'],
    parse: email,
  },
  {
    name: 'member_emails',
    label: 'Member emails',
    aliases: [
      'memberemails',
      'memberemail',
      'members',
      'participants',
      'owneremail',
      'owner',
      'useremail',
      'teammembers',
    ],
    parse: emailList,
  },
  {
    name: 'kind',
    label: 'Kind',
    aliases: ['kind', 'type', 'activitytype', 'interactiontype'],
    parse: oneOf(interactionKinds, {
      phone_call: 'call',
      phone: 'call',
      'e-mail': 'email',
      text: 'message',
      sms: 'message',
    }),
  },
  {
    name: 'direction',
    label: 'Direction',
    aliases: ['direction'],
    parse: oneOf(interactionDirections, { twoway: 'two_way', out: 'outbound', in: 'inbound' }),
  },
  {
    name: 'date',
    label: 'Date',
    aliases: ['date', 'occurredat', 'when', 'activitydate', 'datetime', 'timestamp'],
    parse: dateTime,
  },
  {
    name: 'summary',
    label: 'Summary',
    aliases: ['summary', 'subject', 'description', 'notes'],
    parse: text(10_000),
  },
  { name: 'outcome', label: 'Outcome', aliases: ['outcome', 'result'], parse: text(2000) },
  {
    name: 'external_id',
    label: 'External id',
    aliases: ['externalid', 'id', 'activityid', 'recordid', 'interactionid'],
    parse: text(200),
  },
];

export const fieldsByKind: Record<ImportKind, FieldDef[]> = {
  contacts: contactFields,
  relationships: relationshipFields,
  interactions: interactionFields,
};

/** Fields a file must map for each kind (name may come from first + last name). */
const requiredFields: Record<ImportKind, string[][]> = {
  contacts: [['name', 'first_name', 'last_name']],
  relationships: [['contact_email'], ['member_email'], ['strength']],
  interactions: [['contact_email'], ['kind'], ['date']],
};

export function fieldOptions(kind: ImportKind) {
  return fieldsByKind[kind].map((f) => ({ name: f.name, label: f.label }));
}

/** One field per column (null: ignored), each field used once, first matching column wins. */
export function detectMapping(kind: ImportKind, headers: string[]): (string | null)[] {
  const used = new Set<string>();
  return headers.map((header) => {
    const h = normalizeHeader(header);
    const field = fieldsByKind[kind].find(
      (f) => !used.has(f.name) && (f.name.replaceAll('_', '') === h || f.aliases.includes(h)),
    );
    if (!field) return null;
    used.add(field.name);
    return field.name;
  });
}

/** Problems with a mapping as a whole (unknown or repeated fields, required fields missing). */
export function mappingProblems(kind: ImportKind, mapping: (string | null)[]): string[] {
  const known = new Set(fieldsByKind[kind].map((f) => f.name));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of mapping) {
    if (f === null) continue;
    if (!known.has(f)) problems.push(`Unknown field "${f}" for ${kind}`);
    else if (seen.has(f)) problems.push(`Field "${f}" is mapped to more than one column`);
    seen.add(f);
  }
  for (const alternatives of requiredFields[kind]) {
    if (!alternatives.some((f) => seen.has(f))) {
      const labels = alternatives.map((f) => fieldsByKind[kind].find((d) => d.name === f)!.label);
      problems.push(`No column is mapped to ${labels.join(' or ')}`);
    }
  }
  return problems;
}

export type RowProblem = { column: string | null; message: string };
export type CheckedRow = { data: Record<string, unknown>; errors: RowProblem[] };

/**
 * Compiles the check of one record against a mapping. Empty cells are left out of `data` (on update
 * they keep the stored value). Column names in problems are the file's own headers.
 */
export function rowChecker(
  kind: ImportKind,
  mapping: (string | null)[],
  headers: string[],
  options: { allowNoKey: boolean },
): (fields: string[]) => CheckedRow {
  const defs = fieldsByKind[kind];
  const columns = mapping.flatMap((name, i) => {
    const def = name ? defs.find((d) => d.name === name) : undefined;
    return def ? [{ i, def, header: headers[i] ?? def.name }] : [];
  });
  const columnOf = (field: string) => columns.find((c) => c.def.name === field)?.header ?? null;
  const nameColumn = columnOf('name') ?? columnOf('first_name') ?? columnOf('last_name');
  const keyColumn = columnOf('email') ?? columnOf('external_id');
  const required = requiredFields[kind].map((alternatives) => {
    const f = alternatives[0]!;
    return { field: f, column: columnOf(f), label: defs.find((d) => d.name === f)!.label };
  });

  return (fields) => {
    const data: Record<string, unknown> = {};
    const errors: RowProblem[] = [];
    for (const { i, def, header } of columns) {
      const raw = unescapeFormula((fields[i] ?? '').trim());
      if (raw === '') continue;
      const parsed = def.parse(raw);
      if ('error' in parsed) errors.push({ column: header, message: parsed.error });
      else data[def.name] = parsed.value;
    }
    const hasError = (column: string | null) => errors.some((e) => e.column === column);
    if (kind === 'contacts') {
      if (data.first_name !== undefined || data.last_name !== undefined) {
        const combined = [data.first_name, data.last_name].filter(Boolean).join(' ');
        if (data.name === undefined && combined) data.name = combined.slice(0, 200);
        delete data.first_name;
        delete data.last_name;
      }
      if (data.name === undefined && !hasError(nameColumn)) {
        errors.push({ column: nameColumn, message: 'Name is required' });
      }
      if (
        !options.allowNoKey &&
        data.email === undefined &&
        data.external_id === undefined &&
        !hasError(keyColumn)
      ) {
        errors.push({
          column: keyColumn,
          message:
            'Email or external id is required, so that running the import again updates this person instead of adding them twice',
        });
      }
    } else {
      for (const r of required) {
        if (data[r.field] === undefined && !hasError(r.column)) {
          errors.push({ column: r.column, message: `${r.label} is required` });
        }
      }
    }
    return { data, errors };
  };
}
