// Typed access to answers, NPS figures and review destinations, with the query keys the survey
// results, the NPS insights page and Settings → Reviews share.
import { keepPreviousData, type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Answer,
  AnswerCategory,
  answerListResponse,
  CreateAnswerBody,
  ImportAnswersResult,
  NpsGrouping,
  NpsReport,
  SurveyScores,
} from '../../../../src/features/answers/schemas.ts';
import type {
  CreateReviewDestinationBody,
  ReviewDestination,
  UpdateReviewDestinationBody,
} from '../../../../src/features/reviews/schemas.ts';
import { apiRequest } from '../../api/client.ts';

export type {
  Answer,
  AnswerCategory,
  ImportAnswersResult,
  NpsGrouping,
  NpsReport,
  ReviewDestination,
  SurveyScores,
};
export type AnswerPage = z.infer<typeof answerListResponse>;
export type ReviewSite = ReviewDestination['site'];

const enc = encodeURIComponent;

export const answerKeys = {
  scores: (surveyId: string) => ['survey-scores', surveyId] as const,
  answers: (surveyId: string, category: string) => ['survey-answers', surveyId, category] as const,
  nps: (from: string, to: string, groupBy: NpsGrouping) => ['nps', from, to, groupBy] as const,
  reviewDestinations: ['review-destinations'] as const,
};

/** After an answer is added or imported, every figure that counts it is stale. */
export function invalidateAnswers(client: QueryClient, surveyId: string) {
  void client.invalidateQueries({ queryKey: ['survey-scores', surveyId] });
  void client.invalidateQueries({ queryKey: ['survey-answers', surveyId] });
  void client.invalidateQueries({ queryKey: ['nps'] });
}

export const answersApi = {
  scores: (surveyId: string) => apiRequest<SurveyScores>('GET', `/surveys/${enc(surveyId)}/scores`),
  answers: (surveyId: string, category: string, cursor?: string) => {
    const query = new URLSearchParams({ limit: '25' });
    if (category !== 'all') query.set('category', category);
    if (cursor) query.set('cursor', cursor);
    return apiRequest<AnswerPage>('GET', `/surveys/${enc(surveyId)}/answers?${query}`);
  },
  addAnswer: (surveyId: string, body: CreateAnswerBody) =>
    apiRequest<Answer>('POST', `/surveys/${enc(surveyId)}/answers`, body),
  importAnswers: (surveyId: string, file: Blob, dryRun: boolean) =>
    apiRequest<ImportAnswersResult>(
      'POST',
      `/surveys/${enc(surveyId)}/answers/import${dryRun ? '?dryRun=true' : ''}`,
      file,
    ),
  nps: (from: string, to: string, groupBy: NpsGrouping) =>
    apiRequest<NpsReport>('GET', `/nps?${new URLSearchParams({ from, to, groupBy })}`),
  reviewDestinations: () => apiRequest<{ destinations: ReviewDestination[] }>('GET', '/review-destinations'),
  createReviewDestination: (body: CreateReviewDestinationBody) =>
    apiRequest<ReviewDestination>('POST', '/review-destinations', body),
  updateReviewDestination: (id: string, body: UpdateReviewDestinationBody) =>
    apiRequest<ReviewDestination>('PATCH', `/review-destinations/${enc(id)}`, body),
  deleteReviewDestination: (id: string) => apiRequest<void>('DELETE', `/review-destinations/${enc(id)}`),
};

export function useSurveyScores(surveyId: string) {
  return useQuery({ queryKey: answerKeys.scores(surveyId), queryFn: () => answersApi.scores(surveyId) });
}

export function useSurveyAnswers(surveyId: string, category: string) {
  return useInfiniteQuery({
    queryKey: answerKeys.answers(surveyId, category),
    queryFn: ({ pageParam }) => answersApi.answers(surveyId, category, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useNps(from: string, to: string, groupBy: NpsGrouping) {
  return useQuery({
    queryKey: answerKeys.nps(from, to, groupBy),
    queryFn: () => answersApi.nps(from, to, groupBy),
    placeholderData: keepPreviousData,
  });
}

export function useReviewDestinations() {
  return useQuery({ queryKey: answerKeys.reviewDestinations, queryFn: answersApi.reviewDestinations });
}

export const categoryColors: Record<AnswerCategory, string> = {
  promoter: 'teal',
  passive: 'yellow',
  detractor: 'red',
};

export const categoryLabels: Record<AnswerCategory, string> = {
  promoter: 'Promoter',
  passive: 'Passive',
  detractor: 'Detractor',
};
