// A contact's open follow-ups, whoever has them, on the contact's page: the same rows as Today,
// expandable to do them in place.
import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { taskKeys, tasksApi } from './api.ts';
import { NewTaskModal } from './NewTaskModal.tsx';
import { TaskList } from './TaskList.tsx';

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ContactTasksCard({ contact }: { contact: { id: string; name: string } }) {
  const [adding, setAdding] = useState(false);
  const params = { contact: contact.id, member: 'all', status: 'open', limit: '50' };
  const list = useQuery({ queryKey: taskKeys.list(params), queryFn: () => tasksApi.list(params) });
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="lg">
            Open follow-ups
          </Title>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            New task
          </Button>
        </Group>
        {list.isPending ? (
          <Loader size="sm" aria-label="Loading follow-ups" />
        ) : list.isError ? (
          <Text size="sm" c="red">
            {errorMessage(list.error)}
          </Text>
        ) : list.data.tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing planned with {contact.name}. Survey answers create follow-ups here automatically; add one
            by hand when you promise something.
          </Text>
        ) : (
          <TaskList tasks={list.data.tasks} today={localToday()} showAssignee showContact={false} />
        )}
      </Stack>
      <NewTaskModal opened={adding} onClose={() => setAdding(false)} contact={contact} />
    </Card>
  );
}
