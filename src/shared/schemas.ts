// Small zod building blocks shared by the server and the web client.
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(120, 'Name must be at most 120 characters');

export const firmNameSchema = z
  .string()
  .trim()
  .min(1, 'Firm name is required')
  .max(120, 'Firm name must be at most 120 characters');

const knownTimeZones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const timeZoneSchema = z
  .string()
  .trim()
  .refine((tz) => knownTimeZones.has(tz), 'Unknown time zone: use an IANA name such as Europe/Lisbon');

export const idParamSchema = z.object({ id: z.uuid('Not a valid id') });

export const isoDateTime = z.iso.datetime({ offset: true });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
