import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconMail, IconMailOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createInviteBody } from '../../../src/features/members/schemas.ts';
import { api, type CreateInviteResult, type Role } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors } from '../lib/errors.ts';
import { formatDateTime, roleDescriptions, roleOptions } from '../lib/format.ts';

type Values = { email: string; name: string; role: Role };
const initialValues: Values = { email: '', name: '', role: 'member' };

function toBody(values: Values) {
  const name = values.name.trim();
  return { email: values.email, role: values.role, ...(name ? { name } : {}) };
}

function InviteCreated({
  result,
  onDone,
  onAnother,
}: {
  result: CreateInviteResult;
  onDone: () => void;
  onAnother: () => void;
}) {
  const session = useSession();
  const timeZone = session.member.timeZone ?? session.workspace.timeZone;
  return (
    <Stack gap="md">
      {result.emailed ? (
        <Alert
          color="teal"
          variant="light"
          icon={<IconMail size={18} />}
          style={{ overflowWrap: 'anywhere' }}
        >
          We emailed this link to {result.invite.email}. You can also copy it and send it yourself.
        </Alert>
      ) : (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconMailOff size={18} />}
          style={{ overflowWrap: 'anywhere' }}
        >
          This link was not emailed. Copy it and send it to {result.invite.email} yourself.
        </Alert>
      )}
      <TextInput
        label="Invite link"
        value={result.url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        rightSectionWidth={44}
        rightSection={
          <CopyButton value={result.url} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy link'} withArrow>
                <Button
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  size="compact-sm"
                  px={6}
                  onClick={copy}
                  aria-label={copied ? 'Copied' : 'Copy link'}
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </Button>
              </Tooltip>
            )}
          </CopyButton>
        }
      />
      <Text size="sm" c="dimmed">
        The link works once and expires {formatDateTime(result.invite.expiresAt, timeZone)}. It is shown only
        now; if it gets lost, revoke this invite and create a new one.
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onAnother}>
          Invite someone else
        </Button>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

export function InviteMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<CreateInviteResult | null>(null);

  const form = useForm<Values>({
    initialValues,
    validate: (values) => {
      const parsed = createInviteBody.safeParse(toBody(values));
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        errors[key] ??= issue.message;
      }
      return errors;
    },
  });

  const create = useMutation({
    mutationFn: (values: Values) => api.createInvite(toBody(values)),
    onSuccess: (created) => {
      setResult(created);
      void queryClient.invalidateQueries({ queryKey: queryKeys.invites });
      void queryClient.invalidateQueries({ queryKey: queryKeys.outbox });
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['email', 'name', 'role'])),
  });

  const reset = () => {
    form.reset();
    setFormError(null);
    setResult(null);
    create.reset();
  };
  const close = () => {
    onClose();
    // Wait for the closing transition before clearing what the modal shows.
    setTimeout(reset, 200);
  };

  const roles =
    session.member.role === 'owner' ? roleOptions : roleOptions.filter((r) => r.value !== 'owner');

  return (
    <Modal opened={opened} onClose={close} title={result ? 'Invite created' : 'Invite member'} centered>
      {result ? (
        <InviteCreated result={result} onDone={close} onAnother={reset} />
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFormError(null);
            create.mutate(values);
          })}
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              They get a single-use link to join {session.workspace.name} and choose their own password.
            </Text>
            <FormError message={formError} />
            <TextInput
              label="Email"
              type="email"
              required
              data-autofocus
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <TextInput
              label="Name"
              description="Optional; they can change it when they join."
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <Select
              label="Role"
              data={roles}
              allowDeselect={false}
              description={roleDescriptions[form.getValues().role]}
              comboboxProps={selectComboboxProps}
              key={form.key('role')}
              {...form.getInputProps('role')}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create invite
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
