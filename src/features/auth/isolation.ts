import type { IsolationSpec } from '../../test/isolation.ts';

export const authIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/auth/session',
    expect: 'excludes',
    arrange: async (_t, b) => ({
      request: { method: 'GET', url: '/api/v1/auth/session' },
      secrets: [b.workspaceId, b.memberId, b.email],
    }),
  },
];
