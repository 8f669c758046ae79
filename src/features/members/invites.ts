// Invites: a single-use, expiring link that lets a new teammate set their password and join.
// Only the token's hash is stored; the link is shown once to the inviter and mailed.
//   pending  - not yet accepted, not revoked, not expired
//   accepted - used once; the link no longer works
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invites, members, workspaces } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { type Actor, outranks, requireRole } from '../auth/actor.ts';
import { createMember } from './create-member.ts';
import { findMemberByEmail } from './queries.ts';
import type { CreateInviteBody, Invite } from './schemas.ts';

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

type InviteRow = typeof invites.$inferSelect;

function inviteStatus(row: InviteRow, now = Date.now()): Invite['status'] {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now) return 'expired';
  return 'pending';
}

function toInviteDto(row: InviteRow, invitedByName: string | null): Invite {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: inviteStatus(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    invitedByName,
  };
}

export function inviteUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${token}`;
}

export async function createInvite(
  ctx: { db: Db; mailer: Mailer; publicUrl: string },
  actor: Actor,
  input: Required<Pick<CreateInviteBody, 'email' | 'role'>> & { name?: string | undefined },
) {
  requireRole(actor, 'manager');
  // A manager can bring in members; only an owner can hand out manager or owner rights.
  if (!outranks(actor.role, input.role) || (actor.role !== 'owner' && input.role !== 'member')) {
    throw new AppError('forbidden', `Only an owner can invite a ${input.role}`);
  }
  const email = input.email.toLowerCase();
  return ctx.db.transaction(async (tx) => {
    if (await findMemberByEmail(tx, actor.workspaceId, email)) {
      throw new AppError('conflict', `${email} is already a member of this workspace`);
    }
    // A new invite replaces any pending one for the same email, so only the latest link works.
    await tx
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invites.workspaceId, actor.workspaceId),
          eq(invites.email, email),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
        ),
      );
    const token = newToken();
    const [row] = await tx
      .insert(invites)
      .values({
        workspaceId: actor.workspaceId,
        email,
        name: input.name ?? null,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: actor.memberId,
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
      })
      .returning();
    const [context] = await tx
      .select({ inviter: members.name, firm: workspaces.name })
      .from(members)
      .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
      .where(and(eq(members.workspaceId, actor.workspaceId), eq(members.id, actor.memberId)));
    const url = inviteUrl(ctx.publicUrl, token);
    const mail = await ctx.mailer.queue(tx, {
      workspaceId: actor.workspaceId,
      to: email,
      subject: `${context?.inviter ?? 'A colleague'} invited you to ${context?.firm ?? 'Warmpath'} on Warmpath`,
      text: [
        `Hello${input.name ? ` ${input.name}` : ''},`,
        '',
        `${context?.inviter ?? 'A colleague'} invited you to join ${context?.firm ?? 'their firm'} on Warmpath as ${input.role}.`,
        `Open this link to set your password and sign in (it works once and expires in 7 days):`,
        '',
        url,
      ].join('\n'),
    });
    return { invite: toInviteDto(row!, context?.inviter ?? null), url, emailed: mail.status === 'queued' };
  });
}

export async function listInvites(db: Db, actor: Actor): Promise<Invite[]> {
  requireRole(actor, 'manager');
  const rows = await db
    .select({ invite: invites, inviter: members.name })
    .from(invites)
    .leftJoin(members, eq(members.id, invites.invitedBy))
    .where(
      and(
        eq(invites.workspaceId, actor.workspaceId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, sql`now() - interval '30 days'`),
      ),
    )
    .orderBy(desc(invites.createdAt));
  return rows.map((r) => toInviteDto(r.invite, r.inviter));
}

export async function revokeInvite(db: Db, actor: Actor, inviteId: string): Promise<void> {
  requireRole(actor, 'manager');
  const revoked = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(invites.workspaceId, actor.workspaceId), eq(invites.id, inviteId), isNull(invites.acceptedAt)),
    )
    .returning({ id: invites.id });
  if (revoked.length === 0) throw notFound('Invite');
}

async function usableInvite(db: Db, token: string) {
  const [row] = await db
    .select({ invite: invites, workspaceName: workspaces.name, inviter: members.name })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .leftJoin(members, eq(members.id, invites.invitedBy))
    .where(eq(invites.tokenHash, hashToken(token)));
  if (!row || row.invite.revokedAt) {
    throw new AppError('not_found', 'This invite link is not valid. It may have been revoked or mistyped.');
  }
  if (row.invite.acceptedAt) {
    throw new AppError(
      'invite_used',
      'This invite link has already been used. Sign in instead, or ask for a new invite.',
    );
  }
  if (row.invite.expiresAt.getTime() <= Date.now()) {
    throw new AppError(
      'invite_expired',
      'This invite link has expired. Ask the person who invited you for a new one.',
    );
  }
  return row;
}

export async function previewInvite(db: Db, token: string) {
  const { invite, workspaceName, inviter } = await usableInvite(db, token);
  return {
    email: invite.email,
    name: invite.name,
    role: invite.role,
    workspaceName,
    invitedByName: inviter,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

export async function acceptInvite(db: Db, input: { token: string; name: string; password: string }) {
  return db.transaction(async (tx) => {
    const { invite } = await usableInvite(tx, input.token);
    // Marking it accepted first, guarded by accepted_at is null, makes a double submit fail cleanly.
    const claimed = await tx
      .update(invites)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt)))
      .returning({ id: invites.id });
    if (claimed.length === 0) throw new AppError('invite_used', 'This invite link has already been used.');
    const member = await createMember(tx, {
      workspaceId: invite.workspaceId,
      email: invite.email,
      name: input.name,
      role: invite.role,
      password: input.password,
    });
    await tx.update(invites).set({ acceptedMemberId: member.id }).where(eq(invites.id, invite.id));
    return member;
  });
}
