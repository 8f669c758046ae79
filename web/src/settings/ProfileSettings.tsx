import { Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { changePasswordBody, updateProfileBody } from '../../../src/features/members/schemas.ts';
import { PASSWORD_MIN_LENGTH } from '../../../src/shared/schemas.ts';
import { api } from '../api/client.ts';
import { useSession, useUpdateSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { TimeZoneSelect } from '../components/TimeZoneSelect.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import { roleLabels } from '../lib/format.ts';
import { DigestSetting } from '../today/DigestSetting.tsx';

type ProfileValues = { name: string; timeZone: string | null };

function ProfileForm() {
  const { member, workspace } = useSession();
  const { setMember } = useUpdateSession();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ProfileValues>({
    initialValues: { name: member.name, timeZone: member.timeZone },
    validate: schemaResolver(updateProfileBody, { sync: true }),
  });

  const save = useMutation({
    mutationFn: (values: ProfileValues) => api.updateProfile(values),
    onSuccess: (updated) => {
      setMember(updated);
      const values = { name: updated.name, timeZone: updated.timeZone };
      form.setInitialValues(values);
      form.setValues(values);
      form.resetDirty(values);
      notifySuccess('Your profile is saved.');
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['name', 'timeZone'])),
  });

  return (
    <Card withBorder radius="md" padding="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          <Title order={2} fz="lg">
            Your profile
          </Title>
          <FormError message={formError} />
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput label="Email" value={member.email} readOnly variant="filled" />
          <TextInput label="Role" value={roleLabels[member.role]} readOnly variant="filled" />
          <TimeZoneSelect
            clearable
            allowDeselect
            placeholder={`Workspace time zone (${workspace.timeZone})`}
            description={`Leave empty to follow the workspace (${workspace.timeZone}).`}
            key={form.key('timeZone')}
            {...form.getInputProps('timeZone')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

function PasswordForm() {
  const { member } = useSession();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PasswordValues>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: (values) => {
      const errors = schemaResolver(changePasswordBody, { sync: true })({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      if (values.confirmPassword !== values.newPassword) {
        errors.confirmPassword = 'The two new passwords do not match';
      }
      return errors;
    },
  });

  const change = useMutation({
    mutationFn: (values: PasswordValues) =>
      api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      form.reset();
      notifySuccess('Use your new password next time you sign in.', 'Password changed');
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['currentPassword', 'newPassword'])),
  });

  return (
    <Card withBorder radius="md" padding="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          change.mutate(values);
        })}
      >
        <Stack gap="md">
          <Title order={2} fz="lg">
            Change password
          </Title>
          <FormError message={formError} />
          {/* Lets password managers tie the new password to the right account. */}
          <input type="text" name="username" autoComplete="username" value={member.email} hidden readOnly />
          <PasswordField
            label="Current password"
            required
            autoComplete="current-password"
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label="New password"
            required
            autoComplete="new-password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <PasswordField
            label="Confirm new password"
            required
            autoComplete="new-password"
            key={form.key('confirmPassword')}
            {...form.getInputProps('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function ProfileSettings() {
  return (
    <Stack gap="lg" maw={640}>
      <ProfileForm />
      <DigestSetting />
      <PasswordForm />
    </Stack>
  );
}
