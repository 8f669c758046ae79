// On a person's page: their testimonials, adding one, and asking them for a review. Any client
// may be asked (review sites forbid asking only the happy ones); the ask becomes a task so that
// its outcome is reported like every other ask.
import { Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconStar } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../api/queries.ts';
import { FormModal } from '../components/FormModal.tsx';
import { errorMessage, notifySuccess } from '../lib/errors.ts';
import { invalidateTasks, tasksApi } from '../tasks/api.ts';
import { type Testimonial, testimonialKeys, testimonialsApi } from './api.ts';
import { ReviewLinks, useActiveReviewSites } from './ReviewLinks.tsx';
import { TestimonialModal } from './TestimonialForm.tsx';
import { TestimonialList } from './TestimonialList.tsx';

type Person = { id: string; name: string; account?: { id: string; name: string } | null };

const localDay = (offset = 0) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function reviewScript(first: string, firm: string, sites: { label: string; url: string }[]): string {
  const links = sites.map((s) => `${s.label}: ${s.url}`).join('\n');
  return `Hi ${first}, would you be willing to share your experience of working with ${firm}? A short, honest review helps people in your position decide, and it takes two minutes.${links ? `\n\n${links}` : ''}\n\nIf now is not a good time, no problem at all.`;
}

function AskReviewModal({
  contact,
  opened,
  onClose,
}: {
  contact: Person;
  opened: boolean;
  onClose: () => void;
}) {
  const { workspace } = useSession();
  const queryClient = useQueryClient();
  const { sites } = useActiveReviewSites();
  const [dueOn, setDueOn] = useState(localDay());
  const ask = useMutation({
    mutationFn: () =>
      tasksApi.create({
        contactId: contact.id,
        title: `Ask ${contact.name} for a review`,
        action: 'ask_review',
        dueOn,
        reason: 'Every client may be asked for a review, not only the happiest ones.',
        script: reviewScript(contact.name.split(/\s+/)[0] ?? contact.name, workspace.name, sites),
      }),
    onSuccess: () => {
      invalidateTasks(queryClient, contact.id);
      notifySuccess('It is on your list with the review sites to send.', 'Review ask planned');
      onClose();
    },
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        setDueOn(localDay());
        ask.reset();
      }}
      size="md"
      title={`Ask ${contact.name} for a review`}
      onSubmit={(event) => {
        event.preventDefault();
        ask.mutate();
      }}
      formError={ask.isError ? errorMessage(ask.error) : null}
      submitLabel="Add to my follow-ups"
      submitting={ask.isPending}
    >
      <Text size="sm">
        A follow-up for you with suggested words and the review sites below. When you have asked, close it
        with the outcome so the ask is counted.
      </Text>
      <ReviewLinks label="Review sites that will be in the words" />
      <TextInput
        label="When"
        type="date"
        min={localDay()}
        value={dueOn}
        onChange={(event) => setDueOn(event.currentTarget.value)}
      />
    </FormModal>
  );
}

export function TestimonialsCard({ contact }: { contact: Person }) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Testimonial | null>(null);
  const [asking, setAsking] = useState(false);
  const params = { contact: contact.id };
  const list = useQuery({
    queryKey: testimonialKeys.list(params),
    queryFn: () => testimonialsApi.list(params),
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="lg">
            Testimonials
          </Title>
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconStar size={14} />}
              onClick={() => setAsking(true)}
            >
              Ask for a review
            </Button>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setAdding(true)}
            >
              Add
            </Button>
          </Group>
        </Group>
        {list.isPending ? (
          <Loader size="sm" aria-label="Loading testimonials" />
        ) : list.isError ? (
          <Text size="sm" c="red">
            {errorMessage(list.error)}
          </Text>
        ) : list.data.testimonials.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet. When {contact.name} says something kind about your work, note their words here and ask
            whether you may publish them.
          </Text>
        ) : (
          <TestimonialList testimonials={list.data.testimonials} showContact={false} onEdit={setEditing} />
        )}
      </Stack>
      <TestimonialModal opened={adding} onClose={() => setAdding(false)} contact={contact} />
      <TestimonialModal
        key={editing?.id ?? 'none'}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        contact={contact}
        testimonial={editing}
      />
      <AskReviewModal contact={contact} opened={asking} onClose={() => setAsking(false)} />
    </Card>
  );
}
