import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from './clients/AccountPage.tsx';
import { ClientsPage } from './clients/ClientsPage.tsx';
import { ContactPage } from './clients/ContactPage.tsx';
import { ImportPage } from './imports/ImportPage.tsx';
import { AreaPage } from './pages/AreaPage.tsx';
import { InviteAcceptPage } from './pages/InviteAcceptPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { MembersSettings } from './settings/MembersSettings.tsx';
import { OutboxSettings } from './settings/OutboxSettings.tsx';
import { ProfileSettings } from './settings/ProfileSettings.tsx';
import { SettingsLayout } from './settings/SettingsLayout.tsx';
import { WorkspaceSettings } from './settings/WorkspaceSettings.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { areas } from './shell/areas.ts';
import { PublicOnly, RequireSession } from './shell/guards.tsx';

const comingNextRoutes = areas
  .filter((area) => area.comingNext)
  .map((area) => ({ path: area.path, element: <AreaPage area={area} /> }));

export const router = createBrowserRouter([
  { element: <PublicOnly page="setup" />, children: [{ path: '/setup', element: <SetupPage /> }] },
  { element: <PublicOnly page="login" />, children: [{ path: '/login', element: <LoginPage /> }] },
  { path: '/invite/:token', element: <InviteAcceptPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/today" replace /> },
          ...comingNextRoutes,
          { path: '/clients', element: <ClientsPage /> },
          { path: '/clients/companies', element: <ClientsPage /> },
          { path: '/clients/import', element: <ImportPage /> },
          { path: '/clients/people/:id', element: <ContactPage /> },
          { path: '/clients/companies/:id', element: <AccountPage /> },
          {
            path: '/settings',
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="/settings/workspace" replace /> },
              { path: 'workspace', element: <WorkspaceSettings /> },
              { path: 'members', element: <MembersSettings /> },
              { path: 'profile', element: <ProfileSettings /> },
              { path: 'outbox', element: <OutboxSettings /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
