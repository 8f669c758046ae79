import { z } from 'zod';
import { channels, contactKinds } from '../../db/schema/clients.ts';
import {
  csvList,
  cursorSchema,
  limitSchema,
  optionalText,
  tagSchema,
  tagsSchema,
} from '../../shared/lists.ts';
import { emailSchema } from '../../shared/schemas.ts';
import { relationshipSchema } from '../relationships/schemas.ts';

export const contactKindSchema = z.enum(contactKinds);
export const channelSchema = z.enum(channels);

const accountRef = z.object({ id: z.uuid(), name: z.string() });
const bestRelationship = z.object({ memberId: z.uuid(), memberName: z.string(), strength: z.number() });

export const contactListItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  kind: contactKindSchema,
  account: accountRef.nullable(),
  tags: z.array(z.string()),
  lastContactedAt: z.string().nullable(),
  /** The teammate who knows this person best, and how well. */
  bestRelationship: bestRelationship.nullable(),
  archived: z.boolean(),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

export const contactSchema = contactListItemSchema.extend({
  otherEmails: z.array(z.string()),
  phone: z.string().nullable(),
  preferredChannel: channelSchema.nullable(),
  bestTime: z.string().nullable(),
  family: z.string().nullable(),
  interests: z.string().nullable(),
  workingOn: z.string().nullable(),
  notes: z.string().nullable(),
  canHelpWith: z.array(z.string()),
  mayEmail: z.boolean(),
  maySurvey: z.boolean(),
  externalId: z.string().nullable(),
  erased: z.boolean(),
  /** Set when this contact was merged into another; the client should open that one instead. */
  mergedIntoId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactDetailSchema = contactSchema.extend({
  relationships: z.array(relationshipSchema),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;

const contactFields = {
  name: z.string().trim().min(1, 'Name is required').max(200, 'At most 200 characters'),
  email: emailSchema.nullable().optional(),
  otherEmails: z.array(emailSchema).max(20).optional(),
  phone: optionalText(50),
  title: optionalText(200),
  accountId: z.uuid().nullable().optional(),
  /** Alternative to accountId: an account with this name is matched (case-insensitive) or created. */
  accountName: z.string().trim().min(1).max(200).optional(),
  kind: contactKindSchema.optional(),
  preferredChannel: channelSchema.nullable().optional(),
  bestTime: optionalText(200),
  family: optionalText(2000),
  interests: optionalText(2000),
  workingOn: optionalText(2000),
  notes: optionalText(10_000),
  canHelpWith: tagsSchema.optional(),
  tags: tagsSchema.optional(),
  mayEmail: z.boolean().optional(),
  maySurvey: z.boolean().optional(),
  externalId: optionalText(200),
};

export const createContactBody = z.strictObject(contactFields);
export type CreateContactBody = z.infer<typeof createContactBody>;
export const updateContactBody = z.strictObject({ ...contactFields, name: contactFields.name.optional() });
export type UpdateContactBody = z.infer<typeof updateContactBody>;

export const contactSorts = [
  'name',
  '-name',
  'last_contacted',
  '-last_contacted',
  'strength',
  '-strength',
  'created',
  '-created',
] as const;

export const contactListQuery = z.strictObject({
  /** Name, email, company or tag; typo-tolerant. Results are ordered by relevance unless `sort` is given. */
  q: z.string().trim().max(200).optional(),
  kind: csvList(contactKindSchema).optional(),
  accountId: z.uuid().optional(),
  /** Status of the contact's account. */
  accountStatus: csvList(z.enum(['prospect', 'active', 'past'])).optional(),
  tag: csvList(tagSchema).optional(),
  /** Contacts that this member has a relationship with. */
  memberId: z.uuid().optional(),
  /** Best relationship strength at least / at most. */
  minStrength: z.coerce.number().int().min(0).max(100).optional(),
  maxStrength: z.coerce.number().int().min(0).max(100).optional(),
  contactedBefore: z.iso.date().optional(),
  contactedAfter: z.iso.date().optional(),
  neverContacted: z.enum(['true', 'false']).optional(),
  archived: z.enum(['true', 'false', 'all']).default('false'),
  sort: z.enum(contactSorts).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ContactListQuery = z.infer<typeof contactListQuery>;

export const contactListResponse = z.object({
  contacts: z.array(contactListItemSchema),
  nextCursor: z.string().nullable(),
});

export const mergeContactBody = z.strictObject({
  /** The duplicate: its history moves to the contact in the URL, then it is retired. */
  duplicateId: z.uuid(),
});
