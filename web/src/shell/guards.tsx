// Route guards. Boot order: ask for the session; without one, ask whether the first-run setup is
// still open, and send the visitor to /setup or /login accordingly.
import { Button, Stack, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSessionQuery, useSetupNeededQuery } from '../api/queries.ts';
import { FullPageLoader } from '../components/FullPageLoader.tsx';
import { FullPageMessage } from '../components/FullPageMessage.tsx';
import { errorMessage } from '../lib/errors.ts';

function BootError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <FullPageMessage icon={<IconPlugConnectedX size={28} />} color="red" title="Warmpath could not start">
      <Stack gap="md">
        <Text>{errorMessage(error)}</Text>
        <Button onClick={onRetry}>Try again</Button>
      </Stack>
    </FullPageMessage>
  );
}

export type FromState = { from?: { pathname: string; search?: string } };

function returnPath(state: unknown): string {
  const from = (state as FromState | null)?.from;
  if (!from || from.pathname === '/login' || from.pathname === '/setup') return '/today';
  return `${from.pathname}${from.search ?? ''}`;
}

/** App routes: only for signed-in members. */
export function RequireSession() {
  const location = useLocation();
  const session = useSessionQuery();
  const signedOut = session.isSuccess && session.data === null;
  const setup = useSetupNeededQuery(signedOut);

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <BootError error={session.error} onRetry={() => session.refetch()} />;
  if (session.data) return <Outlet />;
  if (setup.isPending) return <FullPageLoader />;
  if (setup.isError) return <BootError error={setup.error} onRetry={() => setup.refetch()} />;
  const state: FromState = { from: { pathname: location.pathname, search: location.search } };
  return <Navigate to={setup.data ? '/setup' : '/login'} replace state={state} />;
}

/** /login and /setup: signed-in members go to the app; each page only while it makes sense. */
export function PublicOnly({ page }: { page: 'login' | 'setup' }) {
  const location = useLocation();
  const session = useSessionQuery();
  const signedOut = session.isSuccess && session.data === null;
  const setup = useSetupNeededQuery(signedOut);

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <BootError error={session.error} onRetry={() => session.refetch()} />;
  // Signing in lands here too: the page only stores the session, and this sends the member on to
  // where they were going before the sign-in page (or to Today).
  if (session.data) return <Navigate to={returnPath(location.state)} replace />;
  if (setup.isPending) return <FullPageLoader />;
  if (setup.isError) return <BootError error={setup.error} onRetry={() => setup.refetch()} />;
  if (page === 'login' && setup.data) return <Navigate to="/setup" replace />;
  if (page === 'setup' && !setup.data) return <Navigate to="/login" replace />;
  return <Outlet />;
}
