// Writing an offer: what it is, its limits and dates, the landing page a colleague sees, and the
// words a referrer copies, with a live preview of both (sample names fill the merge fields).
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { offerMergeFields, unknownFieldMessage } from '../../../src/features/offers/wording.ts';
import { api } from '../api/client.ts';
import { queryKeys, useSession } from '../api/queries.ts';
import { BackToClients } from '../clients/shells.tsx';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage, splitServerErrors } from '../lib/errors.ts';
import {
  type OfferDetail,
  type OfferInput,
  type OfferType,
  offersApi,
  storeOffer,
  useOffer,
  useOfferList,
} from './api.ts';
import { LandingPreview, offerTypeOptions, WordingPreview } from './ui.tsx';

type Draft = {
  title: string;
  type: OfferType;
  description: string;
  terms: string;
  capacityTotal: number | '';
  capacityPerReferrer: number | '';
  startsOn: string;
  endsOn: string;
  headline: string;
  body: string;
  afterClaim: string;
  shareMessage: string;
  shareEmailSubject: string;
  shareEmailBody: string;
  ownerMemberId: string | null;
};

type WordingField = 'shareMessage' | 'shareEmailSubject' | 'shareEmailBody';
const fields = [
  'title',
  'type',
  'description',
  'terms',
  'capacityTotal',
  'capacityPerReferrer',
  'startsOn',
  'endsOn',
  'headline',
  'body',
  'afterClaim',
  'shareMessage',
  'shareEmailSubject',
  'shareEmailBody',
  'ownerMemberId',
] as const;

const blank: Draft = {
  title: '',
  type: 'assessment',
  description: '',
  terms: '',
  capacityTotal: '',
  capacityPerReferrer: '',
  startsOn: '',
  endsOn: '',
  headline: '',
  body: '',
  afterClaim: 'Thank you. We will get back to you within one business day to find a time.',
  shareMessage:
    'Hi {{colleague.firstName}}, we worked with this team and it went well. They offer {{offer.title}}; it could help you too: {{link}}',
  shareEmailSubject: 'Worth a look: {{offer.title}}',
  shareEmailBody:
    'Hi {{colleague.firstName}},\n\nWe worked with this team recently and I thought of you. They offer {{offer.title}}, with no strings attached.\n\nHere is the link: {{link}}\n\nBest,\n{{referrer.firstName}}',
  ownerMemberId: null,
};

function fromOffer(o: OfferDetail): Draft {
  return {
    title: o.title,
    type: o.type,
    description: o.description ?? '',
    terms: o.terms ?? '',
    capacityTotal: o.capacityTotal ?? '',
    capacityPerReferrer: o.capacityPerReferrer ?? '',
    startsOn: o.startsOn ?? '',
    endsOn: o.endsOn ?? '',
    headline: o.headline === o.title ? '' : o.headline,
    body: o.body ?? '',
    afterClaim: o.afterClaim ?? '',
    shareMessage: o.shareMessage ?? '',
    shareEmailSubject: o.shareEmailSubject ?? '',
    shareEmailBody: o.shareEmailBody ?? '',
    ownerMemberId: o.owner?.id ?? null,
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);

function toBody(d: Draft): OfferInput {
  return {
    title: d.title,
    type: d.type,
    description: orNull(d.description),
    terms: orNull(d.terms),
    capacityTotal: d.capacityTotal === '' ? null : d.capacityTotal,
    capacityPerReferrer: d.capacityPerReferrer === '' ? null : d.capacityPerReferrer,
    startsOn: orNull(d.startsOn),
    endsOn: orNull(d.endsOn),
    headline: orNull(d.headline),
    body: orNull(d.body),
    afterClaim: orNull(d.afterClaim),
    shareMessage: orNull(d.shareMessage),
    shareEmailSubject: orNull(d.shareEmailSubject),
    shareEmailBody: orNull(d.shareEmailBody),
    ownerMemberId: d.ownerMemberId,
  };
}

/** Problems the browser can see before asking the server (which checks the same again). */
function localProblems(d: Draft): Partial<Record<(typeof fields)[number], string>> {
  const problems: Partial<Record<(typeof fields)[number], string>> = {};
  if (d.startsOn && d.endsOn && d.endsOn < d.startsOn) {
    problems.endsOn = 'The end date cannot be before the start date';
  }
  if (d.capacityTotal !== '' && d.capacityPerReferrer !== '' && d.capacityPerReferrer > d.capacityTotal) {
    problems.capacityPerReferrer = 'Cannot exceed the total capacity';
  }
  for (const key of ['shareMessage', 'shareEmailSubject', 'shareEmailBody'] as const) {
    const message = unknownFieldMessage(d[key]);
    if (message) problems[key] = message;
  }
  return problems;
}

export function NewOfferPage() {
  const list = useOfferList('current');
  if (list.isPending) return <Loader aria-label="Loading" />;
  return <OfferEditor offer={null} linkBase={list.data?.linkBase ?? `${window.location.origin}/r/`} />;
}

export function EditOfferPage() {
  const { id = '' } = useParams();
  const offer = useOffer(id);
  if (offer.isPending) return <Loader aria-label="Loading the offer" />;
  if (offer.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
        {errorMessage(offer.error)}
      </Alert>
    );
  }
  return <OfferEditor offer={offer.data} linkBase={offer.data.linkBase} />;
}

function OfferEditor({ offer, linkBase }: { offer: OfferDetail | null; linkBase: string }) {
  const { member } = useSession();
  const canEdit = member.role !== 'member';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => (offer ? fromOffer(offer) : blank));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const members = useQuery({ queryKey: queryKeys.members, queryFn: api.listMembers });
  const lastWording = useRef<{ field: WordingField; el: HTMLInputElement | HTMLTextAreaElement } | null>(
    null,
  );

  const local = localProblems(draft);
  const err = (field: (typeof fields)[number]) =>
    // Merge fields and dates are shown as they are typed; the rest once a save was tried.
    local[field] ??
    serverErrors[field] ??
    (tried && field === 'title' && !draft.title.trim() ? 'Give the offer a title' : undefined);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setServerErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };

  const save = useMutation({
    mutationFn: () => (offer ? offersApi.update(offer.id, toBody(draft)) : offersApi.create(toBody(draft))),
    onSuccess: (saved) => {
      storeOffer(queryClient, saved);
      navigate(`/offers/${saved.id}`);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitServerErrors(error, fields);
      setServerErrors(fieldErrors);
      setFormError(message);
    },
  });

  const insertField = (key: string) => {
    const target = lastWording.current;
    const field: WordingField = target?.field ?? 'shareMessage';
    const token = `{{${key}}}`;
    const value = draft[field];
    const at = target ? (target.el.selectionStart ?? value.length) : value.length;
    const end = target ? (target.el.selectionEnd ?? at) : at;
    set(field, value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => {
      if (!target) return;
      target.el.focus();
      target.el.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const track = (field: WordingField) => ({
    onFocus: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      lastWording.current = { field, el: e.currentTarget };
    },
  });

  if (!canEdit) {
    return (
      <Alert color="gray" variant="light">
        Only managers and owners write offers. You can give clients their links from the offer’s page.
      </Alert>
    );
  }
  if (offer?.status === 'archived') {
    return (
      <Alert color="gray" variant="light">
        This offer is archived and can no longer be changed.{' '}
        <Link to={`/offers/${offer.id}`}>Back to the offer</Link>
      </Alert>
    );
  }

  const memberOptions = (members.data?.members ?? [])
    .filter((m) => m.status === 'active' || m.id === draft.ownerMemberId)
    .map((m) => ({ value: m.id, label: m.name }));

  return (
    <Stack gap="md">
      <BackToClients to={offer ? `/offers/${offer.id}` : '/offers'} label={offer ? offer.title : 'Offers'} />
      <PageHeader
        title={offer ? 'Edit offer' : 'New offer'}
        description="Write it for the colleague who will receive it: what they get, why it is worth their time, and what happens after they claim it."
      />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          setFormError(null);
          if (!draft.title.trim() || Object.keys(local).length > 0) {
            setFormError('Fix the fields marked in red, then save again.');
            return;
          }
          save.mutate();
        }}
      >
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <Card withBorder radius="md" padding="md">
                <Stack gap="sm">
                  <Title order={2} fz="md">
                    The offer
                  </Title>
                  <TextInput
                    label="Title"
                    required
                    maxLength={160}
                    value={draft.title}
                    onChange={(e) => set('title', e.currentTarget.value)}
                    error={err('title')}
                    placeholder="A no-fee review of your cloud costs"
                  />
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                    <Select
                      label="Type"
                      data={offerTypeOptions}
                      value={draft.type}
                      onChange={(v) => v && set('type', v as OfferType)}
                      allowDeselect={false}
                      comboboxProps={selectComboboxProps}
                    />
                    <Select
                      label="Who replies to claims"
                      placeholder="Strongest relationship"
                      description="Empty: whoever knows the referrer best"
                      data={memberOptions}
                      value={draft.ownerMemberId}
                      onChange={(v) => set('ownerMemberId', v)}
                      clearable
                      error={err('ownerMemberId')}
                      comboboxProps={selectComboboxProps}
                    />
                  </SimpleGrid>
                  <Textarea
                    label="Description (for your team)"
                    autosize
                    minRows={2}
                    value={draft.description}
                    onChange={(e) => set('description', e.currentTarget.value)}
                    error={err('description')}
                  />
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                    <NumberInput
                      label="Capacity in total"
                      description="Empty: no limit"
                      min={1}
                      allowDecimal={false}
                      allowNegative={false}
                      value={draft.capacityTotal}
                      onChange={(v) => set('capacityTotal', typeof v === 'number' ? v : '')}
                      error={err('capacityTotal')}
                    />
                    <NumberInput
                      label="Per referrer"
                      description="Claims through one client’s link"
                      min={1}
                      allowDecimal={false}
                      allowNegative={false}
                      value={draft.capacityPerReferrer}
                      onChange={(v) => set('capacityPerReferrer', typeof v === 'number' ? v : '')}
                      error={err('capacityPerReferrer')}
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                    <TextInput
                      type="date"
                      label="Starts on"
                      description="Empty: from now"
                      value={draft.startsOn}
                      onChange={(e) => set('startsOn', e.currentTarget.value)}
                      error={err('startsOn')}
                    />
                    <TextInput
                      type="date"
                      label="Ends on"
                      description="Empty: no end date"
                      value={draft.endsOn}
                      onChange={(e) => set('endsOn', e.currentTarget.value)}
                      error={err('endsOn')}
                    />
                  </SimpleGrid>
                  <Text size="xs" c="dimmed">
                    Claims beyond the capacity or outside the dates are politely refused on the page and kept
                    as interest, so nobody is lost.
                  </Text>
                  <Textarea
                    label="Terms"
                    autosize
                    minRows={2}
                    value={draft.terms}
                    onChange={(e) => set('terms', e.currentTarget.value)}
                    error={err('terms')}
                    placeholder="One assessment per company. For firms with at least 20 people."
                  />
                </Stack>
              </Card>

              <Card withBorder radius="md" padding="md">
                <Stack gap="sm">
                  <Title order={2} fz="md">
                    Landing page
                  </Title>
                  <TextInput
                    label="Headline"
                    description="Empty: the title"
                    maxLength={200}
                    value={draft.headline}
                    onChange={(e) => set('headline', e.currentTarget.value)}
                    error={err('headline')}
                  />
                  <Textarea
                    label="Body"
                    autosize
                    minRows={3}
                    value={draft.body}
                    onChange={(e) => set('body', e.currentTarget.value)}
                    error={err('body')}
                  />
                  <Textarea
                    label="What happens after claiming"
                    autosize
                    minRows={2}
                    value={draft.afterClaim}
                    onChange={(e) => set('afterClaim', e.currentTarget.value)}
                    error={err('afterClaim')}
                  />
                </Stack>
              </Card>

              <Card withBorder radius="md" padding="md">
                <Stack gap="sm">
                  <Title order={2} fz="md">
                    Suggested wording
                  </Title>
                  <Text size="sm" c="dimmed">
                    What a referrer copies to pass the offer on. Merge fields are filled with their name and
                    personal link; click one to insert it where the cursor is.
                  </Text>
                  <Group gap={6} wrap="wrap" aria-label="Merge fields">
                    {offerMergeFields.map((f) => (
                      <Tooltip key={f.key} label={f.label} withArrow>
                        <Badge
                          component="button"
                          type="button"
                          variant="light"
                          tt="none"
                          style={{ cursor: 'pointer' }}
                          onMouseDown={(e) => e.preventDefault()}
                          onClick={() => insertField(f.key)}
                          aria-label={`Insert ${f.label}`}
                        >
                          {`{{${f.key}}}`}
                        </Badge>
                      </Tooltip>
                    ))}
                  </Group>
                  <Textarea
                    label="Short message"
                    description="For a text, a chat or LinkedIn"
                    autosize
                    minRows={2}
                    value={draft.shareMessage}
                    onChange={(e) => set('shareMessage', e.currentTarget.value)}
                    error={err('shareMessage')}
                    {...track('shareMessage')}
                  />
                  <TextInput
                    label="Email subject"
                    value={draft.shareEmailSubject}
                    onChange={(e) => set('shareEmailSubject', e.currentTarget.value)}
                    error={err('shareEmailSubject')}
                    {...track('shareEmailSubject')}
                  />
                  <Textarea
                    label="Email body"
                    autosize
                    minRows={5}
                    value={draft.shareEmailBody}
                    onChange={(e) => set('shareEmailBody', e.currentTarget.value)}
                    error={err('shareEmailBody')}
                    {...track('shareEmailBody')}
                  />
                </Stack>
              </Card>
              <FormError message={formError} />
              <Group justify="flex-end">
                <Button variant="default" component={Link} to={offer ? `/offers/${offer.id}` : '/offers'}>
                  Cancel
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {offer ? 'Save changes' : 'Create offer'}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Box pos="sticky" top={80}>
              <Card withBorder radius="md" padding="md">
                <Title order={2} fz="md" mb="xs">
                  Preview
                </Title>
                <Tabs defaultValue="landing" keepMounted={false}>
                  <Tabs.List mb="sm">
                    <Tabs.Tab value="landing">Landing page</Tabs.Tab>
                    <Tabs.Tab value="wording">Wording</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="landing">
                    <LandingPreview draft={draft} />
                  </Tabs.Panel>
                  <Tabs.Panel value="wording">
                    <WordingPreview draft={draft} linkBase={linkBase} />
                  </Tabs.Panel>
                </Tabs>
              </Card>
            </Box>
          </Grid.Col>
        </Grid>
      </form>
    </Stack>
  );
}
