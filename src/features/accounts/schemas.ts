import { z } from 'zod';
import { accountSizes, accountStatuses } from '../../db/schema/clients.ts';
import {
  csvList,
  cursorSchema,
  limitSchema,
  optionalText,
  tagSchema,
  tagsSchema,
} from '../../shared/lists.ts';

export const accountStatusSchema = z.enum(accountStatuses);
export const accountSizeSchema = z.enum(accountSizes);

const memberRef = z.object({ id: z.uuid(), name: z.string() });

export const accountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: accountSizeSchema.nullable(),
  status: accountStatusSchema,
  clientSince: z.string().nullable(),
  owner: memberRef.nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  externalId: z.string().nullable(),
  archived: z.boolean(),
  contactCount: z.number(),
  lastContactedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

const accountFields = {
  name: z.string().trim().min(1, 'Name is required').max(200, 'At most 200 characters'),
  domain: optionalText(253),
  industry: optionalText(100),
  size: accountSizeSchema.nullable().optional(),
  status: accountStatusSchema.optional(),
  clientSince: z.iso.date('Use a date like 2024-03-31').nullable().optional(),
  ownerMemberId: z.uuid().nullable().optional(),
  tags: tagsSchema.optional(),
  notes: optionalText(10_000),
  externalId: optionalText(200),
};

export const createAccountBody = z.strictObject(accountFields);
export type CreateAccountBody = z.infer<typeof createAccountBody>;
export const updateAccountBody = z.strictObject({ ...accountFields, name: accountFields.name.optional() });
export type UpdateAccountBody = z.infer<typeof updateAccountBody>;

export const accountSorts = [
  'name',
  '-name',
  'last_contacted',
  '-last_contacted',
  'created',
  '-created',
] as const;

export const accountListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: csvList(accountStatusSchema).optional(),
  ownerId: z.uuid().optional(),
  tag: csvList(tagSchema).optional(),
  archived: z.enum(['true', 'false', 'all']).default('false'),
  /** Default: best match first when `q` is given, else by name. */
  sort: z.enum(accountSorts).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type AccountListQuery = z.infer<typeof accountListQuery>;

export const accountListResponse = z.object({
  accounts: z.array(accountSchema),
  nextCursor: z.string().nullable(),
});
