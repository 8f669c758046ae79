import { z } from 'zod';

const day = z.iso.date('Use a date like 2026-03-14');

export const testimonialSchema = z.object({
  id: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string() }),
  account: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  about: z.string().nullable(),
  quote: z.string(),
  mayPublish: z.boolean(),
  /** The day they gave permission to publish; null unless mayPublish. */
  permissionOn: z.string().nullable(),
  attribution: z.string().nullable(),
  collectedOn: z.string(),
  collectedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Testimonial = z.infer<typeof testimonialSchema>;

const fields = {
  contactId: z.uuid('Choose the person who said it'),
  about: z.string().trim().max(300, 'At most 300 characters').nullable().optional(),
  quote: z.string().trim().min(1, 'The quote is required').max(5000, 'At most 5,000 characters'),
  mayPublish: z.boolean().optional(),
  permissionOn: day.nullable().optional(),
  attribution: z.string().trim().max(200, 'At most 200 characters').nullable().optional(),
  collectedOn: day.optional(),
  collectedByMemberId: z.uuid().nullable().optional(),
};

export const createTestimonialBody = z.strictObject(fields);
export type CreateTestimonialBody = z.infer<typeof createTestimonialBody>;

export const updateTestimonialBody = z
  .strictObject({
    ...fields,
    contactId: fields.contactId.optional(),
    quote: fields.quote.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Nothing to change');
export type UpdateTestimonialBody = z.infer<typeof updateTestimonialBody>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const testimonialListQuery = z.object({
  contact: z.uuid('Not a valid contact id').optional(),
  mayPublish: flag.optional(),
  /** Collected on or after this day. */
  from: day.optional(),
  /** Collected on or before this day. */
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TestimonialListQuery = z.infer<typeof testimonialListQuery>;

export const testimonialExportQuery = testimonialListQuery.omit({ limit: true }).extend({
  /** Default true: only those the client allowed us to publish. */
  publishableOnly: flag.default(true),
});
export type TestimonialExportQuery = z.infer<typeof testimonialExportQuery>;

export const testimonialListResponse = z.object({
  testimonials: z.array(testimonialSchema),
  /** How many match the filters, beyond the `limit` returned. */
  total: z.number().int(),
});
