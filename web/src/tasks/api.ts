// Typed access to the follow-up API (tasks, Today, asks, goals, insights) with the query keys the
// Today page, the contact page and Insights share.
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { askListResponse, LogAskBody } from '../../../src/features/asks/schemas.ts';
import type {
  FollowUpInsights,
  Goal,
  goalListResponse,
  setGoalBody,
} from '../../../src/features/goals/schemas.ts';
import type {
  CompleteTaskBody,
  completeTaskResponse,
  createTaskBody,
  TaskDetail,
  TaskListItem,
  TodayList,
  taskListQuery,
  taskListResponse,
} from '../../../src/features/tasks/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type { FollowUpInsights, Goal, TaskDetail, TaskListItem, TodayList };
export type TaskAction = TaskListItem['action'];
export type AskKind = NonNullable<TaskListItem['askKind']>;
export type AskResult = NonNullable<TaskListItem['askResult']>;
export type CompleteTaskInput = z.input<
  typeof import('../../../src/features/tasks/schemas.ts').completeTaskBody
>;
export type CreateTaskInput = z.input<typeof createTaskBody>;
export type SetGoalInput = z.input<typeof setGoalBody>;
export type TaskListParams = { [K in keyof z.input<typeof taskListQuery>]?: string };
export type TaskPage = z.infer<typeof taskListResponse>;
export type CompleteResult = z.infer<typeof completeTaskResponse>;
export type AskPage = z.infer<typeof askListResponse>;

const enc = encodeURIComponent;

function queryString(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const tasksApi = {
  today: () => apiRequest<TodayList>('GET', '/tasks/today'),
  list: (params: TaskListParams) => apiRequest<TaskPage>('GET', `/tasks${queryString(params)}`),
  get: (id: string) => apiRequest<TaskDetail>('GET', `/tasks/${enc(id)}`),
  create: (body: CreateTaskInput) => apiRequest<TaskDetail>('POST', '/tasks', body),
  complete: (id: string, body: CompleteTaskBody) =>
    apiRequest<CompleteResult>('POST', `/tasks/${enc(id)}/complete`, body),
  snooze: (id: string, body: { until: string; reason: string }) =>
    apiRequest<TaskDetail>('POST', `/tasks/${enc(id)}/snooze`, body),
  reassign: (id: string, body: { memberId: string; reason: string }) =>
    apiRequest<TaskDetail>('POST', `/tasks/${enc(id)}/reassign`, body),
  logAsk: (body: LogAskBody) => apiRequest<unknown>('POST', '/asks', body),
  listAsks: (params: Record<string, string | undefined>) =>
    apiRequest<AskPage>('GET', `/asks${queryString(params)}`),
  listGoals: (params: { from?: string; to?: string }) =>
    apiRequest<z.infer<typeof goalListResponse>>('GET', `/goals${queryString(params)}`),
  setGoal: (body: SetGoalInput) => apiRequest<Goal>('PUT', '/goals', body),
  deleteGoal: (id: string) => apiRequest<void>('DELETE', `/goals/${enc(id)}`),
  followUpInsights: (from: string, to: string) =>
    apiRequest<FollowUpInsights>('GET', `/insights/follow-up${queryString({ from, to })}`),
};

export const taskKeys = {
  all: ['tasks'] as const,
  today: ['tasks', 'today'] as const,
  list: (params: TaskListParams) => ['tasks', 'list', params] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  goals: (from: string, to: string) => ['goals', from, to] as const,
  insights: (from: string, to: string) => ['insights', 'follow-up', from, to] as const,
};

/** After any change to a task: Today, lists, the contact's timeline and the numbers move. */
export function invalidateTasks(queryClient: QueryClient, contactId?: string | null) {
  void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['insights'] });
  if (contactId) void queryClient.invalidateQueries({ queryKey: ['clients', 'contact', contactId] });
}
