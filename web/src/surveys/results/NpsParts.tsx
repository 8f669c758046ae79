// Small pieces of NPS display shared by a survey's results and the workspace NPS page.
import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { ScoreCounts } from '../../../../src/features/answers/schemas.ts';

export function npsColor(nps: number | null): string {
  if (nps === null) return 'dimmed';
  if (nps >= 30) return 'teal.7';
  if (nps >= 0) return 'yellow.8';
  return 'red.7';
}

/** NPS runs from -100 to +100; a plus sign makes a positive score read as one. */
export function formatNps(nps: number | null): string {
  if (nps === null) return '–';
  return nps > 0 ? `+${nps}` : String(nps);
}

export function NpsNumber({ nps, size = 28 }: { nps: number | null; size?: number }) {
  return (
    <Text fz={size} fw={700} c={npsColor(nps)} lh={1.1}>
      {formatNps(nps)}
    </Text>
  );
}

const pct = (n: number, total: number) => (total === 0 ? 0 : (100 * n) / total);

/** The promoter / passive / detractor split as one stacked bar with the counts under it. */
export function NpsBar({ counts, compact = false }: { counts: ScoreCounts; compact?: boolean }) {
  const { promoters, passives, detractors, total } = counts;
  const parts = [
    { label: 'Promoters', n: promoters, color: 'teal' },
    { label: 'Passives', n: passives, color: 'yellow' },
    { label: 'Detractors', n: detractors, color: 'red' },
  ];
  return (
    <Stack gap={6}>
      <Progress.Root size={compact ? 10 : 16} aria-label="Promoters, passives and detractors">
        {total === 0 ? (
          <Progress.Section value={100} color="gray.3" />
        ) : (
          parts.map((p) =>
            p.n > 0 ? (
              <Tooltip key={p.label} label={`${p.label}: ${p.n} (${Math.round(pct(p.n, total))}%)`}>
                <Progress.Section value={pct(p.n, total)} color={p.color} />
              </Tooltip>
            ) : null,
          )
        )}
      </Progress.Root>
      {compact ? null : (
        <Group gap="md" wrap="wrap">
          {parts.map((p) => (
            <Group key={p.label} gap={6} wrap="nowrap">
              <span
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 3,
                  background: `var(--mantine-color-${p.color}-6)`,
                  display: 'inline-block',
                }}
              />
              <Text size="sm">
                {p.label} <b>{p.n.toLocaleString('en')}</b>
                <Text span c="dimmed" size="sm">
                  {' '}
                  {total ? `${Math.round(pct(p.n, total))}%` : ''}
                </Text>
              </Text>
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}
