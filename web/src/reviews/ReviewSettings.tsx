// Settings → Reviews: where a promoter is invited to leave a review once they have answered a
// survey (Google, LinkedIn, G2, Clutch, Trustpilot or any https page), in the order shown on the
// thank-you page. Managers and owners edit; everyone can see what clients are offered.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import {
  IconArrowDown,
  IconArrowUp,
  IconInfoCircle,
  IconPencil,
  IconPlus,
  IconStar,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createReviewDestinationBody } from '../../../src/features/reviews/schemas.ts';
import { useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors, errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import {
  answerKeys,
  answersApi,
  type ReviewDestination,
  type ReviewSite,
  useReviewDestinations,
} from '../surveys/results/api.ts';

const siteLabels: Record<ReviewSite, string> = {
  google: 'Google',
  linkedin: 'LinkedIn',
  g2: 'G2',
  clutch: 'Clutch',
  trustpilot: 'Trustpilot',
  custom: 'Other page',
};

const defaultLabels: Record<ReviewSite, string> = {
  google: 'Review us on Google',
  linkedin: 'Recommend us on LinkedIn',
  g2: 'Review us on G2',
  clutch: 'Review us on Clutch',
  trustpilot: 'Review us on Trustpilot',
  custom: 'Leave us a testimonial',
};

type Values = { site: ReviewSite; label: string; url: string };

function DestinationModal({
  editing,
  opened,
  onClose,
}: {
  editing: ReviewDestination | null;
  opened: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: editing
      ? { site: editing.site, label: editing.label, url: editing.url }
      : { site: 'google', label: defaultLabels.google, url: '' },
    validate: schemaResolver(createReviewDestinationBody, { sync: true }),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      editing
        ? answersApi.updateReviewDestination(editing.id, values)
        : answersApi.createReviewDestination(values),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: answerKeys.reviewDestinations });
      notifySuccess(editing ? 'Review destination saved.' : 'Review destination added.');
      onClose();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['site', 'label', 'url'])),
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? 'Change review destination' : 'Add a review destination'}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          <Select
            label="Site"
            data={Object.entries(siteLabels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            comboboxProps={selectComboboxProps}
            {...form.getInputProps('site')}
            onChange={(value) => {
              const site = (value ?? 'custom') as ReviewSite;
              // Keep a label the user typed; replace one that was only the previous site's default.
              if (Object.values(defaultLabels).includes(form.values.label) || !form.values.label)
                form.setFieldValue('label', defaultLabels[site]);
              form.setFieldValue('site', site);
            }}
          />
          <TextInput
            label="Button text"
            description="What the client sees on the thank-you page"
            maxLength={80}
            required
            {...form.getInputProps('label')}
          />
          <TextInput
            label="Address of the review page"
            description="The full https:// link where a client writes the review"
            placeholder="https://g.page/r/your-firm/review"
            required
            {...form.getInputProps('url')}
          />
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? 'Save' : 'Add'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ReviewSettings() {
  const { member } = useSession();
  const canEdit = member.role === 'owner' || member.role === 'manager';
  const client = useQueryClient();
  const destinations = useReviewDestinations();
  const [modal, setModal] = useState<{ editing: ReviewDestination | null } | null>(null);
  const invalidate = () => client.invalidateQueries({ queryKey: answerKeys.reviewDestinations });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { position?: number; active?: boolean } }) =>
      answersApi.updateReviewDestination(id, body),
    onSuccess: invalidate,
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => answersApi.deleteReviewDestination(id),
    onSuccess: () => {
      void invalidate();
      notifySuccess('Review destination removed.');
    },
    onError: (e) => notifyError(e),
  });
  const list = destinations.data?.destinations ?? [];

  /** Swaps positions with the neighbour; positions are renumbered 0..n-1 as the list shows them. */
  const move = async (index: number, delta: -1 | 1) => {
    const order = list.map((d) => d.id);
    const [moved] = order.splice(index, 1);
    order.splice(index + delta, 0, moved!);
    await Promise.all(
      order.map((id, position) =>
        list.find((d) => d.id === id)!.position === position
          ? null
          : update.mutateAsync({ id, body: { position } }),
      ),
    );
  };

  return (
    <Stack gap="md" maw={760}>
      <Text size="sm" c="dimmed">
        When a client answers a survey with 9 or 10, the thank-you page invites them to leave a review at
        these places, in this order. A review asks little of a happy client and helps others find you.
      </Text>
      {!canEdit ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
          Managers and owners choose these.
        </Alert>
      ) : null}
      {destinations.isPending ? (
        <Loader size="sm" />
      ) : destinations.isError ? (
        <FormError message={errorMessage(destinations.error)} />
      ) : list.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconStar size={32} color="var(--mantine-color-dimmed)" />
            <Text fw={600}>No review destinations yet</Text>
            <Text size="sm" c="dimmed" maw={460}>
              Add your Google Business profile, LinkedIn page, G2 or Clutch listing, or a testimonial page on
              your own site. Until then, promoters are thanked and asked about colleagues, but not invited to
              review.
            </Text>
            {canEdit ? (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setModal({ editing: null })}
                mt="xs"
              >
                Add a review destination
              </Button>
            ) : null}
          </Stack>
        </Card>
      ) : (
        <Stack gap="xs">
          {list.map((d, index) => (
            <Card key={d.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
                <Stack gap={2} miw={0} style={{ flex: '1 1 260px' }}>
                  <Group gap="xs">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {d.label}
                    </Text>
                    <Badge variant="light" color="gray">
                      {siteLabels[d.site]}
                    </Badge>
                    {!d.active ? (
                      <Badge variant="outline" color="gray">
                        Hidden
                      </Badge>
                    ) : null}
                  </Group>
                  <Anchor
                    href={d.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    size="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {d.url}
                  </Anchor>
                </Stack>
                {canEdit ? (
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={d.active ? 'Shown to promoters' : 'Hidden from promoters'}>
                      <div>
                        <Switch
                          checked={d.active}
                          onChange={(e) =>
                            update.mutate({ id: d.id, body: { active: e.currentTarget.checked } })
                          }
                          aria-label={`Show ${d.label} to promoters`}
                        />
                      </div>
                    </Tooltip>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label="Move up"
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={index === list.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label="Move down"
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => setModal({ editing: d })}
                      aria-label="Change"
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        if (window.confirm(`Remove "${d.label}"?`)) remove.mutate(d.id);
                      }}
                      aria-label="Remove"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ) : null}
              </Group>
            </Card>
          ))}
          {canEdit ? (
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => setModal({ editing: null })}
              >
                Add a review destination
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
      {modal ? <DestinationModal editing={modal.editing} opened onClose={() => setModal(null)} /> : null}
    </Stack>
  );
}
