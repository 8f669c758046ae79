// Words and colours for the clients' enums. Typed against the server's schemas, so a new value
// there is a type error here until it has a label.
import type { AccountSize, AccountStatus, Channel, ContactKind, InteractionKind } from './api.ts';

function options<T extends string>(labels: Record<T, string>) {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const kindLabels: Record<ContactKind, string> = {
  client: 'Client',
  partner: 'Partner',
  prospect: 'Prospect',
  network: 'Network',
};
export const kindColors: Record<ContactKind, string> = {
  client: 'teal',
  partner: 'grape',
  prospect: 'blue',
  network: 'gray',
};
export const kindOptions = options(kindLabels);

export const accountStatusLabels: Record<AccountStatus, string> = {
  prospect: 'Prospect',
  active: 'Active client',
  past: 'Past client',
};
export const accountStatusColors: Record<AccountStatus, string> = {
  prospect: 'blue',
  active: 'teal',
  past: 'gray',
};
export const accountStatusOptions = options(accountStatusLabels);

export const accountSizeLabels: Record<AccountSize, string> = {
  '1-10': '1-10 people',
  '11-50': '11-50 people',
  '51-200': '51-200 people',
  '201-1000': '201-1,000 people',
  '1001+': 'More than 1,000 people',
};
export const accountSizeOptions = options(accountSizeLabels);

export const channelLabels: Record<Channel, string> = {
  email: 'Email',
  phone: 'Phone',
  text: 'Text message',
  in_person: 'In person',
};
export const channelOptions = options(channelLabels);

export const interactionKindLabels: Record<InteractionKind, string> = {
  meeting: 'Meeting',
  call: 'Call',
  message: 'Message',
  email: 'Email',
  note: 'Note',
};
export const interactionKindOptions = options(interactionKindLabels);

/** Strength 0-100 in words, for screen readers and tooltips. */
export function strengthWord(strength: number): string {
  if (strength >= 75) return 'strong';
  if (strength >= 50) return 'good';
  if (strength >= 25) return 'light';
  if (strength > 0) return 'faint';
  return 'none';
}

export function strengthColor(strength: number): string {
  if (strength >= 75) return 'teal';
  if (strength >= 50) return 'green';
  if (strength >= 25) return 'yellow';
  return 'gray';
}
