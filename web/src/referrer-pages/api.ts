// Typed access to a contact's referrer page (the personal page at PUBLIC_URL/p/TOKEN).
import type { z } from 'zod';
import type {
  ReferrerPage,
  ReferrerPageState,
  SendReferrerPageBody,
  sendReferrerPageResponse,
} from '../../../src/features/referrer-pages/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type { ReferrerPage, ReferrerPageState };
export type SentReferrerPage = z.infer<typeof sendReferrerPageResponse>;

const base = (contactId: string) => `/contacts/${encodeURIComponent(contactId)}/referrer-page`;

export const referrerPagesApi = {
  get: (contactId: string) => apiRequest<ReferrerPageState>('GET', base(contactId)),
  create: (contactId: string) => apiRequest<ReferrerPage>('POST', base(contactId)),
  reissue: (contactId: string) => apiRequest<ReferrerPage>('POST', `${base(contactId)}/reissue`),
  send: (contactId: string, body: SendReferrerPageBody) =>
    apiRequest<SentReferrerPage>('POST', `${base(contactId)}/send`, body),
  revoke: (contactId: string) => apiRequest<void>('DELETE', base(contactId)),
};

export const referrerPageKeys = {
  of: (contactId: string) => ['referrer-page', contactId] as const,
};
