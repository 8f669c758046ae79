// The referral list: every referral the filters match, newest first, with totals over all of them
// (introductions and recommendations counted apart, money per currency). A table on a wide screen,
// stacked rows on a phone.
import { Alert, Anchor, Button, Card, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { type ReferralList, type ReferralListItem, referralKeys, referralsApi } from './api.ts';
import { useReferralFilters } from './Filters.tsx';
import { formatMoney, formatTotals, sourceLabels } from './labels.ts';
import { KindBadge, prospectLabel, StatusBadge } from './ui.tsx';

function Totals({ totals, exportHref }: { totals: ReferralList['totals']; exportHref: string }) {
  const expected = formatTotals(totals.values, 'expected');
  const booked = formatTotals(totals.values, 'booked');
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          <b>{totals.count}</b> referral{totals.count === 1 ? '' : 's'}
        </Text>
        <Group gap={6} wrap="nowrap">
          <KindBadge kind="introduction" size="xs" />
          <Text size="sm" fw={600}>
            {totals.byKind.introduction}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <KindBadge kind="recommendation" size="xs" />
          <Text size="sm" fw={600}>
            {totals.byKind.recommendation}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          Expected {expected || '—'}
        </Text>
        <Text size="sm" c="dimmed">
          Booked {booked || '—'}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          component="a"
          href={exportHref}
          download
          leftSection={<IconDownload size={14} />}
          ml="auto"
        >
          Export these
        </Button>
      </Group>
    </Paper>
  );
}

function Prospect({ referral }: { referral: ReferralListItem }) {
  return (
    <Stack gap={0} miw={0}>
      <Anchor
        component={Link}
        to={`/referrals/${referral.id}`}
        fw={600}
        size="sm"
        lineClamp={2}
        style={{ overflowWrap: 'anywhere' }}
        c={referral.prospect.name ? undefined : 'dimmed'}
      >
        {prospectLabel(referral)}
      </Anchor>
      {referral.prospect.accountName ? (
        <Text size="xs" c="dimmed" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
          {referral.prospect.accountName}
        </Text>
      ) : null}
    </Stack>
  );
}

const referrerText = (r: ReferralListItem) =>
  r.referrer?.name ?? `${sourceLabels[r.source]}, nobody credited`;

export function ReferralListView() {
  const { filters, active } = useReferralFilters();
  const narrow = useMediaQuery('(max-width: 48em)');
  const list = useInfiniteQuery({
    queryKey: referralKeys.list(filters),
    queryFn: ({ pageParam }) =>
      referralsApi.list({ ...filters, limit: '50', cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  if (list.isPending) return <Loader aria-label="Loading referrals" />;
  if (list.isError) return <Alert color="red">{errorMessage(list.error)}</Alert>;
  const rows = list.data.pages.flatMap((p) => p.referrals);
  const totals = list.data.pages[0]!.totals;
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {active
          ? 'No referral matches these filters.'
          : 'No referrals yet. They appear here when a follow-up ends with a promised introduction, when a promoter names a colleague, or when you record one.'}
      </Text>
    );
  }
  return (
    <>
      <Totals totals={totals} exportHref={referralsApi.exportUrl(filters)} />
      {narrow ? (
        <Stack gap="xs">
          {rows.map((r) => (
            <Card key={r.id} withBorder radius="sm" padding="sm">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Prospect referral={r} />
                  <StatusBadge status={r.status} size="xs" />
                </Group>
                <Text size="xs" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  from {referrerText(r)}
                </Text>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <KindBadge kind={r.kind} size="xs" />
                  <Text size="xs" c="dimmed" truncate>
                    {[
                      r.bookedValue !== null ? `booked ${formatMoney(r.bookedValue, r.currency)}` : null,
                      r.bookedValue === null && r.expectedValue !== null
                        ? `expected ${formatMoney(r.expectedValue, r.currency)}`
                        : null,
                      formatDate(r.referredAt),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Prospect</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Referrer</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th ta="right">Expected</Table.Th>
                <Table.Th ta="right">Booked</Table.Th>
                <Table.Th>Referred</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td maw={260}>
                    <Prospect referral={r} />
                  </Table.Td>
                  <Table.Td miw={130}>
                    <KindBadge kind={r.kind} size="xs" />
                  </Table.Td>
                  <Table.Td maw={220}>
                    {r.referrer ? (
                      <Anchor
                        component={Link}
                        to={`/clients/people/${r.referrer.id}`}
                        size="sm"
                        lineClamp={2}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {r.referrer.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Nobody credited
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{sourceLabels[r.source]}</Text>
                  </Table.Td>
                  <Table.Td maw={160}>
                    <Text size="sm" truncate>
                      {r.owner?.name ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td miw={120}>
                    <StatusBadge status={r.status} size="xs" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{formatMoney(r.expectedValue, r.currency)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={r.bookedValue ? 600 : undefined}>
                      {formatMoney(r.bookedValue, r.currency)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(r.referredAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Show more
          </Button>
        </Group>
      ) : null}
    </>
  );
}
