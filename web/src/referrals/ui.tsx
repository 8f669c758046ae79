// Pieces every referral view shares: the kind and stage badges, and moving a referral to another
// stage (directly, or through a small dialog that asks why it was lost or what was booked).
import { Badge, NumberInput, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconHeartHandshake, IconSpeakerphone } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { FormModal } from '../components/FormModal.tsx';
import { applyServerErrors, notifyError, notifySuccess } from '../lib/errors.ts';
import {
  invalidateReferrals,
  type ReferralKind,
  type ReferralListItem,
  type ReferralStatus,
  referralsApi,
} from './api.ts';
import { kindColors, kindHints, kindLabels, statusColors, statusLabels } from './labels.ts';

export function KindBadge({ kind, size = 'sm' }: { kind: ReferralKind; size?: 'xs' | 'sm' | 'md' }) {
  const Icon = kind === 'introduction' ? IconHeartHandshake : IconSpeakerphone;
  return (
    <Tooltip label={kindHints[kind]} withArrow openDelay={400}>
      <Badge
        size={size}
        color={kindColors[kind]}
        variant={kind === 'introduction' ? 'filled' : 'light'}
        leftSection={<Icon size={12} aria-hidden />}
        style={{ flexShrink: 0, overflow: 'visible' }}
      >
        {kindLabels[kind]}
      </Badge>
    </Tooltip>
  );
}

export function StatusBadge({ status, size = 'sm' }: { status: ReferralStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge
      size={size}
      color={statusColors[status]}
      variant="light"
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {statusLabels[status]}
    </Badge>
  );
}

/** The prospect as the team knows them so far. */
export function prospectLabel(referral: Pick<ReferralListItem, 'prospect' | 'kind'>): string {
  return referral.prospect.name ?? (referral.kind === 'recommendation' ? 'Not named yet' : 'Unnamed');
}

type Pending = { referral: ReferralListItem; status: 'lost' | 'won' };

function MoveDialog({ pending, onClose }: { pending: Pending | null; onClose: () => void }) {
  const client = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ reason: string; bookedValue: number | string }>({
    initialValues: { reason: '', bookedValue: '' },
    validate: {
      reason: (v) => (pending?.status === 'lost' && !v.trim() ? 'Say why it was lost' : null),
      bookedValue: (v) => (typeof v === 'number' && v < 0 ? 'Cannot be negative' : null),
    },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      referralsApi.move(pending!.referral.id, {
        status: pending!.status,
        ...(pending!.status === 'lost' && { reason: values.reason }),
        ...(pending!.status === 'won' &&
          typeof values.bookedValue === 'number' && { bookedValue: values.bookedValue }),
      }),
    onSuccess: (referral) => {
      invalidateReferrals(client);
      notifySuccess(`${prospectLabel(referral)}: ${statusLabels[referral.status].toLowerCase()}`);
      onClose();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['reason', 'bookedValue'])),
  });
  const referral = pending?.referral;
  const won = pending?.status === 'won';
  return (
    <FormModal
      opened={pending !== null}
      onClose={onClose}
      onClosed={() => {
        form.reset();
        setFormError(null);
      }}
      size="md"
      title={referral ? `${won ? 'Won' : 'Lost'}: ${prospectLabel(referral)}` : ''}
      onSubmit={form.onSubmit((values) => save.mutate(values))}
      formError={formError}
      submitLabel={won ? 'Mark as won' : 'Mark as lost'}
      submitColor={won ? 'green' : 'gray'}
      submitting={save.isPending}
    >
      {won ? (
        <Stack gap="xs">
          <NumberInput
            label={`Booked value (${referral?.currency ?? ''})`}
            description="What the new business is worth. You can add it later."
            min={0}
            decimalScale={2}
            thousandSeparator
            placeholder={referral?.expectedValue ? `Expected ${referral.expectedValue}` : 'Optional'}
            data-autofocus
            {...form.getInputProps('bookedValue')}
          />
        </Stack>
      ) : (
        <Textarea
          label="Why was it lost?"
          description="Kept in the referral's history; it helps the next one go better."
          required
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
      )}
      <Text size="xs" c="dimmed">
        {won
          ? 'If your workspace thanks referrers when a referral is won, a thank-you task is created for the person who knows them best.'
          : 'You can reopen it later by moving it to another stage.'}
      </Text>
    </FormModal>
  );
}

/**
 * Moving referrals: `move(referral, status)` saves at once, except for won and lost, which open a
 * dialog first. Render `dialog` once near the caller.
 */
export function useReferralMover(): {
  move: (referral: ReferralListItem, status: ReferralStatus) => void;
  moving: string | null;
  dialog: ReactNode;
} {
  const client = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const direct = useMutation({
    mutationFn: ({ referral, status }: { referral: ReferralListItem; status: ReferralStatus }) =>
      referralsApi.move(referral.id, { status }),
    onSuccess: (referral) => {
      invalidateReferrals(client);
      notifySuccess(`${prospectLabel(referral)}: ${statusLabels[referral.status].toLowerCase()}`);
    },
    onError: (error) => notifyError(error, 'The referral was not moved'),
  });
  return {
    move: (referral, status) => {
      if (referral.status === status) return;
      if (status === 'lost' || status === 'won') setPending({ referral, status });
      else direct.mutate({ referral, status });
    },
    moving: direct.isPending ? (direct.variables?.referral.id ?? null) : null,
    dialog: <MoveDialog pending={pending} onClose={() => setPending(null)} />,
  };
}
