// The areas of the app, in the order of the navigation. Areas not built yet say plainly what they
// will hold; they never show sample numbers.
import {
  IconCalendarCheck,
  IconChartLine,
  IconGift,
  IconHeartHandshake,
  IconListCheck,
  IconMessages,
  IconQuote,
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
  },
  {
    path: '/playbooks',
    label: 'Playbooks',
    icon: IconListCheck,
  },
  {
    path: '/referrals',
    label: 'Referrals',
    icon: IconTimeline,
  },
  {
    path: '/offers',
    label: 'Offers',
    icon: IconGift,
  },
  { path: '/partners', label: 'Partners', icon: IconHeartHandshake },
  { path: '/testimonials', label: 'Testimonials', icon: IconQuote },
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
  },
  { path: '/settings', label: 'Settings', icon: IconSettings },
];
