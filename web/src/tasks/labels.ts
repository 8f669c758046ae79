// Words for the follow-up enums, typed against the server's schemas.
import type { AskKind, AskResult, TaskAction } from './api.ts';

function options<T extends string>(labels: Record<T, string>) {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const actionLabels: Record<TaskAction, string> = {
  call: 'Call',
  meeting: 'Meeting',
  email: 'Email',
  thank: 'Thank',
  ask_review: 'Ask for a review',
  ask_recommendation: 'Ask for a recommendation',
  ask_introduction: 'Ask for an introduction',
  send_offer: 'Send an offer',
  resolve_issue: 'Resolve an issue',
  custom: 'Other',
};
export const actionOptions = options(actionLabels);

export const askKindLabels: Record<AskKind, string> = {
  feedback: 'Feedback',
  review: 'A review',
  recommendation: 'A recommendation',
  introduction: 'An introduction',
};
export const askKindOptions = options(askKindLabels);

export const askResultLabels: Record<AskResult, string> = {
  introduction_promised: 'Introduction promised',
  recommendation_given: 'Recommendation given',
  review_given: 'Review given',
  feedback_given: 'Feedback given',
  not_now: 'Not now',
  declined: 'Declined',
  problem_raised: 'Problem raised',
};
export const askResultOptions = options(askResultLabels);

/** The ask an action stands for, to preselect in the outcome form. */
export const askOfAction: Partial<Record<TaskAction, AskKind>> = {
  ask_review: 'review',
  ask_recommendation: 'recommendation',
  ask_introduction: 'introduction',
};

/** "in 3 days", "today", "2 days overdue", from a YYYY-MM-DD due day and the member's today. */
export function dueWords(due: string | null, today: string): string {
  if (!due) return 'After the previous step';
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days > 1) return `Due in ${days} days`;
  if (days === -1) return '1 day overdue';
  return `${-days} days overdue`;
}

export function shortDay(day: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}
