import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { setupBody } from '../../../src/features/auth/schemas.ts';
import { PASSWORD_MIN_LENGTH } from '../../../src/shared/schemas.ts';
import { api, isApiError, type SetupInput } from '../api/client.ts';
import { startSession } from '../api/queries.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormError } from '../components/FormError.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { TimeZoneSelect } from '../components/TimeZoneSelect.tsx';
import { applyServerErrors } from '../lib/errors.ts';
import { browserTimeZone } from '../lib/timezones.ts';

type Values = { firmName: string; name: string; email: string; password: string; timeZone: string };
const fields = ['firmName', 'name', 'email', 'password', 'timeZone'] as const;

export function SetupPage() {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [alreadySetUp, setAlreadySetUp] = useState(false);

  const form = useForm<Values>({
    initialValues: { firmName: '', name: '', email: '', password: '', timeZone: browserTimeZone() },
    validate: schemaResolver(setupBody, { sync: true }),
    validateInputOnBlur: true,
  });

  const setup = useMutation({
    mutationFn: (body: SetupInput) => api.setup(body),
    // The route guard moves the new owner on to Today once the session is stored.
    onSuccess: (session) => startSession(queryClient, session),
    onError: (error) => {
      setAlreadySetUp(isApiError(error) && error.code === 'already_set_up');
      setFormError(applyServerErrors(form, error, fields));
    },
  });

  return (
    <AuthLayout
      title="Set up your workspace"
      subtitle="Create the workspace for your firm. You will be its owner and can invite your team next."
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          setup.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormError message={formError} />
          {alreadySetUp ? (
            <Text size="sm">
              <Anchor component={Link} to="/login">
                Go to sign in
              </Anchor>
            </Text>
          ) : null}
          <TextInput
            label="Firm name"
            required
            autoComplete="organization"
            key={form.key('firmName')}
            {...form.getInputProps('firmName')}
          />
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="email"
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordField
            label="Password"
            required
            autoComplete="new-password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <TimeZoneSelect
            required
            description="Used for due dates and reminders. Each person can choose their own later."
            key={form.key('timeZone')}
            {...form.getInputProps('timeZone')}
          />
          <Button type="submit" loading={setup.isPending} fullWidth mt="xs">
            Create workspace
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
