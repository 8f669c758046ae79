// The signed-in member's home: their follow-ups overdue (in red, first), due today, then the next
// seven days, each done in place with its outcome. Days are the member's own (their time zone).
import { Alert, Button, Group, Kbd, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconCalendarCheck, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../api/queries.ts';
import { errorMessage } from '../lib/errors.ts';
import { type TaskListItem, taskKeys, tasksApi } from '../tasks/api.ts';
import { shortDay } from '../tasks/labels.ts';
import { NewTaskModal } from '../tasks/NewTaskModal.tsx';
import { TaskList } from '../tasks/TaskList.tsx';

function Group_({
  title,
  hint,
  tasks,
  today,
  color,
}: {
  title: string;
  hint?: string;
  tasks: TaskListItem[];
  today: string;
  color?: string;
}) {
  if (tasks.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs" align="baseline">
        <Title order={2} fz="md" c={color}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {tasks.length}
          {hint ? ` · ${hint}` : ''}
        </Text>
      </Group>
      <TaskList tasks={tasks} today={today} />
    </Stack>
  );
}

export function TodayPage() {
  const { member } = useSession();
  const [adding, setAdding] = useState(false);
  useHotkeys([['n', () => setAdding(true)]]);
  const today = useQuery({ queryKey: taskKeys.today, queryFn: tasksApi.today, refetchInterval: 5 * 60_000 });
  const firstName = member.name.split(/\s+/)[0];

  return (
    <Stack gap="lg" maw={860}>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            Today
          </Title>
          <Text size="sm" c="dimmed">
            {today.data ? `${shortDay(today.data.today)} · ${today.data.timeZone}` : `Hello ${firstName}`}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
          New task{' '}
          <Kbd size="xs" ml={6} visibleFrom="sm">
            N
          </Kbd>
        </Button>
      </Group>

      {today.isPending ? (
        <Loader aria-label="Loading your tasks" />
      ) : today.isError ? (
        <Alert color="red" variant="light" title="Could not load your tasks">
          {errorMessage(today.error)}
        </Alert>
      ) : today.data.overdue.length + today.data.dueToday.length + today.data.upcoming.length === 0 ? (
        <Stack align="center" gap="sm" py="xl" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color="teal">
            <IconCalendarCheck size={30} />
          </ThemeIcon>
          <Title order={2} fz="lg">
            Nothing due: you are all caught up
          </Title>
          <Text size="sm" c="dimmed" maw={520}>
            When a client answers a survey, the follow-up plan puts the steps for you here: who to call, why
            now and what to say. Add a task by hand for anything you promised a client, and close each one
            with what happened.
          </Text>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add a task
          </Button>
        </Stack>
      ) : (
        <Stack gap="xl">
          {today.data.overdue.length > 0 ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              {today.data.overdue.length === 1
                ? 'One follow-up is'
                : `${today.data.overdue.length} follow-ups are`}{' '}
              overdue. A client who said they would recommend you is waiting: start with these.
            </Alert>
          ) : null}
          <Group_ title="Overdue" tasks={today.data.overdue} today={today.data.today} color="red.7" />
          <Group_ title="Due today" tasks={today.data.dueToday} today={today.data.today} />
          {today.data.overdue.length + today.data.dueToday.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing due today. Here is what is coming; you can get ahead by opening any of them.
            </Text>
          ) : null}
          <Group_ title="Next 7 days" hint="coming up" tasks={today.data.upcoming} today={today.data.today} />
        </Stack>
      )}
      <NewTaskModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
