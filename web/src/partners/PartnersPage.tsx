// Partners: the providers you send clients to and who send clients to you, with the balance both
// ways. Sorting shows who gives the most and whom you owe.
import { Anchor, Badge, Card, Group, Loader, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatRevenue, type PartnerBalance, type PartnerSort, partnerKeys, partnersApi } from './api.ts';

function SortHeader({
  sort,
  current,
  onSort,
  children,
  align = 'right',
}: {
  sort: PartnerSort;
  current: PartnerSort;
  onSort: (sort: PartnerSort) => void;
  children: string;
  align?: 'left' | 'right';
}) {
  const active = sort === current;
  return (
    <Table.Th
      style={{ textAlign: align, whiteSpace: 'nowrap' }}
      aria-sort={active ? (sort === 'name' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => onSort(sort)} fz="sm" fw={active ? 700 : 600}>
        <Group gap={2} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          {children}
          <IconChevronDown size={14} style={{ opacity: active ? 1 : 0.25 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** "3 (1 won)": a count with its wins. */
function CountWon({ count, won }: { count: number; won: number }) {
  return (
    <Text size="sm" span>
      {count}
      {count > 0 ? (
        <Text span size="xs" c="dimmed">
          {' '}
          ({won} won)
        </Text>
      ) : null}
    </Text>
  );
}

function Balance({ partner }: { partner: PartnerBalance }) {
  const diff = partner.received.count - partner.sent.count;
  if (partner.received.count === 0 && partner.sent.count === 0) return null;
  if (diff === 0)
    return (
      <Badge variant="light" color="gray" tt="none">
        Even
      </Badge>
    );
  return diff > 0 ? (
    <Badge variant="light" color="orange" tt="none">
      They sent {diff} more
    </Badge>
  ) : (
    <Badge variant="light" color="teal" tt="none">
      You sent {-diff} more
    </Badge>
  );
}

export function PartnersPage() {
  const [sort, setSort] = useState<PartnerSort>('name');
  const list = useQuery({
    queryKey: partnerKeys.list(sort),
    queryFn: () => partnersApi.list(sort),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Partners"
        description="Other providers you recommend to clients, and who recommend clients to you. Keep the balance both ways: what you sent them, what they sent you, and the revenue it brought."
      />
      <Card withBorder radius="md" padding={0}>
        {list.isPending ? (
          <Loader size="sm" m="lg" aria-label="Loading partners" />
        ) : list.isError ? (
          <Text c="red" size="sm" p="lg">
            {errorMessage(list.error)}
          </Text>
        ) : list.data.partners.length === 0 ? (
          <Stack gap={6} p="lg" align="flex-start">
            <Text fw={600}>No partners yet</Text>
            <Text size="sm" c="dimmed" maw={640}>
              A partner is a person at another firm you send clients to and who sends clients to you: an
              accountant, a lawyer, a software vendor. Open the person in{' '}
              <Anchor component={Link} to="/clients" inherit>
                Clients
              </Anchor>{' '}
              (add them first if needed), choose <b>Edit profile</b> and set their kind to <b>Partner</b>.
              They appear here, and their page gets a Partner card to log the clients you send them.
            </Text>
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <SortHeader sort="name" current={sort} onSort={setSort} align="left">
                    Partner
                  </SortHeader>
                  <SortHeader sort="sent" current={sort} onSort={setSort}>
                    Sent to them
                  </SortHeader>
                  <SortHeader sort="received" current={sort} onSort={setSort}>
                    Received
                  </SortHeader>
                  <SortHeader sort="won" current={sort} onSort={setSort}>
                    Won (both ways)
                  </SortHeader>
                  <SortHeader sort="revenue" current={sort} onSort={setSort}>
                    Revenue booked
                  </SortHeader>
                  <Table.Th>Balance</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.partners.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td miw={200} maw={320}>
                      <Anchor
                        component={Link}
                        to={`/clients/people/${p.id}`}
                        fw={600}
                        size="sm"
                        lineClamp={1}
                        title={p.name}
                      >
                        {p.name}
                      </Anchor>
                      {p.account ? (
                        <Text size="xs" c="dimmed" lineClamp={1} title={p.account.name}>
                          {p.account.name}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">
                      <CountWon count={p.sent.count} won={p.sent.won} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <CountWon count={p.received.count} won={p.received.won} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{p.sent.won + p.received.won}</Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatRevenue(p.received.revenue)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Balance partner={p} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
