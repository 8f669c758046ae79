// Choosing who a survey goes to (all active clients, companies, a tag, a filter, or people picked
// by hand), with the live preview from the server: how many get it, the first names, and who is
// left out and why.
import {
  Alert,
  Badge,
  CloseButton,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { clientKeys, clientsApi, useTags } from '../clients/api.ts';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { errorMessage } from '../lib/errors.ts';
import { type Audience, type AudiencePreview, useAudiencePreview } from './api.ts';

type Kind = Audience['kind'];
type Filter = Extract<Audience, { kind: 'filter' }>['filter'];

const kindLabels: Record<Kind, string> = {
  active_clients: 'All active clients',
  accounts: 'Companies',
  tag: 'A tag',
  filter: 'A filter',
  contacts: 'People I pick',
};

/** The audience being edited, every kind's choices kept so switching kinds loses nothing. */
export type AudienceDraft = {
  kind: Kind;
  accountIds: string[];
  tag: string | null;
  filter: Filter;
  contacts: ContactChoice[];
};

export function draftFrom(audience: Audience | undefined): AudienceDraft {
  const draft: AudienceDraft = {
    kind: 'active_clients',
    accountIds: [],
    tag: null,
    filter: {},
    contacts: [],
  };
  if (!audience) return draft;
  draft.kind = audience.kind;
  if (audience.kind === 'accounts') draft.accountIds = audience.accountIds;
  if (audience.kind === 'tag') draft.tag = audience.tag;
  if (audience.kind === 'filter') draft.filter = audience.filter;
  if (audience.kind === 'contacts') draft.contacts = audience.contactIds.map((id) => ({ id, name: '' }));
  return draft;
}

/** The audience to send, or null while the chosen kind still lacks its choice. */
export function audienceOf(draft: AudienceDraft): Audience | null {
  switch (draft.kind) {
    case 'active_clients':
      return { kind: 'active_clients' };
    case 'accounts':
      return draft.accountIds.length ? { kind: 'accounts', accountIds: draft.accountIds } : null;
    case 'tag':
      return draft.tag ? { kind: 'tag', tag: draft.tag } : null;
    case 'filter':
      return { kind: 'filter', filter: draft.filter };
    case 'contacts':
      return draft.contacts.length ? { kind: 'contacts', contactIds: draft.contacts.map((c) => c.id) } : null;
  }
}

const missingChoice: Partial<Record<Kind, string>> = {
  accounts: 'Pick at least one company.',
  tag: 'Pick a tag.',
  contacts: 'Pick at least one person.',
};

export function AudiencePicker({
  value,
  onChange,
  readOnly,
  error,
}: {
  value: AudienceDraft;
  onChange: (draft: AudienceDraft) => void;
  readOnly?: boolean;
  error?: string | null;
}) {
  const set = (patch: Partial<AudienceDraft>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Who gets it"
        description="Only people who may be surveyed, have an email, have not unsubscribed and were not surveyed recently get it, whatever you choose."
        value={value.kind}
        onChange={(kind) => !readOnly && set({ kind: kind as Kind })}
        error={error}
      >
        <Group gap="md" mt="xs">
          {(Object.keys(kindLabels) as Kind[]).map((kind) => (
            <Radio
              key={kind}
              value={kind}
              label={kindLabels[kind]}
              disabled={readOnly && kind !== value.kind}
            />
          ))}
        </Group>
      </Radio.Group>
      {value.kind === 'accounts' ? (
        <CompanyMultiSelect
          value={value.accountIds}
          onChange={(accountIds) => set({ accountIds })}
          readOnly={readOnly}
        />
      ) : null}
      {value.kind === 'tag' ? (
        <TagSelect value={value.tag} onChange={(tag) => set({ tag })} readOnly={readOnly} />
      ) : null}
      {value.kind === 'filter' ? (
        <FilterFields value={value.filter} onChange={(filter) => set({ filter })} readOnly={readOnly} />
      ) : null}
      {value.kind === 'contacts' ? (
        <PeoplePicker value={value.contacts} onChange={(contacts) => set({ contacts })} readOnly={readOnly} />
      ) : null}
      <PreviewPanel draft={value} />
    </Stack>
  );
}

function CompanyMultiSelect({
  value,
  onChange,
  readOnly,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  readOnly?: boolean | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const results = useQuery({
    queryKey: [...clientKeys.accountLists, 'survey-pick', debounced],
    queryFn: () => clientsApi.listAccounts({ q: debounced || undefined, limit: '20', archived: 'false' }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const [known, setKnown] = useState(() => new Map<string, string>());
  for (const a of results.data?.accounts ?? []) if (!known.has(a.id)) known.set(a.id, a.name);
  // Companies chosen earlier (editing a survey) that the current search does not list.
  const missing = value.filter((id) => !known.has(id));
  const fetched = useQueries({
    queries: missing.map((id) => ({
      queryKey: clientKeys.account(id),
      queryFn: () => clientsApi.getAccount(id),
    })),
  });
  for (const f of fetched) if (f.data && !known.has(f.data.id)) known.set(f.data.id, f.data.name);
  const data = [...new Set([...value, ...(results.data?.accounts ?? []).map((a) => a.id)])].map((id) => ({
    value: id,
    label: known.get(id) ?? 'Loading…',
  }));
  return (
    <MultiSelect
      label="Companies"
      placeholder={value.length ? undefined : 'Type a company name'}
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(ids) => {
        setKnown(new Map(known));
        onChange(ids);
      }}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No company matches'}
      readOnly={readOnly}
      comboboxProps={selectComboboxProps}
      hidePickedOptions
    />
  );
}

function TagSelect({
  value,
  onChange,
  readOnly,
  label = 'Tag',
}: {
  value: string | null | undefined;
  onChange: (tag: string | null) => void;
  readOnly?: boolean | undefined;
  label?: string;
}) {
  const tags = useTags();
  const data = (tags.data?.tags ?? []).map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }));
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      label={label}
      placeholder={tags.data && data.length === 0 ? 'No tags in use yet' : 'Pick a tag'}
      searchable
      clearable
      data={data}
      value={value ?? null}
      onChange={onChange}
      readOnly={readOnly}
      comboboxProps={selectComboboxProps}
    />
  );
}

function FilterFields({
  value,
  onChange,
  readOnly,
}: {
  value: Filter;
  onChange: (filter: Filter) => void;
  readOnly?: boolean | undefined;
}) {
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers, staleTime: 60_000 });
  const set = <K extends keyof Filter>(key: K, v: Filter[K] | null | undefined) => {
    const next = { ...value };
    if (v === null || v === undefined || v === '') delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label="Kind of person"
        placeholder="Any"
        clearable
        data={[
          { value: 'client', label: 'Clients' },
          { value: 'partner', label: 'Partners' },
          { value: 'prospect', label: 'Prospects' },
          { value: 'network', label: 'Network' },
        ]}
        value={value.kind ?? null}
        onChange={(v) => set('kind', v as Filter['kind'])}
        readOnly={readOnly}
        comboboxProps={selectComboboxProps}
      />
      <Select
        label="Company status"
        placeholder="Any"
        clearable
        data={[
          { value: 'active', label: 'Active client' },
          { value: 'past', label: 'Past client' },
          { value: 'prospect', label: 'Prospect' },
        ]}
        value={value.accountStatus ?? null}
        onChange={(v) => set('accountStatus', v as Filter['accountStatus'])}
        readOnly={readOnly}
        comboboxProps={selectComboboxProps}
      />
      <TagSelect value={value.tag} onChange={(tag) => set('tag', tag)} readOnly={readOnly} label="Tag" />
      <Select
        label="Company owner"
        placeholder="Anyone"
        clearable
        searchable
        data={(members.data?.members ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={value.ownerId ?? null}
        onChange={(v) => set('ownerId', v)}
        readOnly={readOnly}
        comboboxProps={selectComboboxProps}
      />
      <NumberInput
        label="Relationship strength at least"
        description="The strongest relationship anyone on the team has with them (0-100)."
        placeholder="Any"
        min={0}
        max={100}
        value={value.minStrength ?? ''}
        onChange={(v) => set('minStrength', typeof v === 'number' ? v : undefined)}
        readOnly={readOnly}
      />
    </SimpleGrid>
  );
}

function PeoplePicker({
  value,
  onChange,
  readOnly,
}: {
  value: ContactChoice[];
  onChange: (contacts: ContactChoice[]) => void;
  readOnly?: boolean | undefined;
}) {
  // People chosen earlier (editing a survey) arrive as ids: fetch their names.
  const unnamed = value.filter((c) => !c.name);
  const fetched = useQueries({
    queries: unnamed.map((c) => ({
      queryKey: clientKeys.contact(c.id),
      queryFn: () => clientsApi.getContact(c.id),
    })),
  });
  const names = new Map(fetched.filter((f) => f.data).map((f) => [f.data!.id, f.data!.name]));
  return (
    <Stack gap="xs">
      {!readOnly ? (
        <ContactPicker
          label="Add a person"
          value={null}
          onChange={(contact) => {
            if (contact && !value.some((c) => c.id === contact.id)) onChange([...value, contact]);
          }}
        />
      ) : null}
      {value.length ? (
        <Group gap={6}>
          {value.map((c) => (
            <Badge
              key={c.id}
              variant="light"
              color="gray"
              size="lg"
              style={{ textTransform: 'none', maxWidth: '100%' }}
              rightSection={
                readOnly ? null : (
                  <CloseButton
                    size="xs"
                    aria-label={`Remove ${c.name || names.get(c.id) || 'this person'}`}
                    onClick={() => onChange(value.filter((v) => v.id !== c.id))}
                  />
                )
              }
            >
              {c.name || names.get(c.id) || '…'}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Nobody picked yet. Search by name, email or company above.
        </Text>
      )}
    </Stack>
  );
}

const exclusionLabels: [keyof AudiencePreview['excluded'], (days: number) => string][] = [
  ['recently_surveyed', (days) => `surveyed in the last ${days} days`],
  ['unsubscribed', () => 'unsubscribed'],
  ['may_not_survey', () => 'may not be surveyed'],
  ['no_email', () => 'without an email address'],
  ['archived', () => 'archived or erased'],
];

function PreviewPanel({ draft }: { draft: AudienceDraft }) {
  const audience = useMemo(() => audienceOf(draft), [draft]);
  const [debounced] = useDebouncedValue(audience, 300);
  const preview = useAudiencePreview(debounced);
  const missing = missingChoice[draft.kind];
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)" aria-live="polite">
      {!audience ? (
        <Text size="sm" c="dimmed">
          {missing}
        </Text>
      ) : preview.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          {errorMessage(preview.error)}
        </Alert>
      ) : !preview.data ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Counting…</Text>
        </Group>
      ) : (
        <PreviewResult preview={preview.data} updating={preview.isFetching} />
      )}
    </Paper>
  );
}

function PreviewResult({ preview, updating }: { preview: AudiencePreview; updating: boolean }) {
  const { count, sample, excluded } = preview;
  const shown = sample.map((s) => (s.accountName ? `${s.name} (${s.accountName})` : s.name));
  return (
    <Stack gap={6} style={{ opacity: updating ? 0.6 : 1 }}>
      <Group gap="xs" wrap="nowrap">
        <IconUsers size={18} aria-hidden />
        <Text fw={600}>
          {count === 0
            ? 'Nobody would get this survey now'
            : `${count.toLocaleString()} ${count === 1 ? 'person' : 'people'} would get this survey`}
        </Text>
      </Group>
      {shown.length ? (
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {shown.join(', ')}
          {count > shown.length ? ` and ${(count - shown.length).toLocaleString()} more` : ''}
        </Text>
      ) : null}
      {excluded.total > 0 ? (
        <Text size="sm">
          Left out: {excluded.total.toLocaleString()} (
          {exclusionLabels
            .filter(([key]) => excluded[key] > 0)
            .map(([key, label]) => `${excluded[key].toLocaleString()} ${label(preview.minGapDays)}`)
            .join(', ')}
          )
        </Text>
      ) : null}
      {count === 0 && excluded.total === 0 ? (
        <Text size="sm" c="dimmed">
          This audience names nobody. Choose another one, or add clients first.
        </Text>
      ) : null}
    </Stack>
  );
}
