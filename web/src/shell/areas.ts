// The areas of the app, in the order of the navigation. Areas not built yet say plainly what they
// will hold; they never show sample numbers.
import {
  IconCalendarCheck,
  IconChartLine,
  IconGift,
  IconMessages,
  IconSettings,
  IconSpeakerphone,
  IconTimeline,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

type IconComponent = ComponentType<{ size?: number | string; stroke?: number | string }>;

export type Area = {
  path: string;
  label: string;
  icon: IconComponent;
  /** Present for areas that are not built yet: what they will hold, in the product's words. */
  comingNext?: {
    summary: string;
    points: string[];
  };
};

export const areas: Area[] = [
  {
    path: '/today',
    label: 'Today',
    icon: IconCalendarCheck,
    comingNext: {
      summary: 'Your follow-up tasks, due today and overdue, each closed with what actually happened.',
      points: [
        'Every task is one step of a follow-up plan, given to the person on the team with the strongest relationship with that client, not to whoever owns the account on paper.',
        'Each task says who to talk to, why now, by which channel, with a suggested script you can adapt.',
        'A task is closed only with its outcome: what was said, any ask you made, and what happens next.',
        'Overdue tasks stay at the top until they are done.',
      ],
    },
  },
  {
    path: '/clients',
    label: 'Clients',
    icon: IconUsersGroup,
  },
  {
    path: '/surveys',
    label: 'Surveys',
    icon: IconMessages,
    comingNext: {
      summary: 'NPS campaigns, their scores, and the follow-up plan every answer deserves.',
      points: [
        'Ask every client, not only the happy ones, how likely they are to recommend you, on a 0 to 10 scale.',
        'Each answer sorted as promoter (9-10), passive (7-8) or detractor (0-6), and the NPS of each campaign.',
        'Playbooks that turn an answer into ordered follow-up steps: timing, who follows up, channel and script.',
        'Links to the places clients already use for reviews and endorsements, such as Google, LinkedIn, G2 or Clutch.',
      ],
    },
  },
  {
    path: '/referrals',
    label: 'Referrals',
    icon: IconTimeline,
    comingNext: {
      summary: 'The pipeline of recommendations and introductions, from the first promise to revenue booked.',
      points: [
        'Recommendations (the client tells someone to talk to you) and introductions (the client connects you with a named person) kept apart everywhere.',
        'Where each referral came from: a client, a partner or an offer.',
        'Pipeline stages from lead to qualified to won, with the value booked.',
        'A reminder to close the loop and tell the referrer what came of it.',
      ],
    },
  },
  {
    path: '/offers',
    label: 'Offers',
    icon: IconGift,
    comingNext: {
      summary: 'Offers clients can pass on to colleagues, with a personal share link for each referrer.',
      points: [
        'Something worth handing on, such as a no-fee assessment, an extra service or an event invitation, with wording you suggest.',
        'A personal link or code per client for each offer, so every claim is attributed to the person who passed it on.',
        'Each claim becomes a referral, credited to its referrer.',
        'Claims per offer and per referrer.',
      ],
    },
  },
  {
    path: '/engagements',
    label: 'Engagements',
    icon: IconSpeakerphone,
    comingNext: {
      summary: 'A communication plan for every piece of client work, and a record of the promises kept.',
      points: [
        'What you will communicate, when and by which channel the client prefers, agreed up front (an update every Monday, say).',
        'The stages of the work from start to finish, so the client always knows what happens next.',
        'Issues raised at once, with the worst case and the options offered.',
        'Partners recommended when the client needs another trusted expert.',
      ],
    },
  },
  {
    path: '/insights',
    label: 'Insights',
    icon: IconChartLine,
    comingNext: {
      summary: 'How well the firm turns satisfied clients into referrals, measured.',
      points: [
        'NPS and its trend over time.',
        'How many promoters were actually followed up, and how fast.',
        'Asks made by kind, and recommendations and introductions received.',
        'Referral leads, qualified leads, deals won and revenue booked, per person and against goals.',
        'Favours given against referrals received, and communication promises kept.',
      ],
    },
  },
  { path: '/settings', label: 'Settings', icon: IconSettings },
];
