// Words and colours for referrals. Recommendations and introductions get different colours and
// icons everywhere so that nobody adds one to the other by mistake.
import type { MantineColor } from '@mantine/core';
import type { MoneyTotal, ReferralKind, ReferralSource, ReferralStatus } from './api.ts';

export const kindLabels: Record<ReferralKind, string> = {
  recommendation: 'Recommendation',
  introduction: 'Introduction',
};

export const kindColors: Record<ReferralKind, MantineColor> = {
  recommendation: 'grape',
  introduction: 'teal',
};

export const kindHints: Record<ReferralKind, string> = {
  recommendation: 'The client told someone to talk to you; you may not know who yet.',
  introduction: 'The client named a person and helps connect you.',
};

export const sourceLabels: Record<ReferralSource, string> = {
  client: 'Client',
  partner: 'Partner',
  offer: 'Offer',
  survey: 'Survey',
  other: 'Other',
};

export const statusOrder: ReferralStatus[] = [
  'new',
  'contacted',
  'meeting_held',
  'qualified',
  'proposal',
  'won',
  'lost',
];

export const statusLabels: Record<ReferralStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  meeting_held: 'Meeting held',
  qualified: 'Qualified',
  proposal: 'Proposal',
  won: 'Won',
  lost: 'Lost',
};

export const statusColors: Record<ReferralStatus, MantineColor> = {
  new: 'blue',
  contacted: 'cyan',
  meeting_held: 'indigo',
  qualified: 'violet',
  proposal: 'orange',
  won: 'green',
  lost: 'gray',
};

export function formatMoney(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '';
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
    }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** "$12,000 · €300": one amount per currency, the workspace's first; empty when all are zero. */
export function formatTotals(totals: MoneyTotal[], which: 'expected' | 'booked'): string {
  const parts = totals.filter((t) => t[which] > 0).map((t) => formatMoney(t[which], t.currency));
  return parts.join(' · ');
}
