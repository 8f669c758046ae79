// Creating or editing a survey: its name and questions, who gets it (with the live preview), the
// schedule (once, or each person again every N days) and the one reminder.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Radio,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage, fieldFromPath, notifySuccess } from '../lib/errors.ts';
import { type AudienceDraft, AudiencePicker, audienceOf, draftFrom } from './AudiencePicker.tsx';
import { invalidateSurvey, type Survey, surveyKeys, surveysApi, useSurvey } from './api.ts';

const DEFAULT_OPEN_QUESTION = 'What is the main reason for your score?';

export function NewSurveyPage() {
  return <SurveyEditor survey={undefined} />;
}

export function EditSurveyPage() {
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  if (survey.isPending)
    return (
      <Group justify="center" py="xl">
        <Loader aria-label="Loading survey" />
      </Group>
    );
  if (survey.isError)
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
        {errorMessage(survey.error)}
      </Alert>
    );
  return <SurveyEditor survey={survey.data} />;
}

type Values = {
  name: string;
  question: string;
  openQuestion: string;
  audience: AudienceDraft;
  scheduleKind: 'once' | 'recurring';
  repeatEveryDays: number | string;
  remind: boolean;
  reminderAfterDays: number | string;
};

function SurveyEditor({ survey }: { survey: Survey | undefined }) {
  const { workspace, member } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canManage = member.role !== 'member';
  const [values, setValues] = useState<Values>(() => ({
    name: survey?.name ?? '',
    question: survey?.question ?? `How likely are you to recommend ${workspace.name} to a colleague?`,
    openQuestion: survey ? (survey.openQuestion ?? '') : DEFAULT_OPEN_QUESTION,
    audience: draftFrom(survey?.audience),
    scheduleKind: survey?.scheduleKind ?? 'once',
    repeatEveryDays: survey?.repeatEveryDays ?? 180,
    remind: survey ? survey.reminderAfterDays !== null : true,
    reminderAfterDays: survey?.reminderAfterDays ?? 5,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  // Once a one-off survey went out its audience and schedule are history.
  const locked = Boolean(survey?.launchedAt && survey.scheduleKind === 'once');
  const closed = survey?.status === 'closed';

  const save = useMutation({
    mutationFn: async () => {
      const audience = audienceOf(values.audience);
      const local: Record<string, string> = {};
      if (!values.name.trim()) local.name = 'Give the survey a name';
      if (!audience) local.audience = 'Finish choosing who gets it';
      if (Object.keys(local).length) {
        setErrors(local);
        throw new Error('invalid');
      }
      const body = {
        name: values.name,
        question: values.question,
        openQuestion: values.openQuestion.trim() ? values.openQuestion : null,
        reminderAfterDays: values.remind ? Number(values.reminderAfterDays) : null,
        ...(locked
          ? {}
          : {
              audience: audience!,
              scheduleKind: values.scheduleKind,
              repeatEveryDays: values.scheduleKind === 'recurring' ? Number(values.repeatEveryDays) : null,
            }),
      };
      return survey
        ? surveysApi.update(survey.id, body)
        : surveysApi.create({ ...body, audience: audience! });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(surveyKeys.survey(saved.id), saved);
      invalidateSurvey(queryClient, saved.id);
      notifySuccess(survey ? 'Survey saved.' : 'Survey created. Check it, then launch it when ready.');
      navigate(`/surveys/${saved.id}`);
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'invalid') return;
      const fieldErrors: Record<string, string> = {};
      let other = false;
      if (error instanceof ApiError && error.details.length) {
        for (const d of error.details) {
          const field = fieldFromPath(d.path).split('.')[0]!;
          if (field in values) fieldErrors[field] ??= d.message;
          else other = true;
        }
      }
      setErrors(fieldErrors);
      setFormError(Object.keys(fieldErrors).length && !other ? null : errorMessage(error));
    },
  });

  const back = survey ? `/surveys/${survey.id}` : '/surveys';
  return (
    <>
      <Anchor
        component={Link}
        to={back}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> {survey ? survey.name : 'Surveys'}
      </Anchor>
      <PageHeader
        title={survey ? 'Edit survey' : 'New survey'}
        description="One question from 0 to 10, an optional open question, and who gets it. Nothing is sent until you launch it."
      />
      {!canManage ? (
        <Alert color="gray" variant="light" mb="md">
          Only managers and owners can create or change surveys.
        </Alert>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setErrors({});
          setFormError(null);
          save.mutate();
        }}
      >
        <Stack gap="md" maw={760}>
          <FormError message={formError} />
          <Card withBorder radius="md" padding="lg">
            <Stack gap="md">
              <TextInput
                label="Name"
                description="For your team only, e.g. “Autumn 2026 clients”."
                required
                value={values.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={errors.name}
                maxLength={120}
                disabled={closed}
              />
              <Textarea
                label="The 0-10 question"
                description="Clients answer with one click on a score in the email."
                required
                autosize
                minRows={2}
                value={values.question}
                onChange={(e) => set('question', e.currentTarget.value)}
                error={errors.question}
                maxLength={300}
                disabled={closed}
              />
              <TextInput
                label="Open question"
                description="Asked on the page that opens after the click. Leave it empty to ask nothing more."
                value={values.openQuestion}
                onChange={(e) => set('openQuestion', e.currentTarget.value)}
                error={errors.openQuestion}
                maxLength={300}
                disabled={closed}
              />
            </Stack>
          </Card>
          <Card withBorder radius="md" padding="lg">
            {locked ? (
              <Text size="sm" c="dimmed" mb="sm">
                This survey has gone out, so who gets it can no longer change. Create a new survey for another
                audience.
              </Text>
            ) : null}
            <AudiencePicker
              value={values.audience}
              onChange={(audience) => set('audience', audience)}
              readOnly={locked || closed}
              error={errors.audience ?? null}
            />
          </Card>
          <Card withBorder radius="md" padding="lg">
            <Stack gap="md">
              <Radio.Group
                label="When"
                value={values.scheduleKind}
                onChange={(v) => !locked && set('scheduleKind', v as Values['scheduleKind'])}
                error={errors.scheduleKind}
              >
                <Stack gap="xs" mt="xs">
                  <Radio
                    value="once"
                    label="Once: send to everyone when I launch it"
                    disabled={locked || closed}
                  />
                  <Radio
                    value="recurring"
                    label="Recurring: survey each person again after a number of days"
                    disabled={locked || closed}
                  />
                </Stack>
              </Radio.Group>
              {values.scheduleKind === 'recurring' ? (
                <NumberInput
                  label="Survey each person again every"
                  description={`People who join the audience later get it too. Nobody is surveyed twice within ${workspace.surveyMinGapDays} days across all surveys.`}
                  suffix=" days"
                  min={30}
                  max={1095}
                  value={values.repeatEveryDays}
                  onChange={(v) => set('repeatEveryDays', v)}
                  error={errors.repeatEveryDays}
                  disabled={locked || closed}
                  maw={320}
                />
              ) : null}
              <Switch
                label="Remind people who have not answered"
                description="One reminder with the same links, never more."
                checked={values.remind}
                onChange={(e) => set('remind', e.currentTarget.checked)}
                disabled={closed}
              />
              {values.remind ? (
                <NumberInput
                  label="Send the reminder after"
                  suffix=" days"
                  min={1}
                  max={60}
                  value={values.reminderAfterDays}
                  onChange={(v) => set('reminderAfterDays', v)}
                  error={errors.reminderAfterDays}
                  disabled={closed}
                  maw={320}
                />
              ) : null}
            </Stack>
          </Card>
          {canManage && !closed ? (
            <Group justify="flex-end">
              <Button variant="default" component={Link} to={back}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                {survey ? 'Save changes' : 'Create survey'}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </>
  );
}
