// The workspace's NPS: the overall score for a period, its trend month by month, and where it
// comes from (by account, tag, segment, relationship owner, survey). Each person counts once per
// period with their latest answer, so a client surveyed twice does not weigh double.
import {
  Anchor,
  Box,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../components/FormError.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type NpsGrouping, type NpsReport, useNps } from './api.ts';
import { formatNps, NpsBar, NpsNumber, npsColor } from './NpsParts.tsx';

const periods = [
  { value: '3', label: '3 mo' },
  { value: '6', label: '6 mo' },
  { value: '12', label: '12 mo' },
  { value: '24', label: '24 mo' },
];

function isoDate(d: Date) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** From the first day of the month `months - 1` months ago to today. */
function rangeOf(months: number): { from: string; to: string } {
  const today = new Date();
  const start = new Date(today.getFullYear(), today.getMonth() - (months - 1), 1);
  return { from: isoDate(start), to: isoDate(today) };
}

function monthLabel(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(y, m - 1, 1).toLocaleDateString('en', { month: 'short', year: '2-digit' });
}

/** Every month of the range, with or without answers, so gaps show as gaps. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function Trend({ report }: { report: NpsReport }) {
  const byMonth = new Map(report.groups.map((g) => [g.key, g]));
  const months = monthsBetween(report.from, report.to);
  const height = 160;
  const scroller = useRef<HTMLDivElement>(null);
  // On a narrow screen the months scroll sideways: start at the latest ones, again whenever the
  // period (the number of months) changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: months.length is the trigger, not an input.
  useEffect(() => {
    const box = scroller.current;
    if (box) box.scrollLeft = box.scrollWidth;
  }, [months.length]);
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} fz={16}>
            NPS by month
          </Title>
          <Text size="xs" c="dimmed">
            bars above the line are positive, below negative
          </Text>
        </Group>
        <Box ref={scroller} style={{ overflowX: 'auto' }}>
          <Group gap={6} wrap="nowrap" align="stretch" miw={months.length * 54} h={height + 36}>
            {months.map((month) => {
              const g = byMonth.get(month);
              const nps = g?.nps ?? null;
              const bar = nps === null ? 0 : (Math.abs(nps) / 100) * (height / 2);
              return (
                <Tooltip
                  key={month}
                  label={
                    g
                      ? `${monthLabel(month)}: NPS ${formatNps(nps)} from ${g.total} answers${g.change !== null ? ` (${g.change >= 0 ? '+' : ''}${g.change})` : ''}`
                      : `${monthLabel(month)}: no answers`
                  }
                >
                  <Stack gap={4} align="center" style={{ flex: 1, minWidth: 48 }}>
                    <Box h={height} w="100%" pos="relative">
                      <Box pos="absolute" left={0} right={0} top={height / 2} h={1} bg="gray.4" />
                      {nps !== null ? (
                        <Box
                          pos="absolute"
                          left="20%"
                          right="20%"
                          top={nps >= 0 ? height / 2 - Math.max(bar, 2) : height / 2}
                          h={Math.max(bar, 2)}
                          bg={npsColor(nps)}
                          style={{ borderRadius: 3 }}
                        />
                      ) : null}
                    </Box>
                    <Text size="xs" fw={600} c={npsColor(nps)}>
                      {formatNps(nps)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {monthLabel(month)}
                    </Text>
                  </Stack>
                </Tooltip>
              );
            })}
          </Group>
        </Box>
      </Stack>
    </Card>
  );
}

const breakdowns: { value: Exclude<NpsGrouping, 'month'>; label: string; column: string }[] = [
  { value: 'account', label: 'By account', column: 'Account' },
  { value: 'owner', label: 'By relationship owner', column: 'Closest teammate' },
  { value: 'tag', label: 'By tag', column: 'Tag' },
  { value: 'kind', label: 'By kind', column: 'Kind of contact' },
  { value: 'account_status', label: 'By client status', column: 'Account status' },
  { value: 'survey', label: 'By survey', column: 'Survey' },
];

const kindLabels: Record<string, string> = {
  client: 'Clients',
  partner: 'Partners',
  prospect: 'Prospects',
  network: 'Network',
  active: 'Active clients',
  past: 'Past clients',
};

function Breakdown({
  from,
  to,
  groupBy,
}: {
  from: string;
  to: string;
  groupBy: Exclude<NpsGrouping, 'month'>;
}) {
  const report = useNps(from, to, groupBy);
  const column = breakdowns.find((b) => b.value === groupBy)!.column;
  if (report.isPending) return <Loader size="sm" />;
  if (report.isError) return <FormError message={errorMessage(report.error)} />;
  if (report.data.groups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No answers in this period.
      </Text>
    );
  }
  const label = (key: string | null, text: string) => {
    if (groupBy === 'account' && key) {
      return (
        <Anchor component={Link} to={`/clients/companies/${key}`} size="sm">
          {text}
        </Anchor>
      );
    }
    if (groupBy === 'survey' && key) {
      return (
        <Anchor component={Link} to={`/surveys/${key}`} size="sm">
          {text}
        </Anchor>
      );
    }
    return text in kindLabels && groupBy !== 'tag' ? kindLabels[text] : text;
  };
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="xs" miw={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{column}</Table.Th>
            <Table.Th ta="right">NPS</Table.Th>
            <Table.Th ta="right">Answers</Table.Th>
            <Table.Th w="40%">Promoters / passives / detractors</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.data.groups.map((g) => (
            <Table.Tr key={g.key ?? 'none'}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{label(g.key, g.label)}</Table.Td>
              <Table.Td ta="right" fw={700} c={npsColor(g.nps)}>
                {formatNps(g.nps)}
              </Table.Td>
              <Table.Td ta="right">{g.total.toLocaleString('en')}</Table.Td>
              <Table.Td>
                <Tooltip
                  label={`${g.promoters} promoters, ${g.passives} passives, ${g.detractors} detractors`}
                >
                  <div>
                    <NpsBar counts={g} compact />
                  </div>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export function NpsInsights() {
  const [period, setPeriod] = useState('12');
  const { from, to } = rangeOf(Number(period));
  const months = useNps(from, to, 'month');
  const [groupBy, setGroupBy] = useState<Exclude<NpsGrouping, 'month'>>('account');

  return (
    <Stack gap="lg">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" maw={560}>
          Each person counts once per period, with their latest answer; a company&apos;s score comes from its
          people.
        </Text>
        <Box style={{ overflowX: 'auto' }}>
          <SegmentedControl
            value={period}
            onChange={setPeriod}
            data={periods}
            size="sm"
            aria-label="Period: the last 3, 6, 12 or 24 months"
          />
        </Box>
      </Group>
      {months.isPending ? (
        <Loader size="sm" />
      ) : months.isError ? (
        <FormError message={errorMessage(months.error)} />
      ) : months.data.overall.total === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconChartBar size={32} color="var(--mantine-color-dimmed)" />
            <Text fw={600}>No survey answers in this period</Text>
            <Text size="sm" c="dimmed" maw={480}>
              Run a survey from{' '}
              <Anchor component={Link} to="/surveys">
                Surveys
              </Anchor>
              , or add answers collected elsewhere on a survey&apos;s page. Scores, trends and the breakdowns
              by account, tag and teammate appear here as answers arrive.
            </Text>
          </Stack>
        </Card>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder padding="lg">
              <Text size="sm" c="dimmed">
                Net Promoter Score
              </Text>
              <NpsNumber nps={months.data.overall.nps} size={40} />
              <Text size="xs" c="dimmed">
                {months.data.overall.total.toLocaleString('en')} people answered
              </Text>
            </Card>
            <Card withBorder padding="lg">
              <Text size="sm" c="dimmed" mb={6}>
                Answers by group
              </Text>
              <NpsBar counts={months.data.overall} />
            </Card>
            <Card withBorder padding="lg">
              <Text size="sm" c="dimmed">
                Response rate
              </Text>
              <Text fz={28} fw={700}>
                {months.data.responseRate === null ? '–' : `${Math.round(months.data.responseRate * 100)}%`}
              </Text>
              <Text size="xs" c="dimmed">
                {months.data.sends === 0
                  ? 'No survey emails sent in this period'
                  : `${months.data.answeredSends.toLocaleString('en')} of ${months.data.sends.toLocaleString('en')} survey emails answered`}
              </Text>
            </Card>
          </SimpleGrid>
          <Trend report={months.data} />
          <Card withBorder padding="lg">
            <Tabs value={groupBy} onChange={(v) => v && setGroupBy(v as typeof groupBy)} keepMounted={false}>
              <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }} mb="md">
                {breakdowns.map((b) => (
                  <Tabs.Tab key={b.value} value={b.value} style={{ whiteSpace: 'nowrap' }}>
                    {b.label}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
            <Breakdown from={from} to={to} groupBy={groupBy} />
          </Card>
        </>
      )}
    </Stack>
  );
}
