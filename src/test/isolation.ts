// Workspace isolation, proved per route. Each feature lists, in its isolation.ts, how to make a
// record in workspace B and the request that workspace A then makes for it. Ids of another
// workspace must answer 404 (and change nothing); lists must not contain B's records.
// src/http/isolation.test.ts runs every spec and fails when an authenticated route has none.
import type { TestContext, WorkspaceHandle } from './app.ts';

export type IsolationRequest = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
};

export type IsolationSpec = {
  /** As registered: 'PATCH /api/v1/members/:id'. */
  route: string;
  /**
   * 'not_found': the request names a record of workspace B and must answer 404.
   * 'excludes': the request reads a collection and its body must not mention `secrets`.
   * 'self': the route acts only on the caller's own workspace or member; it must succeed for A,
   *   mention none of `secrets`, and leave B as it was (checked by `verify`).
   * 'refused': the request names B's record inside its body (e.g. a contactId); it must be refused
   *   with 400 or 404 and change nothing.
   */
  expect: 'not_found' | 'excludes' | 'self' | 'refused';
  /** Makes B's record (and, when the request needs one, A's own) and returns A's request. */
  arrange(
    t: TestContext,
    b: WorkspaceHandle,
    a: WorkspaceHandle,
  ): Promise<{ request: IsolationRequest; secrets?: string[] }>;
  /** Optional check, run as B afterwards, that B's record is unchanged. */
  verify?(t: TestContext, b: WorkspaceHandle): Promise<void>;
};
