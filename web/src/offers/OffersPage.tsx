// Offers: what clients can pass on to colleagues, each with its dates, how much of its capacity is
// used and what it brought (clicks, claims, won, revenue). Managers and owners create them.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconGift, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage } from '../lib/errors.ts';
import { type Offer, type OfferFilter, useOfferList } from './api.ts';
import {
  capacityUsed,
  formatCount,
  formatMoney,
  formatPeriod,
  OfferStatusBadge,
  offerTypeLabels,
} from './ui.tsx';

const filters: { value: OfferFilter; label: string }[] = [
  { value: 'current', label: 'Current' },
  { value: 'active', label: 'Active' },
  { value: 'paused', label: 'Paused' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

const emptyText: Record<OfferFilter, string> = {
  current: 'No offers running.',
  active: 'No active offers.',
  paused: 'No paused offers.',
  archived: 'No archived offers.',
  all: 'No offers yet.',
};

export function OffersPage() {
  const { member } = useSession();
  const canManage = member.role !== 'member';
  const [filter, setFilter] = useState<OfferFilter>('current');
  const list = useOfferList(filter);
  const offers = list.data?.offers ?? [];

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <PageHeader
          title="Offers"
          description="Something valuable your clients can hand to colleagues, such as a no-fee assessment or an event invitation, with wording you suggest. Each referrer gets a personal link, so every claim is credited to them."
        />
        {canManage ? (
          <Button component={Link} to="/offers/new" leftSection={<IconPlus size={16} />}>
            New offer
          </Button>
        ) : null}
      </Group>
      <SegmentedControl
        data={filters}
        value={filter}
        onChange={(v) => setFilter(v as OfferFilter)}
        mb="md"
        size="sm"
        aria-label="Show offers"
        visibleFrom="xs"
      />
      <Select
        data={filters}
        value={filter}
        onChange={(v) => v && setFilter(v as OfferFilter)}
        allowDeselect={false}
        mb="md"
        aria-label="Show offers"
        hiddenFrom="xs"
        comboboxProps={selectComboboxProps}
      />
      {list.isPending ? (
        <Group justify="center" py="xl">
          <Loader aria-label="Loading offers" />
        </Group>
      ) : list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : offers.length === 0 ? (
        <EmptyOffers filter={filter} canManage={canManage} />
      ) : (
        <>
          <OfferTable offers={offers} />
          <Stack gap="sm" hiddenFrom="md">
            {offers.map((offer) => (
              <OfferCard key={offer.id} offer={offer} />
            ))}
          </Stack>
        </>
      )}
    </>
  );
}

function EmptyOffers({ filter, canManage }: { filter: OfferFilter; canManage: boolean }) {
  return (
    <Card withBorder radius="md" padding="xl">
      <Stack gap="sm" align="flex-start" maw={620}>
        <IconGift size={32} stroke={1.5} aria-hidden />
        <Title order={2} fz="lg">
          {emptyText[filter]}
        </Title>
        <Text size="sm" c="dimmed">
          Clients don’t want to sound like they are selling for you. An offer worth passing on (a no-fee
          assessment, an extra service, an invitation to an event) makes a referral feel like a favour to a
          colleague. Write the offer and the words you suggest, then give each client their personal link from
          the offer’s page or from their own page.
        </Text>
        {canManage ? (
          <Button component={Link} to="/offers/new" leftSection={<IconPlus size={16} />}>
            Create the first offer
          </Button>
        ) : (
          <Text size="sm">Ask a manager to create one.</Text>
        )}
      </Stack>
    </Card>
  );
}

function Num({ children }: { children: string }) {
  return (
    <Text size="sm" ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {children}
    </Text>
  );
}

function OfferTable({ offers }: { offers: Offer[] }) {
  return (
    <Table.ScrollContainer minWidth={1000} visibleFrom="md">
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Offer</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Dates</Table.Th>
            <Table.Th>Capacity</Table.Th>
            <Table.Th ta="right">Links</Table.Th>
            <Table.Th ta="right">Clicks</Table.Th>
            <Table.Th ta="right">Claims</Table.Th>
            <Table.Th ta="right">Won</Table.Th>
            <Table.Th ta="right">Revenue</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {offers.map((offer) => (
            <Table.Tr key={offer.id} opacity={offer.status === 'archived' ? 0.7 : 1}>
              <Table.Td maw={320}>
                <Anchor component={Link} to={`/offers/${offer.id}`} fw={600} size="sm" lineClamp={2}>
                  {offer.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {offerTypeLabels[offer.type]}
                </Text>
              </Table.Td>
              <Table.Td>
                <OfferStatusBadge status={offer.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatPeriod(offer)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {capacityUsed(offer)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Num>{formatCount(offer.liveLinks)}</Num>
              </Table.Td>
              <Table.Td
                title={`${offer.stats.visits} unique visits; ${offer.stats.botClicks} bot clicks not counted`}
              >
                <Num>{formatCount(offer.stats.clicks)}</Num>
              </Table.Td>
              <Table.Td title={`${offer.stats.interest} more kept as interest`}>
                <Num>{formatCount(offer.stats.claims)}</Num>
              </Table.Td>
              <Table.Td>
                <Num>{formatCount(offer.stats.won)}</Num>
              </Table.Td>
              <Table.Td>
                <Num>{formatMoney(offer.stats.revenue, offer.currency)}</Num>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

function OfferCard({ offer }: { offer: Offer }) {
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component={Link}
      to={`/offers/${offer.id}`}
      aria-label={`Open ${offer.title}`}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} lineClamp={3}>
              {offer.title}
            </Text>
            <Text size="xs" c="dimmed">
              {offerTypeLabels[offer.type]} · {formatPeriod(offer)}
            </Text>
          </Stack>
          <OfferStatusBadge status={offer.status} />
        </Group>
        <Text size="xs" c="dimmed">
          {capacityUsed(offer)} · {formatCount(offer.liveLinks)} {offer.liveLinks === 1 ? 'link' : 'links'}
        </Text>
        <SimpleGrid cols={4} spacing="xs">
          <Figure label="Clicks" value={formatCount(offer.stats.clicks)} />
          <Figure label="Claims" value={formatCount(offer.stats.claims)} />
          <Figure label="Won" value={formatCount(offer.stats.won)} />
          <Figure label="Revenue" value={formatMoney(offer.stats.revenue, offer.currency)} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
