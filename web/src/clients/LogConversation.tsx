// Logging a conversation: from a contact's page (their name already chosen) or from anywhere with
// the header's quick-add (press L), which asks who it was with first. Only the kind is needed, and
// it defaults to a call, so "Log conversation" then "Save" is enough. The same form corrects a
// logged conversation from the timeline.
import {
  ActionIcon,
  Button,
  Group,
  Input,
  Kbd,
  Modal,
  MultiSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys, useId, useMediaQuery } from '@mantine/hooks';
import { IconMessagePlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useMatch } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormFrame } from '../components/FormModal.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import {
  type ContactDetail,
  clientKeys,
  clientsApi,
  type Interaction,
  type InteractionKind,
  invalidateContact,
} from './api.ts';
import { interactionKindLabels, interactionKindOptions } from './labels.ts';
import { type ContactChoice, ContactPicker } from './pickers.tsx';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A moment as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type Values = {
  kind: InteractionKind;
  occurredAt: string;
  summary: string;
  outcome: string;
  followUpOn: string;
  participantIds: string[];
};

const fields = ['kind', 'occurredAt', 'summary', 'outcome', 'followUpOn', 'participantIds'] as const;

function initialValues(interaction: Interaction | null, memberId: string): Values {
  if (!interaction) {
    return {
      kind: 'call',
      occurredAt: toLocalInput(new Date()),
      summary: '',
      outcome: '',
      followUpOn: '',
      participantIds: [memberId],
    };
  }
  return {
    kind: interaction.kind,
    occurredAt: toLocalInput(new Date(interaction.occurredAt)),
    summary: interaction.summary ?? '',
    outcome: interaction.outcome ?? '',
    followUpOn: interaction.followUpOn ?? '',
    participantIds: interaction.participants.map((p) => p.id),
  };
}

function InteractionForm({
  contact: fixedContact,
  interaction = null,
  onDone,
}: {
  /** Who the conversation was with; without it the form starts with a search for them. */
  contact: ContactChoice | null;
  /** A logged conversation to correct; without it, a new one is logged. */
  interaction?: Interaction | null;
  onDone: () => void;
}) {
  const { member } = useSession();
  const queryClient = useQueryClient();
  const kindLabelId = useId();
  const narrow = useMediaQuery('(max-width: 30em)');
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers });
  const [contact, setContact] = useState<ContactChoice | null>(fixedContact);
  const [contactError, setContactError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(interaction, member.id),
    validate: {
      occurredAt: (value) => {
        if (!value) return 'When did it happen?';
        const date = new Date(value);
        if (Number.isNaN(date.getTime())) return 'Use a date and time';
        return date.getTime() > Date.now() + 86_400_000 ? 'Not more than a day ahead' : null;
      },
      participantIds: (ids) => (ids.length === 0 ? 'At least one person from the team' : null),
    },
  });

  const save = useMutation({
    mutationFn: ({ values, contactId }: { values: Values; contactId: string }) => {
      const changes = {
        kind: values.kind,
        occurredAt: new Date(values.occurredAt).toISOString(),
        summary: values.summary,
        outcome: values.outcome,
        followUpOn: values.followUpOn || null,
        participantIds: values.participantIds,
      };
      return interaction
        ? clientsApi.updateInteraction(interaction.id, changes)
        : clientsApi.createInteraction({ contactId, ...changes });
    },
    onSuccess: (saved, { values }) => {
      invalidateContact(queryClient, saved.contactId);
      void queryClient.invalidateQueries({ queryKey: ['clients', 'account'] });
      const what = `${interactionKindLabels[values.kind]} with ${contact?.name ?? 'them'}`;
      if (interaction) notifySuccess(`${what} is corrected on the timeline.`, 'Conversation saved');
      else notifySuccess(`${what} is on their timeline.`, 'Conversation logged');
      onDone();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, fields)),
  });
  const isNote = form.getValues().kind === 'note';

  const people = (members.data?.members ?? [])
    .filter((m) => m.status === 'active')
    .map((m) => ({ value: m.id, label: m.id === member.id ? `${m.name} (you)` : m.name }));
  if (!people.some((p) => p.value === member.id))
    people.unshift({ value: member.id, label: `${member.name} (you)` });

  return (
    <FormFrame
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        if (!contact) {
          setContactError('Choose who the conversation was with');
          return;
        }
        save.mutate({ values, contactId: contact.id });
      })}
      formError={formError}
      onCancel={onDone}
      submitLabel="Save"
      submitting={save.isPending}
    >
      {fixedContact ? null : (
        <ContactPicker
          label="With"
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
      <Stack gap={4}>
        <Input.Label id={kindLabelId}>Kind</Input.Label>
        <SegmentedControl
          aria-labelledby={kindLabelId}
          fullWidth
          size={narrow ? 'xs' : 'sm'}
          data={interactionKindOptions}
          key={form.key('kind')}
          {...form.getInputProps('kind')}
        />
      </Stack>
      <Textarea
        label="Summary"
        placeholder="What did you talk about? Anything you heard they need?"
        autosize
        minRows={2}
        maxRows={8}
        data-autofocus={fixedContact ? true : undefined}
        key={form.key('summary')}
        {...form.getInputProps('summary')}
      />
      <TextInput
        label="Outcome"
        placeholder="What came of it, what happens next"
        key={form.key('outcome')}
        {...form.getInputProps('outcome')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput
          label="When"
          type="datetime-local"
          required
          key={form.key('occurredAt')}
          {...form.getInputProps('occurredAt')}
        />
        <TextInput
          label="Follow up on"
          type="date"
          key={form.key('followUpOn')}
          {...form.getInputProps('followUpOn')}
        />
      </SimpleGrid>
      <MultiSelect
        label={isNote ? 'Whose note' : 'Who took part'}
        description={
          isNote
            ? 'A note is what the team knows, not a conversation: it does not change relationship strength.'
            : "Each one's relationship with this person is updated."
        }
        data={people}
        searchable
        comboboxProps={selectComboboxProps}
        key={form.key('participantIds')}
        {...form.getInputProps('participantIds')}
      />
    </FormFrame>
  );
}

export function LogConversationModal({
  opened,
  onClose,
  contact,
  interaction = null,
}: {
  opened: boolean;
  onClose: () => void;
  contact: ContactChoice | null;
  /** Correct this logged conversation instead of logging a new one. */
  interaction?: Interaction | null;
}) {
  const narrow = useMediaQuery('(max-width: 36em)');
  const title = interaction
    ? `Edit the ${interactionKindLabels[interaction.kind].toLowerCase()} ${interaction.kind === 'note' ? 'about' : 'with'} ${contact?.name ?? 'them'}`
    : contact
      ? `Log a conversation with ${contact.name}`
      : 'Log a conversation';
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
      }
      size="lg"
      fullScreen={narrow}
      centered
    >
      {/* A fresh form every time it opens: kind back to Call, time back to now. */}
      {opened ? <InteractionForm contact={contact} interaction={interaction} onDone={onClose} /> : null}
    </Modal>
  );
}

/** The header's quick-add: from a contact's page it is about them, elsewhere it asks who. */
export function QuickLogButton() {
  const [opened, setOpened] = useState(false);
  const [contact, setContact] = useState<ContactChoice | null>(null);
  const queryClient = useQueryClient();
  const match = useMatch('/clients/people/:id');

  const open = () => {
    const id = match?.params.id;
    const current = id ? queryClient.getQueryData<ContactDetail>(clientKeys.contact(id)) : undefined;
    setContact(current && !current.erased && !current.mergedIntoId ? current : null);
    setOpened(true);
  };

  useHotkeys([['l', () => !opened && open()]]);
  const hint = (
    <Group gap={6} wrap="nowrap">
      Log a conversation <Kbd size="xs">L</Kbd>
    </Group>
  );

  return (
    <>
      <Tooltip label={hint} withArrow>
        <ActionIcon
          hiddenFrom="sm"
          variant="light"
          size={36}
          aria-label="Log a conversation"
          aria-keyshortcuts="l"
          onClick={open}
        >
          <IconMessagePlus size={20} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={hint} withArrow>
        <Button
          visibleFrom="sm"
          variant="light"
          aria-label="Log a conversation"
          aria-keyshortcuts="l"
          leftSection={<IconMessagePlus size={18} />}
          onClick={open}
        >
          Log
        </Button>
      </Tooltip>
      <LogConversationModal opened={opened} onClose={() => setOpened(false)} contact={contact} />
    </>
  );
}
