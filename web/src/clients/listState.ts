// The list views keep their search, filters and sort in the query string, so a view can be
// reloaded, bookmarked or sent to a colleague.
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AccountListParams, ContactListParams } from './api.ts';

const contactKeys = [
  'q',
  'kind',
  'accountStatus',
  'tag',
  'memberId',
  'minStrength',
  'contactedAfter',
  'contactedBefore',
  'neverContacted',
  'archived',
  'sort',
] as const satisfies readonly (keyof ContactListParams)[];

const accountKeys = [
  'q',
  'status',
  'ownerId',
  'tag',
  'archived',
  'sort',
] as const satisfies readonly (keyof AccountListParams)[];

/** Keys that narrow the list (as opposed to the search text and the order). */
const notFilters = new Set(['q', 'sort']);

export type ListState<P> = {
  params: P;
  /** How many filters (not counting search and sort) are set. */
  filterCount: number;
  /** True when anything narrows the list, search included. */
  narrowed: boolean;
  get: (key: keyof P & string) => string;
  getList: (key: keyof P & string) => string[];
  set: (changes: Partial<Record<keyof P & string, string | string[] | null>>) => void;
  clear: () => void;
  /** The search box: typed text now, sent to the URL (and the server) 250 ms after typing stops. */
  search: string;
  setSearch: (value: string) => void;
};

function useListState<P extends Record<string, string | undefined>>(
  keys: readonly (keyof P & string)[],
): ListState<P> {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo(() => {
    const picked: Record<string, string> = {};
    for (const key of keys) {
      const value = searchParams.get(key);
      if (value) picked[key] = value;
    }
    return picked as P;
  }, [searchParams, keys]);

  const set = useCallback(
    (changes: Partial<Record<keyof P & string, string | string[] | null>>) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, raw] of Object.entries(changes) as [string, string | string[] | null][]) {
            const value = Array.isArray(raw) ? raw.join(',') : raw;
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  const clear = useCallback(() => {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const key of keys) if (key !== 'sort') next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [setSearchParams, keys]);

  const urlQuery = params.q ?? '';
  const [search, setSearch] = useState(urlQuery);
  const [debounced] = useDebouncedValue(search.trim(), 250);

  // Typing: once it settles, the URL follows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled text should write
  useEffect(() => {
    if (debounced !== urlQuery) set({ q: debounced } as Partial<Record<keyof P & string, string>>);
  }, [debounced]);
  // The URL changed by other means (clear filters, back button): the box follows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change should write
  useEffect(() => {
    if (urlQuery !== debounced) setSearch(urlQuery);
  }, [urlQuery]);

  const filterCount = keys.filter((key) => !notFilters.has(key) && params[key]).length;

  return {
    params,
    filterCount,
    narrowed: filterCount > 0 || Boolean(urlQuery),
    get: (key) => params[key] ?? '',
    getList: (key) => (params[key] ? String(params[key]).split(',').filter(Boolean) : []),
    set,
    clear,
    search,
    setSearch,
  };
}

export function useContactListState() {
  return useListState<ContactListParams & Record<string, string | undefined>>(contactKeys);
}

export function useAccountListState() {
  return useListState<AccountListParams & Record<string, string | undefined>>(accountKeys);
}
