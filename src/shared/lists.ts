// Shared pieces of list endpoints: tag lists, cursors and page sizes.
import { z } from 'zod';

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tags cannot be empty')
  .max(50, 'Tags must be at most 50 characters');

export const tagsSchema = z
  .array(tagSchema)
  .max(50, 'At most 50 tags')
  .transform((tags) => [...new Set(tags)]);

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

/** Opaque cursor (base64url JSON of the last row's sort key and id). */
export const cursorSchema = z.string().max(500).optional();

/** `a,b` or repeated `?tag=a&tag=b` in a query string become one array. */
export const csvList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
