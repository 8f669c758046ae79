// One offer: its numbers, and tabs for the personal links (give, copy, revoke, re-issue), the
// claims made on it and its stats by referrer. Managers pause, resume, edit and archive it.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Modal,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconArchive,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { useSession } from '../api/queries.ts';
import { BackToClients, EntityHeader } from '../clients/shells.tsx';
import { errorMessage, notifySuccess } from '../lib/errors.ts';
import { type OfferDetail, offersApi, storeOffer, useOffer } from './api.ts';
import { ClaimsTab } from './ClaimsTab.tsx';
import { LinksTab } from './LinksTab.tsx';
import { StatsTab } from './StatsTab.tsx';
import {
  capacityUsed,
  formatCount,
  formatMoney,
  formatPeriod,
  OfferStatusBadge,
  offerTypeLabels,
  plural,
} from './ui.tsx';

type Action = 'pause' | 'resume' | 'archive';

const confirmations: Record<Action, { title: string; text: string; button: string; color: string }> = {
  pause: {
    title: 'Pause this offer?',
    text: 'Links keep working, but the page takes new claims only as interest (kept, not lost) until you resume it.',
    button: 'Pause offer',
    color: 'yellow',
  },
  resume: {
    title: 'Resume this offer?',
    text: 'The page takes claims again, within its capacity and dates.',
    button: 'Resume offer',
    color: 'teal',
  },
  archive: {
    title: 'Archive this offer?',
    text: 'It cannot be resumed or edited afterwards. Links already passed on keep working and say politely that the offer has ended; claims, links and numbers are kept.',
    button: 'Archive offer',
    color: 'red',
  },
};

const doneMessages: Record<Action, string> = {
  pause: 'Paused: new claims are kept as interest.',
  resume: 'The offer takes claims again.',
  archive: 'Archived: its links now say the offer has ended.',
};

export function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder radius="md" padding="sm" title={hint}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg" style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

function OfferView({ offer }: { offer: OfferDetail }) {
  const { member } = useSession();
  const canManage = member.role !== 'member';
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'links';
  const change = useMutation({
    mutationFn: (action: Action) =>
      action === 'pause'
        ? offersApi.pause(offer.id)
        : action === 'resume'
          ? offersApi.resume(offer.id)
          : offersApi.archive(offer.id),
    onSuccess: (updated, action) => {
      storeOffer(queryClient, updated);
      notifySuccess(doneMessages[action]);
      setConfirming(null);
    },
  });
  const archived = offer.status === 'archived';
  const s = offer.stats;

  return (
    <Stack gap="lg">
      <EntityHeader
        back={<BackToClients to="/offers" label="Offers" />}
        name={offer.title}
        subtitle={
          <Text size="sm" c="dimmed">
            {offerTypeLabels[offer.type]} · {formatPeriod(offer)}
            {offer.owner ? ` · claims go to ${offer.owner.name}` : ''}
          </Text>
        }
        badges={<OfferStatusBadge status={offer.status} />}
        archived={false}
        actions={
          canManage && !archived ? (
            <Button
              component={Link}
              to={`/offers/${offer.id}/edit`}
              variant="default"
              leftSection={<IconPencil size={16} />}
            >
              Edit
            </Button>
          ) : null
        }
        menu={
          canManage && !archived ? (
            <>
              {offer.status === 'active' ? (
                <Menu.Item leftSection={<IconPlayerPause size={16} />} onClick={() => setConfirming('pause')}>
                  Pause…
                </Menu.Item>
              ) : (
                <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => setConfirming('resume')}>
                  Resume…
                </Menu.Item>
              )}
              <Menu.Divider />
              <Menu.Item
                color="red"
                leftSection={<IconArchive size={16} />}
                onClick={() => setConfirming('archive')}
              >
                Archive…
              </Menu.Item>
            </>
          ) : (
            <Menu.Item disabled>
              {archived ? 'Archived offers cannot change' : 'Only managers and owners change offers'}
            </Menu.Item>
          )
        }
      />

      {offer.status === 'paused' ? (
        <Alert color="yellow" variant="light" icon={<IconPlayerPause size={18} />}>
          Paused{canManage ? '' : ' by a manager'}: links still open the page, and new claims are kept as
          interest until the offer is resumed.
        </Alert>
      ) : null}
      {archived ? (
        <Alert color="gray" variant="light" icon={<IconArchive size={18} />}>
          Archived: links already passed on open a page saying the offer has ended. Its links, claims and
          numbers stay here.
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Figure
          label="Clicks"
          value={formatCount(s.clicks)}
          hint={plural(s.visits, 'unique visit', 'unique visits')}
        />
        <Figure label="Claims" value={formatCount(s.claims)} hint={capacityUsed(offer)} />
        <Figure label="Kept as interest" value={formatCount(s.interest)} />
        <Figure label="Referrals" value={formatCount(s.referrals)} />
        <Figure label="Won" value={formatCount(s.won)} />
        <Figure label="Revenue booked" value={formatMoney(s.revenue, offer.currency)} />
      </SimpleGrid>

      <Tabs
        value={tab}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('tab', v ?? 'links');
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="links">
            Links{' '}
            <Badge size="xs" variant="light" ml={4}>
              {offer.liveLinks}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="claims">
            Claims{' '}
            <Badge size="xs" variant="light" ml={4}>
              {s.claims + s.interest}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="stats">Stats</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="links">
          <LinksTab offer={offer} />
        </Tabs.Panel>
        <Tabs.Panel value="claims">
          <ClaimsTab offer={offer} />
        </Tabs.Panel>
        <Tabs.Panel value="stats">
          <StatsTab offer={offer} />
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        onExitTransitionEnd={() => change.reset()}
        title={<Text fw={600}>{confirming ? confirmations[confirming].title : ''}</Text>}
        centered
      >
        {confirming ? (
          <Stack gap="md">
            <Text size="sm">{confirmations[confirming].text}</Text>
            {change.isError ? (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(change.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button
                color={confirmations[confirming].color}
                loading={change.isPending}
                onClick={() => change.mutate(confirming)}
              >
                {confirmations[confirming].button}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

export function OfferPage() {
  const { id = '' } = useParams();
  const offer = useOffer(id);
  if (offer.isPending) return <Loader aria-label="Loading the offer" />;
  if (offer.isError) {
    const missing = isApiError(offer.error, 404);
    return (
      <Stack gap="md" maw={640}>
        <BackToClients to="/offers" label="Offers" />
        <Alert
          color={missing ? 'gray' : 'red'}
          variant="light"
          icon={<IconAlertCircle size={18} />}
          title={missing ? 'This offer does not exist' : 'Could not open this offer'}
        >
          {missing ? (
            <>
              The link may be wrong.{' '}
              <Anchor component={Link} to="/offers">
                See all offers
              </Anchor>
              .
            </>
          ) : (
            errorMessage(offer.error)
          )}
        </Alert>
      </Stack>
    );
  }
  return <OfferView key={offer.data.id} offer={offer.data} />;
}
