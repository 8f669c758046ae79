import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { workspaces } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import type { Workspace } from './schemas.ts';

type WorkspaceRow = typeof workspaces.$inferSelect;

export function toWorkspaceDto(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.timeZone,
    surveyMinGapDays: row.surveyMinGapDays,
    surveyMailsPerMinute: row.surveyMailsPerMinute,
    overdueEscalationDays: row.overdueEscalationDays,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getWorkspace(db: Db, workspaceId: string): Promise<Workspace> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('Workspace');
  return toWorkspaceDto(row);
}

export async function countWorkspaces(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(workspaces);
  return row?.n ?? 0;
}

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.select().from(workspaces).orderBy(workspaces.createdAt);
  return rows.map(toWorkspaceDto);
}

/**
 * Resolves which workspace an operator command acts on: the one named by slug, or the only one
 * when the database holds a single workspace.
 */
export async function resolveWorkspace(db: Db, slug: string | undefined): Promise<Workspace> {
  const all = await listWorkspaces(db);
  if (slug) {
    const match = all.find((w) => w.slug === slug.toLowerCase());
    if (!match) {
      throw notFound(`Workspace "${slug}" (known: ${all.map((w) => w.slug).join(', ') || 'none'})`);
    }
    return match;
  }
  if (all.length === 1) return all[0]!;
  if (all.length === 0)
    throw notFound('Workspace (none exists yet: run setup in the browser or `warmpath workspace create`)');
  throw new Error(`Several workspaces exist (${all.map((w) => w.slug).join(', ')}): pass --workspace SLUG`);
}
