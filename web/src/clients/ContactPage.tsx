// One person: who they are, who on the team knows them, everything that happened, and the actions
// that change them (log a conversation, edit, archive, merge a duplicate, erase).
import {
  ActionIcon,
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
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconArrowMerge,
  IconDots,
  IconEraser,
  IconMessagePlus,
  IconPencil,
  IconUserOff,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { useSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import { type ContactDetail, clientKeys, clientsApi, invalidateContact } from './api.ts';
import { type ContactSection, EditContactDrawer } from './ContactForms.tsx';
import { LogConversationModal } from './LogConversation.tsx';
import { channelLabels } from './labels.ts';
import { type ContactChoice, ContactPicker } from './pickers.tsx';
import { RelationshipsCard } from './Relationships.tsx';
import { TimelineCard } from './Timeline.tsx';
import { KindBadge, TagBadges } from './ui.tsx';

export function BackToClients({ to = '/clients', label = 'Clients' }: { to?: string; label?: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed" w="fit-content">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}

export function PageMissing({ error, what }: { error: unknown; what: string }) {
  const missing = isApiError(error, 404);
  return (
    <Stack gap="md" maw={640}>
      <BackToClients />
      <Alert
        color={missing ? 'gray' : 'red'}
        variant="light"
        icon={<IconUserOff size={18} />}
        title={missing ? `This ${what} does not exist` : `Could not open this ${what}`}
      >
        {missing
          ? `It may have been erased, or the link is wrong. Look for them in your clients instead.`
          : errorMessage(error)}
      </Alert>
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Box fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Stack>
  );
}

function Empty({ children = 'Not known' }: { children?: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" span>
      {children}
    </Text>
  );
}

function CardHeader({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap">
      <Title order={2} fz="lg">
        {title}
      </Title>
      {action}
    </Group>
  );
}

function ProfileCard({ contact, onEdit }: { contact: ContactDetail; onEdit?: () => void }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <CardHeader
          title="Profile"
          action={
            onEdit ? (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPencil size={14} />}
                onClick={onEdit}
                aria-label="Edit profile"
              >
                Edit
              </Button>
            ) : null
          }
        />
        <Field label="Email">
          {contact.email ? (
            <Anchor href={`mailto:${contact.email}`} inherit>
              {contact.email}
            </Anchor>
          ) : (
            <Empty />
          )}
        </Field>
        {contact.otherEmails.length > 0 ? (
          <Field label="Other emails">
            <Stack gap={0}>
              {contact.otherEmails.map((email) => (
                <Anchor key={email} href={`mailto:${email}`} inherit>
                  {email}
                </Anchor>
              ))}
            </Stack>
          </Field>
        ) : null}
        <Field label="Phone">
          {contact.phone ? (
            <Anchor href={`tel:${contact.phone.replace(/\s+/g, '')}`} inherit>
              {contact.phone}
            </Anchor>
          ) : (
            <Empty />
          )}
        </Field>
        <Group grow align="flex-start" gap="md">
          <Field label="Preferred channel">
            {contact.preferredChannel ? (
              channelLabels[contact.preferredChannel]
            ) : (
              <Empty>No preference</Empty>
            )}
          </Field>
          <Field label="Best time">{contact.bestTime ?? <Empty />}</Field>
        </Group>
        <Group gap="xs">
          <Badge variant="light" color={contact.mayEmail ? 'teal' : 'red'} tt="none">
            {contact.mayEmail ? 'May email' : 'Do not email'}
          </Badge>
          <Badge variant="light" color={contact.maySurvey ? 'teal' : 'red'} tt="none">
            {contact.maySurvey ? 'May survey' : 'Do not survey'}
          </Badge>
        </Group>
      </Stack>
    </Card>
  );
}

function ContextCard({ contact, onEdit }: { contact: ContactDetail; onEdit?: () => void }) {
  const known =
    [contact.family, contact.interests, contact.workingOn, contact.notes].some(Boolean) ||
    contact.canHelpWith.length > 0;
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <CardHeader
          title="Personal context"
          action={
            onEdit ? (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPencil size={14} />}
                onClick={onEdit}
                aria-label="Edit personal context"
              >
                Edit
              </Button>
            ) : null
          }
        />
        {!known ? (
          <Text size="sm" c="dimmed">
            Nothing noted yet. Their family, interests and what they are working on are what make a favour or
            a well-timed ask possible: note what you hear in conversations.
          </Text>
        ) : (
          <>
            {contact.family ? (
              <Field label="Family">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {contact.family}
                </Text>
              </Field>
            ) : null}
            {contact.interests ? (
              <Field label="Interests">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {contact.interests}
                </Text>
              </Field>
            ) : null}
            {contact.workingOn ? (
              <Field label="Working on">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {contact.workingOn}
                </Text>
              </Field>
            ) : null}
            {contact.canHelpWith.length > 0 ? (
              <Field label="Can help with">
                <TagBadges tags={contact.canHelpWith} max={12} />
              </Field>
            ) : null}
            {contact.notes ? (
              <Field label="Notes">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {contact.notes}
                </Text>
              </Field>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  );
}

function MergeModal({
  contact,
  opened,
  onClose,
}: {
  contact: ContactDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [duplicate, setDuplicate] = useState<ContactChoice | null>(null);
  const merge = useMutation({
    mutationFn: (dup: ContactChoice) => clientsApi.mergeContact(contact.id, dup.id),
    onSuccess: (survivor, dup) => {
      queryClient.setQueryData(clientKeys.contact(survivor.id), survivor);
      queryClient.removeQueries({ queryKey: clientKeys.contact(dup.id) });
      invalidateContact(queryClient, survivor.id);
      notifySuccess(`${dup.name}'s history now belongs to ${survivor.name}.`, 'Contacts merged');
      close();
    },
  });
  const close = () => {
    onClose();
    setTimeout(() => {
      setDuplicate(null);
      merge.reset();
    }, 200);
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      centered
      title={
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          Merge a duplicate into {contact.name}
        </Text>
      }
    >
      <Stack gap="md">
        <ContactPicker
          label="Duplicate"
          description="The other record of the same person."
          value={duplicate}
          onChange={(choice) => {
            setDuplicate(choice);
            merge.reset();
          }}
          excludeId={contact.id}
          autoFocus
        />
        {duplicate ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconArrowMerge size={18} />}
            style={{ overflowWrap: 'anywhere' }}
          >
            Everything about {duplicate.name} (conversations, relationships, timeline, tags and details this
            record lacks) moves to {contact.name}, and {duplicate.name} is retired: links to it open{' '}
            {contact.name}. This cannot be undone.
          </Alert>
        ) : null}
        <FormError message={merge.isError ? errorMessage(merge.error) : null} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="orange"
            disabled={!duplicate}
            loading={merge.isPending}
            onClick={() => duplicate && merge.mutate(duplicate)}
          >
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EraseModal({
  contact,
  opened,
  onClose,
}: {
  contact: ContactDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () => clientsApi.eraseContact(contact.id),
    onSuccess: () => {
      invalidateContact(queryClient, contact.id);
      notifySuccess(`The personal data of ${contact.name} is erased.`, 'Contact erased');
      onClose();
      navigate('/clients');
    },
  });
  const close = () => {
    onClose();
    setTimeout(() => {
      setTyped('');
      erase.reset();
    }, 200);
  };
  const matches = typed.trim() === contact.name.trim();
  return (
    <Modal
      opened={opened}
      onClose={close}
      centered
      title={
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          Erase {contact.name}?
        </Text>
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (matches) erase.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            For a request under data-protection law (GDPR's right to erasure). Their name, emails, phone,
            personal context and notes are removed for good; conversations stay in the team's numbers without
            anything that identifies them. This cannot be undone.
          </Text>
          <TextInput
            label={`Type “${contact.name}” to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          <FormError message={erase.isError ? errorMessage(erase.error) : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={erase.isPending}>
              Erase personal data
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ContactView({ contact }: { contact: ContactDetail }) {
  const { member } = useSession();
  const queryClient = useQueryClient();
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<ContactSection | null>(null);
  const [merging, setMerging] = useState(false);
  const [erasing, setErasing] = useState(false);
  const canErase = member.role === 'owner' || member.role === 'manager';
  const locked = contact.erased;

  const archive = useMutation({
    mutationFn: () =>
      contact.archived ? clientsApi.unarchiveContact(contact.id) : clientsApi.archiveContact(contact.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKeys.contact(contact.id), updated);
      invalidateContact(queryClient, contact.id);
      notifySuccess(
        updated.archived
          ? `${updated.name} no longer shows in lists unless you include archived people.`
          : `${updated.name} is back in your lists.`,
        updated.archived ? 'Archived' : 'Restored',
      );
    },
    onError: (error) => notifyError(error, contact.archived ? 'Could not restore' : 'Could not archive'),
  });

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <BackToClients />
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
            <Title
              order={1}
              fz={{ base: 24, sm: 28 }}
              lineClamp={2}
              title={contact.name}
              style={{ overflowWrap: 'anywhere' }}
            >
              {contact.name}
            </Title>
            {contact.title || contact.account ? (
              <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {contact.title}
                {contact.title && contact.account ? ' at ' : ''}
                {contact.account ? (
                  <Anchor
                    component={Link}
                    to={`/clients/companies/${contact.account.id}`}
                    inherit
                    title={contact.account.name}
                  >
                    {contact.account.name}
                  </Anchor>
                ) : null}
              </Text>
            ) : null}
            <Group gap={6}>
              <KindBadge kind={contact.kind} />
              {contact.archived ? (
                <Badge color="gray" variant="filled">
                  Archived
                </Badge>
              ) : null}
              {contact.erased ? (
                <Badge color="red" variant="filled">
                  Erased
                </Badge>
              ) : null}
              <TagBadges tags={contact.tags} max={8} />
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {locked ? null : (
              <Button leftSection={<IconMessagePlus size={18} />} onClick={() => setLogging(true)}>
                Log conversation
              </Button>
            )}
            <Menu position="bottom-end" shadow="md" width={260} withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size={36} aria-label="More actions">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {locked ? null : (
                  <>
                    <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing('profile')}>
                      Edit profile
                    </Menu.Item>
                    <Menu.Item leftSection={<IconArrowMerge size={16} />} onClick={() => setMerging(true)}>
                      Merge a duplicate into this one…
                    </Menu.Item>
                  </>
                )}
                <Menu.Item
                  leftSection={contact.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                  onClick={() => archive.mutate()}
                  disabled={archive.isPending}
                >
                  {contact.archived ? 'Restore from archive' : 'Archive'}
                </Menu.Item>
                {canErase && !locked ? (
                  <>
                    <Menu.Divider />
                    <Menu.Item
                      color="red"
                      leftSection={<IconEraser size={16} />}
                      onClick={() => setErasing(true)}
                    >
                      Erase personal data…
                    </Menu.Item>
                  </>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>

      {contact.erased ? (
        <Alert color="red" variant="light" icon={<IconEraser size={18} />} title="Personal data erased">
          This person asked to be forgotten. What identified them is gone; their conversations still count in
          the team's numbers.
        </Alert>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <RelationshipsCard contact={contact} />
            <TimelineCard
              kind="contact"
              id={contact.id}
              emptyText="Nothing yet. Log a conversation and it appears here, newest first, along with everything else that happens with this person."
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <ProfileCard contact={contact} onEdit={locked ? undefined : () => setEditing('profile')} />
            <ContextCard contact={contact} onEdit={locked ? undefined : () => setEditing('context')} />
          </Stack>
        </Grid.Col>
      </Grid>

      <LogConversationModal opened={logging} onClose={() => setLogging(false)} contact={contact} />
      <EditContactDrawer contact={contact} section={editing} onClose={() => setEditing(null)} />
      <MergeModal contact={contact} opened={merging} onClose={() => setMerging(false)} />
      {canErase ? <EraseModal contact={contact} opened={erasing} onClose={() => setErasing(false)} /> : null}
    </Stack>
  );
}

export function ContactPage() {
  const { id = '' } = useParams();
  const contact = useQuery({ queryKey: clientKeys.contact(id), queryFn: () => clientsApi.getContact(id) });

  if (contact.isPending) return <Loader aria-label="Loading the contact" />;
  if (contact.isError) return <PageMissing error={contact.error} what="person" />;
  // A merged contact is a signpost to the one it was merged into.
  if (contact.data.mergedIntoId)
    return <Navigate to={`/clients/people/${contact.data.mergedIntoId}`} replace />;
  return <ContactView key={contact.data.id} contact={contact.data} />;
}
