// Small pieces the clients pages share: strength bars, tag and kind badges, relative times.
import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { useSession } from '../api/queries.ts';
import { formatDate, formatDateTime, formatRelative } from '../lib/format.ts';
import type { AccountStatus, ContactKind } from './api.ts';
import {
  accountStatusColors,
  accountStatusLabels,
  kindColors,
  kindLabels,
  strengthColor,
  strengthWord,
} from './labels.ts';

export function useTimeZone(): string {
  const session = useSession();
  return session.member.timeZone ?? session.workspace.timeZone;
}

/** A 0-100 strength as a short bar and its number. */
export function StrengthBar({
  value,
  width = 72,
  label,
}: {
  value: number;
  width?: number;
  /** Whose strength, for the accessible name ("Maya Lindqvist's relationship"). */
  label?: string;
}) {
  const name = `${label ? `${label}: ` : ''}strength ${value} of 100 (${strengthWord(value)})`;
  return (
    <Group gap={8} wrap="nowrap" title={name}>
      <Progress
        value={value}
        color={strengthColor(value)}
        w={width}
        size="sm"
        radius="xl"
        aria-label={name}
        style={{ flexShrink: 0 }}
      />
      <Text size="sm" fw={600} w={26} ta="right" aria-hidden style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Group>
  );
}

export function KindBadge({ kind }: { kind: ContactKind }) {
  return (
    <Badge variant="light" color={kindColors[kind]} style={{ flexShrink: 0, minWidth: 'max-content' }}>
      {kindLabels[kind]}
    </Badge>
  );
}

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  return (
    <Badge
      variant="light"
      color={accountStatusColors[status]}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {accountStatusLabels[status]}
    </Badge>
  );
}

/** Tags as small badges; past `max`, a "+n" badge lists the rest in its tooltip. */
export function TagBadges({ tags, max = 3 }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  const rest = tags.slice(max);
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((tag) => (
        <Badge
          key={tag}
          variant="outline"
          color="gray"
          size="sm"
          tt="none"
          maw="100%"
          title={tag}
          style={{ fontWeight: 500 }}
        >
          {tag}
        </Badge>
      ))}
      {rest.length > 0 ? (
        <Tooltip label={rest.join(', ')} withArrow multiline maw={280}>
          <Badge variant="light" color="gray" size="sm" tt="none" tabIndex={0} aria-label={rest.join(', ')}>
            +{rest.length}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

/** "3 days ago", with the exact date and time in the tooltip. */
export function RelativeTime({
  iso,
  empty = 'Never',
  dateOnly = false,
}: {
  iso: string | null;
  empty?: string;
  dateOnly?: boolean;
}) {
  const timeZone = useTimeZone();
  if (!iso) {
    return (
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {empty}
      </Text>
    );
  }
  const absolute = dateOnly ? formatDate(iso, timeZone) : formatDateTime(iso, timeZone);
  return (
    <Text size="sm" component="time" dateTime={iso} title={absolute} style={{ whiteSpace: 'nowrap' }}>
      {formatRelative(iso)}
    </Text>
  );
}
