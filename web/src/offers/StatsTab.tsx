// An offer's numbers: clicks and unique visits over the last 30 days, bot clicks apart, and the
// referrers side by side (clicks, claims, referrals, won, revenue), best first.
import { Alert, Anchor, Box, Card, Group, Loader, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../lib/errors.ts';
import { type OfferDetail, type OfferStatsResponse, offerKeys, offersApi } from './api.ts';
import { formatCount, formatMoney, plural } from './ui.tsx';

/** The last 30 days as bars; days without clicks are there too, so gaps read as gaps. */
function DailyBars({ days }: { days: OfferStatsResponse['days'] }) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const today = new Date();
  const series = Array.from({ length: 30 }, (_, i) => {
    const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() - 29 + i));
    const key = d.toISOString().slice(0, 10);
    return { day: key, clicks: byDay.get(key)?.clicks ?? 0, visits: byDay.get(key)?.visits ?? 0 };
  });
  const max = Math.max(1, ...series.map((d) => d.clicks));
  return (
    <Box>
      <Group
        gap={2}
        align="flex-end"
        h={96}
        wrap="nowrap"
        aria-label="Clicks per day, last 30 days"
        role="img"
      >
        {series.map((d) => (
          <Tooltip key={d.day} label={`${d.day}: ${d.clicks} clicks, ${d.visits} unique`} withArrow>
            <Box
              style={{
                flex: 1,
                minWidth: 2,
                position: 'relative',
                height: '100%',
                display: 'flex',
                alignItems: 'flex-end',
              }}
            >
              <Box
                w="100%"
                h={`${(d.clicks / max) * 100}%`}
                bg="var(--mantine-color-blue-2)"
                style={{ borderRadius: 2, minHeight: d.clicks ? 2 : 0, position: 'relative' }}
              >
                <Box
                  pos="absolute"
                  bottom={0}
                  w="100%"
                  h={d.clicks ? `${(d.visits / d.clicks) * 100}%` : 0}
                  bg="var(--mantine-color-blue-6)"
                  style={{ borderRadius: 2 }}
                />
              </Box>
            </Box>
          </Tooltip>
        ))}
      </Group>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          30 days ago
        </Text>
        <Text size="xs" c="dimmed">
          Dark: unique visits · light: repeat clicks
        </Text>
        <Text size="xs" c="dimmed">
          Today
        </Text>
      </Group>
    </Box>
  );
}

export function StatsTab({ offer }: { offer: OfferDetail }) {
  const stats = useQuery({ queryKey: offerKeys.stats(offer.id), queryFn: () => offersApi.stats(offer.id) });
  if (stats.isPending) return <Loader aria-label="Loading stats" />;
  if (stats.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
        {errorMessage(stats.error)}
      </Alert>
    );
  }
  const { totals, referrers, days, currency } = stats.data;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Stack gap="xs">
          <Title order={2} fz="md">
            Clicks, last 30 days
          </Title>
          {totals.clicks + totals.botClicks === 0 ? (
            <Text size="sm" c="dimmed">
              No clicks yet. Each time someone opens a referrer’s link, it shows here by day.
            </Text>
          ) : (
            <DailyBars days={days} />
          )}
          <Text size="xs" c="dimmed">
            A person’s repeat clicks on a link within 24 hours of their previous click count as one unique
            visit.{' '}
            {totals.botClicks > 0
              ? `${plural(totals.botClicks, 'click', 'clicks')} from crawlers and link scanners ${totals.botClicks === 1 ? 'is' : 'are'} left out of every number.`
              : 'No clicks from crawlers or link scanners so far (they are left out of every number).'}
          </Text>
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="md">
        <Stack gap="xs">
          <Title order={2} fz="md">
            By referrer
          </Title>
          {referrers.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody has a link yet. Give clients their links from the Links tab; their numbers appear here.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Referrer</Table.Th>
                    <Table.Th ta="right">Clicks</Table.Th>
                    <Table.Th ta="right">Unique</Table.Th>
                    <Table.Th ta="right">Bots</Table.Th>
                    <Table.Th ta="right">Claims</Table.Th>
                    <Table.Th ta="right">Interest</Table.Th>
                    <Table.Th ta="right">Referrals</Table.Th>
                    <Table.Th ta="right">Won</Table.Th>
                    <Table.Th ta="right">Revenue</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {referrers.map((r) => (
                    <Table.Tr key={r.referrer.id}>
                      <Table.Td maw={260}>
                        <Anchor
                          component={Link}
                          to={`/clients/people/${r.referrer.id}`}
                          size="sm"
                          fw={500}
                          lineClamp={2}
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {r.referrer.name}
                        </Anchor>
                        {r.referrer.account ? (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {r.referrer.account}
                          </Text>
                        ) : null}
                        {r.liveCode ? null : (
                          <Text size="xs" c="dimmed">
                            No live link
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(r.clicks)}</Table.Td>
                      <Table.Td ta="right">{formatCount(r.visits)}</Table.Td>
                      <Table.Td ta="right">{formatCount(r.botClicks)}</Table.Td>
                      <Table.Td ta="right">{formatCount(r.claims)}</Table.Td>
                      <Table.Td ta="right">{formatCount(r.interest)}</Table.Td>
                      <Table.Td ta="right">{formatCount(r.referrals)}</Table.Td>
                      <Table.Td ta="right">{formatCount(r.won)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(r.revenue, currency)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
