// Creating a person, and editing their profile or personal context.
import {
  Drawer,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  type TagsInputProps,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormFrame, FormModal } from '../components/FormModal.tsx';
import { notifySuccess, splitServerErrors } from '../lib/errors.ts';
import {
  type Channel,
  type ContactDetail,
  type ContactKind,
  clientKeys,
  clientsApi,
  type UpdateContactInput,
  useTags,
} from './api.ts';
import { channelOptions, kindOptions } from './labels.ts';
import { CompanyInput } from './pickers.tsx';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkEmail(value: string): string | null {
  const email = value.trim();
  return email && !EMAIL_PATTERN.test(email) ? 'Enter a valid email address' : null;
}

function checkName(value: string): string | null {
  if (!value.trim()) return 'Name is required';
  return value.trim().length > 200 ? 'At most 200 characters' : null;
}

/** Server errors under their fields; the company's (sent as accountName or accountId) under Company. */
function applyContactErrors(
  form: { setErrors: (errors: Record<string, string>) => void },
  error: unknown,
  fields: string[],
): string | null {
  const { fieldErrors, formError } = splitServerErrors(error, fields);
  const companyError = fieldErrors.accountName ?? fieldErrors.accountId;
  form.setErrors(companyError ? { ...fieldErrors, company: companyError } : fieldErrors);
  return formError;
}

/** Tags (or "can help with" topics), offering the ones already in use as you type. */
export function TagsField(props: TagsInputProps) {
  const tags = useTags();
  return (
    <TagsInput
      label="Tags"
      description="Press Enter after each tag."
      data={(tags.data?.tags ?? []).map((t) => t.tag)}
      comboboxProps={selectComboboxProps}
      clearable
      {...props}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// New person

type NewValues = {
  name: string;
  email: string;
  company: string;
  title: string;
  kind: ContactKind;
  phone: string;
  tags: string[];
};

export function NewContactModal({
  opened,
  onClose,
  company,
}: {
  opened: boolean;
  onClose: () => void;
  /** Start with this company filled in (adding a person from a company's page). */
  company?: string;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NewValues>({
    mode: 'controlled',
    initialValues: {
      name: '',
      email: '',
      company: company ?? '',
      title: '',
      kind: 'client',
      phone: '',
      tags: [],
    },
    validate: { name: checkName, email: checkEmail },
  });

  const create = useMutation({
    mutationFn: (values: NewValues) =>
      clientsApi.createContact({
        name: values.name.trim(),
        email: values.email.trim() || null,
        title: values.title,
        phone: values.phone,
        kind: values.kind,
        tags: values.tags,
        ...(values.company.trim() ? { accountName: values.company.trim() } : {}),
      }),
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(`${contact.name} is in your clients.`, 'Person added');
      onClose();
      navigate(`/clients/people/${contact.id}`);
    },
    onError: (error) =>
      setFormError(
        applyContactErrors(form, error, ['name', 'email', 'title', 'phone', 'kind', 'tags', 'accountName']),
      ),
  });

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        form.reset();
        setFormError(null);
        create.reset();
      }}
      title="New person"
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        create.mutate(values);
      })}
      formError={formError}
      submitLabel="Add person"
      submitting={create.isPending}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Name"
          required
          data-autofocus
          autoComplete="off"
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="off"
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <CompanyInput key={form.key('company')} {...form.getInputProps('company')} />
        <TextInput label="Title" key={form.key('title')} {...form.getInputProps('title')} />
        <Select
          label="Kind"
          data={kindOptions}
          allowDeselect={false}
          comboboxProps={selectComboboxProps}
          key={form.key('kind')}
          {...form.getInputProps('kind')}
        />
        <TextInput label="Phone" type="tel" key={form.key('phone')} {...form.getInputProps('phone')} />
      </SimpleGrid>
      <TagsField key={form.key('tags')} {...form.getInputProps('tags')} />
    </FormModal>
  );
}

// ---------------------------------------------------------------------------------------------
// Editing

export type ContactSection = 'profile' | 'context';

type ProfileValues = {
  name: string;
  email: string;
  otherEmails: string[];
  phone: string;
  title: string;
  company: string;
  kind: ContactKind;
  preferredChannel: Channel | null;
  bestTime: string;
  mayEmail: boolean;
  maySurvey: boolean;
  tags: string[];
};

type ContextValues = {
  family: string;
  interests: string;
  workingOn: string;
  canHelpWith: string[];
  notes: string;
};

function profileValues(c: ContactDetail): ProfileValues {
  return {
    name: c.name,
    email: c.email ?? '',
    otherEmails: c.otherEmails,
    phone: c.phone ?? '',
    title: c.title ?? '',
    company: c.account?.name ?? '',
    kind: c.kind,
    preferredChannel: c.preferredChannel,
    bestTime: c.bestTime ?? '',
    mayEmail: c.mayEmail,
    maySurvey: c.maySurvey,
    tags: c.tags,
  };
}

function contextValues(c: ContactDetail): ContextValues {
  return {
    family: c.family ?? '',
    interests: c.interests ?? '',
    workingOn: c.workingOn ?? '',
    canHelpWith: c.canHelpWith,
    notes: c.notes ?? '',
  };
}

function profileBody(values: ProfileValues, contact: ContactDetail): UpdateContactInput {
  const company = values.company.trim();
  const body: UpdateContactInput = {
    name: values.name.trim(),
    email: values.email.trim() || null,
    otherEmails: values.otherEmails,
    phone: values.phone,
    title: values.title,
    kind: values.kind,
    preferredChannel: values.preferredChannel,
    bestTime: values.bestTime,
    mayEmail: values.mayEmail,
    maySurvey: values.maySurvey,
    tags: values.tags,
  };
  if (!company) body.accountId = null;
  else if (company.toLowerCase() !== (contact.account?.name ?? '').toLowerCase()) body.accountName = company;
  return body;
}

const profileFields = [
  'name',
  'email',
  'otherEmails',
  'phone',
  'title',
  'kind',
  'preferredChannel',
  'bestTime',
  'mayEmail',
  'maySurvey',
  'tags',
  'accountName',
  'accountId',
];
const contextFields = ['family', 'interests', 'workingOn', 'canHelpWith', 'notes'];

/**
 * Saving one section of a person's record (profile or personal context): the request, the
 * message, server errors under their fields, and the props of the section's FormFrame.
 */
function useSectionSave<V>(
  contact: ContactDetail,
  form: {
    onSubmit: (handle: (values: V) => void) => (event?: FormEvent<HTMLFormElement>) => void;
    setErrors: (errors: Record<string, string>) => void;
  },
  options: {
    toBody: (values: V) => UpdateContactInput;
    fields: string[];
    saved: (name: string) => string;
    submitLabel: string;
    onDone: () => void;
  },
) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: V) => clientsApi.updateContact(contact.id, options.toBody(values)),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKeys.contact(contact.id), updated);
      // The name, company or tags may show in lists, on a company's page and in the tag filter.
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(options.saved(updated.name));
      options.onDone();
    },
    onError: (error) => setFormError(applyContactErrors(form, error, options.fields)),
  });
  return {
    onSubmit: form.onSubmit((values) => {
      setFormError(null);
      save.mutate(values);
    }),
    formError,
    onCancel: options.onDone,
    submitLabel: options.submitLabel,
    submitting: save.isPending,
  };
}

function ProfileForm({ contact, onDone }: { contact: ContactDetail; onDone: () => void }) {
  const form = useForm<ProfileValues>({
    mode: 'controlled',
    initialValues: profileValues(contact),
    validate: {
      name: checkName,
      email: checkEmail,
      otherEmails: (emails) =>
        emails.some((e) => checkEmail(e)) ? 'One of these is not a valid email address' : null,
    },
  });
  const frame = useSectionSave(contact, form, {
    toBody: (values) => profileBody(values, contact),
    fields: profileFields,
    saved: (name) => `${name}'s profile is saved.`,
    submitLabel: 'Save profile',
    onDone,
  });

  return (
    <FormFrame {...frame}>
      <TextInput
        label="Name"
        required
        data-autofocus
        key={form.key('name')}
        {...form.getInputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput label="Title" key={form.key('title')} {...form.getInputProps('title')} />
        <CompanyInput key={form.key('company')} {...form.getInputProps('company')} />
        <TextInput label="Email" type="email" key={form.key('email')} {...form.getInputProps('email')} />
        <TextInput label="Phone" type="tel" key={form.key('phone')} {...form.getInputProps('phone')} />
      </SimpleGrid>
      <TagsInput
        label="Other emails"
        description="Press Enter after each address."
        key={form.key('otherEmails')}
        {...form.getInputProps('otherEmails')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label="Kind"
          data={kindOptions}
          allowDeselect={false}
          comboboxProps={selectComboboxProps}
          key={form.key('kind')}
          {...form.getInputProps('kind')}
        />
        <Select
          label="Preferred channel"
          data={channelOptions}
          clearable
          placeholder="No preference"
          comboboxProps={selectComboboxProps}
          key={form.key('preferredChannel')}
          {...form.getInputProps('preferredChannel')}
        />
      </SimpleGrid>
      <TextInput
        label="Best time to reach them"
        placeholder="Tuesday mornings, after 4 pm…"
        key={form.key('bestTime')}
        {...form.getInputProps('bestTime')}
      />
      <TagsField key={form.key('tags')} {...form.getInputProps('tags')} />
      <Stack gap="xs">
        <Switch
          label="May email"
          description="They agreed to receive email from the firm."
          key={form.key('mayEmail')}
          {...form.getInputProps('mayEmail', { type: 'checkbox' })}
        />
        <Switch
          label="May survey"
          description="They may be sent satisfaction surveys."
          key={form.key('maySurvey')}
          {...form.getInputProps('maySurvey', { type: 'checkbox' })}
        />
      </Stack>
    </FormFrame>
  );
}

function ContextForm({ contact, onDone }: { contact: ContactDetail; onDone: () => void }) {
  const form = useForm<ContextValues>({ mode: 'controlled', initialValues: contextValues(contact) });
  const frame = useSectionSave(contact, form, {
    toBody: (values) => values,
    fields: contextFields,
    saved: (name) => `What you know about ${name} is saved.`,
    submitLabel: 'Save',
    onDone,
  });

  return (
    <FormFrame {...frame}>
      <Text size="sm" c="dimmed">
        What the team should remember about {contact.name}: it is what makes a favour or a specific ask
        possible.
      </Text>
      <Textarea
        label="Family"
        placeholder="Partner, children, what they are up to"
        autosize
        minRows={2}
        data-autofocus
        key={form.key('family')}
        {...form.getInputProps('family')}
      />
      <Textarea
        label="Interests"
        autosize
        minRows={2}
        key={form.key('interests')}
        {...form.getInputProps('interests')}
      />
      <Textarea
        label="What they are working on"
        autosize
        minRows={2}
        key={form.key('workingOn')}
        {...form.getInputProps('workingOn')}
      />
      <TagsField
        label="Can help with"
        description="Things they could help others with, such as “erp migration”. Press Enter after each."
        key={form.key('canHelpWith')}
        {...form.getInputProps('canHelpWith')}
      />
      <Textarea label="Notes" autosize minRows={3} key={form.key('notes')} {...form.getInputProps('notes')} />
    </FormFrame>
  );
}

export function EditContactDrawer({
  contact,
  section,
  onClose,
}: {
  contact: ContactDetail;
  section: ContactSection | null;
  onClose: () => void;
}) {
  const narrow = useMediaQuery('(max-width: 40em)');
  return (
    <Drawer
      opened={section !== null}
      onClose={onClose}
      position="right"
      size={narrow ? '100%' : 'lg'}
      title={<Text fw={600}>{section === 'context' ? 'Personal context' : 'Edit profile'}</Text>}
    >
      {section === 'profile' ? (
        <ProfileForm key={contact.updatedAt} contact={contact} onDone={onClose} />
      ) : null}
      {section === 'context' ? (
        <ContextForm key={contact.updatedAt} contact={contact} onDone={onClose} />
      ) : null}
    </Drawer>
  );
}
