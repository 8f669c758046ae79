// Typed access to the clients API (contacts, accounts, relationships, interactions, timelines,
// search and tags), with the query keys and hooks the clients pages share.
import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Account,
  accountListQuery,
  accountListResponse,
  createAccountBody,
  updateAccountBody,
} from '../../../src/features/accounts/schemas.ts';
import type { ListCount } from '../../../src/features/contacts/count.ts';
import type {
  Contact,
  ContactDetail,
  ContactListItem,
  contactListQuery,
  contactListResponse,
  createContactBody,
  updateContactBody,
} from '../../../src/features/contacts/schemas.ts';
import type {
  CreateInteractionBody,
  Interaction,
  UpdateInteractionBody,
} from '../../../src/features/interactions/schemas.ts';
import type {
  BestContact,
  overrideRelationshipBody,
  Relationship,
} from '../../../src/features/relationships/schemas.ts';
import type { TimelineEvent, timelineResponse } from '../../../src/features/timeline/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type {
  Account,
  BestContact,
  Contact,
  ContactDetail,
  ContactListItem,
  Interaction,
  ListCount,
  Relationship,
  TimelineEvent,
};
export type ContactKind = Contact['kind'];
export type Channel = NonNullable<Contact['preferredChannel']>;
export type AccountStatus = Account['status'];
export type AccountSize = NonNullable<Account['size']>;
export type InteractionKind = Interaction['kind'];

/** The list filters as they travel in a query string: every value a string. */
export type ContactListParams = { [K in keyof z.input<typeof contactListQuery>]?: string };
export type ContactSort = NonNullable<z.infer<typeof contactListQuery>['sort']>;
export type AccountListParams = { [K in keyof z.input<typeof accountListQuery>]?: string };
export type AccountSort = z.infer<typeof accountListQuery>['sort'];

export type ContactPage = z.infer<typeof contactListResponse>;
export type AccountPage = z.infer<typeof accountListResponse>;
export type TimelinePage = z.infer<typeof timelineResponse>;
export type CreateContactInput = z.input<typeof createContactBody>;
export type UpdateContactInput = z.input<typeof updateContactBody>;
export type CreateAccountInput = z.input<typeof createAccountBody>;
export type UpdateAccountInput = z.input<typeof updateAccountBody>;
export type OverrideInput = z.input<typeof overrideRelationshipBody>;
export type CreateInteractionInput = CreateInteractionBody;
export type UpdateInteractionInput = UpdateInteractionBody;
export type SearchResult = { contacts: ContactListItem[]; accounts: Account[] };
export type TagCount = { tag: string; count: number };

export const PAGE_SIZE = 50;
const enc = encodeURIComponent;

function queryString(params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const clientsApi = {
  listContacts: (params: ContactListParams) =>
    apiRequest<ContactPage>('GET', `/contacts${queryString(params)}`),
  getContact: (id: string) => apiRequest<ContactDetail>('GET', `/contacts/${enc(id)}`),
  createContact: (body: CreateContactInput) => apiRequest<ContactDetail>('POST', '/contacts', body),
  updateContact: (id: string, body: UpdateContactInput) =>
    apiRequest<ContactDetail>('PATCH', `/contacts/${enc(id)}`, body),
  archiveContact: (id: string) => apiRequest<ContactDetail>('POST', `/contacts/${enc(id)}/archive`),
  unarchiveContact: (id: string) => apiRequest<ContactDetail>('POST', `/contacts/${enc(id)}/unarchive`),
  mergeContact: (id: string, duplicateId: string) =>
    apiRequest<ContactDetail>('POST', `/contacts/${enc(id)}/merge`, { duplicateId }),
  eraseContact: (id: string) => apiRequest<void>('POST', `/contacts/${enc(id)}/erase`),
  contactTimeline: (id: string, cursor: string | null) =>
    apiRequest<TimelinePage>('GET', `/contacts/${enc(id)}/timeline${queryString({ cursor })}`),
  bestContact: (id: string) => apiRequest<BestContact>('GET', `/contacts/${enc(id)}/best-contact`),
  overrideRelationship: (contactId: string, memberId: string, body: OverrideInput) =>
    apiRequest<Relationship>('PUT', `/contacts/${enc(contactId)}/relationships/${enc(memberId)}`, body),
  clearOverride: (contactId: string, memberId: string) =>
    apiRequest<Relationship>('DELETE', `/contacts/${enc(contactId)}/relationships/${enc(memberId)}/override`),

  listAccounts: (params: AccountListParams) =>
    apiRequest<AccountPage>('GET', `/accounts${queryString(params)}`),
  getAccount: (id: string) => apiRequest<Account>('GET', `/accounts/${enc(id)}`),
  createAccount: (body: CreateAccountInput) => apiRequest<Account>('POST', '/accounts', body),
  updateAccount: (id: string, body: UpdateAccountInput) =>
    apiRequest<Account>('PATCH', `/accounts/${enc(id)}`, body),
  archiveAccount: (id: string) => apiRequest<Account>('POST', `/accounts/${enc(id)}/archive`),
  unarchiveAccount: (id: string) => apiRequest<Account>('POST', `/accounts/${enc(id)}/unarchive`),
  accountTimeline: (id: string, cursor: string | null) =>
    apiRequest<TimelinePage>('GET', `/accounts/${enc(id)}/timeline${queryString({ cursor })}`),

  createInteraction: (body: CreateInteractionInput) => apiRequest<Interaction>('POST', '/interactions', body),
  getInteraction: (id: string) => apiRequest<Interaction>('GET', `/interactions/${enc(id)}`),
  updateInteraction: (id: string, body: UpdateInteractionInput) =>
    apiRequest<Interaction>('PATCH', `/interactions/${enc(id)}`, body),
  deleteInteraction: (id: string) => apiRequest<void>('DELETE', `/interactions/${enc(id)}`),

  countContacts: (params: ContactListParams) =>
    apiRequest<ListCount>('GET', `/contacts/count${queryString(params)}`),
  countAccounts: (params: AccountListParams) =>
    apiRequest<ListCount>('GET', `/accounts/count${queryString(params)}`),

  search: (q: string, limit = 8) => apiRequest<SearchResult>('GET', `/search${queryString({ q, limit })}`),
  listTags: () => apiRequest<{ tags: TagCount[] }>('GET', '/tags'),
};

export const clientKeys = {
  all: ['clients'] as const,
  contactLists: ['clients', 'contacts'] as const,
  contactList: (params: ContactListParams) => ['clients', 'contacts', params] as const,
  contact: (id: string) => ['clients', 'contact', id] as const,
  contactTimeline: (id: string) => ['clients', 'contact', id, 'timeline'] as const,
  bestContact: (id: string) => ['clients', 'contact', id, 'best-contact'] as const,
  accountLists: ['clients', 'accounts'] as const,
  accountList: (params: AccountListParams) => ['clients', 'accounts', params] as const,
  account: (id: string) => ['clients', 'account', id] as const,
  accountTimeline: (id: string) => ['clients', 'account', id, 'timeline'] as const,
  search: (q: string) => ['clients', 'search', q] as const,
  tags: ['clients', 'tags'] as const,
};

export function useContactList(params: ContactListParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: clientKeys.contactList(params),
    queryFn: ({ pageParam }) =>
      clientsApi.listContacts({ ...params, limit: String(PAGE_SIZE), cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAccountList(params: AccountListParams) {
  return useInfiniteQuery({
    queryKey: clientKeys.accountList(params),
    queryFn: ({ pageParam }) =>
      clientsApi.listAccounts({ ...params, limit: String(PAGE_SIZE), cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The list's filters and search without its order: what an export needs. */
function filtersOf<P extends { sort?: string }>(params: P): Omit<P, 'sort'> {
  const { sort: _sort, ...filters } = params;
  return filters;
}

/**
 * How many people the list's filters match; kept while new filters are counted. A search is not
 * counted (the list ranks and keeps the best matches; it knows their number on its last page).
 */
export function useContactCount(params: ContactListParams) {
  const { q, ...filters } = filtersOf(params);
  return useQuery({
    queryKey: [...clientKeys.contactLists, 'count', filters] as const,
    queryFn: () => clientsApi.countContacts(filters),
    placeholderData: keepPreviousData,
    enabled: !q,
  });
}

export function useAccountCount(params: AccountListParams) {
  const { q, ...filters } = filtersOf(params);
  return useQuery({
    queryKey: [...clientKeys.accountLists, 'count', filters] as const,
    queryFn: () => clientsApi.countAccounts(filters),
    placeholderData: keepPreviousData,
    enabled: !q,
  });
}

/**
 * The CSV download of exactly the people the list shows. The list hides archived people unless
 * asked, while the export's own default is everyone, so the list's choice is always sent.
 */
export function contactExportUrl(params: ContactListParams): string {
  return `/api/v1/exports/contacts.csv${queryString({ ...filtersOf(params), archived: params.archived ?? 'false' })}`;
}

export function useTimeline(kind: 'contact' | 'account', id: string) {
  return useInfiniteQuery({
    queryKey: kind === 'contact' ? clientKeys.contactTimeline(id) : clientKeys.accountTimeline(id),
    queryFn: ({ pageParam }) =>
      kind === 'contact'
        ? clientsApi.contactTimeline(id, pageParam)
        : clientsApi.accountTimeline(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useTags() {
  return useQuery({ queryKey: clientKeys.tags, queryFn: clientsApi.listTags, staleTime: 60_000 });
}

/** Everything about one contact changed (logged, edited, merged): refetch the views that show it. */
export function invalidateContact(queryClient: QueryClient, contactId: string) {
  void queryClient.invalidateQueries({ queryKey: clientKeys.contact(contactId) });
  void queryClient.invalidateQueries({ queryKey: clientKeys.contactLists });
  void queryClient.invalidateQueries({ queryKey: ['clients', 'account'] });
  void queryClient.invalidateQueries({ queryKey: clientKeys.accountLists });
  void queryClient.invalidateQueries({ queryKey: ['clients', 'search'] });
  void queryClient.invalidateQueries({ queryKey: clientKeys.tags });
}

export type ContactListData = InfiniteData<ContactPage, string | null>;
