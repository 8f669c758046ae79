import { z } from 'zod';
import { reviewSites } from '../../db/schema/surveys.ts';

export const reviewSiteSchema = z.enum(reviewSites);

export const reviewDestinationSchema = z.object({
  id: z.uuid(),
  site: reviewSiteSchema,
  label: z.string(),
  url: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type ReviewDestination = z.infer<typeof reviewDestinationSchema>;

const httpsUrl = z
  .string()
  .trim()
  .max(2000, 'At most 2,000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'Enter the full https:// address of the review page');

const fields = {
  site: reviewSiteSchema,
  label: z.string().trim().min(1, 'Label is required').max(80, 'At most 80 characters'),
  url: httpsUrl,
  /** Smaller first. Default: after the others. */
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
};

export const createReviewDestinationBody = z.strictObject(fields);
export type CreateReviewDestinationBody = z.infer<typeof createReviewDestinationBody>;

export const updateReviewDestinationBody = z.strictObject({
  site: fields.site.optional(),
  label: fields.label.optional(),
  url: fields.url.optional(),
  position: fields.position,
  active: fields.active,
});
export type UpdateReviewDestinationBody = z.infer<typeof updateReviewDestinationBody>;

export const reviewDestinationListResponse = z.object({ destinations: z.array(reviewDestinationSchema) });
