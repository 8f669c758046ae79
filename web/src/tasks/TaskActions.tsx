// Snoozing and reassigning a task, each with the reason kept in its history. Only the assignee, a
// manager or an owner sees these actions (the server checks it too).
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormModal } from '../components/FormModal.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import { invalidateTasks, type TaskDetail, tasksApi } from './api.ts';
import { shortDay } from './labels.ts';

function dayPlus(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function SnoozeModal({
  task,
  opened,
  onClose,
}: {
  task: TaskDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { until: dayPlus(3), reason: '' },
    validate: {
      until: (v) => (!v ? 'Choose a day' : null),
      reason: (v) => (v.trim().length < 2 ? 'Say why, in a few words' : null),
    },
  });
  const snooze = useMutation({
    mutationFn: (values: { until: string; reason: string }) => tasksApi.snooze(task.id, values),
    onSuccess: (updated) => {
      invalidateTasks(queryClient, task.contact?.id);
      notifySuccess(`Back on ${shortDay(updated.effectiveDueOn ?? '')}.`, 'Snoozed');
      onClose();
      form.reset();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['until', 'reason'])),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      size="md"
      title={`Snooze “${task.title}”`}
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        snooze.mutate(values);
      })}
      formError={formError}
      submitLabel="Snooze"
      submitting={snooze.isPending}
    >
      <Group gap="xs">
        {[
          { label: 'Tomorrow', days: 1 },
          { label: 'In 3 days', days: 3 },
          { label: 'Next week', days: 7 },
        ].map((choice) => (
          <Button
            key={choice.days}
            size="compact-sm"
            variant={form.getValues().until === dayPlus(choice.days) ? 'light' : 'default'}
            onClick={() => form.setFieldValue('until', dayPlus(choice.days))}
          >
            {choice.label}
          </Button>
        ))}
      </Group>
      <TextInput
        label="Until"
        type="date"
        required
        key={form.key('until')}
        {...form.getInputProps('until')}
      />
      <TextInput
        label="Why"
        required
        placeholder="They are travelling until Monday"
        data-autofocus
        key={form.key('reason')}
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

export function ReassignModal({
  task,
  opened,
  onClose,
}: {
  task: TaskDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers, enabled: opened });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { memberId: task.others[0]?.id ?? '', reason: '' },
    validate: {
      memberId: (v) => (!v ? 'Choose who takes it' : null),
      reason: (v) => (v.trim().length < 2 ? 'Say why, in a few words' : null),
    },
  });
  const strength = new Map(task.others.map((o) => [o.id, o.strength]));
  const options = (members.data?.members ?? [])
    .filter((m) => m.status === 'active' && m.id !== task.assignee.id)
    .sort((a, b) => (strength.get(b.id) ?? 0) - (strength.get(a.id) ?? 0) || a.name.localeCompare(b.name))
    .map((m) => ({
      value: m.id,
      label: strength.has(m.id) ? `${m.name} (relationship ${strength.get(m.id)})` : m.name,
    }));
  const reassign = useMutation({
    mutationFn: (values: { memberId: string; reason: string }) => tasksApi.reassign(task.id, values),
    onSuccess: (updated) => {
      invalidateTasks(queryClient, task.contact?.id);
      notifySuccess(`${updated.assignee.name} has it now.`, 'Reassigned');
      onClose();
      form.reset();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['memberId', 'reason'])),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      size="md"
      title={`Reassign “${task.title}”`}
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        reassign.mutate(values);
      })}
      formError={formError}
      submitLabel="Reassign"
      submitting={reassign.isPending}
    >
      <Select
        label="Give it to"
        required
        searchable
        data={options}
        nothingFoundMessage={members.isPending ? 'Loading…' : 'Nobody else is active on the team'}
        comboboxProps={selectComboboxProps}
        description="People who know them are listed first, with their relationship strength."
        key={form.key('memberId')}
        {...form.getInputProps('memberId')}
      />
      <TextInput
        label="Why"
        required
        placeholder="Sam met her at the conference last week"
        data-autofocus
        key={form.key('reason')}
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}
