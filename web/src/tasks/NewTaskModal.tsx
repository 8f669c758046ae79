// A task made by hand: who it is about, what to do, by when, and for whom (yourself by default).
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import { invalidateTasks, type TaskAction, tasksApi } from './api.ts';
import { actionOptions } from './labels.ts';

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

type Values = { title: string; action: TaskAction; dueOn: string; assigneeId: string; reason: string };

export function NewTaskModal({
  opened,
  onClose,
  contact: fixedContact = null,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: ContactChoice | null;
}) {
  const { member } = useSession();
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers, enabled: opened });
  const [contact, setContact] = useState<ContactChoice | null>(fixedContact);
  const [contactError, setContactError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { title: '', action: 'call', dueOn: localToday(), assigneeId: member.id, reason: '' },
    validate: {
      title: (v) => (v.trim() ? null : 'Say what to do'),
      dueOn: (v) => (v ? null : 'By when?'),
    },
  });
  const close = () => {
    onClose();
    setTimeout(() => {
      form.reset();
      setContact(fixedContact);
      setFormError(null);
      setContactError(null);
    }, 200);
  };
  const create = useMutation({
    mutationFn: ({ values, contactId }: { values: Values; contactId: string }) =>
      tasksApi.create({ contactId, ...values }),
    onSuccess: (task) => {
      invalidateTasks(queryClient, task.contact?.id);
      notifySuccess(
        task.assignee.id === member.id
          ? 'It is on your Today list.'
          : `It is on ${task.assignee.name}'s Today list.`,
        'Task added',
      );
      close();
    },
    onError: (error) =>
      setFormError(applyServerErrors(form, error, ['title', 'action', 'dueOn', 'assigneeId', 'reason'])),
  });
  const people = (members.data?.members ?? [member])
    .filter((m) => m.status === 'active')
    .map((m) => ({ value: m.id, label: m.id === member.id ? `${m.name} (you)` : m.name }));

  return (
    <Modal opened={opened} onClose={close} centered title={<Text fw={600}>New task</Text>}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          if (!contact) {
            setContactError('Choose who the task is about');
            return;
          }
          create.mutate({ values, contactId: contact.id });
        })}
      >
        <Stack gap="md">
          <FormError message={formError} />
          {fixedContact ? null : (
            <ContactPicker
              label="About"
              required
              autoFocus
              value={contact}
              error={contactError}
              onChange={(choice) => {
                setContact(choice);
                setContactError(null);
              }}
            />
          )}
          <TextInput
            label="What to do"
            required
            placeholder="Send Ana the case study we talked about"
            data-autofocus={fixedContact ? true : undefined}
            key={form.key('title')}
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Select
              label="Kind"
              data={actionOptions}
              allowDeselect={false}
              comboboxProps={selectComboboxProps}
              key={form.key('action')}
              {...form.getInputProps('action')}
            />
            <TextInput
              label="Due"
              type="date"
              required
              key={form.key('dueOn')}
              {...form.getInputProps('dueOn')}
            />
          </SimpleGrid>
          <Select
            label="For"
            data={people}
            allowDeselect={false}
            searchable
            comboboxProps={selectComboboxProps}
            key={form.key('assigneeId')}
            {...form.getInputProps('assigneeId')}
          />
          <Textarea
            label="Why"
            placeholder="What prompted it, so whoever does it knows"
            autosize
            minRows={2}
            maxRows={5}
            key={form.key('reason')}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
