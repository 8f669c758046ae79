// The pipeline board: one column per stage with its count, introductions and recommendations
// apart, and the sums of expected and booked value. Cards are dragged to another column (native
// drag and drop) or moved with their "Move to…" menu, which works from a keyboard and on a phone.
// Lost asks why; won asks what was booked.
import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Card,
  Group,
  Loader,
  Menu,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowsMove, IconCheck } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../lib/errors.ts';
import {
  type ReferralBoard as Board,
  type ReferralListItem,
  type ReferralStatus,
  referralKeys,
  referralsApi,
} from './api.ts';
import { useReferralFilters } from './Filters.tsx';
import {
  formatMoney,
  formatTotals,
  sourceLabels,
  statusColors,
  statusLabels,
  statusOrder,
} from './labels.ts';
import { KindBadge, prospectLabel, useReferralMover } from './ui.tsx';

const DRAG_TYPE = 'application/x-warmpath-referral';

function ReferralCard({
  referral,
  onMove,
  busy,
}: {
  referral: ReferralListItem;
  onMove: (status: ReferralStatus) => void;
  busy: boolean;
}) {
  const value =
    referral.status === 'won' && referral.bookedValue !== null
      ? formatMoney(referral.bookedValue, referral.currency)
      : formatMoney(referral.expectedValue, referral.currency);
  return (
    <Card
      withBorder
      radius="sm"
      padding="sm"
      draggable
      onDragStart={(e: DragEvent<HTMLDivElement>) => {
        e.dataTransfer.setData(DRAG_TYPE, referral.id);
        e.dataTransfer.setData('text/plain', prospectLabel(referral));
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: 'grab', opacity: busy ? 0.5 : 1 }}
      data-referral={referral.id}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
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
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`Move ${prospectLabel(referral)} to…`}
              >
                <IconArrowsMove size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Move to…</Menu.Label>
              {statusOrder.map((status) => (
                <Menu.Item
                  key={status}
                  disabled={status === referral.status}
                  leftSection={status === referral.status ? <IconCheck size={14} /> : <Box w={14} />}
                  onClick={() => onMove(status)}
                >
                  {statusLabels[status]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        {referral.prospect.accountName ? (
          <Text size="xs" c="dimmed" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
            {referral.prospect.accountName}
          </Text>
        ) : null}
        <Text size="xs" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {referral.referrer ? (
            <>
              from <b>{referral.referrer.name}</b>
              {referral.referrer.accountName ? ` · ${referral.referrer.accountName}` : ''}
            </>
          ) : (
            <Text span size="xs" c="dimmed">
              {sourceLabels[referral.source]}, nobody credited
            </Text>
          )}
        </Text>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <KindBadge kind={referral.kind} size="xs" />
          <Text size="xs" fw={500} c={referral.status === 'won' ? 'green.8' : undefined} truncate>
            {value}
          </Text>
        </Group>
        {referral.status === 'lost' && referral.lostReason ? (
          <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {referral.lostReason}
          </Text>
        ) : null}
        {referral.owner ? (
          <Text size="xs" c="dimmed" truncate>
            {referral.owner.name}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function Column({
  column,
  onDropReferral,
  onMove,
  moving,
}: {
  column: Board['columns'][number];
  onDropReferral: (id: string, status: ReferralStatus) => void;
  onMove: (referral: ReferralListItem, status: ReferralStatus) => void;
  moving: string | null;
}) {
  const [over, setOver] = useState(false);
  const [params] = useSearchParams();
  const listParams = new URLSearchParams(params);
  listParams.set('status', column.status);
  const expected = formatTotals(column.values, 'expected');
  const booked = formatTotals(column.values, 'booked');
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      bg={over ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)'}
      style={{
        width: 264,
        flex: '0 0 264px',
        scrollSnapAlign: 'start',
        borderTop: `3px solid var(--mantine-color-${statusColors[column.status]}-5)`,
      }}
      onDragOver={(e: DragEvent<HTMLDivElement>) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e: DragEvent<HTMLDivElement>) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData(DRAG_TYPE);
        if (id) onDropReferral(id, column.status);
      }}
      aria-label={`${statusLabels[column.status]}: ${column.count}`}
      role="region"
    >
      <Stack gap={2} mb="xs" px={4}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} fz="sm">
            {statusLabels[column.status]}
          </Title>
          <Text size="sm" fw={700}>
            {column.count}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {column.byKind.introduction} intro · {column.byKind.recommendation} rec
        </Text>
        {expected || booked ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {column.status === 'won' || column.status === 'lost'
              ? booked
                ? `Booked ${booked}`
                : `Expected ${expected}`
              : `Expected ${expected}`}
          </Text>
        ) : null}
      </Stack>
      <Stack gap="xs">
        {column.cards.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="md">
            {over ? 'Drop here' : 'Nothing here'}
          </Text>
        ) : (
          column.cards.map((card) => (
            <ReferralCard
              key={card.id}
              referral={card}
              busy={moving === card.id}
              onMove={(status) => onMove(card, status)}
            />
          ))
        )}
        {column.more > 0 ? (
          <Anchor component={Link} to={`/referrals/list?${listParams}`} size="sm" ta="center">
            {column.more} more
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function ReferralBoardView({ onNew }: { onNew: () => void }) {
  const { filters, active } = useReferralFilters();
  const params = { ...filters, status: undefined };
  const board = useQuery({
    queryKey: referralKeys.board(params),
    queryFn: () => referralsApi.board(params),
    placeholderData: keepPreviousData,
  });
  const mover = useReferralMover();
  if (board.isPending) return <Loader aria-label="Loading the board" />;
  if (board.isError) return <Alert color="red">{errorMessage(board.error)}</Alert>;
  const cards = new Map(board.data.columns.flatMap((c) => c.cards.map((card) => [card.id, card])));
  const total = board.data.columns.reduce((n, c) => n + c.count, 0);
  if (total === 0 && !active) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Stack gap="xs" maw={560}>
          <Title order={2} fz="lg">
            No referrals yet
          </Title>
          <Text size="sm" c="dimmed">
            Referrals land here by themselves when a follow-up ends with “introduction promised”, when a
            promoter names a colleague on the survey, or when someone claims an offer. Record one by hand when
            a client tells you about someone, or when a new prospect says who sent them.
          </Text>
          <Anchor component="button" type="button" onClick={onNew} size="sm" ta="left">
            Record the first referral
          </Anchor>
        </Stack>
      </Paper>
    );
  }
  return (
    <>
      {total === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          No referral matches these filters.
        </Text>
      ) : null}
      <ScrollArea type="auto" offsetScrollbars scrollbarSize={10}>
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" style={{ scrollSnapType: 'x proximity' }}>
          {board.data.columns.map((column) => (
            <Column
              key={column.status}
              column={column}
              moving={mover.moving}
              onMove={mover.move}
              onDropReferral={(id, status) => {
                const card = cards.get(id);
                if (card) mover.move(card, status);
              }}
            />
          ))}
        </Group>
      </ScrollArea>
      {mover.dialog}
    </>
  );
}
