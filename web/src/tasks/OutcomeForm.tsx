// Closing a task with what happened. Reached or not is the one required answer; an ask task (or a
// conversation where the member asked for something) also reports the kind and the result, with
// the prospect's name when an introduction was promised. "Remind me later" schedules a follow-up
// task for the same person.
import {
  Button,
  Checkbox,
  Group,
  Input,
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
import { useId } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors, notifySuccess } from '../lib/errors.ts';
import { type AskKind, type AskResult, invalidateTasks, type TaskDetail, tasksApi } from './api.ts';
import { askKindOptions, askOfAction, askResultLabels, askResultOptions } from './labels.ts';

type Values = {
  reached: '' | 'yes' | 'no';
  asked: boolean;
  askKind: AskKind | null;
  askResult: AskResult | null;
  prospectName: string;
  about: string;
  note: string;
  remind: boolean;
  remindAmount: number | string;
  remindUnit: 'days' | 'weeks';
};

const serverFields = [
  'reached',
  'ask',
  'ask.kind',
  'ask.result',
  'ask.prospectName',
  'note',
  'remindIn.amount',
];

export function OutcomeForm({ task, onDone }: { task: TaskDetail; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const reachedLabel = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const preset = askOfAction[task.action] ?? null;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      reached: '',
      asked: preset !== null,
      askKind: preset,
      askResult: null,
      prospectName: '',
      about: '',
      note: '',
      remind: false,
      remindAmount: 2,
      remindUnit: 'weeks',
    },
    validate: {
      reached: (v) => (v === '' ? 'Did you reach them?' : null),
      askKind: (v, values) =>
        values.reached === 'yes' && values.asked && !v ? 'What did you ask for?' : null,
      askResult: (v, values) =>
        values.reached === 'yes' && values.asked && !v ? 'What did they say?' : null,
      prospectName: (v, values) =>
        values.reached === 'yes' && values.asked && values.askResult === 'introduction_promised' && !v.trim()
          ? 'Who will they introduce you to?'
          : null,
      remindAmount: (v, values) => {
        if (!values.remind) return null;
        const n = Number(v);
        return Number.isInteger(n) && n >= 1 && n <= 365 ? null : 'Between 1 and 365';
      },
    },
  });
  const v = form.getValues();
  const asking = v.reached === 'yes' && v.asked;

  const close = useMutation({
    mutationFn: (values: Values) =>
      tasksApi.complete(task.id, {
        reached: values.reached === 'yes',
        ask:
          values.reached === 'yes' && values.asked && values.askKind && values.askResult
            ? {
                kind: values.askKind,
                result: values.askResult,
                prospectName: values.askResult === 'introduction_promised' ? values.prospectName : null,
                about: values.about,
              }
            : null,
        note: values.note,
        remindIn: values.remind ? { amount: Number(values.remindAmount), unit: values.remindUnit } : null,
      }),
    onSuccess: (result, values) => {
      invalidateTasks(queryClient, task.contact?.id);
      const followUp = result.followUpTaskId
        ? ` A reminder is set for ${values.remindAmount} ${values.remindUnit}.`
        : '';
      notifySuccess(
        `${task.contact?.name ?? 'The task'}: ${values.reached === 'yes' ? 'reached' : 'not reached'}${
          result.task.askResult ? `, ${askResultLabels[result.task.askResult].toLowerCase()}` : ''
        }. It is on their timeline.${followUp}`,
        'Task closed',
      );
      onDone?.();
    },
    onError: (error) => {
      const message = applyServerErrors(
        {
          setErrors: (errors) =>
            form.setErrors({
              ...(errors.reached && { reached: errors.reached }),
              ...(errors['ask.kind'] && { askKind: errors['ask.kind'] }),
              ...(errors['ask.result'] && { askResult: errors['ask.result'] }),
              ...(errors['ask.prospectName'] && { prospectName: errors['ask.prospectName'] }),
              ...(errors.note && { note: errors.note }),
              ...(errors['remindIn.amount'] && { remindAmount: errors['remindIn.amount'] }),
            }),
        },
        error,
        serverFields,
      );
      setFormError(message);
    },
  });

  return (
    <form
      noValidate
      aria-label={`Outcome of ${task.title}`}
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        close.mutate(values);
      })}
    >
      <Stack gap="sm">
        <FormError message={formError} />
        <Stack gap={4}>
          <Input.Label id={reachedLabel} required>
            Did you reach {task.contact?.name ?? 'them'}?
          </Input.Label>
          <SegmentedControl
            aria-labelledby={reachedLabel}
            data={[
              { value: 'yes', label: 'Yes, we talked' },
              { value: 'no', label: 'No answer yet' },
            ]}
            value={v.reached}
            onChange={(value) => form.setFieldValue('reached', value as Values['reached'])}
            color={v.reached === 'yes' ? 'teal' : v.reached === 'no' ? 'gray' : undefined}
            fullWidth
          />
          {form.errors.reached ? (
            <Text size="xs" c="red" role="alert">
              {form.errors.reached}
            </Text>
          ) : null}
        </Stack>
        {v.reached === 'yes' ? (
          <Checkbox
            label={
              preset
                ? 'I made the ask'
                : 'I asked for something (feedback, a review, a recommendation, an introduction)'
            }
            key={form.key('asked')}
            {...form.getInputProps('asked', { type: 'checkbox' })}
          />
        ) : null}
        {asking ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label="Asked for"
              required
              data={askKindOptions}
              comboboxProps={selectComboboxProps}
              allowDeselect={false}
              key={form.key('askKind')}
              {...form.getInputProps('askKind')}
            />
            <Select
              label="Their answer"
              required
              data={askResultOptions}
              comboboxProps={selectComboboxProps}
              allowDeselect={false}
              key={form.key('askResult')}
              {...form.getInputProps('askResult')}
            />
          </SimpleGrid>
        ) : null}
        {asking && v.askResult === 'introduction_promised' ? (
          <TextInput
            label="Who will they introduce you to?"
            required
            placeholder="The prospect's name"
            key={form.key('prospectName')}
            {...form.getInputProps('prospectName')}
          />
        ) : null}
        {asking ? (
          <TextInput
            label="About"
            placeholder="The project or result the ask was about"
            key={form.key('about')}
            {...form.getInputProps('about')}
          />
        ) : null}
        <Textarea
          label="Note"
          placeholder={
            v.reached === 'no'
              ? 'Left a voicemail, sent an email…'
              : 'What was said, anything you heard they need'
          }
          autosize
          minRows={2}
          maxRows={6}
          key={form.key('note')}
          {...form.getInputProps('note')}
        />
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Checkbox
            label={v.askResult === 'not_now' && asking ? 'Remind me to ask again in' : 'Remind me later, in'}
            key={form.key('remind')}
            {...form.getInputProps('remind', { type: 'checkbox' })}
            mb={8}
          />
          {v.remind ? (
            <Group gap="xs" wrap="nowrap">
              <NumberInput
                aria-label="How many"
                min={1}
                max={365}
                w={80}
                key={form.key('remindAmount')}
                {...form.getInputProps('remindAmount')}
              />
              <Select
                aria-label="Days or weeks"
                data={[
                  { value: 'days', label: 'days' },
                  { value: 'weeks', label: 'weeks' },
                ]}
                w={100}
                allowDeselect={false}
                comboboxProps={selectComboboxProps}
                key={form.key('remindUnit')}
                {...form.getInputProps('remindUnit')}
              />
            </Group>
          ) : null}
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={close.isPending}>
            Close task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
