// Insights → Referrals: for the referrals that came in during a period, how many were
// introductions and how many recommendations, where they came from, how many were qualified and
// won, the revenue booked and the conversion; then each owner, the top referrers, and the asks made
// with the referrals they produced. Introductions and recommendations are never summed without
// being shown apart.
import {
  Alert,
  Anchor,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { errorMessage } from '../lib/errors.ts';
import { type ReferralInsights as Insights, referralKeys, referralsApi } from '../referrals/api.ts';
import { formatTotals, kindLabels, sourceLabels } from '../referrals/labels.ts';
import { KindBadge } from '../referrals/ui.tsx';
import { askKindLabels } from '../tasks/labels.ts';
import { periodOf } from './FollowUpInsights.tsx';

type Preset = Parameters<typeof periodOf>[0] | 'this_year';
type Funnel = Insights['total'];

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
const booked = (f: Funnel) => formatTotals(f.booked, 'booked') || '—';

function periodFor(preset: Preset) {
  if (preset !== 'this_year') return periodOf(preset);
  const y = new Date().getFullYear();
  return { from: `${y}-01-01`, to: `${y}-12-31`, label: String(y) };
}

function KindCard({ kind, funnel }: { kind: 'introduction' | 'recommendation'; funnel: Funnel }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="xs">
        <Group justify="space-between">
          <KindBadge kind={kind} size="md" />
          <Text size="sm" c="dimmed">
            conversion {pct(funnel.conversion)}
          </Text>
        </Group>
        <Text fz={30} fw={700} lh={1.1}>
          {funnel.leads}{' '}
          <Text span size="sm" c="dimmed" fw={400}>
            {kindLabels[kind].toLowerCase()}
            {funnel.leads === 1 ? '' : 's'}
          </Text>
        </Text>
        <SimpleGrid cols={3} spacing="xs">
          <Stat label="Qualified" value={funnel.qualified} />
          <Stat label="Won" value={funnel.won} />
          <Stat label="Lost" value={funnel.lost} />
        </SimpleGrid>
        <Text size="sm">
          Revenue booked: <b>{booked(funnel)}</b>
        </Text>
      </Stack>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </Stack>
  );
}

export function ReferralInsightsPage() {
  const [preset, setPreset] = useState<Preset>('this_quarter');
  const period = periodFor(preset);
  const insights = useQuery({
    queryKey: referralKeys.insights(period.from, period.to),
    queryFn: () => referralsApi.insights(period.from, period.to),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="lg">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" maw={560}>
          Referrals that came in during {period.label}, and what became of them so far.
        </Text>
        <Select
          w={180}
          size="sm"
          aria-label="Period"
          allowDeselect={false}
          value={preset}
          onChange={(v) => v && setPreset(v as Preset)}
          comboboxProps={selectComboboxProps}
          data={[
            { value: 'this_month', label: 'This month' },
            { value: 'last_month', label: 'Last month' },
            { value: 'this_quarter', label: 'This quarter' },
            { value: 'last_quarter', label: 'Last quarter' },
            { value: 'this_year', label: 'This year' },
          ]}
        />
      </Group>
      {insights.isPending ? (
        <Loader aria-label="Loading referral insights" />
      ) : insights.isError ? (
        <Alert color="red">{errorMessage(insights.error)}</Alert>
      ) : (
        <Body data={insights.data} />
      )}
    </Stack>
  );
}

function Body({ data }: { data: Insights }) {
  if (data.total.leads === 0 && data.asks.every((a) => a.asks === 0)) {
    return (
      <Card withBorder radius="md" padding="lg">
        <Text size="sm" c="dimmed">
          No referrals and no asks in this period. Referrals come from follow-ups that end with a promised
          introduction, promoters who name a colleague, offers, and the ones you{' '}
          <Anchor component={Link} to="/referrals">
            record on the board
          </Anchor>
          .
        </Text>
      </Card>
    );
  }
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <KindCard kind="introduction" funnel={data.byKind.introduction} />
        <KindCard kind="recommendation" funnel={data.byKind.recommendation} />
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Text size="sm" c="dimmed" fw={600} tt="uppercase">
              All referral leads
            </Text>
            <Text fz={30} fw={700} lh={1.1}>
              {data.total.leads}
            </Text>
            <SimpleGrid cols={3} spacing="xs">
              <Stat label="Qualified" value={data.total.qualified} />
              <Stat label="Won" value={data.total.won} />
              <Stat label="Conv." value={pct(data.total.conversion)} />
            </SimpleGrid>
            <Text size="sm">
              Revenue booked: <b>{booked(data.total)}</b>
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Title order={2} fz="lg" mb="sm">
            Leads by source
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Source</Table.Th>
                <Table.Th ta="right">Introductions</Table.Th>
                <Table.Th ta="right">Recommendations</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.bySource.map((s) => (
                <Table.Tr key={s.source}>
                  <Table.Td>{sourceLabels[s.source]}</Table.Td>
                  <Table.Td ta="right">{s.introduction}</Table.Td>
                  <Table.Td ta="right">{s.recommendation}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} fz="lg" mb="sm">
            Asks and the referrals they produced
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ask</Table.Th>
                <Table.Th ta="right">Made</Table.Th>
                <Table.Th ta="right">Said yes</Table.Th>
                <Table.Th ta="right">Referrals</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.asks.map((a) => (
                <Table.Tr key={a.kind}>
                  <Table.Td>{askKindLabels[a.kind]}</Table.Td>
                  <Table.Td ta="right">{a.asks}</Table.Td>
                  <Table.Td ta="right">{a.yes}</Table.Td>
                  <Table.Td ta="right">{a.referrals}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} fz="lg" mb="sm">
          By owner
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Owner</Table.Th>
                <Table.Th ta="right">Leads</Table.Th>
                <Table.Th ta="right">Qualified</Table.Th>
                <Table.Th ta="right">Won</Table.Th>
                <Table.Th ta="right">Conversion</Table.Th>
                <Table.Th ta="right">Booked</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.byOwner.map((o) => (
                <Table.Tr key={o.member?.id ?? 'none'}>
                  <Table.Td>{o.member?.name ?? 'No owner'}</Table.Td>
                  <Table.Td ta="right">{o.leads}</Table.Td>
                  <Table.Td ta="right">{o.qualified}</Table.Td>
                  <Table.Td ta="right">{o.won}</Table.Td>
                  <Table.Td ta="right">{pct(o.conversion)}</Table.Td>
                  <Table.Td ta="right">{booked(o)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} fz="lg" mb="sm">
          Top referrers
        </Title>
        {data.topReferrers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No referral in this period credits a client or partner.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Referrer</Table.Th>
                  <Table.Th ta="right">Introductions</Table.Th>
                  <Table.Th ta="right">Recommendations</Table.Th>
                  <Table.Th ta="right">Won</Table.Th>
                  <Table.Th ta="right">Booked</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.topReferrers.map((r) => (
                  <Table.Tr key={r.contact.id}>
                    <Table.Td maw={260}>
                      <Anchor component={Link} to={`/clients/people/${r.contact.id}`} size="sm" lineClamp={1}>
                        {r.contact.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{r.introductions}</Table.Td>
                    <Table.Td ta="right">{r.recommendations}</Table.Td>
                    <Table.Td ta="right">{r.won}</Table.Td>
                    <Table.Td ta="right">{booked(r)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
