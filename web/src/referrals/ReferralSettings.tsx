// Settings → Referrals: the currency new referral values are entered in, the stages at which the
// referrer is thanked (a task for whoever knows them best), and whether a short thank-you email
// goes to the referrer too. Managers and owners change them; members see them.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors, errorMessage, notifySuccess } from '../lib/errors.ts';
import { type ReferralStatus, referralKeys, referralsApi, type ReferralSettings as Settings } from './api.ts';
import { statusLabels, statusOrder } from './labels.ts';

const thankable = statusOrder.filter((s) => s !== 'new' && s !== 'lost');

export function ReferralSettings() {
  const client = useQueryClient();
  const { member } = useSession();
  const canEdit = member.role === 'owner' || member.role === 'manager';
  const settings = useQuery({ queryKey: referralKeys.settings, queryFn: referralsApi.settings });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ currency: string; thankStages: ReferralStatus[]; thankEmail: boolean }>({
    initialValues: { currency: 'USD', thankStages: [], thankEmail: false },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the saved values once they arrive
  useEffect(() => {
    if (settings.data) {
      form.setValues(settings.data);
      form.resetDirty(settings.data);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (values: Settings) => referralsApi.updateSettings(values),
    onSuccess: (saved) => {
      client.setQueryData(referralKeys.settings, saved);
      notifySuccess('Referral settings saved');
      setFormError(null);
    },
    onError: (error) =>
      setFormError(applyServerErrors(form, error, ['currency', 'thankStages', 'thankEmail'])),
  });
  if (settings.isPending) return <Loader aria-label="Loading settings" />;
  if (settings.isError) return <Alert color="red">{errorMessage(settings.error)}</Alert>;
  return (
    <Card withBorder radius="md" padding="lg" maw={720}>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} fz="lg">
              Referrals
            </Title>
            <Text size="sm" c="dimmed">
              Close the loop: when a referral gets somewhere, the person who sent it hears about it from
              whoever on your team knows them best.
            </Text>
          </Stack>
          {canEdit ? null : <Alert color="gray">Managers and owners change these settings.</Alert>}
          <FormError message={formError} />
          <TextInput
            label="Currency"
            description="Three-letter code for new referral values, such as USD, EUR or GBP"
            maxLength={3}
            w={220}
            disabled={!canEdit}
            {...form.getInputProps('currency')}
          />
          <Checkbox.Group
            label="Thank the referrer when a referral reaches"
            description="Each stage creates one thank-you task with a script, due within two days, once per referral."
            {...form.getInputProps('thankStages')}
          >
            <Group gap="md" mt="xs">
              {thankable.map((stage) => (
                <Checkbox key={stage} value={stage} label={statusLabels[stage]} disabled={!canEdit} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch
            label="Also email the referrer a short thank-you"
            description="Sent from Warmpath at those stages to referrers who may be emailed. It says what happened (we met, they became a client), never values."
            disabled={!canEdit}
            {...form.getInputProps('thankEmail', { type: 'checkbox' })}
          />
          {canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Save
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
