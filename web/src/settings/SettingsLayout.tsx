import { Tabs } from '@mantine/core';
import {
  IconBuilding,
  IconMail,
  IconMessages,
  IconStar,
  IconTimeline,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../api/queries.ts';
import { PageHeader } from '../components/PageHeader.tsx';

const tabs = [
  { value: 'workspace', label: 'Workspace', icon: IconBuilding, managersOnly: false },
  { value: 'members', label: 'Members', icon: IconUsers, managersOnly: false },
  { value: 'profile', label: 'Profile', icon: IconUserCircle, managersOnly: false },
  { value: 'outbox', label: 'Outbox', icon: IconMail, managersOnly: true },
  { value: 'surveys', label: 'Surveys', icon: IconMessages, managersOnly: false },
  { value: 'reviews', label: 'Reviews', icon: IconStar, managersOnly: false },
  { value: 'referrals', label: 'Referrals', icon: IconTimeline, managersOnly: false },
] as const;

export function SettingsLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const { member } = useSession();
  const isManager = member.role === 'owner' || member.role === 'manager';
  const visible = tabs.filter((tab) => isManager || !tab.managersOnly);
  // A member who opens /settings/outbox directly sees the page's explanation with no tab selected.
  const current =
    tabs.find((tab) => location.pathname.startsWith(`/settings/${tab.value}`))?.value ?? 'workspace';
  const listRef = useRef<HTMLDivElement>(null);

  // On a narrow screen the tab list scrolls sideways: keep the open tab in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again whenever the open tab changes
  useEffect(() => {
    const list = listRef.current;
    const tab = list?.querySelector<HTMLElement>('[data-active]');
    if (!list || !tab) return;
    const listBox = list.getBoundingClientRect();
    const tabBox = tab.getBoundingClientRect();
    if (tabBox.right > listBox.right) list.scrollLeft += tabBox.right - listBox.right;
    else if (tabBox.left < listBox.left) list.scrollLeft -= listBox.left - tabBox.left;
  }, [current]);

  return (
    <>
      <PageHeader
        title="Settings"
        description={
          isManager
            ? "Your firm's workspace, the people on the team, your own profile, and the mail Warmpath sends."
            : "Your firm's workspace, the people on the team, and your own profile."
        }
      />
      <Tabs
        value={current}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
        mb="lg"
      >
        <Tabs.List ref={listRef} style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {visible.map((tab) => (
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
