// Typed access to the referrals API (list, board, one referral, recording, editing, moving,
// settings, insights) with the query keys the board, the list, the contact page and Insights share.
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateReferralBody,
  createReferralBody,
  MoneyTotal,
  MoveReferralBody,
  ReferralBoard,
  ReferralDetail,
  ReferralInsights,
  ReferralList,
  ReferralListItem,
  ReferralSettings,
  referralListQuery,
  UpdateReferralBody,
  UpdateReferralSettingsBody,
} from '../../../src/features/referrals/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type {
  CreateReferralBody,
  MoneyTotal,
  MoveReferralBody,
  ReferralBoard,
  ReferralDetail,
  ReferralInsights,
  ReferralList,
  ReferralListItem,
  ReferralSettings,
};
export type ReferralKind = ReferralListItem['kind'];
export type ReferralSource = ReferralListItem['source'];
export type ReferralStatus = ReferralListItem['status'];
export type CreateReferralInput = z.input<typeof createReferralBody>;
/** The list filters as they travel in a query string: every value a string. */
export type ReferralFilters = { [K in keyof z.input<typeof referralListQuery>]?: string };

const enc = encodeURIComponent;

function queryString(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const referralsApi = {
  list: (params: ReferralFilters) => apiRequest<ReferralList>('GET', `/referrals${queryString(params)}`),
  /** A download link for what the list shows (the same filters). */
  exportUrl: (params: ReferralFilters) =>
    `/api/v1/referrals/export.csv${queryString({ ...params, cursor: undefined, limit: undefined })}`,
  board: (params: ReferralFilters & { perColumn?: string }) =>
    apiRequest<ReferralBoard>('GET', `/referrals/board${queryString(params)}`),
  get: (id: string) => apiRequest<ReferralDetail>('GET', `/referrals/${enc(id)}`),
  create: (body: CreateReferralInput) => apiRequest<ReferralDetail>('POST', '/referrals', body),
  update: (id: string, body: UpdateReferralBody) =>
    apiRequest<ReferralDetail>('PATCH', `/referrals/${enc(id)}`, body),
  move: (id: string, body: MoveReferralBody) =>
    apiRequest<ReferralDetail>('POST', `/referrals/${enc(id)}/move`, body),
  settings: () => apiRequest<ReferralSettings>('GET', '/referrals/settings'),
  // Stages are checked by the server (new and lost are refused with a message).
  updateSettings: (
    body: Omit<UpdateReferralSettingsBody, 'thankStages'> & { thankStages?: ReferralStatus[] },
  ) => apiRequest<ReferralSettings>('PUT', '/referrals/settings', body),
  insights: (from: string, to: string) =>
    apiRequest<ReferralInsights>('GET', `/referrals/insights${queryString({ from, to })}`),
};

export const referralKeys = {
  all: ['referrals'] as const,
  list: (params: ReferralFilters) => ['referrals', 'list', params] as const,
  board: (params: ReferralFilters) => ['referrals', 'board', params] as const,
  detail: (id: string) => ['referrals', 'detail', id] as const,
  settings: ['referrals', 'settings'] as const,
  insights: (from: string, to: string) => ['referrals', 'insights', from, to] as const,
};

/** After any change to a referral: the board, lists, its page, contact cards, tasks and timelines move. */
export function invalidateReferrals(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: referralKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  void queryClient.invalidateQueries({ queryKey: ['clients', 'contact'] });
}
