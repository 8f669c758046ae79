// Who on the team knows this person, how well, and why; who should be the one to reach out.
import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  List,
  Loader,
  Modal,
  NumberInput,
  Paper,
  Select,
  Slider,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAdjustments, IconStar, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { FormActions } from '../components/FormModal.tsx';
import { Truncate } from '../components/Truncate.tsx';
import { applyServerErrors, errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { type ContactDetail, clientKeys, clientsApi, invalidateContact, type Relationship } from './api.ts';
import { CardHeader } from './shells.tsx';
import { RelativeTime, StrengthBar, useTimeZone } from './ui.tsx';

type OverrideTarget = { memberId: string | null; memberName: string | null; strength: number };

function OverrideForm({
  contact,
  target,
  onDone,
}: {
  contact: ContactDetail;
  target: OverrideTarget;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { memberId: target.memberId, strength: target.strength, reason: '' },
    validate: {
      memberId: (value) => (value ? null : 'Choose a teammate'),
      reason: (value) => (value.trim().length < 3 ? 'Say why, in a few words' : null),
    },
  });
  const save = useMutation({
    mutationFn: (values: { memberId: string; strength: number; reason: string }) =>
      clientsApi.overrideRelationship(contact.id, values.memberId, {
        strength: values.strength,
        reason: values.reason.trim(),
      }),
    onSuccess: (relationship) => {
      invalidateContact(queryClient, contact.id);
      notifySuccess(
        `${relationship.member.name}'s relationship with ${contact.name} is now ${relationship.strength}.`,
        'Strength set',
      );
      onDone();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['strength', 'reason'])),
  });

  const known = new Set(contact.relationships.map((r) => r.member.id));
  const teammates = (members.data?.members ?? [])
    .filter((m) => m.status === 'active' && !known.has(m.id))
    .map((m) => ({ value: m.id, label: m.name }));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        if (values.memberId) save.mutate({ ...values, memberId: values.memberId });
      })}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The number is normally worked out from logged conversations. Set it yourself when you know better
          (an old friendship, a falling-out); it stays until you clear it.
        </Text>
        <FormError message={formError} />
        {target.memberId ? null : (
          <Select
            label="Teammate"
            data={teammates}
            searchable
            required
            nothingFoundMessage="Everyone on the team already has a relationship listed"
            comboboxProps={selectComboboxProps}
            data-autofocus
            key={form.key('memberId')}
            {...form.getInputProps('memberId')}
          />
        )}
        <Stack gap={6}>
          <NumberInput
            label="Strength (0 to 100)"
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            w={180}
            key={form.key('strength')}
            {...form.getInputProps('strength')}
          />
          <Slider
            min={0}
            max={100}
            step={5}
            thumbLabel="Strength"
            marks={[
              { value: 25, label: '25' },
              { value: 50, label: '50' },
              { value: 75, label: '75' },
            ]}
            mb="md"
            value={Number(form.getValues().strength) || 0}
            onChange={(value) => form.setFieldValue('strength', value)}
          />
        </Stack>
        <Textarea
          label="Why"
          required
          placeholder="Known each other since university"
          autosize
          minRows={2}
          data-autofocus={target.memberId ? true : undefined}
          key={form.key('reason')}
          {...form.getInputProps('reason')}
        />
        <FormActions onCancel={onDone} submitLabel="Set strength" loading={save.isPending} />
      </Stack>
    </form>
  );
}

function RelationshipRow({
  relationship: r,
  best,
  onAdjust,
  onClear,
  clearing,
  readOnly,
}: {
  relationship: Relationship;
  best: boolean;
  onAdjust: () => void;
  onClear: () => void;
  clearing: boolean;
  readOnly: boolean;
}) {
  const timeZone = useTimeZone();
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      style={best ? { borderColor: 'var(--mantine-color-teal-5)', borderWidth: 2 } : undefined}
      aria-label={`${r.member.name}: strength ${r.strength}`}
      role="group"
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="nowrap" miw={0} style={{ flex: '1 1 140px' }}>
            <Truncate size="sm" fw={600}>
              {r.member.name}
            </Truncate>
            {best ? (
              <Badge
                color="teal"
                variant="light"
                size="sm"
                leftSection={<IconStar size={11} />}
                style={{ flexShrink: 0 }}
              >
                Best
              </Badge>
            ) : null}
            {r.member.status === 'deactivated' ? (
              <Badge color="gray" variant="light" size="sm" style={{ flexShrink: 0 }}>
                Left the team
              </Badge>
            ) : null}
          </Group>
          <StrengthBar value={r.strength} label={r.member.name} width={96} />
        </Group>
        {r.reasons.length > 0 ? (
          <List size="xs" c="dimmed" spacing={2} withPadding>
            {r.reasons.map((reason) => (
              <List.Item key={reason} style={{ overflowWrap: 'anywhere' }}>
                {reason}
              </List.Item>
            ))}
          </List>
        ) : null}
        <Group justify="space-between" gap="xs">
          <Group gap={4} wrap="nowrap">
            {/* A note counts here too, and a note is not a conversation: so "logged", not "spoke". */}
            <Text size="xs" c="dimmed">
              Last logged
            </Text>
            <RelativeTime iso={r.lastInteractionAt} empty="never" />
          </Group>
          {readOnly ? null : (
            <Group gap={4}>
              {r.override ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  loading={clearing}
                  onClick={onClear}
                  aria-label={`Clear the strength set for ${r.member.name}`}
                  title={`Set by ${r.override.byName ?? 'a former member'} on ${formatDate(r.override.at, timeZone)}`}
                >
                  Clear override
                </Button>
              ) : null}
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconAdjustments size={12} />}
                onClick={onAdjust}
                aria-label={`Set strength for ${r.member.name}`}
              >
                Adjust
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function BestContactSummary({ contact }: { contact: ContactDetail }) {
  const { member } = useSession();
  const best = useQuery({
    queryKey: clientKeys.bestContact(contact.id),
    queryFn: () => clientsApi.bestContact(contact.id),
  });
  if (best.isPending) return <Loader size="xs" aria-label="Finding the best person to reach out" />;
  if (best.isError) return <FormError message={errorMessage(best.error)} />;
  const data = best.data;
  if (!data.member) {
    return (
      <Alert color="gray" variant="light" title="Nobody on the team knows them yet">
        Log a conversation and the person who had it becomes their first relationship.
      </Alert>
    );
  }
  const you = data.member.id === member.id;
  // The best person's own reasons are listed on their row below: say here only what compares them.
  const ownReasons = new Set(
    contact.relationships.find((r) => r.member.id === data.member?.id)?.reasons ?? [],
  );
  const reasons = data.reasons.filter((reason) => !ownReasons.has(reason));
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconStar size={18} />}
      title={
        <Text span fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          Best person to reach out: {you ? 'you' : data.member.name} ({data.strength})
        </Text>
      }
    >
      <Stack gap={4}>
        {reasons.length > 0 ? (
          <List size="sm" spacing={2}>
            {reasons.map((reason) => (
              <List.Item key={reason} style={{ overflowWrap: 'anywhere' }}>
                {reason}
              </List.Item>
            ))}
          </List>
        ) : null}
        {data.alternatives.length > 0 ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            Also: {data.alternatives.map((a) => `${a.name} (${a.strength})`).join(', ')}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function RelationshipsCard({ contact }: { contact: ContactDetail }) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<OverrideTarget | null>(null);
  const readOnly = contact.erased || contact.mergedIntoId !== null;
  const clear = useMutation({
    mutationFn: (r: Relationship) => clientsApi.clearOverride(contact.id, r.member.id),
    onSuccess: (r) => {
      invalidateContact(queryClient, contact.id);
      notifySuccess(`${r.member.name}'s strength is worked out from conversations again: ${r.strength}.`);
    },
    onError: (error) => notifyError(error, 'Could not clear the override'),
  });
  const relationships = [...contact.relationships].sort((a, b) => b.strength - a.strength);
  const bestId = contact.bestRelationship?.memberId ?? relationships[0]?.member.id;

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <CardHeader
          title="Relationships"
          action={
            readOnly ? null : (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconUserPlus size={14} />}
                onClick={() => setTarget({ memberId: null, memberName: null, strength: 50 })}
              >
                Add a teammate
              </Button>
            )
          }
        />
        {readOnly ? null : <BestContactSummary contact={contact} />}
        {relationships.length === 0 ? null : (
          <>
            <Divider />
            <Stack gap="sm">
              {relationships.map((r) => (
                <RelationshipRow
                  key={r.id}
                  relationship={r}
                  best={r.member.id === bestId && r.strength > 0}
                  readOnly={readOnly}
                  clearing={clear.isPending && clear.variables?.id === r.id}
                  onClear={() => clear.mutate(r)}
                  onAdjust={() =>
                    setTarget({ memberId: r.member.id, memberName: r.member.name, strength: r.strength })
                  }
                />
              ))}
            </Stack>
          </>
        )}
      </Stack>
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        centered
        title={
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {target?.memberName
              ? `${target.memberName} and ${contact.name}`
              : `A teammate who knows ${contact.name}`}
          </Text>
        }
      >
        {target ? <OverrideForm contact={contact} target={target} onDone={() => setTarget(null)} /> : null}
      </Modal>
    </Card>
  );
}
