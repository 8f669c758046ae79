// The built-in outbox: every message Warmpath sent, or, without SMTP, would have sent. Without SMTP
// this is the only place those messages appear, so each one opens as the recipient would see it.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Drawer,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconInfoCircle, IconLock, IconMailOff } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api, type OutboxMessage, type OutboxStatus } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { Truncate } from '../components/Truncate.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';

const statusBadges: Record<OutboxStatus, { label: string; color: string }> = {
  outbox: { label: 'Not sent (no SMTP)', color: 'gray' },
  queued: { label: 'Queued', color: 'blue' },
  sent: { label: 'Sent', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

function StatusBadge({ status }: { status: OutboxStatus }) {
  const badge = statusBadges[status];
  return (
    <Badge variant="light" color={badge.color} style={{ flexShrink: 0, minWidth: 'max-content' }}>
      {badge.label}
    </Badge>
  );
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** Plain text with every http(s) address turned into a link that opens in a new tab. */
function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    // Punctuation right after an address ends the sentence rather than belonging to the address.
    const url = match[0].replace(/[.,;:!?)\]'"]+$/, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <Anchor key={start} href={url} target="_blank" rel="noopener noreferrer" inherit>
        {url}
      </Anchor>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={64} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Box miw={0} style={{ flex: 1, overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Group>
  );
}

function MessageView({ message, timeZone }: { message: OutboxMessage; timeZone: string }) {
  const [view, setView] = useState<'html' | 'text'>('html');
  const showHtml = message.html !== null && view === 'html';

  return (
    <Stack gap="md">
      {message.status === 'outbox' ? (
        <Alert color="gray" variant="light" icon={<IconMailOff size={18} />}>
          This message was not sent because SMTP is not configured. If the recipient still needs it, pass it
          on yourself.
        </Alert>
      ) : null}
      {message.status === 'failed' ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Delivery failed"
          style={{ overflowWrap: 'anywhere' }}
        >
          {message.error ?? 'The mail server refused the message without giving a reason.'}
        </Alert>
      ) : null}
      <Stack gap={6}>
        <Field label="To">
          <Text size="sm">{message.to}</Text>
        </Field>
        <Field label="Subject">
          <Text size="sm" fw={600}>
            {message.subject}
          </Text>
        </Field>
        <Field label="Status">
          <StatusBadge status={message.status} />
        </Field>
        <Field label="Created">
          <Text size="sm">{formatDateTime(message.createdAt, timeZone)}</Text>
        </Field>
        {message.sentAt ? (
          <Field label="Sent">
            <Text size="sm">{formatDateTime(message.sentAt, timeZone)}</Text>
          </Field>
        ) : null}
      </Stack>
      {message.html !== null ? (
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value as 'html' | 'text')}
          data={[
            { value: 'html', label: 'Formatted' },
            { value: 'text', label: 'Plain text' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      ) : null}
      {showHtml ? (
        // An empty sandbox: no scripts, no forms, no navigation, and no access to this page.
        <Box
          component="iframe"
          title={`Formatted body of “${message.subject}”`}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={message.html ?? ''}
          w="100%"
          h="60vh"
          mih={320}
          bd="1px solid var(--mantine-color-default-border)"
          style={{ borderRadius: 'var(--mantine-radius-md)', background: 'white', display: 'block' }}
        />
      ) : (
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)">
          <Box
            component="pre"
            ff="monospace"
            fz="sm"
            m={0}
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {linkify(message.text)}
          </Box>
        </Paper>
      )}
    </Stack>
  );
}

function Created({ iso, timeZone }: { iso: string; timeZone: string }) {
  const absolute = formatDateTime(iso, timeZone);
  return (
    <Text size="sm" component="time" dateTime={iso} title={absolute} style={{ whiteSpace: 'nowrap' }}>
      {formatRelative(iso)}
    </Text>
  );
}

function OutboxTable({
  messages,
  timeZone,
  onOpen,
}: {
  messages: OutboxMessage[];
  timeZone: string;
  onOpen: (message: OutboxMessage) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={840}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>To</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => (
            <Table.Tr key={message.id} onClick={() => onOpen(message)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Truncate size="sm" maw={240}>
                  {message.to}
                </Truncate>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={500}
                  c="var(--mantine-color-text)"
                  underline="hover"
                  truncate="end"
                  title={message.subject}
                  maw={360}
                  display="block"
                  ta="left"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(message);
                  }}
                >
                  {message.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <StatusBadge status={message.status} />
                  {message.status === 'failed' && message.error ? (
                    <Truncate size="xs" c="red" maw={200}>
                      {message.error}
                    </Truncate>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Created iso={message.createdAt} timeZone={timeZone} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Outbox() {
  const session = useSession();
  const timeZone = session.member.timeZone ?? session.workspace.timeZone;
  const narrow = useMediaQuery('(max-width: 40em)');
  const [open, setOpen] = useState<OutboxMessage | null>(null);

  const outbox = useInfiniteQuery({
    queryKey: queryKeys.outbox,
    queryFn: ({ pageParam }) => api.listOutbox({ before: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Queued mail turns into sent or failed on its own: look again while any is waiting.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.messages.some((m) => m.status === 'queued'))
        ? 10_000
        : false,
  });

  const pages = outbox.data?.pages ?? [];
  const messages = pages.flatMap((page) => page.messages);
  // The newest answer says whether mail is being delivered now.
  const delivering = pages[0]?.delivering ?? true;

  return (
    <Stack gap="lg">
      {outbox.data && !delivering ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          Mail is not being sent: SMTP_URL is not configured. Messages appear here instead, exactly as
          recipients would see them.
        </Alert>
      ) : null}
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} fz="lg">
              Outbox
            </Title>
            <Text size="sm" c="dimmed">
              Mail Warmpath has sent for this workspace, newest first. Open a message to see it as the
              recipient does.
            </Text>
          </Stack>
          {outbox.isPending ? (
            <Loader size="sm" aria-label="Loading the outbox" />
          ) : !outbox.data ? (
            <FormError message={errorMessage(outbox.error)} />
          ) : messages.length === 0 ? (
            <Text size="sm" c="dimmed">
              No mail yet. Invites you send from{' '}
              <Anchor component={Link} to="/settings/members" inherit>
                Members
              </Anchor>{' '}
              appear here.
            </Text>
          ) : (
            <>
              <OutboxTable messages={messages} timeZone={timeZone} onOpen={setOpen} />
              {/* Loading another page (or refreshing) can fail while the messages already shown stay. */}
              {outbox.isError ? <FormError message={errorMessage(outbox.error)} /> : null}
              {outbox.hasNextPage ? (
                <Group justify="center">
                  <Button
                    variant="default"
                    loading={outbox.isFetchingNextPage}
                    onClick={() => void outbox.fetchNextPage()}
                  >
                    Load more
                  </Button>
                </Group>
              ) : null}
            </>
          )}
        </Stack>
      </Card>

      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size={narrow ? '100%' : 'lg'}
        title={<Text fw={600}>Message</Text>}
      >
        {open ? <MessageView key={open.id} message={open} timeZone={timeZone} /> : null}
      </Drawer>
    </Stack>
  );
}

export function OutboxSettings() {
  const { member } = useSession();
  if (member.role !== 'owner' && member.role !== 'manager') {
    return (
      <Alert
        color="gray"
        variant="light"
        icon={<IconLock size={18} />}
        title="No access to the outbox"
        maw={640}
      >
        Only managers and owners can see the outbox: the mail Warmpath sends, such as invites. Ask one of them
        if you need to know whether a message went out.
      </Alert>
    );
  }
  return <Outbox />;
}
