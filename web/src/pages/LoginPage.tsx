import { Alert, Button, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { loginBody } from '../../../src/features/auth/schemas.ts';
import { ApiError, api, type LoginInput } from '../api/client.ts';
import { startSession } from '../api/queries.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { applyServerErrors, errorMessage } from '../lib/errors.ts';

type Values = { email: string; password: string; workspace: string };
const fields = ['email', 'password'] as const;
const INVALID_CREDENTIALS = 'Email or password is incorrect';

/** The workspaces offered by a 409 answer: one detail per workspace, its slug as the message. */
function workspaceChoices(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const slugs = error.details
    .filter((d) => d.path.replace(/^body\./, '') === 'workspace')
    .map((d) => d.message);
  return slugs.length > 0 ? slugs : null;
}

export function LoginPage() {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [choices, setChoices] = useState<{ slugs: string[]; message: string } | null>(null);

  const form = useForm<Values>({
    initialValues: { email: '', password: '', workspace: '' },
    validate: (values) =>
      schemaResolver(loginBody, { sync: true })({ email: values.email, password: values.password }),
  });

  const login = useMutation({
    mutationFn: (body: LoginInput) => api.login(body),
    // The route guard moves the member on once the session is stored.
    onSuccess: (session) => startSession(queryClient, session),
    onError: (error) => {
      const slugs = workspaceChoices(error);
      if (slugs) {
        setChoices({ slugs, message: errorMessage(error) });
        form.setFieldValue('workspace', '');
        setFormError(null);
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        form.setErrors({});
        setFormError(error.message || INVALID_CREDENTIALS);
        return;
      }
      setFormError(applyServerErrors(form, error, fields));
    },
  });

  return (
    <AuthLayout title="Sign in" subtitle="Sign in to your firm's Warmpath workspace.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          if (choices && !values.workspace) {
            form.setFieldError('workspace', 'Choose the workspace to sign in to');
            return;
          }
          login.mutate({
            email: values.email,
            password: values.password,
            ...(choices && values.workspace ? { workspace: values.workspace } : {}),
          });
        })}
      >
        <Stack gap="md">
          <FormError message={formError} />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="username"
            key={form.key('email')}
            {...form.getInputProps('email')}
            onChange={(event) => {
              // A different email may belong to different workspaces.
              setChoices(null);
              form.getInputProps('email').onChange(event);
            }}
          />
          <PasswordField
            label="Password"
            required
            autoComplete="current-password"
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          {choices ? (
            <>
              <Alert
                color="blue"
                variant="light"
                icon={<IconBuildingSkyscraper size={18} />}
                title="Which firm?"
                style={{ overflowWrap: 'anywhere' }}
              >
                {choices.message}
              </Alert>
              <Select
                label="Workspace"
                required
                data={choices.slugs}
                placeholder="Pick one"
                allowDeselect={false}
                comboboxProps={selectComboboxProps}
                key={form.key('workspace')}
                {...form.getInputProps('workspace')}
              />
            </>
          ) : null}
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
