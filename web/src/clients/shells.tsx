// The frames the clients pages share (forms in modals are components/FormModal.tsx): the header
// of a person's or a company's page, a card title with an Edit button, archiving from a page menu, and
// a record page's loading and not-found states.
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Loader, Menu, Stack, Title } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconDots,
  IconPencil,
  IconUserOff,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/client.ts';
import { errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';

/** A card's title with, when the card can be edited, a small Edit button. */
export function CardHeader({
  title,
  action,
  onEdit,
  editLabel,
}: {
  title: string;
  action?: ReactNode;
  onEdit?: () => void;
  /** The Edit button's accessible name ("Edit profile"). */
  editLabel?: string;
}) {
  return (
    <Group justify="space-between" gap="sm">
      <Title order={2} fz="lg">
        {title}
      </Title>
      {action ??
        (onEdit ? (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPencil size={14} />}
            onClick={onEdit}
            aria-label={editLabel ?? `Edit ${title.toLowerCase()}`}
          >
            Edit
          </Button>
        ) : null)}
    </Group>
  );
}

/**
 * The top of a person's or a company's page: the way back, the name (two lines at most), a line
 * under it, badges, and the page's actions with a "More actions" menu.
 */
export function EntityHeader({
  back,
  name,
  subtitle,
  badges,
  archived,
  actions,
  menu,
  menuWidth = 240,
}: {
  back: ReactNode;
  name: string;
  subtitle?: ReactNode;
  badges: ReactNode;
  archived: boolean;
  actions?: ReactNode;
  /** Menu.Item elements. */
  menu: ReactNode;
  menuWidth?: number;
}) {
  return (
    <Stack gap="xs">
      {back}
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
          <Title
            order={1}
            fz={{ base: 24, sm: 28 }}
            lineClamp={2}
            title={name}
            style={{ overflowWrap: 'anywhere' }}
          >
            {name}
          </Title>
          {subtitle}
          <Group gap={6}>
            {badges}
            {archived ? (
              <Badge color="gray" variant="filled">
                Archived
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {actions}
          <Menu position="bottom-end" shadow="md" width={menuWidth} withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size={36} aria-label="More actions">
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>{menu}</Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
    </Stack>
  );
}

/**
 * The "Archive" / "Restore from archive" menu item of a page, with its request and the message
 * that says where the record went. `what` is "people" or "companies".
 */
export function ArchiveMenuItem<T extends { name: string; archived: boolean }>({
  record,
  what,
  toggle,
  onDone,
}: {
  record: T;
  what: string;
  toggle: (archive: boolean) => Promise<T>;
  onDone: (updated: T) => void;
}) {
  const archive = useMutation({
    mutationFn: () => toggle(!record.archived),
    onSuccess: (updated) => {
      onDone(updated);
      notifySuccess(
        updated.archived
          ? `${updated.name} no longer shows in lists unless you include archived ${what}.`
          : `${updated.name} is back in your lists.`,
        updated.archived ? 'Archived' : 'Restored',
      );
    },
    onError: (error) => notifyError(error, record.archived ? 'Could not restore' : 'Could not archive'),
  });
  return (
    <Menu.Item
      leftSection={record.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
      onClick={() => archive.mutate()}
      disabled={archive.isPending}
    >
      {record.archived ? 'Restore from archive' : 'Archive'}
    </Menu.Item>
  );
}

export function BackToClients({ to = '/clients', label = 'Clients' }: { to?: string; label?: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed" w="fit-content">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}

function PageMissing({ error, what }: { error: unknown; what: string }) {
  const missing = isApiError(error, 404);
  return (
    <Stack gap="md" maw={640}>
      <BackToClients />
      <Alert
        color={missing ? 'gray' : 'red'}
        variant="light"
        icon={<IconUserOff size={18} />}
        title={missing ? `This ${what} does not exist` : `Could not open this ${what}`}
      >
        {missing
          ? `It may have been erased, or the link is wrong. Look for them in your clients instead.`
          : errorMessage(error)}
      </Alert>
    </Stack>
  );
}

/** A person's or a company's page while it loads, when it is missing, and once it is there. */
export function RecordPage<T>({
  query,
  what,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  what: 'person' | 'company';
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loader aria-label={`Loading the ${what}`} />;
  if (query.isError || query.data === undefined) return <PageMissing error={query.error} what={what} />;
  return children(query.data);
}
