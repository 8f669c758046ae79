import { Tabs } from '@mantine/core';
import { IconBuilding, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';

const tabs = [
  { value: 'workspace', label: 'Workspace', icon: IconBuilding },
  { value: 'members', label: 'Members', icon: IconUsers },
  { value: 'profile', label: 'Profile', icon: IconUserCircle },
] as const;

export function SettingsLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const current =
    tabs.find((tab) => location.pathname.startsWith(`/settings/${tab.value}`))?.value ?? 'workspace';

  return (
    <>
      <PageHeader
        title="Settings"
        description="Your firm's workspace, the people on the team, and your own profile."
      />
      <Tabs
        value={current}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
        mb="lg"
      >
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
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
