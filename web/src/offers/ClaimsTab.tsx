// Claims made on an offer's page, newest first: who claimed, through whose link, and what became
// of it (accepted with its referral, or kept as interest with the reason). Read-only: claims come
// in through the public page.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '../clients/ui.tsx';
import { errorMessage } from '../lib/errors.ts';
import { type Claim, type ClaimOutcome, type OfferDetail, offerKeys, offersApi } from './api.ts';
import { refusalLabels } from './ui.tsx';

function ClaimCard({ claim }: { claim: Claim }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {claim.prospect ? (
                <Anchor component={Link} to={`/clients/people/${claim.prospect.id}`} inherit>
                  {claim.name}
                </Anchor>
              ) : (
                claim.name
              )}
              {claim.company ? (
                <Text span size="sm" c="dimmed" fw={400}>
                  {' '}
                  · {claim.company}
                </Text>
              ) : null}
            </Text>
            <Anchor href={`mailto:${claim.email}`} size="xs" style={{ overflowWrap: 'anywhere' }}>
              {claim.email}
            </Anchor>
          </Stack>
          {claim.outcome === 'accepted' ? (
            <Badge color="teal" variant="light" style={{ flexShrink: 0 }}>
              Accepted
            </Badge>
          ) : (
            <Badge color="yellow" variant="light" tt="none" style={{ flexShrink: 0 }}>
              Interest: {refusalLabels[claim.refusalReason ?? ''] ?? claim.refusalReason ?? 'kept'}
            </Badge>
          )}
        </Group>
        {claim.message ? (
          <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {claim.message}
          </Text>
        ) : null}
        <Group gap="xs" wrap="wrap">
          <RelativeTime iso={claim.createdAt} />
          <Text size="xs" c="dimmed">
            {claim.referrer ? (
              <>
                through{' '}
                <Anchor component={Link} to={`/clients/people/${claim.referrer.id}`} inherit>
                  {claim.referrer.name}
                </Anchor>
                ’s link
              </>
            ) : (
              'no referrer credited'
            )}
          </Text>
          {claim.referral ? (
            <Anchor component={Link} to={`/referrals/${claim.referral.id}`} size="xs">
              Referral ({claim.referral.status.replace('_', ' ')})
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

export function ClaimsTab({ offer }: { offer: OfferDetail }) {
  const [outcome, setOutcome] = useState<ClaimOutcome | null>(null);
  const claims = useInfiniteQuery({
    queryKey: offerKeys.claims(offer.id, outcome),
    queryFn: ({ pageParam }) => offersApi.claims(offer.id, outcome, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = claims.data?.pages.flatMap((p) => p.claims) ?? [];
  return (
    <Stack gap="sm">
      <SegmentedControl
        w="fit-content"
        size="xs"
        value={outcome ?? 'all'}
        onChange={(v) => setOutcome(v === 'all' ? null : (v as ClaimOutcome))}
        data={[
          { value: 'all', label: 'All' },
          { value: 'accepted', label: 'Accepted' },
          { value: 'interest', label: 'Interest' },
        ]}
        aria-label="Show claims"
      />
      {claims.isPending ? (
        <Loader aria-label="Loading claims" />
      ) : claims.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorMessage(claims.error)}
        </Alert>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {outcome === 'interest'
            ? 'Nobody was turned away: claims beyond the capacity, outside the dates or while paused would be kept here.'
            : 'No claims yet. They appear here when a colleague of one of your referrers claims the offer on its page; each accepted claim creates a referral credited to the referrer.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {rows.map((c) => (
            <ClaimCard key={c.id} claim={c} />
          ))}
          {claims.hasNextPage ? (
            <Button
              variant="default"
              w="fit-content"
              loading={claims.isFetchingNextPage}
              onClick={() => void claims.fetchNextPage()}
            >
              Show more
            </Button>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
