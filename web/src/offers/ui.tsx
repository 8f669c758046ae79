// Pieces the offer pages and the contact card share: labels and badges, money, numbers, the copy
// buttons of a personal link, and the previews of the landing page and the suggested wording.
import {
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconLink, IconMail, IconMessage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { firstNameOf, renderWording } from '../../../src/features/offers/wording.ts';
import { CopyIconButton } from '../components/CopyIconButton.tsx';
import type { Offer, OfferStatus, OfferType, ShareLink } from './api.ts';

export const offerTypeLabels: Record<OfferType, string> = {
  assessment: 'No-fee assessment',
  extra_service: 'Extra service',
  event_invitation: 'Event invitation',
  resource: 'Resource',
  discount: 'Discount',
  custom: 'Custom',
};

export const offerTypeOptions = (Object.keys(offerTypeLabels) as OfferType[]).map((value) => ({
  value,
  label: offerTypeLabels[value],
}));

export const statusLabels: Record<OfferStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  archived: 'Archived',
};
const statusColors: Record<OfferStatus, string> = { active: 'teal', paused: 'yellow', archived: 'gray' };

export function OfferStatusBadge({ status }: { status: OfferStatus }) {
  return (
    <Badge
      color={statusColors[status]}
      variant={status === 'active' ? 'filled' : 'light'}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {statusLabels[status]}
    </Badge>
  );
}

export const refusalLabels: Record<string, string> = {
  capacity: 'Offer full',
  referrer_capacity: 'Referrer’s share full',
  ended: 'After the end date',
  not_started: 'Before the start date',
  paused: 'Offer paused',
  archived: 'Offer ended',
};

export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      value,
    );
  } catch {
    return `${Math.round(value).toLocaleString()} ${currency}`;
  }
}

export const formatCount = (n: number) => n.toLocaleString();

/** "1 click", "3 clicks". */
export const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "12 Jan 2027 – 31 Mar 2027", "From 12 Jan 2027", "No end date". */
export function formatPeriod(offer: Pick<Offer, 'startsOn' | 'endsOn'>): string {
  const fmt = (d: string) =>
    new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    );
  if (offer.startsOn && offer.endsOn) return `${fmt(offer.startsOn)} – ${fmt(offer.endsOn)}`;
  if (offer.startsOn) return `From ${fmt(offer.startsOn)}`;
  if (offer.endsOn) return `Until ${fmt(offer.endsOn)}`;
  return 'No end date';
}

/** "3 of 20 claimed", "3 claimed" without a limit. */
export function capacityUsed(offer: Pick<Offer, 'capacityTotal' | 'stats'>): string {
  return offer.capacityTotal === null
    ? `${formatCount(offer.stats.claims)} claimed, no limit`
    : `${formatCount(offer.stats.claims)} of ${formatCount(offer.capacityTotal)} claimed`;
}

function CopyAction({ value, label, icon }: { value: string; label: string; icon: ReactNode }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'filled' : 'default'}
          color={copied ? 'teal' : undefined}
          leftSection={copied ? <IconCheck size={14} /> : icon}
          onClick={copy}
        >
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}

/** Copy the link, the short message and the email (subject and body) of a live link. */
export function CopyLinkButtons({ link }: { link: ShareLink }) {
  if (!link.wording) return null;
  const email = [link.wording.emailSubject, link.wording.emailBody].filter(Boolean).join('\n\n');
  return (
    <Group gap={6} wrap="wrap">
      <CopyAction value={link.url} label="Copy link" icon={<IconLink size={14} />} />
      {link.wording.message ? (
        <CopyAction value={link.wording.message} label="Copy message" icon={<IconMessage size={14} />} />
      ) : null}
      {link.wording.emailBody ? (
        <CopyAction value={email} label="Copy email" icon={<IconMail size={14} />} />
      ) : null}
    </Group>
  );
}

/** The link as text a person can select, with a small copy button beside it. */
export function LinkText({ url, revoked }: { url: string; revoked?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap" miw={0}>
      <Text
        size="sm"
        ff="monospace"
        td={revoked ? 'line-through' : undefined}
        c={revoked ? 'dimmed' : undefined}
        style={{ overflowWrap: 'anywhere', minWidth: 0 }}
      >
        {url}
      </Text>
      {revoked ? null : <CopyIconButton value={url} label="Copy link" />}
    </Group>
  );
}

// ---------------------------------------------------------------------------------------------
// Previews, with sample names, as the editor's live preview

export type OfferDraftView = {
  title: string;
  headline: string;
  body: string;
  afterClaim: string;
  terms: string;
  shareMessage: string;
  shareEmailSubject: string;
  shareEmailBody: string;
};

export const SAMPLE_REFERRER = { name: 'Ana Silva', company: 'Northwind Traders' };
export const SAMPLE_COLLEAGUE = 'Sam';

function sampleValues(draft: OfferDraftView, linkBase: string) {
  return {
    'referrer.firstName': firstNameOf(SAMPLE_REFERRER.name),
    'referrer.name': SAMPLE_REFERRER.name,
    'colleague.firstName': SAMPLE_COLLEAGUE,
    'offer.title': draft.title.trim() || 'Your offer',
    link: `${linkBase}k7m2x9p4q8r3t6wz`,
  };
}

/** What a colleague sees on the landing page (server-rendered there; this shows the words). */
export function LandingPreview({ draft }: { draft: OfferDraftView }) {
  const headline = draft.headline.trim() || draft.title.trim() || 'Your headline';
  return (
    <Paper withBorder radius="md" p="lg" bg="var(--mantine-color-gray-0)">
      <Stack gap="sm">
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {SAMPLE_REFERRER.name} from {SAMPLE_REFERRER.company} thought this could help you
        </Text>
        <Title order={3} fz="xl" style={{ overflowWrap: 'anywhere' }}>
          {headline}
        </Title>
        {draft.body.trim() ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {draft.body}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            The body says what the colleague gets and why it is worth their time.
          </Text>
        )}
        <Card withBorder radius="sm" padding="sm" aria-hidden>
          <Stack gap={6}>
            <TextInput size="xs" label="Name" readOnly tabIndex={-1} />
            <TextInput size="xs" label="Email" readOnly tabIndex={-1} />
            <TextInput size="xs" label="Company" readOnly tabIndex={-1} />
            <Textarea size="xs" label="Message" readOnly tabIndex={-1} minRows={2} />
            <Checkbox size="xs" label="I agree to be contacted about this offer" readOnly tabIndex={-1} />
            <Button size="xs" w="fit-content" tabIndex={-1}>
              Claim
            </Button>
          </Stack>
        </Card>
        {draft.terms.trim() ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {draft.terms}
          </Text>
        ) : null}
        <Box>
          <Text size="xs" fw={600} c="dimmed">
            After claiming
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {draft.afterClaim.trim() || 'Thank you: we will be in touch.'}
          </Text>
        </Box>
      </Stack>
    </Paper>
  );
}

/** The short message and the email as a referrer copies them, with sample names. */
export function WordingPreview({ draft, linkBase }: { draft: OfferDraftView; linkBase: string }) {
  const values = sampleValues(draft, linkBase);
  const message = draft.shareMessage.trim() ? renderWording(draft.shareMessage, values) : values.link;
  const subject = draft.shareEmailSubject.trim() ? renderWording(draft.shareEmailSubject, values) : '';
  const body = draft.shareEmailBody.trim() ? renderWording(draft.shareEmailBody, values) : '';
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        As {SAMPLE_REFERRER.name} would copy it for a colleague called {SAMPLE_COLLEAGUE}.
      </Text>
      <Paper withBorder radius="md" p="sm">
        <Text size="xs" fw={600} c="dimmed" mb={4}>
          Short message
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message}
        </Text>
      </Paper>
      <Paper withBorder radius="md" p="sm">
        <Text size="xs" fw={600} c="dimmed" mb={4}>
          Email
        </Text>
        {subject || body ? (
          <>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {subject || '(no subject)'}
            </Text>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {body}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No email suggested: referrers get the short message and the link only.
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
