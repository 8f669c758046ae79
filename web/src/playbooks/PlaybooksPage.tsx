// Playbooks: the follow-up plan for each kind of answer, the active one marked, and the way to
// write another. Members read them; managers and owners change them.
import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSession } from '../api/queries.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { type PlaybookListItem, usePlaybookList } from './api.ts';
import { triggerColors, triggerHints, triggerLabels, triggers } from './labels.ts';

export function PlaybooksPage() {
  const { member } = useSession();
  const canManage = member.role !== 'member';
  const list = usePlaybookList();

  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Every survey answer starts a follow-up plan: who talks to the client, when, and with which words. The active playbook of each group is the one new answers go through; editing it never changes tasks already handed out."
      />
      {list.isPending ? (
        <Group justify="center" py="xl">
          <Loader aria-label="Loading playbooks" />
        </Group>
      ) : list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : (
        <Stack gap="xl">
          {triggers.map((trigger) => {
            const playbooks = list.data.playbooks.filter((p) => p.trigger === trigger);
            const hasActive = playbooks.some((p) => p.active);
            return (
              <section key={trigger} aria-labelledby={`trigger-${trigger}`}>
                <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs" mb={6}>
                  <div>
                    <Title order={2} fz="lg" id={`trigger-${trigger}`}>
                      {triggerLabels[trigger]}
                    </Title>
                    <Text size="sm" c="dimmed" maw={640}>
                      {triggerHints[trigger]}
                    </Text>
                  </div>
                  {canManage ? (
                    <Button
                      component={Link}
                      to={`/playbooks/new?trigger=${encodeURIComponent(trigger)}`}
                      variant="default"
                      size="xs"
                      leftSection={<IconPlus size={14} />}
                    >
                      New playbook
                    </Button>
                  ) : null}
                </Group>
                {!hasActive ? (
                  <Alert color="yellow" variant="light" mb="xs">
                    No playbook is active for these answers, so they get no follow-up tasks.
                    {canManage ? ' Open one below and activate it.' : ' Ask a manager to activate one.'}
                  </Alert>
                ) : null}
                <Stack gap="xs">
                  {playbooks.map((p) => (
                    <PlaybookRow key={p.id} playbook={p} />
                  ))}
                </Stack>
              </section>
            );
          })}
        </Stack>
      )}
    </>
  );
}

function PlaybookRow({ playbook }: { playbook: PlaybookListItem }) {
  return (
    <UnstyledButton component={Link} to={`/playbooks/${playbook.id}`} aria-label={`Open ${playbook.name}`}>
      <Card withBorder padding="sm" radius="md" opacity={playbook.archived ? 0.6 : 1}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {playbook.name}
              </Text>
              {playbook.active ? (
                <Badge color={triggerColors[playbook.trigger]} variant="filled">
                  Active
                </Badge>
              ) : playbook.archived ? (
                <Badge color="gray" variant="light">
                  Archived
                </Badge>
              ) : (
                <Badge color="gray" variant="outline">
                  Inactive
                </Badge>
              )}
            </Group>
            {playbook.description ? (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {playbook.description}
              </Text>
            ) : null}
          </Stack>
          <Text size="xs" c="dimmed">
            {playbook.stepCount} {playbook.stepCount === 1 ? 'step' : 'steps'} · version{' '}
            {playbook.currentVersion} · {playbook.enrolments}{' '}
            {playbook.enrolments === 1 ? 'answer' : 'answers'} followed up · changed{' '}
            {formatDate(playbook.updatedAt)}
          </Text>
        </Group>
      </Card>
    </UnstyledButton>
  );
}
