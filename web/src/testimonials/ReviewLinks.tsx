// The workspace's review sites where a client can leave a review, with a copy button each: shown
// on "ask for a review" tasks and when asking any client from their page. Review sites forbid
// asking only happy customers, so nothing here depends on a score.

import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CopyIconButton } from '../components/CopyIconButton.tsx';
import { useReviewDestinations } from '../surveys/results/api.ts';

export function useActiveReviewSites() {
  const query = useReviewDestinations();
  return { ...query, sites: (query.data?.destinations ?? []).filter((d) => d.active) };
}

export function ReviewLinks({ label = 'Where they can leave a review' }: { label?: string }) {
  const { sites, isPending, isError } = useActiveReviewSites();
  return (
    <Stack gap={4}>
      <Text size="xs" fw={500} c="dimmed">
        {label}
      </Text>
      {isPending ? (
        <Loader size="xs" aria-label="Loading review sites" />
      ) : isError ? (
        <Text size="sm" c="red">
          The review sites could not be loaded.
        </Text>
      ) : sites.length === 0 ? (
        <Text size="sm" c="dimmed">
          No review sites set up yet: add Google, LinkedIn, G2 or your own page in{' '}
          <Anchor component={Link} to="/settings/reviews" inherit>
            Settings → Reviews
          </Anchor>
          .
        </Text>
      ) : (
        sites.map((site) => (
          <Group key={site.id} gap={6} wrap="nowrap">
            <Anchor
              href={site.url}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              lineClamp={1}
              style={{ overflowWrap: 'anywhere' }}
            >
              {site.label}
            </Anchor>
            <CopyIconButton
              value={site.url}
              label={`Copy the address of ${site.label}`}
              tooltip="Copy the address to send it"
              iconSize={14}
              size="sm"
            />
          </Group>
        ))
      )}
    </Stack>
  );
}
