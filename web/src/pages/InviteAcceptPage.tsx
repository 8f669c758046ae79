import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconClockX, IconLinkOff, IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { acceptInviteBody } from '../../../src/features/members/schemas.ts';
import { PASSWORD_MIN_LENGTH } from '../../../src/shared/schemas.ts';
import { ApiError, api, type InvitePreview } from '../api/client.ts';
import { queryKeys, startSession } from '../api/queries.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormError } from '../components/FormError.tsx';
import { FullPageLoader } from '../components/FullPageLoader.tsx';
import { FullPageMessage } from '../components/FullPageMessage.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { applyServerErrors, errorMessage } from '../lib/errors.ts';
import { formatDateTime, roleLabels } from '../lib/format.ts';

function InviteProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const code = error instanceof ApiError ? error.code : '';
  if (code === 'invite_expired') {
    return (
      <FullPageMessage icon={<IconClockX size={28} />} title="This invite has expired">
        <Stack gap="md">
          <Text>Invite links are only valid for a limited time, and this one has run out.</Text>
          <Text>Ask the person who invited you to send you a new invite link.</Text>
        </Stack>
      </FullPageMessage>
    );
  }
  if (code === 'invite_used') {
    return (
      <FullPageMessage icon={<IconMailCheck size={28} />} title="This invite has already been used">
        <Stack gap="md">
          <Text>
            Someone has already joined with this link. If that was you, sign in with the email and password
            you chose then.
          </Text>
          <Text>If it was not you, ask the person who invited you to send you a new invite link.</Text>
          <Group>
            <Button component={Link} to="/login">
              Go to sign in
            </Button>
          </Group>
        </Stack>
      </FullPageMessage>
    );
  }
  if (error instanceof ApiError && (error.status === 404 || error.code === 'not_found')) {
    return (
      <FullPageMessage icon={<IconLinkOff size={28} />} title="This invite link is not valid">
        <Stack gap="md">
          <Text>
            We could not find an invite for this link. It may have been revoked, or the link was cut short
            when it was copied.
          </Text>
          <Text>
            Check that you opened the whole link from the message you received. If it still does not work, ask
            the person who invited you to send you a new invite link.
          </Text>
        </Stack>
      </FullPageMessage>
    );
  }
  return (
    <FullPageMessage icon={<IconLinkOff size={28} />} color="red" title="We could not open this invite">
      <Stack gap="md">
        <Text>{errorMessage(error)}</Text>
        <Group>
          <Button onClick={onRetry}>Try again</Button>
        </Group>
      </Stack>
    </FullPageMessage>
  );
}

type Values = { name: string; password: string };

function AcceptForm({ token, invite }: { token: string; invite: InvitePreview }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: invite.name ?? '', password: '' },
    validate: (values) => schemaResolver(acceptInviteBody, { sync: true })({ token, ...values }),
    validateInputOnBlur: true,
  });
  const accept = useMutation({
    mutationFn: (values: Values) => api.acceptInvite({ token, ...values }),
    onSuccess: (session) => {
      startSession(queryClient, session);
      navigate('/today', { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 410 || error.status === 404)) {
        // The invite went stale while the form was open: show the page that explains it.
        void queryClient.invalidateQueries({ queryKey: queryKeys.invitePreview(token) });
      }
      setFormError(applyServerErrors(form, error, ['name', 'password']));
    },
  });

  const invitedBy = invite.invitedByName ? `, invited by ${invite.invitedByName}` : '';
  return (
    <AuthLayout
      title="Accept your invite"
      subtitle={`Join ${invite.workspaceName} as ${roleLabels[invite.role].toLowerCase()}${invitedBy}.`}
      footer={`This invite works once and expires ${formatDateTime(invite.expiresAt)}.`}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          accept.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormError message={formError} />
          <TextInput
            label="Email"
            value={invite.email}
            readOnly
            variant="filled"
            description="The invite was sent to this address; you will sign in with it."
          />
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <PasswordField
            label="Password"
            required
            autoComplete="new-password"
            description={`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={accept.isPending} fullWidth mt="xs">
            Join workspace
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            Already have an account here?{' '}
            <Anchor component={Link} to="/login" size="sm">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}

export function InviteAcceptPage() {
  const { token = '' } = useParams();
  const preview = useQuery({
    queryKey: queryKeys.invitePreview(token),
    queryFn: () => api.previewInvite(token),
    retry: false,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  if (preview.isPending) return <FullPageLoader label="Opening your invite" />;
  if (preview.isError) return <InviteProblem error={preview.error} onRetry={() => preview.refetch()} />;
  return <AcceptForm token={token} invite={preview.data} />;
}
