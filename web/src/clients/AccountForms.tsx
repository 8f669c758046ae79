// Creating and editing a company (an account).
import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormModal } from '../components/FormModal.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import {
  type Account,
  type AccountSize,
  type AccountStatus,
  type CreateAccountInput,
  clientKeys,
  clientsApi,
} from './api.ts';
import { TagsField } from './ContactForms.tsx';
import { accountSizeOptions, accountStatusOptions } from './labels.ts';

type Values = {
  name: string;
  domain: string;
  status: AccountStatus;
  industry: string;
  size: AccountSize | null;
  clientSince: string;
  ownerMemberId: string | null;
  tags: string[];
  notes: string;
};

const fields = [
  'name',
  'domain',
  'status',
  'industry',
  'size',
  'clientSince',
  'ownerMemberId',
  'tags',
  'notes',
] as const;

function initial(account: Account | null): Values {
  return {
    name: account?.name ?? '',
    domain: account?.domain ?? '',
    status: account?.status ?? 'active',
    industry: account?.industry ?? '',
    size: account?.size ?? null,
    clientSince: account?.clientSince?.slice(0, 10) ?? '',
    ownerMemberId: account?.owner?.id ?? null,
    tags: account?.tags ?? [],
    notes: account?.notes ?? '',
  };
}

function toBody(values: Values): CreateAccountInput {
  return {
    ...values,
    name: values.name.trim(),
    clientSince: values.clientSince || null,
  };
}

/** Without `account`, creates a company and opens it; with one, edits it in place. */
export function AccountFormModal({
  opened,
  onClose,
  account = null,
}: {
  opened: boolean;
  onClose: () => void;
  account?: Account | null;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers, enabled: opened });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial(account),
    validate: {
      name: (value) => (value.trim() ? null : 'Name is required'),
      clientSince: (value) =>
        value && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? 'Use a date like 2024-03-31' : null,
    },
  });

  const save = useMutation({
    mutationFn: (values: Values) =>
      account
        ? clientsApi.updateAccount(account.id, toBody(values))
        : clientsApi.createAccount(toBody(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.account(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
      onClose();
      if (account) {
        notifySuccess(`${saved.name} is saved.`);
      } else {
        notifySuccess(`${saved.name} is in your clients.`, 'Company added');
        navigate(`/clients/companies/${saved.id}`);
      }
    },
    onError: (error) => setFormError(applyServerErrors(form, error, fields)),
  });

  const reset = () => {
    form.setValues(initial(account));
    form.resetDirty();
    form.clearErrors();
    setFormError(null);
    save.reset();
  };

  const owners = (members.data?.members ?? [])
    .filter((m) => m.status === 'active' || m.id === account?.owner?.id)
    .map((m) => ({ value: m.id, label: m.name }));
  if (account?.owner && !owners.some((o) => o.value === account.owner?.id)) {
    owners.push({ value: account.owner.id, label: account.owner.name });
  }

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={reset}
      title={account ? `Edit ${account.name}` : 'New company'}
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        save.mutate(values);
      })}
      formError={formError}
      submitLabel={account ? 'Save company' : 'Add company'}
      submitting={save.isPending}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Name"
          required
          data-autofocus
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Domain"
          placeholder="example.com"
          key={form.key('domain')}
          {...form.getInputProps('domain')}
        />
        <Select
          label="Status"
          data={accountStatusOptions}
          allowDeselect={false}
          comboboxProps={selectComboboxProps}
          key={form.key('status')}
          {...form.getInputProps('status')}
        />
        <Select
          label="Owner"
          description="Who owns the account on paper."
          data={owners}
          clearable
          searchable
          placeholder="Nobody"
          comboboxProps={selectComboboxProps}
          key={form.key('ownerMemberId')}
          {...form.getInputProps('ownerMemberId')}
        />
        <TextInput label="Industry" key={form.key('industry')} {...form.getInputProps('industry')} />
        <Select
          label="Size"
          data={accountSizeOptions}
          clearable
          placeholder="Unknown"
          comboboxProps={selectComboboxProps}
          key={form.key('size')}
          {...form.getInputProps('size')}
        />
        <TextInput
          label="Client since"
          type="date"
          key={form.key('clientSince')}
          {...form.getInputProps('clientSince')}
        />
      </SimpleGrid>
      <TagsField key={form.key('tags')} {...form.getInputProps('tags')} />
      <Textarea label="Notes" autosize minRows={2} key={form.key('notes')} {...form.getInputProps('notes')} />
    </FormModal>
  );
}
