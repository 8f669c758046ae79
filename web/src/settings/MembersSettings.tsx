import { Badge, Button, Card, Group, Loader, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Invite, type Member, type MemberList, type Role } from '../api/client.ts';
import { queryKeys, useSession, useUpdateSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { Truncate } from '../components/Truncate.tsx';
import { errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import { formatDate, formatDateTime, roleLabels, roleOptions } from '../lib/format.ts';
import { InviteMemberModal } from './InviteMemberModal.tsx';

type MemberChange = { member: Member; body: { role: Role } | { status: Member['status'] } };

function changeVerb(change: MemberChange): string {
  if ('role' in change.body) return `change ${change.member.name}'s role`;
  return change.body.status === 'deactivated'
    ? `deactivate ${change.member.name}`
    : `reactivate ${change.member.name}`;
}

function MembersTable({
  members,
  onChange,
  pendingId,
}: {
  members: Member[];
  onChange: (change: MemberChange) => void;
  pendingId: string | null;
}) {
  const session = useSession();
  const isOwner = session.member.role === 'owner';
  const timeZone = session.member.timeZone ?? session.workspace.timeZone;

  return (
    <Table.ScrollContainer minWidth={isOwner ? 820 : 680}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            {isOwner ? (
              <Table.Th>
                <Text component="span" fw="inherit" fz="inherit" style={{ visibility: 'hidden' }}>
                  Actions
                </Text>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => {
            const isSelf = m.id === session.member.id;
            const busy = pendingId === m.id;
            const deactivated = m.status === 'deactivated';
            return (
              <Table.Tr key={m.id} style={deactivated ? { opacity: 0.7 } : undefined}>
                <Table.Td miw={180}>
                  <Group gap={6} wrap="nowrap" miw={0}>
                    <Truncate size="sm" fw={500} maw={220}>
                      {m.name}
                    </Truncate>
                    {isSelf ? (
                      <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                        You
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Truncate size="sm" maw={240}>
                    {m.email}
                  </Truncate>
                </Table.Td>
                <Table.Td>
                  {isOwner ? (
                    <Select
                      aria-label={`Access level for ${m.name}`}
                      size="xs"
                      w={130}
                      data={roleOptions}
                      value={m.role}
                      allowDeselect={false}
                      disabled={busy}
                      comboboxProps={selectComboboxProps}
                      onChange={(value) => {
                        if (value && value !== m.role) onChange({ member: m, body: { role: value as Role } });
                      }}
                    />
                  ) : (
                    <Text size="sm">{roleLabels[m.role]}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={deactivated ? 'gray' : 'teal'}>
                    {deactivated ? 'Deactivated' : 'Active'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={m.lastLoginAt ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {m.lastLoginAt ? formatDateTime(m.lastLoginAt, timeZone) : 'Never'}
                  </Text>
                </Table.Td>
                {isOwner ? (
                  <Table.Td ta="right">
                    {deactivated ? (
                      <Button
                        size="xs"
                        variant="light"
                        loading={busy}
                        aria-label={`Reactivate ${m.name}`}
                        onClick={() => onChange({ member: m, body: { status: 'active' } })}
                      >
                        Reactivate
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={busy}
                        aria-label={`Deactivate ${m.name}`}
                        onClick={() => onChange({ member: m, body: { status: 'deactivated' } })}
                      >
                        Deactivate
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PendingInvites({ canManage }: { canManage: boolean }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const timeZone = session.member.timeZone ?? session.workspace.timeZone;
  const invites = useQuery({ queryKey: queryKeys.invites, queryFn: api.listInvites, enabled: canManage });
  const revoke = useMutation({
    mutationFn: (invite: Invite) => api.revokeInvite(invite.id),
    onSuccess: (_data, invite) => {
      notifySuccess(`The invite for ${invite.email} no longer works.`, 'Invite revoked');
      void queryClient.invalidateQueries({ queryKey: queryKeys.invites });
    },
    onError: (error) => notifyError(error, 'Could not revoke the invite'),
  });

  if (!canManage) return null;
  const pending = invites.data?.invites.filter((invite) => invite.status === 'pending') ?? [];

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Title order={2} fz="lg">
          Pending invites
        </Title>
        {invites.isPending ? (
          <Loader size="sm" aria-label="Loading invites" />
        ) : invites.isError ? (
          <FormError message={errorMessage(invites.error)} />
        ) : pending.length === 0 ? (
          <Text size="sm" c="dimmed">
            No pending invites. People you invite appear here until they join, and you can revoke a link that
            should no longer work.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Invited by</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>
                    <Text component="span" fw="inherit" fz="inherit" style={{ visibility: 'hidden' }}>
                      Actions
                    </Text>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pending.map((invite) => (
                  <Table.Tr key={invite.id}>
                    <Table.Td>
                      <Truncate size="sm" maw={240}>
                        {invite.email}
                      </Truncate>
                    </Table.Td>
                    <Table.Td>
                      <Truncate size="sm" maw={180} c={invite.name ? undefined : 'dimmed'}>
                        {invite.name ?? '—'}
                      </Truncate>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{roleLabels[invite.role]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Truncate size="sm" maw={160}>
                        {invite.invitedByName ?? '—'}
                      </Truncate>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(invite.expiresAt, timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Revoke invite for ${invite.email}`}
                        loading={revoke.isPending && revoke.variables?.id === invite.id}
                        onClick={() => revoke.mutate(invite)}
                      >
                        Revoke
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

export function MembersSettings() {
  const session = useSession();
  const queryClient = useQueryClient();
  const { setMember } = useUpdateSession();
  const role = session.member.role;
  const canInvite = role === 'owner' || role === 'manager';
  const [inviteOpen, setInviteOpen] = useState(false);
  const [confirming, setConfirming] = useState<Member | null>(null);

  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers });

  const update = useMutation({
    mutationFn: (change: MemberChange) => api.updateMember(change.member.id, change.body),
    onSuccess: (updated, change) => {
      queryClient.setQueryData<MemberList>(queryKeys.members, (old) =>
        old ? { members: old.members.map((m) => (m.id === updated.id ? updated : m)) } : old,
      );
      if (updated.id === session.member.id) setMember(updated);
      setConfirming(null);
      if ('role' in change.body) {
        notifySuccess(`${updated.name} is now ${roleLabels[updated.role].toLowerCase()}.`, 'Role changed');
      } else if (updated.status === 'deactivated') {
        notifySuccess(`${updated.name} can no longer sign in.`, 'Member deactivated');
      } else {
        notifySuccess(`${updated.name} can sign in again.`, 'Member reactivated');
      }
    },
    onError: (error, change) => {
      setConfirming(null);
      notifyError(error, `Could not ${changeVerb(change)}`);
    },
  });

  const handleChange = (change: MemberChange) => {
    if ('status' in change.body && change.body.status === 'deactivated') {
      setConfirming(change.member);
      return;
    }
    update.mutate(change);
  };

  const list = members.data?.members ?? [];
  const activeCount = list.filter((m) => m.status === 'active').length;

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Group justify="space-between" gap="sm">
            <Stack gap={2}>
              <Title order={2} fz="lg">
                Team members
              </Title>
              {members.data ? (
                <Text size="sm" c="dimmed">
                  {activeCount} active
                  {list.length > activeCount ? `, ${list.length - activeCount} deactivated` : ''}
                </Text>
              ) : null}
            </Stack>
            {canInvite ? (
              <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviteOpen(true)}>
                Invite member
              </Button>
            ) : null}
          </Group>
          {members.isPending ? (
            <Loader size="sm" aria-label="Loading members" />
          ) : members.isError ? (
            <FormError message={errorMessage(members.error)} />
          ) : (
            <MembersTable
              members={list}
              onChange={handleChange}
              pendingId={update.isPending ? (update.variables?.member.id ?? null) : null}
            />
          )}
          {role !== 'owner' ? (
            <Text size="xs" c="dimmed">
              Only an owner can change roles or deactivate members.
            </Text>
          ) : null}
        </Stack>
      </Card>

      <PendingInvites canManage={canInvite} />

      <InviteMemberModal opened={inviteOpen} onClose={() => setInviteOpen(false)} />

      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{`Deactivate ${confirming?.name ?? ''}?`}</Text>
        }
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            They will no longer be able to sign in. Everything they recorded stays in the workspace, and you
            can reactivate them at any time.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={update.isPending}
              onClick={() =>
                confirming && update.mutate({ member: confirming, body: { status: 'deactivated' } })
              }
            >
              Deactivate
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
