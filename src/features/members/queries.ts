import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import type { Member } from './schemas.ts';

type MemberRow = typeof members.$inferSelect;

export function toMemberDto(row: MemberRow): Member {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    timeZone: row.timeZone,
    digestOptOut: row.digestOptOut,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .select()
    .from(members)
    .where(eq(members.workspaceId, workspaceId))
    // Active people first, then by name: the order a manager scans a team list in.
    .orderBy(sql`${members.status} = 'deactivated'`, asc(sql`lower(${members.name})`));
  return rows.map(toMemberDto);
}

export async function getMemberRow(db: Db, workspaceId: string, memberId: string): Promise<MemberRow> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
  if (!row) throw notFound('Member');
  return row;
}

export async function getMember(db: Db, workspaceId: string, memberId: string): Promise<Member> {
  return toMemberDto(await getMemberRow(db, workspaceId, memberId));
}

export async function findMemberByEmail(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.email, email.toLowerCase())));
  return row;
}

export async function countActiveOwners(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(members)
    .where(
      and(eq(members.workspaceId, workspaceId), eq(members.role, 'owner'), eq(members.status, 'active')),
    );
  return row?.n ?? 0;
}
