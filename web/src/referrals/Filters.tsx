// The filters the board and the list share, kept in the address so a filtered view can be shared
// and survives a reload: kind, source, stage (list only), referrer, owner, period and a name.
import { Button, Collapse, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import type { ReferralFilters } from './api.ts';
import { sourceLabels, statusLabels, statusOrder } from './labels.ts';

const keys = ['kind', 'source', 'status', 'referrer', 'owner', 'from', 'to', 'q'] as const;

export function useReferralFilters(): {
  filters: ReferralFilters;
  set: (key: (typeof keys)[number], value: string | null) => void;
  clear: () => void;
  active: boolean;
} {
  const [params, setParams] = useSearchParams();
  const filters: ReferralFilters = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return {
    filters,
    set: (key, value) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          if (key === 'referrer') next.delete('referrerName');
          return next;
        },
        { replace: true },
      ),
    clear: () => setParams(new URLSearchParams(), { replace: true }),
    active: keys.some((key) => params.get(key)),
  };
}

export function ReferralFiltersBar({ showStatus }: { showStatus: boolean }) {
  const { filters, set, clear, active } = useReferralFilters();
  const [params, setParams] = useSearchParams();
  const { member } = useSession();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers });
  const narrow = useMediaQuery('(max-width: 48em)');
  const [more, setMore] = useState(false);
  const hidden = (['source', 'status', 'owner', 'referrer', 'from', 'to'] as const).filter(
    (k) => filters[k],
  ).length;
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives the address
  useEffect(() => {
    if ((filters.q ?? '') !== debounced) set('q', debounced || null);
  }, [debounced]);
  const referrer: ContactChoice | null = filters.referrer
    ? { id: filters.referrer, name: params.get('referrerName') ?? 'Chosen referrer' }
    : null;
  const owners = [
    { value: 'me', label: 'Me' },
    ...(members.data?.members ?? [])
      .filter((m) => m.id !== member.id)
      .map((m) => ({ value: m.id, label: m.name })),
  ];
  const first = (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="sm">
      <SegmentedControl
        aria-label="Kind"
        value={filters.kind ?? 'all'}
        onChange={(value) => set('kind', value === 'all' ? null : value)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'introduction', label: 'Introductions' },
          { value: 'recommendation', label: 'Recommendations' },
        ]}
      />
      <TextInput
        aria-label="Prospect name"
        placeholder="Prospect name"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={{ base: 'calc(100% - 122px)', xs: 180 }}
      />
      {narrow ? (
        <Button
          variant={more ? 'light' : 'default'}
          leftSection={<IconAdjustmentsHorizontal size={16} />}
          onClick={() => setMore((open) => !open)}
          aria-expanded={more}
          w={110}
          px="xs"
        >
          {hidden > 0 ? `Filters (${hidden})` : 'Filters'}
        </Button>
      ) : null}
    </Group>
  );
  const rest = (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <Select
        aria-label="Source"
        placeholder="Any source"
        clearable
        data={Object.entries(sourceLabels).map(([value, label]) => ({ value, label }))}
        value={filters.source ?? null}
        onChange={(value) => set('source', value)}
        comboboxProps={selectComboboxProps}
        w={{ base: '47%', xs: 140 }}
      />
      {showStatus ? (
        <Select
          aria-label="Stage"
          placeholder="Any stage"
          clearable
          data={statusOrder.map((s) => ({ value: s, label: statusLabels[s] }))}
          value={filters.status ?? null}
          onChange={(value) => set('status', value)}
          comboboxProps={selectComboboxProps}
          w={{ base: '47%', xs: 150 }}
        />
      ) : null}
      <Select
        aria-label="Owner"
        placeholder="Any owner"
        clearable
        data={owners}
        value={filters.owner ?? null}
        onChange={(value) => set('owner', value)}
        comboboxProps={selectComboboxProps}
        w={{ base: '47%', xs: 160 }}
      />
      <div style={{ minWidth: 200, flex: '1 1 200px', maxWidth: 280 }}>
        <ContactPicker
          label="Referrer"
          asFilter
          value={referrer}
          onChange={(contact) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (contact) {
                  next.set('referrer', contact.id);
                  next.set('referrerName', contact.name);
                } else {
                  next.delete('referrer');
                  next.delete('referrerName');
                }
                return next;
              },
              { replace: true },
            )
          }
        />
      </div>
      <TextInput
        type="date"
        aria-label="Referred from"
        title="Referred from"
        value={filters.from ?? ''}
        onChange={(e) => set('from', e.currentTarget.value || null)}
        w={{ base: '47%', xs: 150 }}
      />
      <TextInput
        type="date"
        aria-label="Referred until"
        title="Referred until"
        value={filters.to ?? ''}
        onChange={(e) => set('to', e.currentTarget.value || null)}
        w={{ base: '47%', xs: 150 }}
      />
      {active ? (
        <Button
          variant="subtle"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setSearch('');
            clear();
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
  return (
    <>
      {first}
      {narrow ? <Collapse expanded={more}>{rest}</Collapse> : rest}
    </>
  );
}
