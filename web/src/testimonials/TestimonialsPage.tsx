// Testimonials: every client's words about the firm, filtered by person, permission and period,
// and the export of those fit to publish (for the website, a proposal, a case study).
import {
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage } from '../lib/errors.ts';
import { type Testimonial, type TestimonialParams, testimonialKeys, testimonialsApi } from './api.ts';
import { TestimonialModal } from './TestimonialForm.tsx';
import { TestimonialList } from './TestimonialList.tsx';

type Permission = 'all' | 'true' | 'false';

export function TestimonialsPage() {
  const [permission, setPermission] = useState<Permission>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [contact, setContact] = useState<ContactChoice | null>(null);
  const [publishableOnly, setPublishableOnly] = useState(true);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Testimonial | null>(null);
  const params: TestimonialParams = {
    ...(permission !== 'all' && { mayPublish: permission }),
    ...(from && { from }),
    ...(to && { to }),
    ...(contact && { contact: contact.id }),
  };
  const filtered = Object.keys(params).length > 0;
  const list = useQuery({
    queryKey: testimonialKeys.list(params),
    queryFn: () => testimonialsApi.list(params),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Testimonials"
        description={
          <>
            Your clients’ words about your work, with their permission to publish. Export the publishable ones
            for your website or a proposal. The review sites clients are invited to are in{' '}
            <Anchor component={Link} to="/settings/reviews" inherit>
              Settings → Reviews
            </Anchor>
            .
          </>
        }
      />
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <SegmentedControl
            value={permission}
            onChange={(value) => setPermission(value as Permission)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'true', label: 'May publish' },
              { value: 'false', label: 'Private' },
            ]}
            aria-label="Permission to publish"
          />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add testimonial
          </Button>
        </Group>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="From"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            w={150}
          />
          <TextInput
            label="To"
            type="date"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={150}
          />
          <div style={{ minWidth: 220 }}>
            <ContactPicker label="Person" value={contact} onChange={setContact} />
          </div>
        </Group>
        <Card withBorder radius="md" padding="lg">
          {list.isPending ? (
            <Loader size="sm" aria-label="Loading testimonials" />
          ) : list.isError ? (
            <Text c="red" size="sm">
              {errorMessage(list.error)}
            </Text>
          ) : list.data.testimonials.length === 0 ? (
            <Stack gap={6} py="md" align="flex-start">
              <Text fw={600}>{filtered ? 'No testimonials match these filters' : 'No testimonials yet'}</Text>
              <Text size="sm" c="dimmed" maw={620}>
                {filtered
                  ? 'Clear a filter to see more.'
                  : 'When a client says something kind about your work (in a call, an email, a survey comment), note their words here and ask whether you may publish them. On a person’s page, the Testimonials card does the same and lets you ask anyone for a review.'}
              </Text>
              {filtered ? null : (
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setAdding(true)}
                >
                  Add the first one
                </Button>
              )}
            </Stack>
          ) : (
            <Stack gap="md">
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="dimmed">
                  {list.data.total === 1 ? '1 testimonial' : `${list.data.total} testimonials`}
                  {list.data.total > list.data.testimonials.length
                    ? ` (the latest ${list.data.testimonials.length} shown)`
                    : ''}
                </Text>
                <Group gap="sm">
                  <Switch
                    size="sm"
                    label="Publishable only"
                    checked={publishableOnly}
                    onChange={(e) => setPublishableOnly(e.currentTarget.checked)}
                  />
                  <Button
                    component="a"
                    href={testimonialsApi.exportUrl({ ...params, publishableOnly })}
                    download
                    variant="default"
                    size="xs"
                    leftSection={<IconDownload size={14} />}
                  >
                    Export CSV
                  </Button>
                </Group>
              </Group>
              <TestimonialList testimonials={list.data.testimonials} showContact onEdit={setEditing} />
            </Stack>
          )}
        </Card>
      </Stack>
      <TestimonialModal opened={adding} onClose={() => setAdding(false)} />
      <TestimonialModal
        key={editing?.id ?? 'none'}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        testimonial={editing}
      />
    </>
  );
}
