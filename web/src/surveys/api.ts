// Typed access to the survey campaigns API, with the query keys and hooks the survey pages share.
import { keepPreviousData, type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Audience,
  AudiencePreview,
  CreateSurveyBody,
  closeResponse,
  launchResponse,
  SendStatus,
  Survey,
  SurveySend,
  sendListResponse,
  UpdateSurveyBody,
} from '../../../src/features/surveys/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type { Audience, AudiencePreview, SendStatus, Survey, SurveySend };
export type SurveyStatus = Survey['status'];
export type SendPage = z.infer<typeof sendListResponse>;
export type LaunchResult = z.infer<typeof launchResponse>;
export type CloseResult = z.infer<typeof closeResponse>;

const enc = encodeURIComponent;

export const surveysApi = {
  list: () => apiRequest<{ surveys: Survey[] }>('GET', '/surveys'),
  get: (id: string) => apiRequest<Survey>('GET', `/surveys/${enc(id)}`),
  create: (body: CreateSurveyBody) => apiRequest<Survey>('POST', '/surveys', body),
  update: (id: string, body: UpdateSurveyBody) => apiRequest<Survey>('PATCH', `/surveys/${enc(id)}`, body),
  remove: (id: string) => apiRequest<void>('DELETE', `/surveys/${enc(id)}`),
  preview: (audience: Audience) =>
    apiRequest<AudiencePreview>('POST', '/surveys/audience-preview', { audience }),
  launch: (id: string) => apiRequest<LaunchResult>('POST', `/surveys/${enc(id)}/launch`),
  pause: (id: string) => apiRequest<Survey>('POST', `/surveys/${enc(id)}/pause`),
  resume: (id: string) => apiRequest<Survey>('POST', `/surveys/${enc(id)}/resume`),
  close: (id: string) => apiRequest<CloseResult>('POST', `/surveys/${enc(id)}/close`),
  sends: (id: string, params: { status?: SendStatus | null; cursor?: string | null }) => {
    const query = new URLSearchParams({ limit: '50' });
    if (params.status) query.set('status', params.status);
    if (params.cursor) query.set('cursor', params.cursor);
    return apiRequest<SendPage>('GET', `/surveys/${enc(id)}/sends?${query}`);
  },
};

export const surveyKeys = {
  all: ['surveys'] as const,
  list: ['surveys', 'list'] as const,
  survey: (id: string) => ['surveys', 'survey', id] as const,
  sends: (id: string, status: SendStatus | null, version: string) =>
    ['surveys', 'survey', id, 'sends', status, version] as const,
  preview: (audience: Audience | null) => ['surveys', 'preview', audience] as const,
};

export function useSurveyList() {
  return useQuery({ queryKey: surveyKeys.list, queryFn: surveysApi.list });
}

/** While mail is going out, the counts move: poll until nothing is queued. */
export function useSurvey(id: string) {
  return useQuery({
    queryKey: surveyKeys.survey(id),
    queryFn: () => surveysApi.get(id),
    refetchInterval: (query) =>
      query.state.data?.status === 'active' && query.state.data.counts.queued > 0 ? 5000 : false,
  });
}

/**
 * A survey's sends. `survey.counts` is part of the key: when the survey's polled counts move (mail
 * written, delivered, failed, answered), the list is fetched again.
 */
export function useSends(survey: Survey, status: SendStatus | null) {
  const { id, counts } = survey;
  const version = `${counts.total}-${counts.queued}-${counts.sent}-${counts.failed}-${counts.answered}`;
  return useInfiniteQuery({
    queryKey: surveyKeys.sends(id, status, version),
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) => surveysApi.sends(id, { status, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAudiencePreview(audience: Audience | null) {
  return useQuery({
    queryKey: surveyKeys.preview(audience),
    queryFn: () => surveysApi.preview(audience!),
    enabled: audience !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function invalidateSurvey(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: surveyKeys.list });
  void queryClient.invalidateQueries({ queryKey: surveyKeys.survey(id) });
}
