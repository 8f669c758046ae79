// Typed access to partners: balances both ways and the clients we send them.
import type { z } from 'zod';
import type {
  CreatePartnerReferralBody,
  PartnerBalance,
  PartnerDetail,
  PartnerOutcome,
  PartnerReferral,
  partnerListResponse,
  partnerSorts,
  ReceivedReferral,
  UpdatePartnerReferralBody,
} from '../../../src/features/partners/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type { PartnerBalance, PartnerDetail, PartnerOutcome, PartnerReferral, ReceivedReferral };
export type PartnerList = z.infer<typeof partnerListResponse>;
export type PartnerSort = (typeof partnerSorts)[number];

const enc = encodeURIComponent;

export const partnersApi = {
  list: (sort: PartnerSort) => apiRequest<PartnerList>('GET', `/partners?sort=${sort}`),
  get: (id: string) => apiRequest<PartnerDetail>('GET', `/partners/${enc(id)}`),
  logReferral: (partnerId: string, body: CreatePartnerReferralBody) =>
    apiRequest<PartnerReferral>('POST', `/partners/${enc(partnerId)}/referrals`, body),
  updateReferral: (id: string, body: UpdatePartnerReferralBody) =>
    apiRequest<PartnerReferral>('PATCH', `/partner-referrals/${enc(id)}`, body),
  removeReferral: (id: string) => apiRequest<void>('DELETE', `/partner-referrals/${enc(id)}`),
};

export const partnerKeys = {
  all: ['partners'] as const,
  list: (sort: PartnerSort) => ['partners', 'list', sort] as const,
  one: (id: string) => ['partners', 'one', id] as const,
};

export const outcomeLabels: Record<PartnerOutcome, string> = {
  pending: 'Pending',
  engaged: 'Engaged',
  won: 'Won',
  no_fit: 'No fit',
};

/** "$35,000 + €1,000", or a dash when nothing was booked. */
export function formatRevenue(revenue: { currency: string; amount: number }[]): string {
  if (revenue.length === 0) return '—';
  return revenue
    .map((r) => {
      try {
        return new Intl.NumberFormat(undefined, {
          style: 'currency',
          currency: r.currency,
          maximumFractionDigits: 0,
        }).format(r.amount);
      } catch {
        return `${r.amount.toLocaleString()} ${r.currency}`;
      }
    })
    .join(' + ');
}
