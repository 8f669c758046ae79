// A client's or partner's personal referrer page, from the contact's page: make it, copy or email
// its address, re-issue it (the old address stops working) or revoke it, and when it was last
// opened. The page itself is public and shows no values, notes or surnames.
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconDots, IconExternalLink, IconLink, IconMail, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clientKeys } from '../clients/api.ts';
import { CopyIconButton } from '../components/CopyIconButton.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import { formatDate, formatRelative } from '../lib/format.ts';
import { offerKeys } from '../offers/api.ts';
import { referrerPageKeys, referrerPagesApi } from './api.ts';

type Person = { id: string; name: string };

function SendModal({ contact, opened, onClose }: { contact: Person; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () => referrerPagesApi.send(contact.id, { note: note.trim() || undefined }),
    onSuccess: (sent) => {
      queryClient.invalidateQueries({ queryKey: referrerPageKeys.of(contact.id) });
      queryClient.invalidateQueries({ queryKey: offerKeys.contactLinks(contact.id) });
      queryClient.invalidateQueries({ queryKey: clientKeys.contactTimeline(contact.id) });
      notifySuccess(
        sent.delivery === 'queued'
          ? `On its way to ${sent.sentTo}.`
          : `Saved in the outbox for ${sent.sentTo} (no mail server is set up).`,
        'Referrer page sent',
      );
      onClose();
    },
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        setNote('');
        send.reset();
      }}
      size="md"
      title={`Email ${contact.name} their page`}
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
      formError={send.isError ? errorMessage(send.error) : null}
      submitLabel="Send"
      submitting={send.isPending}
    >
      <Text size="sm">
        The email says what the page holds and links to it. Their personal link for every active offer is made
        now if it is missing.
      </Text>
      <Textarea
        label="A personal line (optional)"
        description="Shown above the link, in your words."
        autosize
        minRows={3}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        data-autofocus
      />
    </FormModal>
  );
}

export function ReferrerPageCard({ contact }: { contact: Person }) {
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  const state = useQuery({
    queryKey: referrerPageKeys.of(contact.id),
    queryFn: () => referrerPagesApi.get(contact.id),
  });
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: referrerPageKeys.of(contact.id) });
    // Making the page makes their share links too.
    queryClient.invalidateQueries({ queryKey: offerKeys.contactLinks(contact.id) });
    queryClient.invalidateQueries({ queryKey: clientKeys.contactTimeline(contact.id) });
  };
  const create = useMutation({
    mutationFn: () => referrerPagesApi.create(contact.id),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  const reissue = useMutation({
    mutationFn: () => referrerPagesApi.reissue(contact.id),
    onSuccess: () => {
      refresh();
      notifySuccess('The old address no longer works. Share the new one.', 'New address made');
    },
    onError: (error) => notifyError(error),
  });
  const revoke = useMutation({
    mutationFn: () => referrerPagesApi.revoke(contact.id),
    onSuccess: () => {
      refresh();
      notifySuccess('The page no longer opens for anyone.', 'Referrer page revoked');
    },
    onError: (error) => notifyError(error),
  });

  const page = state.data?.page ?? null;
  const cannotEmail = state.data?.cannotEmail ?? null;
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="lg">
            Referrer page
          </Title>
          {page ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label="More about the referrer page">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => reissue.mutate()}>
                  Make a new address
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => revoke.mutate()}>
                  Revoke
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
        {state.isPending ? (
          <Loader size="sm" aria-label="Loading the referrer page" />
        ) : state.isError ? (
          <Text size="sm" c="red">
            {errorMessage(state.error)}
          </Text>
        ) : page ? (
          <>
            <Text size="sm" c="dimmed">
              Their offers with personal links and wording to copy, and how the people they sent are doing
              (first names only, never values).
            </Text>
            <TextInput
              readOnly
              value={page.url}
              aria-label="Address of the referrer page"
              leftSection={<IconLink size={16} />}
              rightSectionWidth={64}
              rightSection={
                <Group gap={2} wrap="nowrap">
                  <CopyIconButton value={page.url} label="Copy the address" />
                  <Tooltip label="Open the page" withArrow>
                    <ActionIcon
                      component="a"
                      href={page.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      variant="subtle"
                      color="gray"
                      aria-label="Open the page"
                    >
                      <IconExternalLink size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              }
            />
            <Text size="xs" c="dimmed">
              {page.lastViewedAt
                ? `Last opened ${formatRelative(page.lastViewedAt)}`
                : `Not opened yet · made ${formatDate(page.createdAt)}`}
              {' · '}
              {page.activeOffers === 0
                ? 'no active offers'
                : `${page.offersWithLink} of ${page.activeOffers} active offer${page.activeOffers === 1 ? '' : 's'} with a link`}
            </Text>
            <Group gap="xs">
              <Tooltip label={cannotEmail} disabled={!cannotEmail} withArrow multiline maw={260}>
                <Button
                  size="xs"
                  leftSection={<IconMail size={14} />}
                  onClick={() => setSending(true)}
                  disabled={Boolean(cannotEmail)}
                >
                  Send by email
                </Button>
              </Tooltip>
              {page.offersWithLink < page.activeOffers ? (
                <Button
                  size="xs"
                  variant="default"
                  loading={create.isPending}
                  onClick={() => create.mutate()}
                >
                  Make missing links
                </Button>
              ) : null}
            </Group>
            {cannotEmail ? (
              <Text size="xs" c="dimmed">
                {cannotEmail} Copy the address and pass it on yourself.
              </Text>
            ) : null}
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              A personal page for {contact.name}: the offers they can pass on, each with their own link and
              wording to copy, and what came of the people they sent you. No sign-in; you can revoke it at any
              time.
            </Text>
            {state.data?.revokedAt ? (
              <Alert variant="light" color="gray" p="xs">
                <Text size="xs">The last page was revoked {formatRelative(state.data.revokedAt)}.</Text>
              </Alert>
            ) : null}
            <Group>
              <Button size="xs" onClick={() => create.mutate()} loading={create.isPending}>
                Make their page
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <SendModal contact={contact} opened={sending} onClose={() => setSending(false)} />
    </Card>
  );
}
