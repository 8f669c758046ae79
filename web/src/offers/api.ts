// Typed access to the offers API, with the query keys and hooks the offer pages and the contact
// page's "Share links" card share.
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  Claim,
  ClaimList,
  OfferDetail,
  OfferInput,
  OfferList,
  OfferListQuery,
  OfferStats,
  OfferStatsResponse,
  ReferrerStats,
  ShareLink,
  ShareLinkList,
  UpdateOfferBody,
} from '../../../src/features/offers/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type {
  Claim,
  ClaimList,
  OfferDetail,
  OfferInput,
  OfferList,
  OfferStats,
  OfferStatsResponse,
  ReferrerStats,
  ShareLink,
  ShareLinkList,
};
export type Offer = OfferList['offers'][number];
export type OfferType = Offer['type'];
export type OfferStatus = Offer['status'];
export type OfferFilter = OfferListQuery['status'];
export type ClaimOutcome = Claim['outcome'];

const enc = encodeURIComponent;

export const offersApi = {
  list: (status: OfferFilter) => apiRequest<OfferList>('GET', `/offers?status=${enc(status)}`),
  get: (id: string) => apiRequest<OfferDetail>('GET', `/offers/${enc(id)}`),
  create: (body: OfferInput) => apiRequest<OfferDetail>('POST', '/offers', body),
  update: (id: string, body: UpdateOfferBody) => apiRequest<OfferDetail>('PATCH', `/offers/${enc(id)}`, body),
  pause: (id: string) => apiRequest<OfferDetail>('POST', `/offers/${enc(id)}/pause`),
  resume: (id: string) => apiRequest<OfferDetail>('POST', `/offers/${enc(id)}/resume`),
  archive: (id: string) => apiRequest<OfferDetail>('DELETE', `/offers/${enc(id)}`),
  links: (id: string) => apiRequest<ShareLinkList>('GET', `/offers/${enc(id)}/links`),
  createLinks: (id: string, contactIds: string[]) =>
    apiRequest<{ links: ShareLink[]; created: number }>('POST', `/offers/${enc(id)}/links`, { contactIds }),
  claims: (id: string, outcome: ClaimOutcome | null, cursor: string | null) => {
    const query = new URLSearchParams({ limit: '50' });
    if (outcome) query.set('outcome', outcome);
    if (cursor) query.set('cursor', cursor);
    return apiRequest<ClaimList>('GET', `/offers/${enc(id)}/claims?${query}`);
  },
  stats: (id: string) => apiRequest<OfferStatsResponse>('GET', `/offers/${enc(id)}/stats`),
  contactLinks: (contactId: string) =>
    apiRequest<ShareLinkList>('GET', `/contacts/${enc(contactId)}/share-links`),
  revoke: (linkId: string) => apiRequest<ShareLink>('POST', `/share-links/${enc(linkId)}/revoke`),
  reissue: (linkId: string) => apiRequest<ShareLink>('POST', `/share-links/${enc(linkId)}/reissue`),
};

export const offerKeys = {
  all: ['offers'] as const,
  lists: ['offers', 'list'] as const,
  list: (status: OfferFilter) => ['offers', 'list', status] as const,
  offer: (id: string) => ['offers', 'offer', id] as const,
  links: (id: string) => ['offers', 'offer', id, 'links'] as const,
  claims: (id: string, outcome: ClaimOutcome | null) => ['offers', 'offer', id, 'claims', outcome] as const,
  stats: (id: string) => ['offers', 'offer', id, 'stats'] as const,
  contactLinks: (contactId: string) => ['offers', 'contact', contactId] as const,
};

export function useOfferList(status: OfferFilter) {
  return useQuery({ queryKey: offerKeys.list(status), queryFn: () => offersApi.list(status) });
}

export function useOffer(id: string) {
  return useQuery({ queryKey: offerKeys.offer(id), queryFn: () => offersApi.get(id) });
}

/** After a change to an offer: its page shows the answer; lists and numbers refresh. */
export function storeOffer(queryClient: QueryClient, offer: OfferDetail) {
  queryClient.setQueryData(offerKeys.offer(offer.id), offer);
  void queryClient.invalidateQueries({ queryKey: offerKeys.lists });
  void queryClient.invalidateQueries({ queryKey: ['offers', 'contact'] });
}

/** After links change: the offer's links and numbers, and every contact's card. */
export function invalidateLinks(queryClient: QueryClient, offerId: string) {
  void queryClient.invalidateQueries({ queryKey: offerKeys.offer(offerId) });
  void queryClient.invalidateQueries({ queryKey: offerKeys.lists });
  void queryClient.invalidateQueries({ queryKey: ['offers', 'contact'] });
}
