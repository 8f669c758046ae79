// One referral: who sent whom, what produced it (an ask, a survey answer, an offer), its values, the
// full history of its stages and edits (never rewritten), and its tasks (thank-yous, replies).
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Menu,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconArrowsMove, IconCheck, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormModal } from '../components/FormModal.tsx';
import { applyServerErrors, errorMessage, notifySuccess } from '../lib/errors.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { askKindLabels, askResultLabels } from '../tasks/labels.ts';
import { invalidateReferrals, type ReferralDetail, referralKeys, referralsApi } from './api.ts';
import { formatMoney, sourceLabels, statusLabels, statusOrder } from './labels.ts';
import { KindBadge, prospectLabel, StatusBadge, useReferralMover } from './ui.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Box fz="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children}
      </Box>
    </Stack>
  );
}

const fieldWords: Record<string, string> = {
  ownerMemberId: 'owner',
  expectedValue: 'expected value',
  bookedValue: 'booked value',
  currency: 'currency',
  prospectContactId: 'prospect',
  prospectName: 'prospect’s name',
  accountId: 'company',
  note: 'note',
};

function historyTitle(entry: ReferralDetail['history'][number], currency: string): string {
  if (entry.kind === 'created') return 'Recorded';
  if (entry.kind === 'status') {
    return `${statusLabels[entry.fromStatus ?? 'new']} → ${statusLabels[entry.toStatus ?? 'new']}`;
  }
  const changes = Object.entries(entry.data as Record<string, { from: unknown; to: unknown }>).map(
    ([field, change]) => {
      const word = fieldWords[field] ?? field;
      if (field === 'expectedValue' || field === 'bookedValue') {
        const to = typeof change?.to === 'number' ? formatMoney(change.to, currency) : 'none';
        return `${word} ${to}`;
      }
      if (field === 'currency' || field === 'prospectName') return `${word} ${String(change?.to ?? 'none')}`;
      return `${word} changed`;
    },
  );
  return changes.length ? `Changed ${changes.join(', ')}` : 'Edited';
}

function EditModal({
  referral,
  opened,
  onClose,
}: {
  referral: ReferralDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers, enabled: opened });
  const form = useForm({
    initialValues: {
      ownerMemberId: referral.owner?.id ?? null,
      prospectName: referral.prospect.contactId ? '' : (referral.prospect.name ?? ''),
      expectedValue: (referral.expectedValue ?? '') as number | string,
      bookedValue: (referral.bookedValue ?? '') as number | string,
      currency: referral.currency,
      note: referral.note ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      referralsApi.update(referral.id, {
        ownerMemberId: v.ownerMemberId,
        ...(!referral.prospect.contactId && { prospectName: v.prospectName }),
        expectedValue: typeof v.expectedValue === 'number' ? v.expectedValue : null,
        bookedValue: typeof v.bookedValue === 'number' ? v.bookedValue : null,
        currency: v.currency,
        note: v.note,
      }),
    onSuccess: () => {
      invalidateReferrals(client);
      notifySuccess('Referral saved');
      onClose();
    },
    onError: (error) =>
      setFormError(
        applyServerErrors(form, error, [
          'ownerMemberId',
          'prospectName',
          'expectedValue',
          'bookedValue',
          'currency',
          'note',
        ]),
      ),
  });
  const people = (members.data?.members ?? [])
    .filter((m) => m.status === 'active' || m.id === referral.owner?.id)
    .map((m) => ({ value: m.id, label: m.name }));
  if (referral.owner && !people.some((p) => p.value === referral.owner!.id)) {
    people.push({ value: referral.owner.id, label: referral.owner.name });
  }
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        form.reset();
        setFormError(null);
      }}
      title="Edit referral"
      onSubmit={form.onSubmit((v) => save.mutate(v))}
      formError={formError}
      submitLabel="Save"
      submitting={save.isPending}
    >
      <Select
        label="Owner"
        data={people}
        clearable
        comboboxProps={selectComboboxProps}
        {...form.getInputProps('ownerMemberId')}
      />
      {referral.prospect.contactId ? null : (
        <TextInput label="Prospect’s name" maxLength={200} {...form.getInputProps('prospectName')} />
      )}
      <Group grow align="flex-start">
        <NumberInput
          label="Expected value"
          min={0}
          decimalScale={2}
          thousandSeparator
          {...form.getInputProps('expectedValue')}
        />
        <NumberInput
          label="Booked value"
          min={0}
          decimalScale={2}
          thousandSeparator
          {...form.getInputProps('bookedValue')}
        />
      </Group>
      <TextInput label="Currency" maxLength={3} w={120} {...form.getInputProps('currency')} />
      <Textarea label="Note" autosize minRows={3} maxLength={5000} {...form.getInputProps('note')} />
    </FormModal>
  );
}

export function ReferralPage() {
  const { id = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const referral = useQuery({ queryKey: referralKeys.detail(id), queryFn: () => referralsApi.get(id) });
  const mover = useReferralMover();
  const back = (
    <Anchor component={Link} to="/referrals" size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden /> Referrals
      </Group>
    </Anchor>
  );
  if (referral.isPending) return <Loader aria-label="Loading the referral" />;
  if (referral.isError) {
    return (
      <Stack gap="md">
        {back}
        <Alert color={isApiError(referral.error, 404) ? 'yellow' : 'red'}>
          {isApiError(referral.error, 404)
            ? 'This referral does not exist, or it belongs to another workspace.'
            : errorMessage(referral.error)}
        </Alert>
      </Stack>
    );
  }
  const r = referral.data;
  const ask = r.ask;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        {back}
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
            <Title order={1} fz={{ base: 22, sm: 28 }} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {prospectLabel(r)}
            </Title>
            <Group gap="xs">
              <KindBadge kind={r.kind} />
              <StatusBadge status={r.status} />
              <Badge variant="outline" color="gray" size="sm">
                {sourceLabels[r.source]}
              </Badge>
            </Group>
          </Stack>
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <Button leftSection={<IconArrowsMove size={16} />}>Move to…</Button>
              </Menu.Target>
              <Menu.Dropdown>
                {statusOrder.map((status) => (
                  <Menu.Item
                    key={status}
                    disabled={status === r.status}
                    leftSection={status === r.status ? <IconCheck size={14} /> : <Box w={14} />}
                    onClick={() => mover.move(r, status)}
                  >
                    {statusLabels[status]}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="lg">
            <Stack gap="sm">
              <Title order={2} fz="lg">
                Details
              </Title>
              <Field label="Referred by">
                {r.referrer ? (
                  <Anchor component={Link} to={`/clients/people/${r.referrer.id}`}>
                    {r.referrer.name}
                  </Anchor>
                ) : (
                  'Nobody credited'
                )}
                {r.referrer?.accountName ? ` · ${r.referrer.accountName}` : ''}
              </Field>
              <Field label="Prospect">
                {r.prospect.contactId ? (
                  <Anchor component={Link} to={`/clients/people/${r.prospect.contactId}`}>
                    {prospectLabel(r)}
                  </Anchor>
                ) : (
                  <>
                    {prospectLabel(r)}{' '}
                    <Text span size="xs" c="dimmed">
                      (not in your clients yet)
                    </Text>
                  </>
                )}
                {r.prospectEmail ? ` · ${r.prospectEmail}` : ''}
              </Field>
              {r.account ? (
                <Field label="Company">
                  <Anchor component={Link} to={`/clients/companies/${r.account.id}`}>
                    {r.account.name}
                  </Anchor>
                </Field>
              ) : null}
              <Field label="Owner">{r.owner?.name ?? 'Nobody yet'}</Field>
              <Group grow align="flex-start">
                <Field label="Expected value">{formatMoney(r.expectedValue, r.currency) || '—'}</Field>
                <Field label="Booked value">{formatMoney(r.bookedValue, r.currency) || '—'}</Field>
              </Group>
              <Field label="Referred on">{formatDate(r.referredAt)}</Field>
              {r.lostReason ? <Field label="Why it was lost">{r.lostReason}</Field> : null}
              {r.heardAbout ? <Field label="How they heard about us">“{r.heardAbout}”</Field> : null}
              {r.note ? <Field label="Note">{r.note}</Field> : null}
              <Field label="What produced it">
                {ask ? (
                  <>
                    {ask.member?.name ?? 'Someone'} asked {r.referrer?.name ?? 'the client'} for{' '}
                    {askKindLabels[ask.kind].toLowerCase()} on {formatDate(ask.askedAt)}
                    {ask.result ? `: ${askResultLabels[ask.result].toLowerCase()}` : ''}
                    {ask.about ? ` (about ${ask.about})` : ''}
                  </>
                ) : r.answer ? (
                  `A survey answer (${r.answer.score}/10) naming a colleague`
                ) : r.offer ? (
                  `A claim on the offer “${r.offer.title}”`
                ) : r.createdBy ? (
                  `Recorded by ${r.createdBy.name}`
                ) : (
                  sourceLabels[r.source]
                )}
              </Field>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder radius="md" padding="lg">
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  Tasks
                </Title>
                {r.tasks.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No tasks yet. When the referral reaches a thank-you stage (Settings → Referrals), the
                    person who knows the referrer best gets a task to thank them.
                  </Text>
                ) : (
                  r.tasks.map((task) => (
                    <Group key={task.id} justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                      <Stack gap={0} miw={0}>
                        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {task.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {task.assignee.name}
                          {task.status === 'open' && task.dueOn ? ` · due ${formatDate(task.dueOn)}` : ''}
                          {task.completedAt ? ` · done ${formatDate(task.completedAt)}` : ''}
                        </Text>
                      </Stack>
                      <Badge
                        size="sm"
                        variant="light"
                        color={task.status === 'open' ? 'blue' : 'gray'}
                        style={{ flexShrink: 0, overflow: 'visible' }}
                      >
                        {task.status}
                      </Badge>
                    </Group>
                  ))
                )}
              </Stack>
            </Card>
            <Card withBorder radius="md" padding="lg">
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  History
                </Title>
                <Timeline bulletSize={14} lineWidth={2} active={r.history.length}>
                  {r.history.map((h) => (
                    <Timeline.Item
                      key={h.id}
                      title={
                        <Text size="sm" fw={500}>
                          {historyTitle(h, r.currency)}
                        </Text>
                      }
                    >
                      {h.reason ? (
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {h.reason}
                        </Text>
                      ) : null}
                      <Text size="xs" c="dimmed">
                        {formatDateTime(h.changedAt)}
                        {h.member ? ` · ${h.member.name}` : ''}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <EditModal key={`${r.id}-${editing}`} referral={r} opened={editing} onClose={() => setEditing(false)} />
      {mover.dialog}
    </Stack>
  );
}
