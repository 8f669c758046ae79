// Settings → Surveys: the workspace-wide rules every survey follows (the minimum gap between two
// surveys to the same person, and how many survey mails may leave per minute).
import { Alert, Button, Card, Group, NumberInput, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useSession, useUpdateSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';

type Values = { surveyMinGapDays: number | string; surveyMailsPerMinute: number | string };

export function SurveySettings() {
  const { workspace, member } = useSession();
  const { setWorkspace } = useUpdateSession();
  const canEdit = member.role === 'owner';
  const saved: Values = {
    surveyMinGapDays: workspace.surveyMinGapDays,
    surveyMailsPerMinute: workspace.surveyMailsPerMinute,
  };
  const [values, setValues] = useState<Values>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const dirty =
    Number(values.surveyMinGapDays) !== workspace.surveyMinGapDays ||
    Number(values.surveyMailsPerMinute) !== workspace.surveyMailsPerMinute;

  const save = useMutation({
    mutationFn: () =>
      api.updateWorkspace({
        surveyMinGapDays: Number(values.surveyMinGapDays),
        surveyMailsPerMinute: Number(values.surveyMailsPerMinute),
      }),
    onSuccess: (updated) => {
      setWorkspace(updated);
      setValues({
        surveyMinGapDays: updated.surveyMinGapDays,
        surveyMailsPerMinute: updated.surveyMailsPerMinute,
      });
      notifySuccess('Survey settings saved.');
    },
    onError: (error) =>
      setFormError(applyServerErrors({ setErrors }, error, ['surveyMinGapDays', 'surveyMailsPerMinute'])),
  });

  return (
    <Card withBorder radius="md" padding="lg" maw={640}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setErrors({});
          setFormError(null);
          save.mutate();
        }}
      >
        <Stack gap="md">
          {!canEdit ? (
            <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
              Only an owner can change the survey settings.
            </Alert>
          ) : null}
          <FormError message={formError} />
          <NumberInput
            label="Survey the same person at most once every"
            description="Across all surveys: someone who got any survey more recently is left out of the next one, so clients are not asked too often."
            suffix=" days"
            min={0}
            max={730}
            value={values.surveyMinGapDays}
            onChange={(v) => setValues((s) => ({ ...s, surveyMinGapDays: v }))}
            error={errors.surveyMinGapDays}
            readOnly={!canEdit}
            variant={canEdit ? 'default' : 'filled'}
          />
          <NumberInput
            label="Send at most"
            description="Survey mails and reminders per minute. Mail providers distrust a sudden burst from a new sender; the rest waits its turn."
            suffix=" mails a minute"
            min={1}
            max={10000}
            thousandSeparator=","
            value={values.surveyMailsPerMinute}
            onChange={(v) => setValues((s) => ({ ...s, surveyMailsPerMinute: v }))}
            error={errors.surveyMailsPerMinute}
            readOnly={!canEdit}
            variant={canEdit ? 'default' : 'filled'}
          />
          {canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save changes
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
