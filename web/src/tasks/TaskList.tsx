// A list of tasks, each row expandable in place to everything needed to do it: why it exists (the
// answer and its comment), the script to copy, the channel, who on the team knows the person, the
// history, and the outcome form with snooze and reassign. Rows are accordion buttons, so the
// keyboard works: Tab to a row, Enter or Space to open it, arrows to move between rows.
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Flex,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconClockPause,
  IconMail,
  IconMessage,
  IconPhone,
  IconUserShare,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../api/queries.ts';
import { CopyIconButton } from '../components/CopyIconButton.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime } from '../lib/format.ts';
import { ReviewLinks } from '../testimonials/ReviewLinks.tsx';
import { type TaskDetail, type TaskListItem, taskKeys, tasksApi } from './api.ts';
import { actionLabels, dueWords } from './labels.ts';
import { OutcomeForm } from './OutcomeForm.tsx';
import { ReassignModal, SnoozeModal } from './TaskActions.tsx';

const channelWords = {
  email: 'Email',
  phone: 'Phone',
  text: 'Text message',
  in_person: 'In person',
} as const;
const channelIcons = { email: IconMail, phone: IconPhone, text: IconMessage, in_person: IconUsers } as const;

const categoryColor = { promoter: 'teal', passive: 'yellow', detractor: 'red' } as const;

function Section({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function historyWords(h: TaskDetail['history'][number]): string {
  const by = h.by ? ` by ${h.by.name}` : '';
  switch (h.kind) {
    case 'created':
      return `Created${by}${h.to && h.to.id !== h.by?.id ? ` for ${h.to.name}` : ''}`;
    case 'snoozed':
      return `Snoozed${by} until ${String(h.data.until ?? '')}`;
    case 'reassigned':
      return `Reassigned${by} from ${h.from?.name ?? 'someone'} to ${h.to?.name ?? 'someone'}`;
    case 'escalated':
      return 'Managers told it is overdue';
    case 'completed':
      return `Closed${by}`;
    default:
      return `${h.kind}${by}`;
  }
}

function TaskBody({ taskId, today }: { taskId: string; today: string }) {
  const { member, workspace } = useSession();
  const [snoozing, setSnoozing] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const detail = useQuery({ queryKey: taskKeys.detail(taskId), queryFn: () => tasksApi.get(taskId) });
  if (detail.isPending) return <Loader size="sm" aria-label="Loading the task" />;
  if (detail.isError)
    return (
      <Alert color="red" variant="light">
        {errorMessage(detail.error)}
      </Alert>
    );
  const task = detail.data;
  const canAct = task.status === 'open' && (task.assignee.id === member.id || member.role !== 'member');
  const channel = task.channel ?? task.contact?.preferredChannel ?? null;
  const ChannelIcon = channel ? channelIcons[channel] : null;
  const tz = member.timeZone ?? workspace.timeZone;
  return (
    <Stack gap="md">
      {task.answer || task.reason ? (
        <Section label="Why now">
          {task.answer ? (
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={categoryColor[task.answer.category]} variant="light" style={{ flexShrink: 0 }}>
                {task.answer.score}/10
              </Badge>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {task.answer.comment ? `“${task.answer.comment}”` : 'No comment left.'}{' '}
                <Text span size="xs" c="dimmed">
                  {task.answer.surveyName}, {formatDateTime(task.answer.answeredAt, tz)}
                </Text>
              </Text>
            </Group>
          ) : null}
          {task.reason ? (
            <Text size="sm" c={task.answer ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
              {task.reason}
            </Text>
          ) : null}
        </Section>
      ) : null}
      {task.script ? (
        <Section label="Suggested words">
          <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)" pos="relative">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} pr={36}>
              {task.script}
            </Text>
            <CopyIconButton value={task.script} label="Copy the script" pos="absolute" top={6} right={6} />
          </Paper>
        </Section>
      ) : null}
      {task.action === 'ask_review' ? <ReviewLinks /> : null}
      <Group gap="xl" align="flex-start" wrap="wrap">
        {task.contact ? (
          <Section label="Who">
            <Anchor component={Link} to={`/clients/people/${task.contact.id}`} size="sm">
              {task.contact.name}
            </Anchor>
          </Section>
        ) : null}
        <Section label="Channel">
          <Group gap={6}>
            {ChannelIcon ? <IconSpan icon={ChannelIcon} /> : null}
            <Text size="sm">
              {channel ? channelWords[channel] : 'No preference known'}
              {!task.channel && task.contact?.preferredChannel ? ' (their preference)' : ''}
            </Text>
          </Group>
        </Section>
        <Section
          label={`${task.assignee.id === member.id ? 'Your' : `${task.assignee.name}'s`} relationship`}
        >
          <Text size="sm">
            {task.relationship
              ? `Strength ${task.relationship.strength} of 100`
              : 'No conversation logged yet'}
          </Text>
        </Section>
        {task.others.length > 0 ? (
          <Section label="Others who know them">
            <Text size="sm">{task.others.map((o) => `${o.name} (${o.strength})`).join(', ')}</Text>
          </Section>
        ) : null}
      </Group>
      {task.relationship?.reasons.length ? (
        <Text size="xs" c="dimmed">
          {task.relationship.reasons.join(' · ')}
        </Text>
      ) : null}
      {task.assignmentNote ? (
        <Text size="xs" c="dimmed">
          Assigned: {task.assignmentNote}
        </Text>
      ) : null}
      {canAct ? (
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600} size="sm">
                What happened?
              </Text>
              <Group gap="xs">
                <Button
                  size="compact-sm"
                  variant="default"
                  leftSection={<IconClockPause size={14} />}
                  onClick={() => setSnoozing(true)}
                >
                  Snooze
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  leftSection={<IconUserShare size={14} />}
                  onClick={() => setReassigning(true)}
                >
                  Reassign
                </Button>
              </Group>
            </Group>
            <OutcomeForm task={task} />
          </Stack>
        </Paper>
      ) : task.status === 'done' ? (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title="Closed">
          {task.reached ? 'Reached' : 'Not reached'}
          {task.completedBy ? ` — reported by ${task.completedBy.name}` : ''}
          {task.completedAt ? `, ${formatDateTime(task.completedAt, tz)}` : ''}.
          {task.outcomeNote ? ` ${task.outcomeNote}` : ''}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {task.assignee.name} closes this task with its outcome (
          {dueWords(task.effectiveDueOn, today).toLowerCase()}).
        </Text>
      )}
      {task.history.length > 0 ? (
        <Section label="History">
          <Stack gap={2}>
            {task.history.map((h) => (
              <Text key={h.id} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {formatDateTime(h.at, tz)} · {historyWords(h)}
                {h.reason ? `: ${h.reason}` : ''}
              </Text>
            ))}
          </Stack>
        </Section>
      ) : null}
      {canAct ? (
        <>
          <SnoozeModal task={task} opened={snoozing} onClose={() => setSnoozing(false)} />
          <ReassignModal task={task} opened={reassigning} onClose={() => setReassigning(false)} />
        </>
      ) : null}
    </Stack>
  );
}

function IconSpan({ icon: Icon }: { icon: typeof IconPhone }) {
  return (
    <Box c="dimmed" display="inline-flex" aria-hidden>
      <Icon size={16} />
    </Box>
  );
}

function RowHeader({
  task,
  today,
  showAssignee,
  showContact,
}: {
  task: TaskListItem;
  today: string;
  showAssignee: boolean;
  showContact: boolean;
}) {
  const due = task.status === 'open' ? dueWords(task.effectiveDueOn, today) : null;
  return (
    // On a phone the badge goes under the text, so that the contact's name keeps the whole width.
    <Flex
      direction={{ base: 'column', xs: 'row' }}
      justify="space-between"
      align={{ base: 'flex-start', xs: 'center' }}
      gap={{ base: 6, xs: 'sm' }}
      miw={0}
    >
      <Stack gap={2} miw={0} maw="100%">
        <Text fw={600} size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {task.title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
          {showContact
            ? `${task.contact?.name ?? 'Nobody'}${task.contact?.accountName ? ` · ${task.contact.accountName}` : ''} · `
            : ''}
          {actionLabels[task.action]}
          {showAssignee ? ` · ${task.assignee.name}` : ''}
        </Text>
      </Stack>
      {due ? (
        <Badge
          color={task.overdue ? 'red' : due === 'Due today' ? 'orange' : 'gray'}
          variant={task.overdue ? 'filled' : 'light'}
          leftSection={task.overdue ? <IconAlertTriangle size={12} aria-hidden /> : null}
          style={{ flexShrink: 0 }}
          tt="none"
        >
          {due}
        </Badge>
      ) : task.status === 'done' ? (
        <Badge color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>
          Done
        </Badge>
      ) : null}
    </Flex>
  );
}

export function TaskList({
  tasks,
  today,
  showAssignee = false,
  showContact = true,
}: {
  tasks: TaskListItem[];
  /** The viewer's today (YYYY-MM-DD), for "due in 3 days". */
  today: string;
  showAssignee?: boolean;
  /** False on the contact's own page, where their name would only repeat the heading. */
  showContact?: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Accordion
      value={open}
      onChange={setOpen}
      variant="separated"
      radius="md"
      chevronPosition="right"
      styles={{ control: { paddingBlock: 4 }, label: { minWidth: 0 } }}
    >
      {tasks.map((task) => (
        <Accordion.Item
          key={task.id}
          value={task.id}
          style={task.overdue ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
        >
          <Accordion.Control aria-label={`${task.title}${task.contact ? ` with ${task.contact.name}` : ''}`}>
            <RowHeader task={task} today={today} showAssignee={showAssignee} showContact={showContact} />
          </Accordion.Control>
          <Accordion.Panel>
            {open === task.id ? <TaskBody taskId={task.id} today={today} /> : null}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
