// An offer's personal links: give them to clients and partners (one live link each), copy the
// link or the suggested wording with the referrer's name filled in, revoke or replace a link.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  CloseButton,
  Collapse,
  Group,
  Loader,
  Menu,
  Modal,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconDots, IconLinkOff, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { KindBadge } from '../clients/ui.tsx';
import { FormError } from '../components/FormError.tsx';
import { errorMessage, notifySuccess } from '../lib/errors.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';
import { invalidateLinks, type OfferDetail, offerKeys, offersApi, type ShareLink } from './api.ts';
import { CopyLinkButtons, formatCount, formatMoney, LinkText } from './ui.tsx';

function GiveLinks({ offer }: { offer: OfferDetail }) {
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<ContactChoice[]>([]);
  const [current, setCurrent] = useState<ContactChoice | null>(null);
  const create = useMutation({
    mutationFn: () =>
      offersApi.createLinks(
        offer.id,
        picked.map((c) => c.id),
      ),
    onSuccess: (result) => {
      invalidateLinks(queryClient, offer.id);
      const kept = result.links.length - result.created;
      notifySuccess(
        `${result.created} new ${result.created === 1 ? 'link' : 'links'}${kept > 0 ? `; ${kept} already had one` : ''}.`,
        'Links ready to copy',
      );
      setPicked([]);
    },
  });
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={2} fz="md">
          Give referrers their link
        </Title>
        <Text size="sm" c="dimmed">
          Clients and partners each get one personal link to this offer; every click and claim through it is
          credited to them. Someone who already has a link keeps it.
        </Text>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <div style={{ flex: '1 1 260px', minWidth: 0 }}>
            <ContactPicker
              label="Referrer"
              value={current}
              onChange={(choice) => {
                create.reset();
                if (choice && !picked.some((p) => p.id === choice.id)) setPicked((p) => [...p, choice]);
                setCurrent(null);
              }}
            />
          </div>
        </Group>
        {picked.length > 0 ? (
          <Group gap={6} wrap="wrap">
            {picked.map((c) => (
              <Badge
                key={c.id}
                variant="light"
                tt="none"
                size="lg"
                maw="100%"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={`Remove ${c.name}`}
                    onClick={() => setPicked((p) => p.filter((x) => x.id !== c.id))}
                  />
                }
              >
                {c.name}
              </Badge>
            ))}
          </Group>
        ) : null}
        <FormError message={create.isError ? errorMessage(create.error) : null} />
        <Group justify="flex-end">
          <Button
            leftSection={<IconPlus size={16} />}
            disabled={picked.length === 0}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {picked.length > 1 ? `Create ${picked.length} links` : 'Create link'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

type LinkAction = { kind: 'revoke' | 'reissue'; link: ShareLink };

export function LinkActionModal({
  action,
  onClose,
  onDone,
}: {
  action: LinkAction | null;
  onClose: () => void;
  onDone: (link: ShareLink) => void;
}) {
  const run = useMutation({
    mutationFn: (a: LinkAction) =>
      a.kind === 'revoke' ? offersApi.revoke(a.link.id) : offersApi.reissue(a.link.id),
    onSuccess: (link, a) => {
      notifySuccess(
        a.kind === 'revoke'
          ? `${a.link.referrer.name}’s link no longer works; its code is never reused.`
          : `${a.link.referrer.name} has a new link; the old one no longer works.`,
      );
      onDone(link);
      onClose();
    },
  });
  const name = action?.link.referrer.name ?? '';
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      onExitTransitionEnd={() => run.reset()}
      centered
      title={
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {action?.kind === 'revoke' ? `Revoke ${name}’s link?` : `Give ${name} a new link?`}
        </Text>
      }
    >
      {action ? (
        <Stack gap="md">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {action.kind === 'revoke'
              ? 'Anyone who opens it will read that the link is no longer active. Clicks and claims already made stay credited to them.'
              : 'The current link stops working at once (people who open it read that it is no longer active) and a new code replaces it. Send the new link to them.'}
          </Text>
          <FormError message={run.isError ? errorMessage(run.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              color={action.kind === 'revoke' ? 'red' : undefined}
              loading={run.isPending}
              onClick={() => run.mutate(action)}
            >
              {action.kind === 'revoke' ? 'Revoke link' : 'Replace link'}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

export function LinkStatsLine({ link, currency }: { link: ShareLink; currency: string }) {
  const s = link.stats;
  return (
    <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatCount(s.clicks)} {s.clicks === 1 ? 'click' : 'clicks'} · {formatCount(s.visits)} unique ·{' '}
      {formatCount(s.claims)} {s.claims === 1 ? 'claim' : 'claims'}
      {s.interest ? ` (+${formatCount(s.interest)} interest)` : ''} · {formatCount(s.won)} won
      {s.revenue ? ` · ${formatMoney(s.revenue, currency)}` : ''}
    </Text>
  );
}

function LinkRow({
  link,
  currency,
  archived,
  onAction,
}: {
  link: ShareLink;
  currency: string;
  archived: boolean;
  onAction: (a: LinkAction) => void;
}) {
  const revoked = link.revokedAt !== null;
  return (
    <Card withBorder radius="md" padding="sm" opacity={revoked ? 0.75 : 1}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} miw={0} style={{ flex: 1 }}>
            <Group gap={6} wrap="wrap" miw={0}>
              <Anchor
                component={Link}
                to={`/clients/people/${link.referrer.id}`}
                fw={600}
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                {link.referrer.name}
              </Anchor>
              <KindBadge kind={link.referrer.kind} />
              {revoked ? (
                <Badge color="gray" variant="outline" size="sm">
                  Revoked
                </Badge>
              ) : null}
            </Group>
            {link.referrer.account ? (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {link.referrer.account}
              </Text>
            ) : null}
          </Stack>
          {archived ? null : (
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Link actions for ${link.referrer.name}`}
                >
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconRefresh size={16} />}
                  onClick={() => onAction({ kind: 'reissue', link })}
                >
                  {revoked ? 'Give a new link…' : 'Replace with a new link…'}
                </Menu.Item>
                {revoked ? null : (
                  <Menu.Item
                    color="red"
                    leftSection={<IconLinkOff size={16} />}
                    onClick={() => onAction({ kind: 'revoke', link })}
                  >
                    Revoke…
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <LinkText url={link.url} revoked={revoked} />
        <LinkStatsLine link={link} currency={currency} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Box miw={0} style={{ flex: '1 1 260px' }}>
            <CopyLinkButtons link={link} />
          </Box>
          <Text size="xs" c="dimmed" title={formatDateTime(revoked ? link.revokedAt : link.createdAt)}>
            {revoked ? 'Revoked' : 'Given'} {formatRelative(revoked ? link.revokedAt : link.createdAt)}
            {link.createdBy && !revoked ? ` by ${link.createdBy}` : ''}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

export function LinksTab({ offer }: { offer: OfferDetail }) {
  const queryClient = useQueryClient();
  const links = useQuery({ queryKey: offerKeys.links(offer.id), queryFn: () => offersApi.links(offer.id) });
  const [action, setAction] = useState<LinkAction | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const archived = offer.status === 'archived';
  const live = links.data?.links.filter((l) => !l.revokedAt) ?? [];
  const revoked = links.data?.links.filter((l) => l.revokedAt) ?? [];
  const currency = links.data?.currency ?? offer.currency;

  return (
    <Stack gap="md">
      {archived ? null : <GiveLinks offer={offer} />}
      {links.isPending ? (
        <Loader aria-label="Loading links" />
      ) : links.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorMessage(links.error)}
        </Alert>
      ) : (
        <>
          {live.length === 0 ? (
            <Text size="sm" c="dimmed">
              {archived
                ? 'No live links.'
                : 'No one has a link yet. Choose a client above, then copy their link or the suggested message for them, or send it from their page.'}
            </Text>
          ) : (
            <Stack gap="xs">
              {live.map((link) => (
                <LinkRow
                  key={link.id}
                  link={link}
                  currency={currency}
                  archived={archived}
                  onAction={setAction}
                />
              ))}
            </Stack>
          )}
          {revoked.length > 0 ? (
            <Stack gap="xs">
              <Button
                variant="subtle"
                color="gray"
                size="xs"
                w="fit-content"
                onClick={() => setShowRevoked((v) => !v)}
              >
                {showRevoked ? 'Hide' : 'Show'} {revoked.length} revoked{' '}
                {revoked.length === 1 ? 'link' : 'links'}
              </Button>
              <Collapse expanded={showRevoked}>
                <Stack gap="xs">
                  {revoked.map((link) => (
                    <LinkRow
                      key={link.id}
                      link={link}
                      currency={currency}
                      archived={archived}
                      onAction={setAction}
                    />
                  ))}
                </Stack>
              </Collapse>
            </Stack>
          ) : null}
        </>
      )}
      <LinkActionModal
        action={action}
        onClose={() => setAction(null)}
        onDone={() => invalidateLinks(queryClient, offer.id)}
      />
    </Stack>
  );
}
