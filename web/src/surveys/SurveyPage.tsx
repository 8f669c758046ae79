// One survey: what it asks and to whom, launch / pause / resume / close (each confirmed), the
// shareable link for clients without email on file, and two tabs: the sends with the delivery
// status of each mail (and why one failed), and the answers.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconArrowLeft,
  IconLink,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconSend,
  IconSquareX,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../api/queries.ts';
import { CopyIconButton } from '../components/CopyIconButton.tsx';
import { errorMessage, notifySuccess } from '../lib/errors.ts';
import { formatDateTime } from '../lib/format.ts';
import {
  invalidateSurvey,
  type SendStatus,
  type Survey,
  type SurveySend,
  surveyKeys,
  surveysApi,
  useAudiencePreview,
  useSends,
  useSurvey,
} from './api.ts';
import {
  describeAudience,
  describeSchedule,
  percent,
  sendStatusColors,
  sendStatusLabels,
  statusColors,
  statusLabels,
} from './labels.ts';
import { SurveyResults } from './results/SurveyResults.tsx';

export function SurveyPage() {
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  const [tab, setTab] = useState<string | null>('sends');
  if (survey.isPending)
    return (
      <Group justify="center" py="xl">
        <Loader aria-label="Loading survey" />
      </Group>
    );
  if (survey.isError)
    return (
      <Stack gap="sm">
        <BackLink />
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorMessage(survey.error)}
        </Alert>
      </Stack>
    );
  const s = survey.data;
  return (
    <Stack gap="md">
      <BackLink />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
          <Group gap="sm" wrap="nowrap" align="center">
            <Title order={1} fz={{ base: 22, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
              {s.name}
            </Title>
            <Badge color={statusColors[s.status]} variant="light" style={{ flexShrink: 0 }}>
              {statusLabels[s.status]}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {describeAudience(s.audience)} · {describeSchedule(s)}
          </Text>
        </Stack>
        <SurveyActions survey={s} />
      </Group>
      <Card withBorder radius="md" padding="md">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {s.question}
        </Text>
        {s.openQuestion ? (
          <Text size="sm" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
            Then: {s.openQuestion}
          </Text>
        ) : null}
        {s.status !== 'draft' ? <Counts survey={s} /> : null}
      </Card>
      {s.shareUrl ? <SharePanel url={s.shareUrl} /> : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sends">Sends</Tabs.Tab>
          <Tabs.Tab value="answers">Answers</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sends" pt="md">
          <SendsTab survey={s} />
        </Tabs.Panel>
        <Tabs.Panel value="answers" pt="md">
          <SurveyResults surveyId={s.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function BackLink() {
  return (
    <Anchor
      component={Link}
      to="/surveys"
      size="sm"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Surveys
    </Anchor>
  );
}

function Stat({ label, value, color }: { label: string; value: string | number; color?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg" c={color}>
        {typeof value === 'number' ? value.toLocaleString() : value}
      </Text>
    </Stack>
  );
}

function Counts({ survey }: { survey: Survey }) {
  const { counts } = survey;
  return (
    <SimpleGrid cols={{ base: 2, xs: 5 }} mt="md" spacing="sm">
      <Stat label="Sent" value={counts.sent + counts.answered} />
      <Stat label="Answered" value={counts.answered} />
      <Stat label="Response rate" value={percent(survey.responseRate)} />
      <Stat label="Queued" value={counts.queued} />
      <Stat label="Failed" value={counts.failed} color={counts.failed ? 'red' : undefined} />
    </SimpleGrid>
  );
}

function SharePanel({ url }: { url: string }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="xs" mb={6} wrap="nowrap">
        <IconLink size={18} aria-hidden />
        <Text fw={600}>Shareable link</Text>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        For clients without an email on file, or to pass around: anyone with this link can answer this survey,
        and their answers count here.
      </Text>
      <TextInput
        value={url}
        readOnly
        aria-label="Shareable link"
        onFocus={(e) => e.currentTarget.select()}
        rightSection={<CopyIconButton value={url} label="Copy link" />}
      />
    </Card>
  );
}

type Confirm = {
  title: string;
  body: ReactNode;
  action: string;
  color?: string;
  run: () => Promise<unknown>;
};

function SurveyActions({ survey }: { survey: Survey }) {
  const { member } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const run = useMutation({
    mutationFn: (c: Confirm) => c.run(),
    onSuccess: () => {
      invalidateSurvey(queryClient, survey.id);
      void queryClient.invalidateQueries({ queryKey: ['surveys', 'survey', survey.id, 'sends'] });
      setConfirm(null);
    },
  });
  if (member.role === 'member') return null;
  const ask = (c: Confirm) => {
    run.reset();
    setConfirm(c);
  };
  const { status } = survey;
  return (
    <Group gap="xs">
      {status !== 'closed' ? (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          component={Link}
          to={`/surveys/${survey.id}/edit`}
        >
          Edit
        </Button>
      ) : null}
      {status === 'draft' ? (
        <Button
          leftSection={<IconSend size={16} />}
          onClick={() =>
            ask({
              title: 'Launch this survey?',
              body: <LaunchSummary survey={survey} />,
              action: 'Launch now',
              run: async () => {
                const result = await surveysApi.launch(survey.id);
                notifySuccess(
                  `${result.queued.toLocaleString()} ${result.queued === 1 ? 'mail is' : 'mails are'} on the way.`,
                  'Survey launched',
                );
              },
            })
          }
        >
          Launch
        </Button>
      ) : null}
      {status === 'active' ? (
        <Button
          variant="default"
          leftSection={<IconPlayerPause size={16} />}
          onClick={() =>
            ask({
              title: 'Pause this survey?',
              body: 'Mail not yet sent waits, and so do reminders and recurring rounds, until you resume it. Answers keep coming in.',
              action: 'Pause',
              run: () => surveysApi.pause(survey.id),
            })
          }
        >
          Pause
        </Button>
      ) : null}
      {status === 'paused' ? (
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          onClick={() =>
            ask({
              title: 'Resume this survey?',
              body: 'Mail that was waiting goes out again, within your workspace’s mails-per-minute limit.',
              action: 'Resume',
              run: () => surveysApi.resume(survey.id),
            })
          }
        >
          Resume
        </Button>
      ) : null}
      {status === 'active' || status === 'paused' ? (
        <Button
          variant="default"
          color="red"
          leftSection={<IconSquareX size={16} />}
          onClick={() =>
            ask({
              title: 'Close this survey?',
              body: `Mail not yet sent (${survey.counts.queued.toLocaleString()} now) is cancelled, and no more reminders or rounds go out. People who already got it can still answer. This cannot be undone.`,
              action: 'Close survey',
              color: 'red',
              run: async () => {
                const result = await surveysApi.close(survey.id);
                notifySuccess(
                  result.cancelled
                    ? `Survey closed; ${result.cancelled.toLocaleString()} unsent mails cancelled.`
                    : 'Survey closed.',
                );
              },
            })
          }
        >
          Close
        </Button>
      ) : null}
      {status === 'draft' ? (
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={16} />}
          onClick={() =>
            ask({
              title: 'Delete this draft?',
              body: 'Nothing was sent; the draft is removed.',
              action: 'Delete draft',
              color: 'red',
              run: async () => {
                await surveysApi.remove(survey.id);
                queryClient.removeQueries({ queryKey: surveyKeys.survey(survey.id) });
                notifySuccess('Draft deleted.');
                navigate('/surveys');
              },
            })
          }
        >
          Delete
        </Button>
      ) : null}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={confirm?.title} centered>
        {confirm ? (
          <Stack gap="md">
            {typeof confirm.body === 'string' ? <Text size="sm">{confirm.body}</Text> : confirm.body}
            {run.isError ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {errorMessage(run.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button color={confirm.color} loading={run.isPending} onClick={() => run.mutate(confirm)}>
                {confirm.action}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Group>
  );
}

function LaunchSummary({ survey }: { survey: Survey }) {
  const preview = useAudiencePreview(survey.audience);
  return (
    <Stack gap="xs">
      {preview.isPending ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Counting who gets it…</Text>
        </Group>
      ) : preview.isError ? (
        <Text size="sm" c="red">
          {errorMessage(preview.error)}
        </Text>
      ) : preview.data.count === 0 ? (
        <Text size="sm" c="red">
          Nobody in this audience can be surveyed now. Edit the audience first.
        </Text>
      ) : (
        <Text size="sm">
          The survey goes to <b>{preview.data.count.toLocaleString()}</b>{' '}
          {preview.data.count === 1 ? 'person' : 'people'} now
          {preview.data.excluded.total ? ` (${preview.data.excluded.total.toLocaleString()} left out)` : ''}.
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {describeSchedule(survey)}. Mail leaves within your workspace’s limit per minute.
      </Text>
    </Stack>
  );
}

const filters: (SendStatus | 'all')[] = ['all', 'queued', 'sent', 'failed', 'answered'];

function SendsTab({ survey }: { survey: Survey }) {
  const { workspace } = useSession();
  const [filter, setFilter] = useState<SendStatus | 'all'>('all');
  const status = filter === 'all' ? null : filter;
  const sends = useSends(survey, status);
  if (survey.status === 'draft')
    return (
      <Text c="dimmed" size="sm">
        Nothing sent yet. When you launch the survey, each mail shows here with its delivery status.
      </Text>
    );
  const rows = sends.data?.pages.flatMap((p) => p.sends) ?? [];
  return (
    <Stack gap="sm">
      <Chip.Group value={filter} onChange={(v) => setFilter(v as SendStatus | 'all')}>
        <Group gap={6}>
          {filters.map((f) => (
            <Chip key={f} value={f} size="sm">
              {f === 'all' ? 'All' : sendStatusLabels[f]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {sends.isPending ? (
        <Loader size="sm" aria-label="Loading sends" />
      ) : sends.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          {errorMessage(sends.error)}
        </Alert>
      ) : rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {filter === 'all' ? 'No sends.' : `No ${sendStatusLabels[filter].toLowerCase()} mail.`}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>Reminded</Table.Th>
                <Table.Th>Answered</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((send) => (
                <SendRow key={send.id} send={send} timeZone={workspace.timeZone} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {sends.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            loading={sends.isFetchingNextPage}
            onClick={() => void sends.fetchNextPage()}
          >
            Show more
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function SendRow({ send, timeZone }: { send: SurveySend; timeZone: string }) {
  const detail =
    send.status === 'failed'
      ? send.error
      : send.status === 'queued' && send.error
        ? `Retrying: ${send.error}`
        : send.status === 'queued' && !send.sentAt
          ? 'Waiting for its turn'
          : send.delivery === 'outbox'
            ? 'In the built-in outbox (no SMTP set up)'
            : null;
  return (
    <Table.Tr>
      <Table.Td maw={260}>
        <Anchor
          component={Link}
          to={`/clients/people/${send.contact.id}`}
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
        >
          {send.contact.name}
        </Anchor>
        {send.contact.email ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {send.contact.email}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td maw={280}>
        <Badge color={sendStatusColors[send.status]} variant="light">
          {sendStatusLabels[send.status]}
        </Badge>
        {detail ? (
          <Text
            size="xs"
            c={send.status === 'failed' ? 'red' : 'dimmed'}
            mt={2}
            style={{ overflowWrap: 'anywhere' }}
          >
            {detail}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(send.sentAt, timeZone) || '–'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(send.remindedAt, timeZone) || '–'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(send.answeredAt, timeZone) || '–'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
