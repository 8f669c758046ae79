import { type App, type AppContext, actorOf } from '../../http/types.ts';
import { idParamSchema } from '../../shared/schemas.ts';
import { completeTask } from './complete-task.ts';
import { createManualTask } from './create-task.ts';
import { getTaskDetail, listTasks, todayList } from './queries.ts';
import { reassignTask } from './reassign-task.ts';
import {
  completeTaskBody,
  completeTaskResponse,
  createTaskBody,
  reassignTaskBody,
  snoozeTaskBody,
  taskDetailSchema,
  taskListQuery,
  taskListResponse,
  todayResponse,
} from './schemas.ts';
import { snoozeTask } from './snooze-task.ts';

export function taskRoutes(app: App, ctx: AppContext) {
  const tags = ['tasks'];
  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary:
          'Tasks: yours by default; filter by member, status, due (overdue, today, upcoming) and contact',
        querystring: taskListQuery,
        response: { 200: taskListResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return listTasks(ctx.db, actor.workspaceId, actor.memberId, request.query);
    },
  );
  app.get(
    '/api/v1/tasks/today',
    {
      schema: {
        tags,
        summary: 'Your Today: open tasks overdue, due today and in the next 7 days, in your time zone',
        response: { 200: todayResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return todayList(ctx.db, actor.workspaceId, actor.memberId);
    },
  );
  app.post(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task by hand (a to-do about a contact)',
        body: createTaskBody,
        response: { 201: taskDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createManualTask(ctx.db, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: 'One task: the contact, why it exists, the script, the relationship and its history',
        params: idParamSchema,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => getTaskDetail(ctx.db, actorOf(request).workspaceId, request.params.id),
  );
  app.post(
    '/api/v1/tasks/:id/complete',
    {
      schema: {
        tags,
        summary:
          'Close a task with its outcome (a conversation on the timeline, an ask record; 409 if closed)',
        params: idParamSchema,
        body: completeTaskBody,
        response: { 200: completeTaskResponse },
      },
    },
    async (request) => completeTask(ctx.db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tasks/:id/snooze',
    {
      schema: {
        tags,
        summary: 'Snooze a task until a day, with a reason (assignee, manager or owner)',
        params: idParamSchema,
        body: snoozeTaskBody,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => snoozeTask(ctx.db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tasks/:id/reassign',
    {
      schema: {
        tags,
        summary: 'Give a task to another active member, with a reason (assignee, manager or owner)',
        params: idParamSchema,
        body: reassignTaskBody,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => reassignTask(ctx.db, actorOf(request), request.params.id, request.body),
  );
}
