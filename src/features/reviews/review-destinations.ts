// Review destinations: the places (Google, LinkedIn, G2, Clutch, Trustpilot or any https page) a
// promoter is invited to leave a review, shown in `position` order on the thank-you page of the
// public survey. Managers and owners configure them; only active ones are shown.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { reviewDestinations } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type {
  CreateReviewDestinationBody,
  ReviewDestination,
  UpdateReviewDestinationBody,
} from './schemas.ts';

type Row = typeof reviewDestinations.$inferSelect;

function toDto(row: Row): ReviewDestination {
  return {
    id: row.id,
    site: row.site,
    label: row.label,
    url: row.url,
    position: row.position,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listReviewDestinations(db: Db, workspaceId: string): Promise<ReviewDestination[]> {
  const rows = await db
    .select()
    .from(reviewDestinations)
    .where(eq(reviewDestinations.workspaceId, workspaceId))
    .orderBy(asc(reviewDestinations.position), asc(reviewDestinations.createdAt));
  return rows.map(toDto);
}

export async function createReviewDestination(
  db: Db,
  actor: Actor,
  body: CreateReviewDestinationBody,
): Promise<ReviewDestination> {
  const position =
    body.position ??
    sql<number>`(select coalesce(max(position) + 1, 0) from review_destinations where workspace_id = ${actor.workspaceId})`;
  const [row] = await db
    .insert(reviewDestinations)
    .values({
      workspaceId: actor.workspaceId,
      site: body.site,
      label: body.label,
      url: body.url,
      position,
      active: body.active ?? true,
    })
    .returning();
  return toDto(row!);
}

export async function updateReviewDestination(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdateReviewDestinationBody,
): Promise<ReviewDestination> {
  const [row] = await db
    .update(reviewDestinations)
    .set({
      ...(body.site !== undefined && { site: body.site }),
      ...(body.label !== undefined && { label: body.label }),
      ...(body.url !== undefined && { url: body.url }),
      ...(body.position !== undefined && { position: body.position }),
      ...(body.active !== undefined && { active: body.active }),
    })
    .where(and(eq(reviewDestinations.workspaceId, actor.workspaceId), eq(reviewDestinations.id, id)))
    .returning();
  if (!row) throw notFound('Review destination');
  return toDto(row);
}

export async function deleteReviewDestination(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .delete(reviewDestinations)
    .where(and(eq(reviewDestinations.workspaceId, actor.workspaceId), eq(reviewDestinations.id, id)))
    .returning({ id: reviewDestinations.id });
  if (!row) throw notFound('Review destination');
}
