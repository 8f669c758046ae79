import { z } from 'zod';
import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import { previewAudience } from './audience.ts';
import {
  closeSurvey,
  launchSurvey,
  pauseSurvey,
  resumeSurvey,
  type SurveyLaunchDeps,
} from './launch-survey.ts';
import { getSurvey, listSends, listSurveys } from './queries.ts';
import {
  audiencePreviewBody,
  audiencePreviewResponse,
  closeResponse,
  createSurveyBody,
  launchResponse,
  sendListQuery,
  sendListResponse,
  surveyListResponse,
  surveySchema,
  updateSurveyBody,
} from './schemas.ts';
import { createSurvey, deleteSurvey, updateSurvey } from './write-survey.ts';

export function surveyRoutes(app: App, ctx: AppContext) {
  const tags = ['surveys'];
  const publicUrl = ctx.config.publicUrl;
  const launchDeps: SurveyLaunchDeps = {
    db: ctx.db,
    jobs: ctx.jobs,
    mailer: ctx.mailer,
    publicUrl,
    linkSecret: ctx.linkSecret,
  };

  app.get(
    '/api/v1/surveys',
    {
      schema: {
        tags,
        summary: 'Survey campaigns, newest first, with sent, answered and response rate',
        response: { 200: surveyListResponse },
      },
    },
    async (request) => ({ surveys: await listSurveys(ctx.db, actorOf(request).workspaceId, publicUrl) }),
  );
  app.post(
    '/api/v1/surveys',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Create a survey (a draft)',
        body: createSurveyBody,
        response: { 201: surveySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSurvey({ db: ctx.db, publicUrl }, actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/surveys/audience-preview',
    {
      schema: {
        tags,
        summary: 'Who an audience reaches now, and who it leaves out and why',
        body: audiencePreviewBody,
        response: { 200: audiencePreviewResponse },
      },
    },
    async (request) => previewAudience(ctx.db, actorOf(request).workspaceId, request.body.audience),
  );
  app.get(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags,
        summary: 'A survey with its counts',
        params: idParamSchema,
        response: { 200: surveySchema },
      },
    },
    async (request) => getSurvey(ctx.db, actorOf(request).workspaceId, request.params.id, publicUrl),
  );
  app.patch(
    '/api/v1/surveys/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Edit a survey',
        params: idParamSchema,
        body: updateSurveyBody,
        response: { 200: surveySchema },
      },
    },
    async (request) =>
      updateSurvey({ db: ctx.db, publicUrl }, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/surveys/:id',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Delete a draft survey', params: idParamSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteSurvey(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  // The life-cycle actions: a manager's POST on one survey, answering the survey's new state.
  // The response schema still checks each reply when it is serialised.
  function lifecycleAction(
    action: string,
    summary: string,
    response: z.ZodType,
    run: (deps: SurveyLaunchDeps, actor: Actor, surveyId: string) => Promise<unknown>,
  ) {
    app.post(
      `/api/v1/surveys/:id/${action}`,
      {
        config: { access: 'manager' },
        schema: { tags, summary, params: idParamSchema, response: { 200: response } },
      },
      async (request) => run(launchDeps, actorOf(request), request.params.id),
    );
  }
  lifecycleAction(
    'launch',
    'Send now: queue a mail for everyone in the audience who may be surveyed',
    launchResponse,
    launchSurvey,
  );
  lifecycleAction('pause', 'Stop mailing for now', surveySchema, pauseSurvey);
  lifecycleAction('resume', 'Mail again after a pause', surveySchema, resumeSurvey);
  lifecycleAction('close', 'End the survey: mail not yet sent is cancelled', closeResponse, closeSurvey);
  app.get(
    '/api/v1/surveys/:id/sends',
    {
      schema: {
        tags,
        summary: 'Who the survey went to, with the delivery status of each mail',
        params: idParamSchema,
        querystring: sendListQuery,
        response: { 200: sendListResponse },
      },
    },
    async (request) => listSends(ctx.db, actorOf(request).workspaceId, request.params.id, request.query),
  );
}
