// The "Share links" card of a person's page: their personal links to offers with copy buttons for
// the link, the message and the email, and a way to get them a link for another offer.
import { ActionIcon, Alert, Anchor, Button, Card, Group, Menu, Select, Stack, Text } from '@mantine/core';
import { IconDots, IconLinkOff, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ContactDetail } from '../clients/api.ts';
import { CardHeader } from '../clients/shells.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { errorMessage, notifySuccess } from '../lib/errors.ts';
import { invalidateLinks, offerKeys, offersApi, type ShareLink, useOfferList } from './api.ts';
import { LinkActionModal, LinkStatsLine } from './LinksTab.tsx';
import { CopyLinkButtons, LinkText, OfferStatusBadge } from './ui.tsx';

function GetLink({
  contact,
  links,
  onDone,
}: {
  contact: ContactDetail;
  links: ShareLink[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const offers = useOfferList('current');
  const [offerId, setOfferId] = useState<string | null>(null);
  const taken = new Set(links.filter((l) => !l.revokedAt).map((l) => l.offer.id));
  const options = (offers.data?.offers ?? [])
    .filter((o) => !taken.has(o.id))
    .map((o) => ({ value: o.id, label: o.status === 'paused' ? `${o.title} (paused)` : o.title }));
  const create = useMutation({
    mutationFn: (id: string) => offersApi.createLinks(id, [contact.id]),
    onSuccess: (_result, id) => {
      invalidateLinks(queryClient, id);
      notifySuccess(`${contact.name} has a personal link: copy it or the suggested message below.`);
      setOfferId(null);
      onDone();
    },
  });
  if (offers.isPending) return null;
  if ((offers.data?.offers.length ?? 0) === 0) {
    return (
      <Text size="sm" c="dimmed">
        No offers are running.{' '}
        <Anchor component={Link} to="/offers" inherit>
          Offers
        </Anchor>{' '}
        are what clients hand to colleagues, with a personal link that credits them.
      </Text>
    );
  }
  if (options.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {contact.name} has a link to every running offer.
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label="Get a link for an offer"
          placeholder="Choose an offer"
          data={options}
          value={offerId}
          onChange={(v) => {
            setOfferId(v);
            create.reset();
          }}
          comboboxProps={selectComboboxProps}
          style={{ flex: '1 1 200px', minWidth: 0 }}
        />
        <Button
          leftSection={<IconPlus size={16} />}
          disabled={!offerId}
          loading={create.isPending}
          onClick={() => offerId && create.mutate(offerId)}
        >
          Get link
        </Button>
      </Group>
      <FormError message={create.isError ? errorMessage(create.error) : null} />
    </Stack>
  );
}

export function ShareLinksCard({ contact }: { contact: ContactDetail }) {
  const queryClient = useQueryClient();
  const links = useQuery({
    queryKey: offerKeys.contactLinks(contact.id),
    queryFn: () => offersApi.contactLinks(contact.id),
  });
  const [action, setAction] = useState<{ kind: 'revoke' | 'reissue'; link: ShareLink } | null>(null);
  const canHaveLinks = (contact.kind === 'client' || contact.kind === 'partner') && !contact.erased;
  const all = links.data?.links ?? [];
  const live = all.filter((l) => !l.revokedAt);
  // Prospects and people in the network get no links; the card shows only for those who have some.
  if (!canHaveLinks && live.length === 0) return null;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: offerKeys.contactLinks(contact.id) });

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <CardHeader title="Share links" />
        {links.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(links.error)}
          </Alert>
        ) : null}
        {links.data && live.length === 0 ? (
          <Text size="sm" c="dimmed">
            {contact.name} has no personal link yet. With one, every colleague they pass an offer to is
            credited to them.
          </Text>
        ) : null}
        {live.map((link) => (
          <Stack
            key={link.id}
            gap={4}
            pb="xs"
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Group gap={6} wrap="wrap" miw={0}>
                <Anchor
                  component={Link}
                  to={`/offers/${link.offer.id}`}
                  size="sm"
                  fw={600}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {link.offer.title}
                </Anchor>
                {link.offer.status === 'active' ? null : <OfferStatusBadge status={link.offer.status} />}
              </Group>
              {link.offer.status === 'archived' ? null : (
                <Menu position="bottom-end" withinPortal shadow="md">
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Actions for the link to ${link.offer.title}`}
                    >
                      <IconDots size={18} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      leftSection={<IconRefresh size={16} />}
                      onClick={() => setAction({ kind: 'reissue', link })}
                    >
                      Replace with a new link…
                    </Menu.Item>
                    <Menu.Item
                      color="red"
                      leftSection={<IconLinkOff size={16} />}
                      onClick={() => setAction({ kind: 'revoke', link })}
                    >
                      Revoke…
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            <LinkText url={link.url} />
            <LinkStatsLine link={link} currency={links.data?.currency ?? 'USD'} />
            <CopyLinkButtons link={link} />
          </Stack>
        ))}
        {all.length > live.length ? (
          <Text size="xs" c="dimmed">
            {all.length - live.length} revoked {all.length - live.length === 1 ? 'link' : 'links'} kept for
            their numbers.
          </Text>
        ) : null}
        {canHaveLinks && links.data ? <GetLink contact={contact} links={all} onDone={refresh} /> : null}
      </Stack>
      <LinkActionModal
        action={action}
        onClose={() => setAction(null)}
        onDone={(link) => invalidateLinks(queryClient, link.offer.id)}
      />
    </Card>
  );
}
