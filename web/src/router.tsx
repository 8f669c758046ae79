import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from './clients/AccountPage.tsx';
import { ClientsPage } from './clients/ClientsPage.tsx';
import { ContactPage } from './clients/ContactPage.tsx';
import { ImportPage } from './imports/ImportPage.tsx';
import { FollowUpInsightsPage } from './insights/FollowUpInsights.tsx';
import { InsightsLayout } from './insights/InsightsLayout.tsx';
import { ReferralInsightsPage } from './insights/ReferralInsights.tsx';
import { EditOfferPage, NewOfferPage } from './offers/OfferEditor.tsx';
import { OfferPage } from './offers/OfferPage.tsx';
import { OffersPage } from './offers/OffersPage.tsx';
import { AreaPage } from './pages/AreaPage.tsx';
import { InviteAcceptPage } from './pages/InviteAcceptPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { PartnersPage } from './partners/PartnersPage.tsx';
import { NewPlaybookPage, PlaybookPage } from './playbooks/PlaybookPage.tsx';
import { PlaybooksPage } from './playbooks/PlaybooksPage.tsx';
import { ReferralPage } from './referrals/ReferralPage.tsx';
import { ReferralSettings } from './referrals/ReferralSettings.tsx';
import { ReferralsPage } from './referrals/ReferralsPage.tsx';
import { ReviewSettings } from './reviews/ReviewSettings.tsx';
import { MembersSettings } from './settings/MembersSettings.tsx';
import { OutboxSettings } from './settings/OutboxSettings.tsx';
import { ProfileSettings } from './settings/ProfileSettings.tsx';
import { SettingsLayout } from './settings/SettingsLayout.tsx';
import { WorkspaceSettings } from './settings/WorkspaceSettings.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { areas } from './shell/areas.ts';
import { PublicOnly, RequireSession } from './shell/guards.tsx';
import { NpsInsights } from './surveys/results/NpsInsights.tsx';
import { EditSurveyPage, NewSurveyPage } from './surveys/SurveyEditor.tsx';
import { SurveyPage } from './surveys/SurveyPage.tsx';
import { SurveySettings } from './surveys/SurveySettings.tsx';
import { SurveysPage } from './surveys/SurveysPage.tsx';
import { TestimonialsPage } from './testimonials/TestimonialsPage.tsx';
import { TodayPage } from './today/TodayPage.tsx';

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
          { path: '/today', element: <TodayPage /> },
          {
            path: '/insights',
            element: <InsightsLayout />,
            children: [
              { index: true, element: <FollowUpInsightsPage /> },
              { path: 'nps', element: <NpsInsights /> },
              { path: 'referrals', element: <ReferralInsightsPage /> },
            ],
          },
          { path: '/surveys', element: <SurveysPage /> },
          { path: '/surveys/new', element: <NewSurveyPage /> },
          { path: '/surveys/:id', element: <SurveyPage /> },
          { path: '/surveys/:id/edit', element: <EditSurveyPage /> },
          { path: '/referrals', element: <ReferralsPage /> },
          { path: '/referrals/list', element: <ReferralsPage /> },
          { path: '/referrals/:id', element: <ReferralPage /> },
          { path: '/offers', element: <OffersPage /> },
          { path: '/offers/new', element: <NewOfferPage /> },
          { path: '/offers/:id', element: <OfferPage /> },
          { path: '/offers/:id/edit', element: <EditOfferPage /> },
          { path: '/playbooks', element: <PlaybooksPage /> },
          { path: '/playbooks/new', element: <NewPlaybookPage /> },
          { path: '/playbooks/:id', element: <PlaybookPage /> },
          { path: '/clients', element: <ClientsPage /> },
          { path: '/clients/companies', element: <ClientsPage /> },
          { path: '/clients/import', element: <ImportPage /> },
          { path: '/clients/people/:id', element: <ContactPage /> },
          { path: '/clients/companies/:id', element: <AccountPage /> },
          { path: '/partners', element: <PartnersPage /> },
          { path: '/testimonials', element: <TestimonialsPage /> },
          {
            path: '/settings',
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="/settings/workspace" replace /> },
              { path: 'workspace', element: <WorkspaceSettings /> },
              { path: 'members', element: <MembersSettings /> },
              { path: 'profile', element: <ProfileSettings /> },
              { path: 'outbox', element: <OutboxSettings /> },
              { path: 'surveys', element: <SurveySettings /> },
              { path: 'reviews', element: <ReviewSettings /> },
              { path: 'referrals', element: <ReferralSettings /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
