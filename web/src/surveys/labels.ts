// Words and colours for survey states, shared by the survey pages.
import type { Audience, SendStatus, Survey, SurveyStatus } from './api.ts';

export const statusLabels: Record<SurveyStatus, string> = {
  draft: 'Draft',
  active: 'Sending',
  paused: 'Paused',
  closed: 'Closed',
};

export const statusColors: Record<SurveyStatus, string> = {
  draft: 'gray',
  active: 'teal',
  paused: 'yellow',
  closed: 'dark',
};

export const sendStatusLabels: Record<SendStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  answered: 'Answered',
};

export const sendStatusColors: Record<SendStatus, string> = {
  queued: 'gray',
  sent: 'blue',
  failed: 'red',
  answered: 'teal',
};

export function describeAudience(audience: Audience): string {
  switch (audience.kind) {
    case 'active_clients':
      return 'All active clients';
    case 'accounts':
      return audience.accountIds.length === 1
        ? 'People at 1 company'
        : `People at ${audience.accountIds.length} companies`;
    case 'tag':
      return `Tagged “${audience.tag}”`;
    case 'filter': {
      const f = audience.filter;
      const parts = [
        f.kind ? `${f.kind}s` : 'everyone',
        f.tag ? `tagged “${f.tag}”` : null,
        f.accountStatus ? `at ${f.accountStatus} companies` : null,
        f.ownerId ? 'of one account owner' : null,
        f.minStrength !== undefined ? `relationship ≥ ${f.minStrength}` : null,
      ].filter(Boolean);
      return `Filter: ${parts.join(', ')}`;
    }
    case 'contacts':
      return audience.contactIds.length === 1
        ? '1 person picked by hand'
        : `${audience.contactIds.length} people picked by hand`;
  }
}

export function describeSchedule(
  survey: Pick<Survey, 'scheduleKind' | 'repeatEveryDays' | 'reminderAfterDays'>,
) {
  const when =
    survey.scheduleKind === 'recurring' ? `Each person every ${survey.repeatEveryDays} days` : 'Once';
  const reminder = survey.reminderAfterDays
    ? `reminder after ${survey.reminderAfterDays} day${survey.reminderAfterDays === 1 ? '' : 's'}`
    : 'no reminder';
  return `${when}, ${reminder}`;
}

export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}
