import { Alert, Button, Card, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { updateWorkspaceBody } from '../../../src/features/workspace/schemas.ts';
import { api } from '../api/client.ts';
import { useSession, useUpdateSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { TimeZoneSelect } from '../components/TimeZoneSelect.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';

type Values = { name: string; timeZone: string; overdueEscalationDays: number | string };

export function WorkspaceSettings() {
  const { workspace, member } = useSession();
  const { setWorkspace } = useUpdateSession();
  const canEdit = member.role === 'owner';
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<Values>({
    initialValues: {
      name: workspace.name,
      timeZone: workspace.timeZone,
      overdueEscalationDays: workspace.overdueEscalationDays,
    },
    validate: schemaResolver(updateWorkspaceBody, { sync: true }),
  });

  const save = useMutation({
    mutationFn: (values: Values) =>
      api.updateWorkspace({ ...values, overdueEscalationDays: Number(values.overdueEscalationDays) }),
    onSuccess: (updated) => {
      setWorkspace(updated);
      const values = {
        name: updated.name,
        timeZone: updated.timeZone,
        overdueEscalationDays: updated.overdueEscalationDays,
      };
      form.setInitialValues(values);
      form.setValues(values);
      form.resetDirty(values);
      notifySuccess('Workspace settings saved.');
    },
    onError: (error) =>
      setFormError(applyServerErrors(form, error, ['name', 'timeZone', 'overdueEscalationDays'])),
  });

  return (
    <Card withBorder radius="md" padding="lg" maw={640}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          {!canEdit ? (
            <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
              Only an owner can change the workspace settings.
            </Alert>
          ) : null}
          <FormError message={formError} />
          <TextInput
            label="Firm name"
            description="Shown to everyone in the workspace."
            required={canEdit}
            readOnly={!canEdit}
            variant={canEdit ? 'default' : 'filled'}
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TimeZoneSelect
            description="The default for due dates and reminders. Each person can choose their own in their profile."
            readOnly={!canEdit}
            variant={canEdit ? 'default' : 'filled'}
            key={form.key('timeZone')}
            {...form.getInputProps('timeZone')}
          />
          <NumberInput
            label="Tell managers about overdue follow-ups after"
            description="Managers and owners get one email per task once it is this many days overdue in its owner's time zone."
            suffix=" days"
            min={1}
            max={90}
            readOnly={!canEdit}
            variant={canEdit ? 'default' : 'filled'}
            key={form.key('overdueEscalationDays')}
            {...form.getInputProps('overdueEscalationDays')}
          />
          <TextInput
            label="Workspace ID"
            description="Asked for when one email belongs to members of several workspaces."
            value={workspace.slug}
            readOnly
            variant="filled"
          />
          <TextInput
            label="Created"
            value={formatDate(workspace.createdAt, workspace.timeZone)}
            readOnly
            variant="filled"
          />
          {canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Save changes
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
