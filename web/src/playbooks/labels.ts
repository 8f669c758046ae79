// Words for playbook triggers, actions, timings, owner rules and channels, shared by the pages.
import type { OwnerRule, PlaybookStepDto, StepChannel, TaskAction, Trigger } from './api.ts';

export const triggers: Trigger[] = ['answer.promoter', 'answer.passive', 'answer.detractor'];

export const triggerLabels: Record<Trigger, string> = {
  'answer.promoter': 'Promoters (9-10)',
  'answer.passive': 'Passives (7-8)',
  'answer.detractor': 'Detractors (0-6)',
};

export const triggerHints: Record<Trigger, string> = {
  'answer.promoter':
    'Willing is not doing: thank them and listen first, then ask specifically, about the work you did together.',
  'answer.passive': 'Satisfied, not enthusiastic: find out what would make it a 9 or 10. No ask.',
  'answer.detractor': 'Someone senior calls within a day and the problem gets solved. No ask of any kind.',
};

export const triggerColors: Record<Trigger, string> = {
  'answer.promoter': 'teal',
  'answer.passive': 'yellow',
  'answer.detractor': 'red',
};

export const actionLabels: Record<TaskAction, string> = {
  call: 'Call',
  meeting: 'Meeting',
  email: 'Email',
  thank: 'Thank them',
  ask_review: 'Ask for a review',
  ask_recommendation: 'Ask for a recommendation',
  ask_introduction: 'Ask for an introduction',
  send_offer: 'Send an offer',
  resolve_issue: 'Resolve an issue',
  custom: 'Something else',
};

export const channelLabels: Record<StepChannel, string> = {
  preferred: "The client's preferred channel",
  email: 'Email',
  phone: 'Phone',
  text: 'Text message',
  in_person: 'In person',
};

export function ownerLabel(owner: OwnerRule, memberName: (id: string) => string | undefined): string {
  switch (owner.kind) {
    case 'strongest_relationship':
      return 'Whoever knows them best';
    case 'account_owner':
      return 'The account owner';
    case 'role':
      return owner.role === 'owner'
        ? 'An owner (the one who knows them best)'
        : 'Someone senior: a manager or owner';
    case 'member':
      return memberName(owner.memberId) ?? 'A named member';
  }
}

export function timingLabel(step: Pick<PlaybookStepDto, 'offsetDays' | 'after'>, index: number): string {
  const days =
    step.offsetDays === 0 ? 'Same day' : step.offsetDays === 1 ? '1 day' : `${step.offsetDays} days`;
  if (index === 0 || step.after === 'trigger') {
    return step.offsetDays === 0 ? 'The day of the answer' : `${days} after the answer`;
  }
  return step.offsetDays === 0 ? 'When the previous step is done' : `${days} after the previous step is done`;
}
