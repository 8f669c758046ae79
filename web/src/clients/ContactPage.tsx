// One person: who they are, who on the team knows them, everything that happened, and the actions
// that change them (log a conversation, edit, archive, merge a duplicate, erase).
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowMerge, IconEraser, IconMessagePlus, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useSession } from '../api/queries.ts';
import { FormModal } from '../components/FormModal.tsx';
import { errorMessage, notifySuccess } from '../lib/errors.ts';
import { ShareLinksCard } from '../offers/ShareLinksCard.tsx';
import { ContactReferralsCard } from '../referrals/ContactReferralsCard.tsx';
import { ContactReferralCards } from '../referrer-pages/ContactReferralCards.tsx';
import { ContactTasksCard } from '../tasks/ContactTasksCard.tsx';
import { type ContactDetail, clientKeys, clientsApi, invalidateContact } from './api.ts';
import { type ContactSection, EditContactDrawer } from './ContactForms.tsx';
import { LogConversationModal } from './LogConversation.tsx';
import { channelLabels } from './labels.ts';
import { type ContactChoice, ContactPicker } from './pickers.tsx';
import { RelationshipsCard } from './Relationships.tsx';
import { ArchiveMenuItem, BackToClients, CardHeader, EntityHeader, RecordPage } from './shells.tsx';
import { TimelineCard } from './Timeline.tsx';
import { KindBadge, TagBadges } from './ui.tsx';

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

/** Free text the team wrote, line breaks kept; nothing at all when it is empty. */
function TextFact({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <Field label={label}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </Field>
  );
}

function Empty({ children = 'Not known' }: { children?: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" span>
      {children}
    </Text>
  );
}

function ProfileCard({ contact, onEdit }: { contact: ContactDetail; onEdit?: () => void }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <CardHeader title="Profile" onEdit={onEdit} />
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
        <CardHeader title="Personal context" onEdit={onEdit} />
        {!known ? (
          <Text size="sm" c="dimmed">
            Nothing noted yet. Their family, interests and what they are working on are what make a favour or
            a well-timed ask possible: note what you hear in conversations.
          </Text>
        ) : (
          <>
            <TextFact label="Family" text={contact.family} />
            <TextFact label="Interests" text={contact.interests} />
            <TextFact label="Working on" text={contact.workingOn} />
            {contact.canHelpWith.length > 0 ? (
              <Field label="Can help with">
                <TagBadges tags={contact.canHelpWith} max={12} />
              </Field>
            ) : null}
            <TextFact label="Notes" text={contact.notes} />
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
      onClose();
    },
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        setDuplicate(null);
        merge.reset();
      }}
      size="md"
      title={`Merge a duplicate into ${contact.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (duplicate) merge.mutate(duplicate);
      }}
      formError={merge.isError ? errorMessage(merge.error) : null}
      submitLabel="Merge"
      submitColor="orange"
      submitDisabled={!duplicate}
      submitting={merge.isPending}
    >
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
    </FormModal>
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
  const matches = typed.trim() === contact.name.trim();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        setTyped('');
        erase.reset();
      }}
      size="md"
      title={`Erase ${contact.name}?`}
      onSubmit={(event) => {
        event.preventDefault();
        if (matches) erase.mutate();
      }}
      formError={erase.isError ? errorMessage(erase.error) : null}
      submitLabel="Erase personal data"
      submitColor="red"
      submitDisabled={!matches}
      submitting={erase.isPending}
    >
      <Text size="sm">
        For a request under data-protection law (GDPR's right to erasure). Their name, emails, phone, personal
        context and notes are removed for good; conversations stay in the team's numbers without anything that
        identifies them. This cannot be undone.
      </Text>
      <TextInput
        label={`Type “${contact.name}” to confirm`}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        autoComplete="off"
        data-autofocus
      />
    </FormModal>
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

  return (
    <Stack gap="lg">
      <EntityHeader
        back={<BackToClients />}
        name={contact.name}
        subtitle={
          contact.title || contact.account ? (
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
          ) : null
        }
        badges={
          <>
            <KindBadge kind={contact.kind} />
            {contact.erased ? (
              <Badge color="red" variant="filled">
                Erased
              </Badge>
            ) : null}
            <TagBadges tags={contact.tags} max={8} />
          </>
        }
        archived={contact.archived}
        actions={
          locked ? null : (
            <Button leftSection={<IconMessagePlus size={18} />} onClick={() => setLogging(true)}>
              Log conversation
            </Button>
          )
        }
        menuWidth={260}
        menu={
          <>
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
            <ArchiveMenuItem
              record={contact}
              what="people"
              toggle={(archive) =>
                archive ? clientsApi.archiveContact(contact.id) : clientsApi.unarchiveContact(contact.id)
              }
              onDone={(updated) => {
                queryClient.setQueryData(clientKeys.contact(contact.id), updated);
                invalidateContact(queryClient, contact.id);
              }}
            />
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
          </>
        }
      />

      {contact.erased ? (
        <Alert color="red" variant="light" icon={<IconEraser size={18} />} title="Personal data erased">
          This person asked to be forgotten. What identified them is gone; their conversations still count in
          the team's numbers.
        </Alert>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {locked ? null : <ContactTasksCard contact={contact} />}
            <RelationshipsCard contact={contact} />
            <TimelineCard
              kind="contact"
              id={contact.id}
              readOnly={locked}
              emptyText="Nothing yet. Log a conversation and it appears here, newest first, along with everything else that happens with this person."
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <ProfileCard contact={contact} onEdit={locked ? undefined : () => setEditing('profile')} />
            <ContextCard contact={contact} onEdit={locked ? undefined : () => setEditing('context')} />
            <ContactReferralCards contact={contact} />
            {locked ? null : <ContactReferralsCard contact={contact} />}
            {locked ? null : <ShareLinksCard contact={contact} />}
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
  return (
    <RecordPage query={contact} what="person">
      {(data) =>
        // A merged contact is a signpost to the one it was merged into.
        data.mergedIntoId ? (
          <Navigate to={`/clients/people/${data.mergedIntoId}`} replace />
        ) : (
          <ContactView key={data.id} contact={data} />
        )
      }
    </RecordPage>
  );
}
