// Testimonials as a list of quotes with who said it, what about, and whether it may be published.
import { ActionIcon, Anchor, Badge, Blockquote, Group, Menu, Stack, Text } from '@mantine/core';
import { IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { notifyError, notifySuccess } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { type Testimonial, testimonialKeys, testimonialsApi } from './api.ts';

function TestimonialItem({
  testimonial: t,
  showContact,
  onEdit,
}: {
  testimonial: Testimonial;
  showContact: boolean;
  onEdit: (t: Testimonial) => void;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => testimonialsApi.remove(t.id),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: testimonialKeys.all });
      notifySuccess('Testimonial deleted.');
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Stack gap={6}>
      <Blockquote
        p="sm"
        pl="md"
        radius="sm"
        color={t.mayPublish ? 'teal' : 'gray'}
        styles={{ root: { overflowWrap: 'anywhere' } }}
      >
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {t.quote}
        </Text>
      </Blockquote>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} miw={0}>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {showContact ? (
              <>
                <Anchor component={Link} to={`/clients/people/${t.contact.id}`} inherit fw={600}>
                  {t.contact.name}
                </Anchor>
                {t.account ? `, ${t.account.name}` : ''}
                {' · '}
              </>
            ) : null}
            {t.about ? `${t.about} · ` : ''}
            {formatDate(`${t.collectedOn}T12:00:00Z`)}
            {t.collectedBy ? ` · collected by ${t.collectedBy.name}` : ''}
          </Text>
          <Group gap={6}>
            {t.mayPublish ? (
              <Badge variant="light" color="teal" tt="none" size="sm">
                May publish{t.permissionOn ? ` since ${formatDate(`${t.permissionOn}T12:00:00Z`)}` : ''}
              </Badge>
            ) : (
              <Badge variant="light" color="gray" tt="none" size="sm">
                Not for publishing
              </Badge>
            )}
            {t.mayPublish && t.attribution ? (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                Credit: {t.attribution}
              </Text>
            ) : null}
          </Group>
        </Stack>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label="Testimonial actions" size="sm">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onEdit(t)}>
              Edit
            </Menu.Item>
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => remove.mutate()}>
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}

export function TestimonialList({
  testimonials,
  showContact,
  onEdit,
}: {
  testimonials: Testimonial[];
  showContact: boolean;
  onEdit: (t: Testimonial) => void;
}) {
  return (
    <Stack gap="lg">
      {testimonials.map((t) => (
        <TestimonialItem key={t.id} testimonial={t} showContact={showContact} onEdit={onEdit} />
      ))}
    </Stack>
  );
}
