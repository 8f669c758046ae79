import type { Role } from '../api/client.ts';

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  member: 'Member',
};

export const roleOptions = (Object.keys(roleLabels) as Role[]).map((role) => ({
  value: role,
  label: roleLabels[role],
}));

export const roleDescriptions: Record<Role, string> = {
  owner: 'Runs the workspace: settings, roles and who can sign in.',
  manager: 'Coaches the team and can invite people.',
  member: 'Follows up clients and records what happened.',
};

function formatter(options: Intl.DateTimeFormatOptions, timeZone: string | undefined) {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
}

/** A date and time shown in the viewer's time zone (their own, or the workspace's). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }, timeZone).format(date);
}

export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter({ dateStyle: 'medium' }, timeZone).format(date);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "yesterday": how long ago (or until) a moment is, in the largest unit that fits. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let value = (date.getTime() - now) / 1000;
  if (Math.abs(value) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of relativeSteps) {
    const rounded = Math.round(value);
    if (Math.abs(rounded) < size) return rtf.format(rounded, unit);
    value /= size;
  }
  return rtf.format(Math.round(value), 'year');
}
