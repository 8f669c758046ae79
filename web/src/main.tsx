import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';

import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api/client.ts';
import { endSession, queryKeys } from './api/queries.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

// Any request answered "unauthenticated" means the session ended (expired, or signed out in another
// tab): drop it, and the route guard sends the person to the sign-in page.
function onAuthError(error: unknown) {
  if (!(error instanceof ApiError) || error.code !== 'unauthenticated') return;
  if (!queryClient.getQueryData(queryKeys.session)) return;
  endSession(queryClient);
  notifications.show({
    id: 'session-ended',
    color: 'yellow',
    title: 'You have been signed out',
    message: 'Your session ended. Sign in again to carry on.',
  });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAuthError }),
  mutationCache: new MutationCache({ onError: onAuthError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failureCount, error) =>
        failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
