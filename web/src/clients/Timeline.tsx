// A contact's or an account's timeline: everything that happened, newest first, a page at a time.
import { Anchor, Button, Card, Group, Loader, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import {
  IconAdjustments,
  IconArchive,
  IconArrowMerge,
  IconBuilding,
  IconCalendarEvent,
  IconMail,
  IconMessage,
  IconNote,
  IconPhone,
  IconPoint,
  IconUserPlus,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FormError } from '../components/FormError.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { type TimelineEvent, useTimeline } from './api.ts';
import { RelativeTime } from './ui.tsx';

type Icon = typeof IconPoint;

const interactionIcons: Record<string, Icon> = {
  meeting: IconCalendarEvent,
  call: IconPhone,
  message: IconMessage,
  email: IconMail,
  note: IconNote,
};

function eventIcon(event: TimelineEvent): Icon {
  if (event.kind === 'interaction' || event.kind.startsWith('interaction.')) {
    const kind = typeof event.data.kind === 'string' ? event.data.kind : '';
    return interactionIcons[kind] ?? IconMessage;
  }
  if (event.kind.endsWith('.merged')) return IconArrowMerge;
  if (event.kind.endsWith('.created')) return IconUserPlus;
  if (event.kind.endsWith('.archived') || event.kind.endsWith('.unarchived')) return IconArchive;
  if (event.kind.startsWith('relationship')) return IconAdjustments;
  if (event.kind.startsWith('account')) return IconBuilding;
  return IconPoint;
}

function EventItem({ event, showContact }: { event: TimelineEvent; showContact: boolean }) {
  const contact = showContact ? event.contact : null;
  const outcome = typeof event.data.outcome === 'string' ? event.data.outcome : null;
  const followUpOn = typeof event.data.followUpOn === 'string' ? event.data.followUpOn : null;
  return (
    <Stack gap={2} miw={0}>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {event.title}
        </Text>
        <RelativeTime iso={event.occurredAt} />
      </Group>
      {event.body ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {event.body}
        </Text>
      ) : null}
      {outcome ? (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span size="sm" c="dimmed">
            Outcome:{' '}
          </Text>
          {outcome}
        </Text>
      ) : null}
      {followUpOn ? (
        <Text size="sm" c="dimmed">
          Follow up on {formatDate(followUpOn, 'UTC')}
        </Text>
      ) : null}
      {contact || event.member ? (
        <Group gap={6} wrap="wrap">
          {contact ? (
            <Anchor component={Link} to={`/clients/people/${contact.id}`} size="xs">
              {contact.name}
            </Anchor>
          ) : null}
          {contact && event.member ? (
            <Text size="xs" c="dimmed" span aria-hidden>
              ·
            </Text>
          ) : null}
          {event.member ? (
            <Text size="xs" c="dimmed" span>
              {event.member.name}
            </Text>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

export function TimelineCard({
  kind,
  id,
  emptyText,
  action,
}: {
  kind: 'contact' | 'account';
  id: string;
  emptyText: ReactNode;
  action?: ReactNode;
}) {
  const timeline = useTimeline(kind, id);
  const events = timeline.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Title order={2} fz="lg">
            Timeline
          </Title>
          {action}
        </Group>
        {timeline.isPending ? (
          <Loader size="sm" aria-label="Loading the timeline" />
        ) : !timeline.data ? (
          <FormError message={errorMessage(timeline.error)} />
        ) : events.length === 0 ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : (
          <>
            <Timeline bulletSize={28} lineWidth={2} aria-label="Timeline events">
              {events.map((event) => {
                const Icon = eventIcon(event);
                return (
                  <Timeline.Item
                    key={event.id}
                    bullet={
                      <ThemeIcon size={28} radius="xl" variant="light" aria-hidden>
                        <Icon size={15} />
                      </ThemeIcon>
                    }
                  >
                    <EventItem event={event} showContact={kind === 'account'} />
                  </Timeline.Item>
                );
              })}
            </Timeline>
            {timeline.isError ? <FormError message={errorMessage(timeline.error)} /> : null}
            {timeline.hasNextPage ? (
              <Group justify="center">
                <Button
                  variant="default"
                  loading={timeline.isFetchingNextPage}
                  onClick={() => void timeline.fetchNextPage()}
                >
                  Show older
                </Button>
              </Group>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  );
}
