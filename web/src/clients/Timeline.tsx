// A contact's or an account's timeline: everything that happened, newest first, a page at a time.
// A logged conversation can be corrected or deleted from here (deleting asks first).
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Modal,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
} from '@mantine/core';
import {
  IconAdjustments,
  IconArchive,
  IconArrowMerge,
  IconBuilding,
  IconCalendarEvent,
  IconDots,
  IconMail,
  IconMessage,
  IconNote,
  IconPencil,
  IconPhone,
  IconPoint,
  IconTrash,
  IconUserPlus,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../components/FormError.tsx';
import { FormActions } from '../components/FormModal.tsx';
import { errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { clientsApi, type Interaction, invalidateContact, type TimelineEvent, useTimeline } from './api.ts';
import { LogConversationModal } from './LogConversation.tsx';
import { CardHeader } from './shells.tsx';
import { RelativeTime, useTimeZone } from './ui.tsx';

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

/** A logged conversation's own entry, which may be corrected or deleted. */
function isConversation(event: TimelineEvent): event is TimelineEvent & { refId: string } {
  return event.kind === 'interaction' && event.refId !== null;
}

function EventActions({
  event,
  onEdit,
  onDelete,
  loading,
}: {
  event: TimelineEvent;
  onEdit: () => void;
  onDelete: () => void;
  loading: boolean;
}) {
  return (
    <Menu position="bottom-end" shadow="md" width={200} withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          loading={loading}
          aria-label={`Change “${event.title}”`}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
          Edit
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function EventItem({
  event,
  showContact,
  actions,
}: {
  event: TimelineEvent;
  showContact: boolean;
  actions?: ReactNode;
}) {
  const contact = showContact ? event.contact : null;
  const outcome = typeof event.data.outcome === 'string' ? event.data.outcome : null;
  const followUpOn = typeof event.data.followUpOn === 'string' ? event.data.followUpOn : null;
  return (
    <Stack gap={2} miw={0}>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {event.title}
        </Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          <RelativeTime iso={event.occurredAt} />
          {actions}
        </Group>
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

/** Asks before a logged conversation is deleted, saying what goes with it. */
function DeleteConversationModal({
  opened,
  event,
  onClose,
}: {
  opened: boolean;
  event: (TimelineEvent & { refId: string }) | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const note = event?.data.kind === 'note';
  const remove = useMutation({
    mutationFn: (target: TimelineEvent & { refId: string }) => clientsApi.deleteInteraction(target.refId),
    onSuccess: (_nothing, target) => {
      if (target.contact) invalidateContact(queryClient, target.contact.id);
      void queryClient.invalidateQueries({ queryKey: ['clients', 'account'] });
      notifySuccess(`“${target.title}” is deleted.`, note ? 'Note deleted' : 'Conversation deleted');
      onClose();
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={() => remove.reset()}
      centered
      title={
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {note ? 'Delete this note?' : 'Delete this conversation?'}
        </Text>
      }
    >
      {event ? (
        <form
          noValidate
          onSubmit={(submit) => {
            submit.preventDefault();
            remove.mutate(event);
          }}
        >
          <Stack gap="md">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Text span fw={600} inherit>
                {event.title}
              </Text>{' '}
              on {formatDateTime(event.occurredAt, timeZone)} is removed from the timeline for good
              {note
                ? '. '
                : ', with its summary and outcome. The relationship strength of those who took part is worked out again without it. '}
              This cannot be undone.
            </Text>
            <FormError message={remove.isError ? errorMessage(remove.error) : null} />
            <FormActions
              onCancel={onClose}
              submitLabel={note ? 'Delete note' : 'Delete conversation'}
              color="red"
              loading={remove.isPending}
            />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}

export function TimelineCard({
  kind,
  id,
  emptyText,
  action,
  readOnly = false,
}: {
  kind: 'contact' | 'account';
  id: string;
  emptyText: ReactNode;
  action?: ReactNode;
  /** No corrections (an erased person's conversations are kept only as anonymous counts). */
  readOnly?: boolean;
}) {
  const timeline = useTimeline(kind, id);
  const events = timeline.data?.pages.flatMap((page) => page.events) ?? [];
  // The chosen entry stays set after its modal closes, so the title does not change while it fades.
  const [editing, setEditing] = useState<{
    interaction: Interaction;
    contact: { id: string; name: string };
  } | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [deleting, setDeleting] = useState<(TimelineEvent & { refId: string }) | null>(null);
  const [deleteOpen, setDeleteOpen] = useState(false);
  // The timeline entry holds what it shows; the form needs the stored conversation (its direction
  // and participants), read when Edit is chosen.
  const load = useMutation({
    mutationFn: (event: TimelineEvent & { refId: string }) => clientsApi.getInteraction(event.refId),
    onSuccess: (interaction, event) => {
      setEditing({ interaction, contact: event.contact ?? { id: interaction.contactId, name: 'them' } });
      setEditOpen(true);
    },
    onError: (error) => notifyError(error, 'Could not open this conversation'),
  });

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <CardHeader title="Timeline" action={action} />
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
                    <EventItem
                      event={event}
                      showContact={kind === 'account'}
                      actions={
                        !readOnly && isConversation(event) ? (
                          <EventActions
                            event={event}
                            loading={load.isPending && load.variables?.id === event.id}
                            onEdit={() => load.mutate(event)}
                            onDelete={() => {
                              setDeleting(event);
                              setDeleteOpen(true);
                            }}
                          />
                        ) : null
                      }
                    />
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
      <LogConversationModal
        opened={editOpen}
        onClose={() => setEditOpen(false)}
        contact={editing?.contact ?? null}
        interaction={editing?.interaction ?? null}
      />
      <DeleteConversationModal opened={deleteOpen} event={deleting} onClose={() => setDeleteOpen(false)} />
    </Card>
  );
}
