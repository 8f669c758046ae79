// Pickers that search the server as you type: a contact (for logging and merging) and a company
// name (an existing account, or a new name the server creates).
import { Autocomplete, type AutocompleteProps, Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { type ContactListItem, clientKeys, clientsApi } from './api.ts';

export type ContactChoice = Pick<ContactListItem, 'id' | 'name'> & {
  account?: { id: string; name: string } | null;
  email?: string | null;
};

function describe(contact: ContactChoice): string {
  return [contact.account?.name, contact.email].filter(Boolean).join(' · ');
}

type ContactPickerProps = {
  label: string;
  value: ContactChoice | null;
  onChange: (contact: ContactChoice | null) => void;
  /** Left out of the results (the contact a duplicate is merged into, say). */
  excludeId?: string;
  description?: string;
  error?: string | null;
  required?: boolean;
  autoFocus?: boolean;
  /** In a row of filters: the label is read out but not shown, and the placeholder says "any". */
  asFilter?: boolean;
};

/** Finds a person by name, email or company (typo-tolerant on the server). */
export function ContactPicker({
  label,
  value,
  onChange,
  excludeId,
  description,
  error,
  required,
  autoFocus,
  asFilter,
}: ContactPickerProps) {
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const results = useQuery({
    queryKey: clientKeys.search(debounced),
    queryFn: () => clientsApi.search(debounced, 10),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const choices = useMemo(() => {
    const found: ContactChoice[] = (results.data?.contacts ?? []).filter((c) => c.id !== excludeId);
    if (value && !found.some((c) => c.id === value.id)) found.unshift(value);
    return new Map(found.map((c) => [c.id, c]));
  }, [results.data, value, excludeId]);

  const data = [...choices.values()].map((c) => ({ value: c.id, label: c.name }));
  const searching = results.isFetching && debounced.length > 0;

  return (
    <Select
      label={asFilter ? undefined : label}
      aria-label={asFilter ? label : undefined}
      description={description}
      error={error}
      required={required}
      data-autofocus={autoFocus ? true : undefined}
      searchable
      clearable
      placeholder={asFilter ? `Any ${label.toLowerCase()}` : 'Type a name, email or company'}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={searching ? <Loader size={14} aria-label="Searching" /> : undefined}
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(id ? (choices.get(id) ?? null) : null)}
      // The server already ranked the matches, typos included: show them all, in its order.
      filter={({ options }) => options}
      nothingFoundMessage={
        debounced.length === 0 ? 'Start typing to search' : searching ? 'Searching…' : 'No one matches'
      }
      renderOption={({ option }) => {
        const contact = choices.get(option.value);
        const detail = contact ? describe(contact) : '';
        return (
          <Stack gap={0} miw={0}>
            <Text size="sm" truncate="end">
              {option.label}
            </Text>
            {detail ? (
              <Text size="xs" c="dimmed" truncate="end">
                {detail}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      comboboxProps={selectComboboxProps}
      maxDropdownHeight={300}
    />
  );
}

/** A company name: suggests existing accounts, and accepts a new name. */
export function CompanyInput(props: Omit<AutocompleteProps, 'data'>) {
  const text = typeof props.value === 'string' ? props.value.trim() : '';
  const [debounced] = useDebouncedValue(text, 200);
  const accounts = useQuery({
    queryKey: [...clientKeys.accountLists, 'suggest', debounced],
    queryFn: () => clientsApi.listAccounts({ q: debounced, limit: '8' }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const names = [...new Set((accounts.data?.accounts ?? []).map((a) => a.name))];
  const exists = names.some((name) => name.toLowerCase() === text.toLowerCase());
  return (
    <Autocomplete
      label="Company"
      placeholder="An existing company, or a new name"
      description={
        text && accounts.data && !exists ? `No company called “${text}” yet: saving creates it.` : undefined
      }
      // The hint goes under the box, so typing does not push the field down.
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      data={names}
      filter={({ options }) => options}
      comboboxProps={selectComboboxProps}
      {...props}
    />
  );
}
