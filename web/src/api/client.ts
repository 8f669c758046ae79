// Typed access to the Warmpath HTTP API. Request and response types come from the server's own zod
// schemas, so a change to a schema shows up here as a type error rather than a runtime surprise.
import type { z } from 'zod';
import type {
  loginBody,
  SessionInfo,
  setupBody,
  setupStatusResponse,
} from '../../../src/features/auth/schemas.ts';
import type {
  acceptInviteBody,
  CreateInviteBody,
  changePasswordBody,
  createInviteResponse,
  Invite,
  inviteListResponse,
  invitePreviewResponse,
  Member,
  memberListResponse,
  UpdateMemberBody,
  updateProfileBody,
} from '../../../src/features/members/schemas.ts';
import type { OutboxMessage, outboxListResponse } from '../../../src/features/outbox/schemas.ts';
import type { UpdateWorkspaceBody, Workspace } from '../../../src/features/workspace/schemas.ts';
import type { errorBodySchema } from '../../../src/shared/schemas.ts';

export type { Invite, Member, OutboxMessage, SessionInfo, Workspace };
export type Role = Member['role'];
export type MemberStatus = Member['status'];
export type SetupInput = z.input<typeof setupBody>;
export type SetupStatus = z.infer<typeof setupStatusResponse>;
export type LoginInput = z.input<typeof loginBody>;
export type MemberList = z.infer<typeof memberListResponse>;
export type InviteList = z.infer<typeof inviteListResponse>;
export type CreateInviteResult = z.infer<typeof createInviteResponse>;
export type InvitePreview = z.infer<typeof invitePreviewResponse>;
export type AcceptInviteInput = z.input<typeof acceptInviteBody>;
export type UpdateProfileInput = z.input<typeof updateProfileBody>;
export type ChangePasswordInput = z.input<typeof changePasswordBody>;
export type OutboxPage = z.infer<typeof outboxListResponse>;
export type OutboxStatus = OutboxMessage['status'];
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

const API_BASE = '/api/v1';

/** Any answer from the API outside 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Seconds to wait before retrying, from the Retry-After header of a 429 answer. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const inner = (value as { error: unknown }).error;
  return (
    typeof inner === 'object' &&
    inner !== null &&
    typeof (inner as { code?: unknown }).code === 'string' &&
    typeof (inner as { message?: unknown }).message === 'string'
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic message.
  }
  if (isErrorBody(body)) {
    const details = Array.isArray(body.error.details) ? body.error.details : [];
    return new ApiError(response.status, body.error.code, body.error.message, details, retryAfter);
  }
  // 502-504 without a JSON body come from a proxy in front of a server that is down or restarting.
  const message =
    response.status >= 502 && response.status <= 504
      ? 'Cannot reach the Warmpath server. It may be restarting: try again in a moment.'
      : response.status >= 500
        ? 'The server ran into a problem. Try again in a moment.'
        : `The server answered with status ${response.status}.`;
  return new ApiError(response.status, 'http_error', message, [], retryAfter);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One call to the API. A Blob body (a CSV file) is sent as it is, as text/csv, so the browser
 * streams the file instead of it being read into a string; any other body is sent as JSON.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body instanceof Blob) {
    headers['content-type'] = 'text/csv';
    init.body = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, init);
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Cannot reach the Warmpath server. Check your connection and try again.',
    );
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const enc = encodeURIComponent;

export const api = {
  /** The signed-in member and workspace, or null when nobody is signed in. */
  async getSession(): Promise<SessionInfo | null> {
    try {
      return await apiRequest<SessionInfo>('GET', '/auth/session');
    } catch (error) {
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
  /** True while no workspace exists yet (first run), false afterwards. */
  async getSetupNeeded(): Promise<boolean> {
    try {
      const status = await apiRequest<SetupStatus>('GET', '/setup');
      return status.setupNeeded;
    } catch (error) {
      if (isApiError(error, 404)) return false;
      throw error;
    }
  },
  setup: (body: SetupInput) => apiRequest<SessionInfo>('POST', '/setup', body),
  login: (body: LoginInput) => apiRequest<SessionInfo>('POST', '/auth/login', body),
  logout: () => apiRequest<void>('POST', '/auth/logout'),

  getWorkspace: () => apiRequest<Workspace>('GET', '/workspace'),
  updateWorkspace: (body: UpdateWorkspaceBody) => apiRequest<Workspace>('PATCH', '/workspace', body),

  listMembers: () => apiRequest<MemberList>('GET', '/members'),
  updateMember: (id: string, body: UpdateMemberBody) =>
    apiRequest<Member>('PATCH', `/members/${enc(id)}`, body),

  updateProfile: (body: UpdateProfileInput) => apiRequest<Member>('PATCH', '/me', body),
  changePassword: (body: ChangePasswordInput) => apiRequest<void>('POST', '/me/password', body),

  listInvites: () => apiRequest<InviteList>('GET', '/invites'),
  createInvite: (body: CreateInviteBody) => apiRequest<CreateInviteResult>('POST', '/invites', body),
  revokeInvite: (id: string) => apiRequest<void>('DELETE', `/invites/${enc(id)}`),
  previewInvite: (token: string) => apiRequest<InvitePreview>('GET', `/invites/accept/${enc(token)}`),
  acceptInvite: (body: AcceptInviteInput) => apiRequest<SessionInfo>('POST', '/invites/accept', body),

  /** One page of sent (or, without SMTP, unsent) mail, newest first; `before` is the previous nextCursor. */
  listOutbox: ({ before, limit = 50 }: { before?: string | null; limit?: number } = {}) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before) query.set('before', before);
    return apiRequest<OutboxPage>('GET', `/outbox?${query}`);
  },
};
