// Clients: the people (contacts) and companies (accounts) of the firm's network, searchable,
// filterable and sortable, loaded a page at a time.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  EmptyState,
  Group,
  Input,
  Loader,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAdjustmentsHorizontal,
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconBuilding,
  IconBuildingPlus,
  IconDownload,
  IconFileImport,
  IconSearch,
  IconUserPlus,
  IconUsers,
  IconX,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { memo, type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Truncate } from '../components/Truncate.tsx';
import { errorMessage } from '../lib/errors.ts';
import { AccountFormModal } from './AccountForms.tsx';
import {
  type Account,
  type AccountSort,
  type ContactListItem,
  type ContactSort,
  contactExportUrl,
  type ListCount,
  useAccountCount,
  useAccountList,
  useContactCount,
  useContactList,
  useTags,
} from './api.ts';
import { NewContactModal } from './ContactForms.tsx';
import { accountStatusOptions, kindOptions } from './labels.ts';
import { type ListState, useAccountListState, useContactListState } from './listState.ts';
import { AccountStatusBadge, KindBadge, RelativeTime, StrengthBar, TagBadges } from './ui.tsx';

// ---------------------------------------------------------------------------------------------
// Sorting

type SortColumn = { asc: string; desc: string; first: 'asc' | 'desc' };

function SortableTh({
  label,
  column,
  sort,
  onSort,
  w,
}: {
  label: string;
  column: SortColumn;
  sort: string;
  onSort: (sort: string) => void;
  w?: number;
}) {
  const direction = sort === column.asc ? 'asc' : sort === column.desc ? 'desc' : null;
  const next = direction === null ? column[column.first] : direction === 'asc' ? column.desc : column.asc;
  const Icon = direction === 'asc' ? IconArrowUp : direction === 'desc' ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th
      w={w}
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(next)}
        aria-label={`Sort by ${label.toLowerCase()}`}
        fw="inherit"
        fz="inherit"
      >
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} stroke={1.8} aria-hidden style={{ opacity: direction ? 1 : 0.45 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

const contactSortOptions: { value: ContactSort; label: string }[] = [
  { value: 'name', label: 'Name, A to Z' },
  { value: '-name', label: 'Name, Z to A' },
  { value: '-last_contacted', label: 'Contacted most recently' },
  { value: 'last_contacted', label: 'Longest since contact' },
  { value: '-strength', label: 'Strongest relationship' },
  { value: 'strength', label: 'Weakest relationship' },
  { value: '-created', label: 'Newest first' },
  { value: 'created', label: 'Oldest first' },
];

const accountSortOptions: { value: NonNullable<AccountSort>; label: string }[] = [
  { value: 'name', label: 'Name, A to Z' },
  { value: '-name', label: 'Name, Z to A' },
  { value: '-last_contacted', label: 'Contacted most recently' },
  { value: 'last_contacted', label: 'Longest since contact' },
  { value: '-created', label: 'Newest first' },
  { value: 'created', label: 'Oldest first' },
];

const RELEVANCE = 'relevance';

// ---------------------------------------------------------------------------------------------
// Toolbar: search, sort, filters

function Toolbar<P>({
  state,
  searchLabel,
  placeholder,
  sortOptions,
  filtersOpen,
  onToggleFilters,
  ranksMatches,
}: {
  /** The server orders search results by relevance unless a sort is chosen. */
  ranksMatches: boolean;
  state: ListState<P>;
  searchLabel: string;
  placeholder: string;
  sortOptions: { value: string; label: string }[];
  filtersOpen: boolean;
  onToggleFilters: () => void;
}) {
  const searching = ranksMatches && Boolean(state.get('q' as keyof P & string));
  const sort = state.get('sort' as keyof P & string) || (searching ? RELEVANCE : 'name');
  const options = searching ? [{ value: RELEVANCE, label: 'Best match' }, ...sortOptions] : sortOptions;
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <TextInput
        aria-label={searchLabel}
        placeholder={placeholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          state.search ? (
            <UnstyledButton
              aria-label="Clear search"
              onClick={() => state.setSearch('')}
              style={{ display: 'flex' }}
            >
              <IconX size={14} />
            </UnstyledButton>
          ) : null
        }
        value={state.search}
        onChange={(event) => state.setSearch(event.currentTarget.value)}
        type="search"
        style={{ flex: '1 1 260px' }}
      />
      <Select
        aria-label="Sort by"
        data={options}
        value={sort}
        allowDeselect={false}
        onChange={(value) =>
          state.set({ sort: value === RELEVANCE ? null : value } as Partial<
            Record<keyof P & string, string | null>
          >)
        }
        comboboxProps={selectComboboxProps}
        leftSection={<IconArrowsSort size={16} aria-hidden />}
        w={{ base: 'calc(50% - 6px)', xs: 230 }}
        style={{ flexGrow: 0 }}
      />
      <Button
        variant={filtersOpen || state.filterCount > 0 ? 'light' : 'default'}
        leftSection={<IconAdjustmentsHorizontal size={16} />}
        onClick={onToggleFilters}
        aria-expanded={filtersOpen}
        rightSection={
          state.filterCount > 0 ? (
            <Badge size="sm" circle aria-label={`${state.filterCount} active`}>
              {state.filterCount}
            </Badge>
          ) : null
        }
      >
        Filters
      </Button>
      {state.narrowed ? (
        <Button variant="subtle" color="gray" onClick={state.clear} leftSection={<IconX size={14} />}>
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}

function useMemberOptions() {
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers });
  return (members.data?.members ?? []).map((m) => ({
    value: m.id,
    label: m.status === 'deactivated' ? `${m.name} (left)` : m.name,
  }));
}

function useTagFilterOptions(selected: string[]) {
  const tags = useTags();
  const options = (tags.data?.tags ?? []).map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }));
  for (const tag of selected)
    if (!options.some((o) => o.value === tag)) options.push({ value: tag, label: tag });
  return options;
}

function ArchivedControl<P>({ state }: { state: ListState<P> }) {
  const key = 'archived' as keyof P & string;
  return (
    <Stack gap={4}>
      <Input.Label id="archived-filter-label">Archived</Input.Label>
      <SegmentedControl
        aria-labelledby="archived-filter-label"
        size="sm"
        data={[
          { value: 'false', label: 'Hide' },
          { value: 'all', label: 'Include' },
          { value: 'true', label: 'Only' },
        ]}
        value={state.get(key) || 'false'}
        onChange={(value) => setter(state, key)(value === 'false' ? null : value)}
      />
    </Stack>
  );
}

type FilterKey<P> = keyof P & string;
type Option = { value: string; label: string };

function setter<P>(state: ListState<P>, key: FilterKey<P>) {
  return (value: string | string[] | null) =>
    state.set({ [key]: value } as Partial<Record<FilterKey<P>, string | string[] | null>>);
}

/** A filter of several values ("any of these"), kept in the list's query string. */
function ManyFilter<P>({
  state,
  name,
  label,
  data,
  searchable = false,
}: {
  state: ListState<P>;
  name: FilterKey<P>;
  label: string;
  data: Option[];
  searchable?: boolean;
}) {
  const value = state.getList(name);
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : 'Any'}
      data={data}
      value={value}
      onChange={setter(state, name)}
      searchable={searchable}
      nothingFoundMessage={searchable ? 'Nothing matches' : undefined}
      comboboxProps={selectComboboxProps}
      clearable
    />
  );
}

/** A filter of one team member ("known by", "owner"). */
function MemberFilter<P>({
  state,
  name,
  label,
  placeholder,
}: {
  state: ListState<P>;
  name: FilterKey<P>;
  label: string;
  placeholder: string;
}) {
  const members = useMemberOptions();
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={members}
      value={state.get(name) || null}
      onChange={setter(state, name)}
      searchable
      clearable
      comboboxProps={selectComboboxProps}
    />
  );
}

function TagFilter<P>({ state }: { state: ListState<P> }) {
  const name = 'tag' as FilterKey<P>;
  const tags = useTagFilterOptions(state.getList(name));
  return <ManyFilter state={state} name={name} label="Tags" data={tags} searchable />;
}

function FiltersCard({ children }: { children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" bg="var(--mantine-color-gray-0)">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
        {children}
      </SimpleGrid>
    </Card>
  );
}

function PeopleFilters({ state }: { state: ReturnType<typeof useContactListState> }) {
  const min = Number(state.get('minStrength')) || 0;
  const [strength, setStrength] = useState(min);
  // Cleared or changed from outside (clear filters, back button): the slider follows.
  useEffect(() => setStrength(min), [min]);
  const never = state.get('neverContacted') === 'true';
  return (
    <FiltersCard>
      <ManyFilter state={state} name="kind" label="Kind" data={kindOptions} />
      <ManyFilter state={state} name="accountStatus" label="Company status" data={accountStatusOptions} />
      <TagFilter state={state} />
      <MemberFilter state={state} name="memberId" label="Known by" placeholder="Anyone on the team" />
      <Stack gap={4}>
        <Input.Label component="p">Strength at least {strength}</Input.Label>
        <Slider
          min={0}
          max={100}
          step={5}
          value={strength}
          onChange={setStrength}
          onChangeEnd={(value) => state.set({ minStrength: value > 0 ? String(value) : null })}
          thumbLabel="Minimum relationship strength"
          label={(value) => value}
          mt={6}
        />
      </Stack>
      <TextInput
        label="Last contacted after"
        type="date"
        value={state.get('contactedAfter')}
        onChange={(event) => state.set({ contactedAfter: event.currentTarget.value || null })}
        disabled={never}
      />
      <TextInput
        label="Last contacted before"
        type="date"
        value={state.get('contactedBefore')}
        onChange={(event) => state.set({ contactedBefore: event.currentTarget.value || null })}
        disabled={never}
      />
      <Stack gap="sm">
        <ArchivedControl state={state} />
        <Switch
          label="Never contacted"
          checked={never}
          onChange={(event) =>
            state.set({
              neverContacted: event.currentTarget.checked ? 'true' : null,
              contactedAfter: null,
              contactedBefore: null,
            })
          }
        />
      </Stack>
    </FiltersCard>
  );
}

function CompanyFilters({ state }: { state: ReturnType<typeof useAccountListState> }) {
  return (
    <FiltersCard>
      <ManyFilter state={state} name="status" label="Status" data={accountStatusOptions} />
      <MemberFilter state={state} name="ownerId" label="Owner" placeholder="Anyone" />
      <TagFilter state={state} />
      <ArchivedControl state={state} />
    </FiltersCard>
  );
}

// ---------------------------------------------------------------------------------------------
// Empty states

function NoClientsYet({ onNewPerson, onNewCompany }: { onNewPerson: () => void; onNewCompany: () => void }) {
  return (
    <EmptyState
      py="xl"
      px="md"
      variant="light"
      icon={<IconUsers size={26} />}
      title="No clients yet"
      description="Start with the people you already know: import a CSV exported from your CRM or address book, or add your first client by hand. Then log conversations, and Warmpath works out who on the team knows whom best."
    >
      <EmptyState.Actions>
        <Group justify="center" gap="sm">
          <Button component={Link} to="/clients/import" leftSection={<IconFileImport size={16} />}>
            Import a CSV
          </Button>
          <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={onNewPerson}>
            Add your first client
          </Button>
          <Button variant="subtle" leftSection={<IconBuildingPlus size={16} />} onClick={onNewCompany}>
            Add a company
          </Button>
        </Group>
      </EmptyState.Actions>
    </EmptyState>
  );
}

function NoResults({ what, onClear }: { what: string; onClear: () => void }) {
  return (
    <EmptyState
      py="xl"
      px="md"
      icon={<IconSearch size={26} />}
      title={`No ${what} match`}
      description="Check the spelling, search for part of a name, email or company, or loosen the filters."
    >
      <EmptyState.Actions>
        <Button variant="default" leftSection={<IconX size={14} />} onClick={onClear}>
          Clear filters
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

export function LoadMore({
  shown,
  total,
  hasMore,
  loading,
  onMore,
  what,
}: {
  shown: number;
  /** All that match, when counted. */
  total?: ListCount;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  what: string;
}) {
  return (
    <Group justify="space-between" gap="sm" px="md" py="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {hasMore
          ? `Showing the first ${shown.toLocaleString()}${total ? ` of ${countLabel(total, [what, what])}` : ` ${what}`}`
          : `${shown.toLocaleString()} ${what}`}
      </Text>
      {hasMore ? (
        <Button variant="default" size="sm" loading={loading} onClick={onMore}>
          Load more
        </Button>
      ) : null}
    </Group>
  );
}

// ---------------------------------------------------------------------------------------------
// One list (people or companies): toolbar, filters, the total, the table a page at a time

/** An estimate to two significant digits (98,000 rather than 97,613), so it does not look exact. */
function roughly(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** "1,204 people", "1 person", "about 98,000 people" (an estimate past 10,000). */
export function countLabel(count: ListCount, [one, many]: readonly [string, string]): string {
  if (!count.exact) return `about ${roughly(count.count).toLocaleString()} ${many}`;
  return `${count.count.toLocaleString()} ${count.count === 1 ? one : many}`;
}

/** What the list holds: its total, or for a search how many matched once all are loaded. */
function ListTotal({
  count,
  noun,
  narrowed,
  searching,
  loaded,
  complete,
  extra,
}: {
  count: ListCount | undefined;
  noun: readonly [string, string];
  narrowed: boolean;
  searching: boolean;
  loaded: number;
  complete: boolean;
  extra?: ReactNode;
}) {
  const matches = (n: number) => (n === 1 ? ' matches' : ' match');
  let text = ' ';
  if (searching) {
    text = complete
      ? `${countLabel({ count: loaded, exact: true }, noun)}${matches(loaded)}`
      : `Best matches first`;
  } else if (count) {
    text = `${countLabel(count, noun)}${narrowed ? matches(count.exact ? count.count : 2) : ''}`;
  }
  return (
    <Group justify="space-between" gap="sm" px="md" py="xs" wrap="wrap" mih={44}>
      <Text size="sm" fw={500} aria-live="polite" data-testid="list-total">
        {text}
      </Text>
      {extra}
    </Group>
  );
}

type InfiniteList = {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  data: unknown;
  error: unknown;
  fetchNextPage: () => unknown;
};

function ClientList<P, T>({
  state,
  list,
  items,
  count,
  noun,
  searchPlaceholder,
  sortOptions,
  filters,
  tableWidth,
  head,
  row,
  onNewPerson,
  onNewCompany,
  extra,
}: {
  state: ListState<P>;
  list: InfiniteList;
  items: T[];
  count: ListCount | undefined;
  noun: readonly [string, string];
  searchPlaceholder: string;
  sortOptions: { value: string; label: string }[];
  filters: ReactNode;
  tableWidth: number;
  head: ReactNode;
  row: (item: T) => ReactNode;
  onNewPerson: () => void;
  onNewCompany: () => void;
  /** Shown beside the total (the people list's Export). */
  extra?: ReactNode;
}) {
  const [filtersOpen, setFiltersOpen] = useState(state.filterCount > 0);
  const [one, many] = noun;
  const searching = Boolean(state.get('q' as keyof P & string));
  const title = many.charAt(0).toUpperCase() + many.slice(1);

  let body: ReactNode;
  if (list.isPending) body = <Loader m="lg" aria-label={`Loading ${many}`} />;
  else if (!list.data) body = <FormError message={errorMessage(list.error)} />;
  else if (items.length === 0) {
    body = state.narrowed ? (
      <NoResults what={many} onClear={state.clear} />
    ) : (
      <NoClientsYet onNewPerson={onNewPerson} onNewCompany={onNewCompany} />
    );
  } else {
    body = (
      <>
        <ListTotal
          count={count}
          noun={noun}
          narrowed={state.narrowed}
          searching={searching}
          loaded={items.length}
          complete={!list.hasNextPage}
          extra={extra}
        />
        <Table.ScrollContainer minWidth={tableWidth} type="native">
          <Table
            layout="fixed"
            verticalSpacing="sm"
            highlightOnHover
            aria-label={title}
            aria-busy={list.isFetching}
          >
            {head}
            <Table.Tbody style={list.isPlaceholderData ? { opacity: 0.6 } : undefined}>
              {items.map(row)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.isError ? <FormError message={errorMessage(list.error)} /> : null}
        <LoadMore
          shown={items.length}
          total={searching ? undefined : count}
          hasMore={Boolean(list.hasNextPage)}
          loading={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
          what={items.length === 1 ? one : many}
        />
      </>
    );
  }

  return (
    <Stack gap="md">
      <Toolbar
        state={state}
        searchLabel={`Search ${many}`}
        placeholder={searchPlaceholder}
        sortOptions={sortOptions}
        ranksMatches
        filtersOpen={filtersOpen}
        onToggleFilters={() => setFiltersOpen((open) => !open)}
      />
      <Collapse expanded={filtersOpen}>{filters}</Collapse>
      <Card withBorder radius="md" padding={0}>
        {body}
      </Card>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// People

/** A row's first cell: the name as a link (one line, cut with …), marked when archived. */
function NameCell({
  to,
  name,
  archived,
  children,
}: {
  to: string;
  name: string;
  archived: boolean;
  children?: ReactNode;
}) {
  return (
    <Table.Td>
      <Group gap={6} wrap="nowrap" miw={0}>
        <Anchor component={Link} to={to} size="sm" fw={600} truncate="end" title={name} miw={0}>
          {name}
        </Anchor>
        {archived ? (
          <Badge size="xs" color="gray" variant="light" style={{ flexShrink: 0 }}>
            Archived
          </Badge>
        ) : null}
      </Group>
      {children}
    </Table.Td>
  );
}

export const PersonRow = memo(function PersonRow({
  contact,
  hideCompany = false,
}: {
  contact: ContactListItem;
  hideCompany?: boolean;
}) {
  return (
    <Table.Tr style={contact.archived ? { opacity: 0.65 } : undefined}>
      <NameCell to={`/clients/people/${contact.id}`} name={contact.name} archived={contact.archived} />
      {hideCompany ? null : (
        <Table.Td>
          {contact.account ? (
            <Anchor
              component={Link}
              to={`/clients/companies/${contact.account.id}`}
              size="sm"
              c="var(--mantine-color-text)"
              truncate="end"
              title={contact.account.name}
              display="block"
            >
              {contact.account.name}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
      )}
      <Table.Td>
        {contact.title ? (
          <Truncate size="sm">{contact.title}</Truncate>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <KindBadge kind={contact.kind} />
      </Table.Td>
      <Table.Td>
        <TagBadges tags={contact.tags} max={2} />
      </Table.Td>
      <Table.Td>
        {contact.bestRelationship && contact.bestRelationship.strength > 0 ? (
          <Stack gap={2}>
            <Truncate size="xs" c="dimmed" maw={150}>
              {contact.bestRelationship.memberName}
            </Truncate>
            <StrengthBar
              value={contact.bestRelationship.strength}
              label={contact.bestRelationship.memberName}
              width={64}
            />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Nobody yet
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={contact.lastContactedAt} />
      </Table.Td>
    </Table.Tr>
  );
});

const personSorts = {
  name: { asc: 'name', desc: '-name', first: 'asc' },
  strength: { asc: 'strength', desc: '-strength', first: 'desc' },
  lastContacted: { asc: 'last_contacted', desc: '-last_contacted', first: 'desc' },
} satisfies Record<string, SortColumn>;

const peopleColumns = { name: 190, company: 166, title: 124, kind: 104, tags: 132, known: 138, last: 144 };
export const PEOPLE_TABLE_WIDTH = Object.values(peopleColumns).reduce((sum, w) => sum + w, 0);

/** The people table's header; without `onSort` the columns are plain (a company's people). */
export function PeopleHead({
  sort = '',
  onSort,
  hideCompany = false,
}: {
  sort?: string;
  onSort?: (sort: string) => void;
  hideCompany?: boolean;
}) {
  const c = peopleColumns;
  const th = (label: string, w: number, column?: SortColumn) =>
    column && onSort ? (
      <SortableTh label={label} column={column} sort={sort} onSort={onSort} w={w} />
    ) : (
      <Table.Th w={w}>{label}</Table.Th>
    );
  return (
    <Table.Thead>
      <Table.Tr style={{ whiteSpace: 'nowrap' }}>
        {th('Name', c.name, personSorts.name)}
        {hideCompany ? null : th('Company', c.company)}
        {th('Title', c.title)}
        {th('Kind', c.kind)}
        {th('Tags', c.tags)}
        {th('Known best by', c.known, personSorts.strength)}
        {th('Last contacted', c.last, personSorts.lastContacted)}
      </Table.Tr>
    </Table.Thead>
  );
}

function PeopleView({ onNewPerson, onNewCompany }: { onNewPerson: () => void; onNewCompany: () => void }) {
  const state = useContactListState();
  const list = useContactList(state.params);
  const count = useContactCount(state.params);
  const { member } = useSession();
  const canExport = member.role === 'owner' || member.role === 'manager';
  const sort = state.get('sort') || (state.get('q') ? '' : 'name');
  return (
    <ClientList
      state={state}
      list={list}
      items={list.data?.pages.flatMap((page) => page.contacts) ?? []}
      count={count.data}
      noun={['person', 'people']}
      searchPlaceholder="Search by name, email, company or tag"
      sortOptions={contactSortOptions}
      filters={<PeopleFilters state={state} />}
      tableWidth={PEOPLE_TABLE_WIDTH}
      head={<PeopleHead sort={sort} onSort={(value) => state.set({ sort: value })} />}
      row={(contact) => <PersonRow key={contact.id} contact={contact} />}
      onNewPerson={onNewPerson}
      onNewCompany={onNewCompany}
      extra={
        canExport ? (
          <Button
            variant="subtle"
            size="compact-sm"
            component="a"
            href={contactExportUrl(state.params)}
            download
            leftSection={<IconDownload size={14} />}
          >
            {state.narrowed ? 'Export these' : 'Export'}
          </Button>
        ) : null
      }
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Companies

const CompanyRow = memo(function CompanyRow({ account }: { account: Account }) {
  return (
    <Table.Tr style={account.archived ? { opacity: 0.65 } : undefined}>
      <NameCell to={`/clients/companies/${account.id}`} name={account.name} archived={account.archived}>
        {account.domain ? (
          <Truncate size="xs" c="dimmed">
            {account.domain}
          </Truncate>
        ) : null}
      </NameCell>
      <Table.Td>
        <AccountStatusBadge status={account.status} />
      </Table.Td>
      <Table.Td>
        {account.owner ? (
          <Truncate size="sm">{account.owner.name}</Truncate>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {account.contactCount}
        </Text>
      </Table.Td>
      <Table.Td>
        <TagBadges tags={account.tags} max={2} />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={account.lastContactedAt} />
      </Table.Td>
    </Table.Tr>
  );
});

const companySorts = {
  name: { asc: 'name', desc: '-name', first: 'asc' },
  lastContacted: { asc: 'last_contacted', desc: '-last_contacted', first: 'desc' },
} satisfies Record<string, SortColumn>;

function CompaniesView({ onNewPerson, onNewCompany }: { onNewPerson: () => void; onNewCompany: () => void }) {
  const state = useAccountListState();
  const list = useAccountList(state.params);
  const count = useAccountCount(state.params);
  const sort = state.get('sort') || 'name';
  const onSort = (value: string) => state.set({ sort: value });
  return (
    <ClientList
      state={state}
      list={list}
      items={list.data?.pages.flatMap((page) => page.accounts) ?? []}
      count={count.data}
      noun={['company', 'companies']}
      searchPlaceholder="Search by name, domain or tag"
      sortOptions={accountSortOptions}
      filters={<CompanyFilters state={state} />}
      tableWidth={960}
      head={
        <Table.Thead>
          <Table.Tr style={{ whiteSpace: 'nowrap' }}>
            <SortableTh label="Name" column={companySorts.name} sort={sort} onSort={onSort} w={260} />
            <Table.Th w={140}>Status</Table.Th>
            <Table.Th w={160}>Owner</Table.Th>
            <Table.Th w={80}>People</Table.Th>
            <Table.Th w={190}>Tags</Table.Th>
            <SortableTh
              label="Last contacted"
              column={companySorts.lastContacted}
              sort={sort}
              onSort={onSort}
              w={130}
            />
          </Table.Tr>
        </Table.Thead>
      }
      row={(account) => <CompanyRow key={account.id} account={account} />}
      onNewPerson={onNewPerson}
      onNewCompany={onNewCompany}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// The page

export function ClientsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const view = location.pathname.startsWith('/clients/companies') ? 'companies' : 'people';
  const [newPerson, setNewPerson] = useState(false);
  const [newCompany, setNewCompany] = useState(false);
  const openPerson = () => setNewPerson(true);
  const openCompany = () => setNewCompany(true);

  return (
    <>
      <PageHeader
        title="Clients"
        description="The people and companies in your network, and who on your team knows them best."
      />
      <Stack gap="md">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Tabs
            value={view}
            onChange={(value) => navigate(value === 'companies' ? '/clients/companies' : '/clients')}
            variant="pills"
          >
            <Tabs.List>
              <Tabs.Tab value="people" leftSection={<IconUsers size={16} />}>
                People
              </Tabs.Tab>
              <Tabs.Tab value="companies" leftSection={<IconBuilding size={16} />}>
                Companies
              </Tabs.Tab>
            </Tabs.List>
          </Tabs>
          <Group gap="xs" wrap="wrap">
            <Button leftSection={<IconUserPlus size={16} />} onClick={openPerson}>
              New person
            </Button>
            <Button variant="default" leftSection={<IconBuildingPlus size={16} />} onClick={openCompany}>
              New company
            </Button>
            <Button
              variant="default"
              component={Link}
              to="/clients/import"
              leftSection={<IconFileImport size={16} />}
            >
              Import contacts
            </Button>
          </Group>
        </Group>
        {view === 'people' ? (
          <PeopleView onNewPerson={openPerson} onNewCompany={openCompany} />
        ) : (
          <CompaniesView onNewPerson={openPerson} onNewCompany={openCompany} />
        )}
      </Stack>
      <NewContactModal opened={newPerson} onClose={() => setNewPerson(false)} />
      <AccountFormModal opened={newCompany} onClose={() => setNewCompany(false)} />
    </>
  );
}
