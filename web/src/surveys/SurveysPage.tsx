// Surveys: every NPS campaign with how far it got (sent, answered, response rate), and the way
// to start one. The empty state explains what NPS is for, in the method's terms.
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertCircle, IconMessages, IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../api/queries.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { type Survey, useSurveyList } from './api.ts';
import { describeAudience, describeSchedule, percent, statusColors, statusLabels } from './labels.ts';

export function SurveysPage() {
  const { member } = useSession();
  const canManage = member.role !== 'member';
  const list = useSurveyList();
  const surveys = list.data?.surveys ?? [];

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <PageHeader
          title="Surveys"
          description="Ask clients how likely they are to recommend you, then follow up every answer."
        />
        {canManage && surveys.length > 0 ? (
          <Button component={Link} to="/surveys/new" leftSection={<IconPlus size={16} />}>
            New survey
          </Button>
        ) : null}
      </Group>
      {list.isPending ? (
        <Group justify="center" py="xl">
          <Loader aria-label="Loading surveys" />
        </Group>
      ) : list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : surveys.length === 0 ? (
        <NoSurveys canManage={canManage} />
      ) : (
        <Stack gap="sm">
          {surveys.map((survey) => (
            <SurveyRow key={survey.id} survey={survey} />
          ))}
        </Stack>
      )}
    </>
  );
}

function NoSurveys({ canManage }: { canManage: boolean }) {
  return (
    <EmptyState
      py="xl"
      px="md"
      variant="light"
      icon={<IconMessages size={26} />}
      title="No surveys yet"
      description="A survey asks your clients one question: how likely are they to recommend you to a colleague, from 0 to 10. Those who answer 9 or 10 are promoters, 7 or 8 passives, 0 to 6 detractors; your NPS is the share of promoters minus the share of detractors. A good score is not a referral yet: every answer becomes a follow-up for the person on your team who knows that client best."
    >
      <EmptyState.Actions>
        {canManage ? (
          <Button component={Link} to="/surveys/new" leftSection={<IconPlus size={16} />}>
            New survey
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            A manager or owner can start one.
          </Text>
        )}
      </EmptyState.Actions>
    </EmptyState>
  );
}

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{typeof value === 'number' ? value.toLocaleString() : value}</Text>
    </Stack>
  );
}

function SurveyRow({ survey }: { survey: Survey }) {
  const { workspace } = useSession();
  const navigate = useNavigate();
  const { counts } = survey;
  const when = survey.launchedAt
    ? `Launched ${formatDate(survey.launchedAt, workspace.timeZone)}`
    : `Created ${formatDate(survey.createdAt, workspace.timeZone)}`;
  return (
    <UnstyledButton onClick={() => navigate(`/surveys/${survey.id}`)} aria-label={`Open ${survey.name}`}>
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} miw={0}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {survey.name}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {describeAudience(survey.audience)} · {describeSchedule(survey)} · {when}
            </Text>
          </Stack>
          <Badge color={statusColors[survey.status]} variant="light" style={{ flexShrink: 0 }}>
            {statusLabels[survey.status]}
          </Badge>
        </Group>
        {survey.status !== 'draft' ? (
          <SimpleGrid cols={{ base: 2, xs: 4 }} mt="sm" spacing="sm">
            <Stat label="Sent" value={counts.sent + counts.answered} />
            <Stat label="Answered" value={counts.answered} />
            <Stat label="Response rate" value={percent(survey.responseRate)} />
            <Stat
              label={counts.failed > 0 ? 'Failed' : 'Queued'}
              value={counts.failed > 0 ? counts.failed : counts.queued}
            />
          </SimpleGrid>
        ) : null}
      </Card>
    </UnstyledButton>
  );
}
