// The workspace's review sites where a client can leave a review, with a copy button each: shown
// on "ask for a review" tasks and when asking any client from their page. Review sites forbid
// asking only happy customers, so nothing here depends on a score.
import { ActionIcon, Anchor, CopyButton, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
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
            <CopyButton value={site.url}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the address to send it'} withArrow>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label={`Copy the address of ${site.label}`}
                  >
                    {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        ))
      )}
    </Stack>
  );
}
