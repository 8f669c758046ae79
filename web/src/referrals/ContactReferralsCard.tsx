// On a person's page: everything they sent us ("Referrals sent", with stage and booked value, and
// the totals), and who sent them to us ("Referred by"). Each part shows only when it has something,
// except "Referrals sent", which invites recording one.
import { Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../lib/errors.ts';
import { type ReferralListItem, referralKeys, referralsApi } from './api.ts';
import { formatMoney, formatTotals } from './labels.ts';
import { NewReferralModal } from './NewReferralModal.tsx';
import { KindBadge, prospectLabel, StatusBadge } from './ui.tsx';

function Row({ referral, who }: { referral: ReferralListItem; who: 'prospect' | 'referrer' }) {
  const name = who === 'prospect' ? prospectLabel(referral) : (referral.referrer?.name ?? 'Nobody credited');
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
      <Stack gap={2} miw={0}>
        <Anchor
          component={Link}
          to={`/referrals/${referral.id}`}
          size="sm"
          fw={500}
          lineClamp={2}
          style={{ overflowWrap: 'anywhere' }}
        >
          {name}
        </Anchor>
        <Group gap={6}>
          <KindBadge kind={referral.kind} size="xs" />
          <StatusBadge status={referral.status} size="xs" />
        </Group>
      </Stack>
      {referral.bookedValue !== null ? (
        <Text size="sm" fw={600} c="green.8" style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(referral.bookedValue, referral.currency)}
        </Text>
      ) : null}
    </Group>
  );
}

export function ContactReferralsCard({ contact }: { contact: { id: string; name: string } }) {
  const [adding, setAdding] = useState(false);
  const sentParams = { referrer: contact.id, limit: '10' };
  const byParams = { prospect: contact.id, limit: '5' };
  const sent = useQuery({
    queryKey: referralKeys.list(sentParams),
    queryFn: () => referralsApi.list(sentParams),
  });
  const by = useQuery({ queryKey: referralKeys.list(byParams), queryFn: () => referralsApi.list(byParams) });
  const totals = sent.data?.totals;
  const booked = totals ? formatTotals(totals.values, 'booked') : '';
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        {by.data && by.data.referrals.length > 0 ? (
          <Stack gap="xs" pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Title order={2} fz="lg">
              Referred by
            </Title>
            {by.data.referrals.map((r) => (
              <Row key={r.id} referral={r} who="referrer" />
            ))}
          </Stack>
        ) : null}
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="lg">
            Referrals sent
          </Title>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            Record one
          </Button>
        </Group>
        {sent.isPending ? (
          <Loader size="sm" aria-label="Loading referrals" />
        ) : sent.isError ? (
          <Text size="sm" c="red">
            {errorMessage(sent.error)}
          </Text>
        ) : sent.data.referrals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {contact.name} has not sent anyone to you yet. When they recommend you or make an introduction,
            record it here so they get the credit and a thank-you.
          </Text>
        ) : (
          <>
            <Text size="sm">
              <b>{totals!.byKind.introduction}</b> introduction{totals!.byKind.introduction === 1 ? '' : 's'}{' '}
              · <b>{totals!.byKind.recommendation}</b> recommendation
              {totals!.byKind.recommendation === 1 ? '' : 's'}
              {booked ? (
                <>
                  {' '}
                  · booked <b>{booked}</b>
                </>
              ) : null}
            </Text>
            {sent.data.referrals.map((r) => (
              <Row key={r.id} referral={r} who="prospect" />
            ))}
            {totals!.count > sent.data.referrals.length ? (
              <Anchor
                component={Link}
                to={`/referrals/list?referrer=${contact.id}&referrerName=${encodeURIComponent(contact.name)}`}
                size="sm"
              >
                All {totals!.count} referrals from {contact.name}
              </Anchor>
            ) : null}
          </>
        )}
      </Stack>
      <NewReferralModal opened={adding} onClose={() => setAdding(false)} referrer={contact} />
    </Card>
  );
}
