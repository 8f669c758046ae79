// On a partner's page: the balance both ways, the clients we sent them (with their outcome, changed
// in place) and the referrals they sent us (recorded in the referrals pipeline, read-only here).
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { clientKeys } from '../clients/api.ts';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormModal } from '../components/FormModal.tsx';
import { errorMessage, notifyError, notifySuccess, splitServerErrors } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import {
  formatRevenue,
  outcomeLabels,
  type PartnerOutcome,
  type PartnerReferral,
  partnerKeys,
  partnersApi,
} from './api.ts';

type Person = { id: string; name: string };

const statusWords: Record<string, string> = {
  new: 'New',
  contacted: 'Contacted',
  meeting_held: 'Meeting held',
  qualified: 'Qualified',
  proposal: 'Proposal',
  won: 'Won',
  lost: 'Lost',
};

const outcomeOptions = (Object.keys(outcomeLabels) as PartnerOutcome[]).map((value) => ({
  value,
  label: outcomeLabels[value],
}));

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const FIELDS = ['clientContactId', 'clientName', 'forWhat', 'sentOn', 'outcome', 'note'] as const;

function LogModal({ partner, opened, onClose }: { partner: Person; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [who, setWho] = useState<'client' | 'name'>('client');
  const [client, setClient] = useState<ContactChoice | null>(null);
  const [clientName, setClientName] = useState('');
  const [forWhat, setForWhat] = useState('');
  const [sentOn, setSentOn] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const log = useMutation({
    mutationFn: () =>
      partnersApi.logReferral(partner.id, {
        ...(who === 'client' ? { clientContactId: client?.id } : { clientName }),
        forWhat,
        sentOn,
        note: note.trim() || null,
      }),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: partnerKeys.all });
      queryClient.invalidateQueries({ queryKey: clientKeys.contactTimeline(partner.id) });
      notifySuccess(`${saved.client?.name ?? saved.clientName} sent to ${partner.name}.`, 'Referral logged');
      onClose();
    },
    onError: (error) => setErrors(splitServerErrors(error, FIELDS).fieldErrors),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        setWho('client');
        setClient(null);
        setClientName('');
        setForWhat('');
        setSentOn(today());
        setNote('');
        setErrors({});
        log.reset();
      }}
      title={`A client we sent to ${partner.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (who === 'client' && !client) {
          setErrors({ clientContactId: 'Choose the client, or switch to “Someone else”' });
          return;
        }
        log.mutate();
      }}
      formError={log.isError ? splitServerErrors(log.error, FIELDS).formError : null}
      submitLabel="Log referral"
      submitting={log.isPending}
    >
      <SegmentedControl
        value={who}
        onChange={(value) => setWho(value as 'client' | 'name')}
        data={[
          { value: 'client', label: 'One of our clients' },
          { value: 'name', label: 'Someone else' },
        ]}
      />
      {who === 'client' ? (
        <ContactPicker
          label="Client"
          value={client}
          onChange={(choice) => {
            setClient(choice);
            setErrors((e) => ({ ...e, clientContactId: '' }));
          }}
          excludeId={partner.id}
          error={errors.clientContactId || null}
          required
        />
      ) : (
        <TextInput
          label="Name"
          required
          maxLength={120}
          value={clientName}
          onChange={(e) => setClientName(e.currentTarget.value)}
          error={errors.clientName}
        />
      )}
      <TextInput
        label="For what"
        description="What the partner helps them with (“a shareholder agreement”)."
        required
        maxLength={300}
        value={forWhat}
        onChange={(e) => setForWhat(e.currentTarget.value)}
        error={errors.forWhat}
      />
      <TextInput
        label="Sent on"
        type="date"
        max={today()}
        value={sentOn}
        onChange={(e) => setSentOn(e.currentTarget.value)}
        error={errors.sentOn}
      />
      <Textarea
        label="Note (optional)"
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
    </FormModal>
  );
}

function SentRow({ referral }: { referral: PartnerReferral }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: partnerKeys.all });
  const update = useMutation({
    mutationFn: (outcome: PartnerOutcome) => partnersApi.updateReferral(referral.id, { outcome }),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: () => partnersApi.removeReferral(referral.id),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
      <Stack gap={0} miw={0}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {referral.client ? (
            <Anchor component={Link} to={`/clients/people/${referral.client.id}`} inherit fw={600}>
              {referral.client.name}
            </Anchor>
          ) : (
            <Text span fw={600} inherit>
              {referral.clientName ?? 'Someone'}
            </Text>
          )}{' '}
          for {referral.forWhat}
        </Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {formatDate(`${referral.sentOn}T12:00:00Z`)}
          {referral.member ? ` · ${referral.member.name}` : ''}
          {referral.note ? ` · ${referral.note}` : ''}
        </Text>
      </Stack>
      <Group gap={4} wrap="nowrap">
        <Select
          size="xs"
          w={104}
          data={outcomeOptions}
          value={referral.outcome}
          onChange={(value) => value && update.mutate(value as PartnerOutcome)}
          allowDeselect={false}
          aria-label="Outcome"
          comboboxProps={selectComboboxProps}
        />
        <Tooltip label="Remove (logged by mistake)" withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => remove.mutate()}
            aria-label="Remove"
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fw={700} fz="lg" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Stack>
  );
}

export function PartnerCard({ partner }: { partner: Person }) {
  const [logging, setLogging] = useState(false);
  const detail = useQuery({
    queryKey: partnerKeys.one(partner.id),
    queryFn: () => partnersApi.get(partner.id),
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="lg">
            Partner
          </Title>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setLogging(true)}
          >
            Log a client we sent
          </Button>
        </Group>
        {detail.isPending ? (
          <Loader size="sm" aria-label="Loading the partner's referrals" />
        ) : detail.isError ? (
          <Text size="sm" c="red">
            {errorMessage(detail.error)}
          </Text>
        ) : (
          <>
            <SimpleGrid cols={3} spacing="sm">
              <Stat
                label="Sent to them"
                value={String(detail.data.partner.sent.count)}
                hint={`${detail.data.partner.sent.won} won`}
              />
              <Stat
                label="Received"
                value={String(detail.data.partner.received.count)}
                hint={`${detail.data.partner.received.won} won`}
              />
              <Stat label="Revenue booked" value={formatRevenue(detail.data.partner.received.revenue)} />
            </SimpleGrid>
            <Divider label="Clients we sent them" labelPosition="left" />
            {detail.data.sent.length === 0 ? (
              <Text size="sm" c="dimmed">
                None logged yet. When you recommend {partner.name} to a client, log it here: it is half of the
                balance.
              </Text>
            ) : (
              <Stack gap="sm">
                {detail.data.sent.map((r) => (
                  <SentRow key={r.id} referral={r} />
                ))}
              </Stack>
            )}
            <Divider label="Referrals they sent us" labelPosition="left" />
            {detail.data.received.length === 0 ? (
              <Text size="sm" c="dimmed">
                None yet. Referrals crediting {partner.name} (recorded in Referrals) appear here.
              </Text>
            ) : (
              <Stack gap={6}>
                {detail.data.received.map((r) => (
                  <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }} miw={0}>
                      {r.prospect ? (
                        <Anchor component={Link} to={`/clients/people/${r.prospect.id}`} inherit>
                          {r.prospect.name}
                        </Anchor>
                      ) : (
                        (r.prospectName ?? 'Someone not yet named')
                      )}{' '}
                      <Text span size="xs" c="dimmed">
                        · {r.kind} · {formatDate(r.referredAt)}
                      </Text>
                    </Text>
                    <Badge
                      variant="light"
                      color={r.status === 'won' ? 'teal' : r.status === 'lost' ? 'gray' : 'blue'}
                      tt="none"
                      style={{ flexShrink: 0 }}
                    >
                      {statusWords[r.status]}
                      {r.status === 'won' && r.bookedValue !== null
                        ? ` · ${formatRevenue([{ currency: r.currency, amount: r.bookedValue }])}`
                        : ''}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            )}
          </>
        )}
      </Stack>
      <LogModal partner={partner} opened={logging} onClose={() => setLogging(false)} />
    </Card>
  );
}
