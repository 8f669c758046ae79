import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { workspaces } from '../../db/schema/index.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { getWorkspace, toWorkspaceDto } from './queries.ts';
import type { UpdateWorkspaceBody } from './schemas.ts';

export async function updateWorkspace(db: Db, actor: Actor, changes: UpdateWorkspaceBody) {
  requireRole(actor, 'owner');
  if (Object.values(changes).every((value) => value === undefined))
    return getWorkspace(db, actor.workspaceId);
  const [row] = await db
    .update(workspaces)
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.timeZone && { timeZone: changes.timeZone }),
      ...(changes.surveyMinGapDays !== undefined && { surveyMinGapDays: changes.surveyMinGapDays }),
      ...(changes.surveyMailsPerMinute !== undefined && {
        surveyMailsPerMinute: changes.surveyMailsPerMinute,
      }),
      ...(changes.overdueEscalationDays !== undefined && {
        overdueEscalationDays: changes.overdueEscalationDays,
      }),
    })
    .where(eq(workspaces.id, actor.workspaceId))
    .returning();
  return toWorkspaceDto(row!);
}
