// Recording a referral by hand. Two ways in: "New referral" (a client or partner told us about
// someone) and intake, "How did you hear about us?", where a new prospect's answer credits the
// client who recommended us after the fact.
import {
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { CompanyInput, type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormModal } from '../components/FormModal.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import { type CreateReferralInput, invalidateReferrals, type ReferralKind, referralsApi } from './api.ts';
import { kindHints, kindLabels } from './labels.ts';

type Values = {
  kind: ReferralKind;
  source: 'client' | 'partner' | 'other';
  prospectMode: 'existing' | 'new';
  prospectName: string;
  prospectEmail: string;
  prospectCompany: string;
  ownerMemberId: string | null;
  expectedValue: number | string;
  heardAbout: string;
  note: string;
};

const fields = [
  'kind',
  'source',
  'referrerContactId',
  'prospectContactId',
  'prospectName',
  'prospectEmail',
  'prospectCompany',
  'ownerMemberId',
  'expectedValue',
  'heardAbout',
  'note',
] as const;

export function NewReferralModal({
  opened,
  onClose,
  intake = false,
  referrer: initialReferrer = null,
}: {
  opened: boolean;
  onClose: () => void;
  /** "How did you hear about us?": a recommendation recorded after the fact. */
  intake?: boolean;
  referrer?: ContactChoice | null;
}) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { member } = useSession();
  const [referrer, setReferrer] = useState<ContactChoice | null>(initialReferrer);
  const [prospect, setProspect] = useState<ContactChoice | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers, enabled: opened });
  const form = useForm<Values>({
    initialValues: {
      kind: intake ? 'recommendation' : 'introduction',
      source: 'client',
      prospectMode: 'new',
      prospectName: '',
      prospectEmail: '',
      prospectCompany: '',
      ownerMemberId: null,
      expectedValue: '',
      heardAbout: '',
      note: '',
    },
  });
  const v = form.values;
  const save = useMutation({
    mutationFn: () => {
      const body: CreateReferralInput = {
        kind: v.kind,
        source: v.source,
        referrerContactId: referrer?.id ?? null,
        ownerMemberId: v.ownerMemberId,
        expectedValue: typeof v.expectedValue === 'number' ? v.expectedValue : null,
        heardAbout: v.heardAbout,
        note: v.note,
      };
      if (v.prospectMode === 'existing') body.prospectContactId = prospect?.id ?? null;
      else {
        body.prospectName = v.prospectName;
        body.prospectEmail = v.prospectEmail.trim() || null;
        body.prospectCompany = v.prospectCompany;
      }
      return referralsApi.create(body);
    },
    onSuccess: (referral) => {
      invalidateReferrals(client);
      notifySuccess(
        `${kindLabels[referral.kind]} from ${referral.referrer?.name ?? 'someone'} recorded`,
        'Referral saved',
      );
      onClose();
      navigate(`/referrals/${referral.id}`);
    },
    onError: (error) => setFormError(applyServerErrors(form, error, fields)),
  });
  const people = (members.data?.members ?? [member])
    .filter((m) => m.status === 'active')
    .map((m) => ({ value: m.id, label: m.id === member.id ? `${m.name} (you)` : m.name }));
  const errors = form.errors;

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        form.reset();
        setReferrer(initialReferrer);
        setProspect(null);
        setFormError(null);
      }}
      title={intake ? 'How did you hear about us?' : 'New referral'}
      onSubmit={form.onSubmit(() => save.mutate())}
      formError={formError}
      submitLabel={intake ? 'Record and credit' : 'Save referral'}
      submitting={save.isPending}
    >
      {intake ? (
        <Text size="sm" c="dimmed">
          A new prospect says someone sent them. Record who they are and who recommended you, so the referrer
          gets the credit and a thank-you.
        </Text>
      ) : null}
      <Stack gap={4}>
        <SegmentedControl
          fullWidth
          aria-label="Kind of referral"
          data={[
            { value: 'introduction', label: 'Introduction' },
            { value: 'recommendation', label: 'Recommendation' },
          ]}
          {...form.getInputProps('kind')}
        />
        <Text size="xs" c="dimmed">
          {kindHints[v.kind]}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Source"
          data={[
            { value: 'client', label: 'A client' },
            { value: 'partner', label: 'A partner' },
            { value: 'other', label: 'Other (nobody to credit)' },
          ]}
          allowDeselect={false}
          comboboxProps={selectComboboxProps}
          {...form.getInputProps('source')}
        />
        <ContactPicker
          label={v.source === 'partner' ? 'Partner who referred them' : 'Who referred them'}
          value={referrer}
          onChange={setReferrer}
          required={v.source !== 'other'}
          error={errors.referrerContactId as string | undefined}
        />
      </SimpleGrid>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={500}>
            {intake ? 'The new prospect' : 'Who was referred'}
          </Text>
          <SegmentedControl
            size="xs"
            data={[
              { value: 'new', label: 'Type a person' },
              { value: 'existing', label: 'Already in Warmpath' },
            ]}
            {...form.getInputProps('prospectMode')}
          />
        </Group>
        {v.prospectMode === 'existing' ? (
          <ContactPicker
            label="Person"
            value={prospect}
            onChange={setProspect}
            error={errors.prospectContactId as string | undefined}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Name"
              maxLength={200}
              required={v.kind === 'introduction'}
              placeholder={v.kind === 'recommendation' ? 'If you know it' : undefined}
              {...form.getInputProps('prospectName')}
            />
            <TextInput
              label="Email"
              type="email"
              description="Matches or adds the person"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('prospectEmail')}
            />
            <CompanyInput {...form.getInputProps('prospectCompany')} />
          </SimpleGrid>
        )}
      </Stack>
      {intake ? (
        <Textarea
          label="What they said"
          placeholder="“Ana told me you sorted out her audit in two weeks”"
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('heardAbout')}
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Owner"
          description="Default: whoever knows the referrer best, else you"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          placeholder="Choose automatically"
          clearable
          data={people}
          comboboxProps={selectComboboxProps}
          {...form.getInputProps('ownerMemberId')}
        />
        <NumberInput
          label="Expected value"
          min={0}
          decimalScale={2}
          thousandSeparator
          placeholder="Optional"
          {...form.getInputProps('expectedValue')}
        />
      </SimpleGrid>
      <Textarea label="Note" autosize minRows={2} maxLength={5000} {...form.getInputProps('note')} />
    </FormModal>
  );
}
