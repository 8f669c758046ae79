import { Alert, Button, Card, Group, Stack, TextInput } from '@mantine/core';
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

type Values = { name: string; timeZone: string };

export function WorkspaceSettings() {
  const { workspace, member } = useSession();
  const { setWorkspace } = useUpdateSession();
  const canEdit = member.role === 'owner';
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<Values>({
    initialValues: { name: workspace.name, timeZone: workspace.timeZone },
    validate: schemaResolver(updateWorkspaceBody, { sync: true }),
  });

  const save = useMutation({
    mutationFn: (values: Values) => api.updateWorkspace(values),
    onSuccess: (updated) => {
      setWorkspace(updated);
      form.setInitialValues({ name: updated.name, timeZone: updated.timeZone });
      form.setValues({ name: updated.name, timeZone: updated.timeZone });
      form.resetDirty({ name: updated.name, timeZone: updated.timeZone });
      notifySuccess('Workspace settings saved.');
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['name', 'timeZone'])),
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
