// Insights: how well the firm turns satisfied clients into referrals. Follow-up (coverage of
// promoters, time to first follow-up, each person against their goals) is the default tab; NPS
// (scores and their trend, from the surveys feature) is the second.
import { Tabs } from '@mantine/core';
import { IconChartDonut, IconChecklist, IconTimeline } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';

const tabs = [
  { value: 'follow-up', path: '/insights', label: 'Follow-up', icon: IconChecklist },
  { value: 'nps', path: '/insights/nps', label: 'NPS', icon: IconChartDonut },
  { value: 'referrals', path: '/insights/referrals', label: 'Referrals', icon: IconTimeline },
] as const;

export function InsightsLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  // The default tab lives at /insights itself; the others at /insights/<value>.
  const current =
    tabs.find((tab) => tab.path !== '/insights' && location.pathname.startsWith(tab.path))?.value ??
    'follow-up';
  return (
    <>
      <PageHeader
        title="Insights"
        description="A good score is not a referral until someone follows up. How many promoters heard back, how fast, and what each person asked for."
      />
      <Tabs
        value={current}
        onChange={(value) => navigate(tabs.find((t) => t.value === value)?.path ?? '/insights')}
        keepMounted={false}
        mb="lg"
      >
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value} leftSection={<tab.icon size={16} />}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
