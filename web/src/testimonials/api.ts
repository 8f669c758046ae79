// Typed access to testimonials: a client's words with their permission to publish.
import type { z } from 'zod';
import type {
  CreateTestimonialBody,
  Testimonial,
  testimonialListResponse,
  UpdateTestimonialBody,
} from '../../../src/features/testimonials/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type { Testimonial };
export type TestimonialList = z.infer<typeof testimonialListResponse>;
export type TestimonialParams = {
  contact?: string;
  mayPublish?: 'true' | 'false';
  from?: string;
  to?: string;
};

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) q.set(key, value);
  const text = q.toString();
  return text ? `?${text}` : '';
};

export const testimonialsApi = {
  list: (params: TestimonialParams) => apiRequest<TestimonialList>('GET', `/testimonials${query(params)}`),
  create: (body: CreateTestimonialBody) => apiRequest<Testimonial>('POST', '/testimonials', body),
  update: (id: string, body: UpdateTestimonialBody) =>
    apiRequest<Testimonial>('PATCH', `/testimonials/${encodeURIComponent(id)}`, body),
  remove: (id: string) => apiRequest<void>('DELETE', `/testimonials/${encodeURIComponent(id)}`),
  /** The download address of the CSV for these filters. */
  exportUrl: (params: TestimonialParams & { publishableOnly: boolean }) =>
    `/api/v1/testimonials/export.csv${query({ ...params, publishableOnly: String(params.publishableOnly) })}`,
};

export const testimonialKeys = {
  all: ['testimonials'] as const,
  list: (params: TestimonialParams) => ['testimonials', params] as const,
};
