// Query keys and hooks for server state. The session is the root of everything the app shows:
// it is fetched once at boot, replaced on sign-in and cleared on sign-out or an expired session.
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Member, type SessionInfo, type Workspace } from './client.ts';

export const queryKeys = {
  session: ['session'] as const,
  setupNeeded: ['setup-needed'] as const,
  members: ['members'] as const,
  invites: ['invites'] as const,
  outbox: ['outbox'] as const,
  invitePreview: (token: string) => ['invite-preview', token] as const,
};

export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: api.getSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useSetupNeededQuery(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.setupNeeded,
    queryFn: api.getSetupNeeded,
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The session inside the app shell, where the route guard has already made sure there is one. */
export function useSession(): SessionInfo {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession is only usable below the signed-in route guard');
  return data;
}

export function startSession(queryClient: QueryClient, session: SessionInfo) {
  // A different person may have been signed in before: forget everything cached for them.
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  queryClient.setQueryData(queryKeys.session, session);
  queryClient.setQueryData(queryKeys.setupNeeded, false);
}

export function endSession(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  queryClient.setQueryData(queryKeys.session, null);
  // Someone was signed in, so a workspace exists: the sign-in page is the way back.
  queryClient.setQueryData(queryKeys.setupNeeded, false);
}

export function useUpdateSession() {
  const queryClient = useQueryClient();
  return {
    setMember(member: Member) {
      queryClient.setQueryData<SessionInfo | null>(queryKeys.session, (old) =>
        old ? { ...old, member } : old,
      );
    },
    setWorkspace(workspace: Workspace) {
      queryClient.setQueryData<SessionInfo | null>(queryKeys.session, (old) =>
        old ? { ...old, workspace } : old,
      );
    },
  };
}
