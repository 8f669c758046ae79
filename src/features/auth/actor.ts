// The signed-in member on whose behalf a command runs. Routes get it from the session; the CLI
// and jobs build one explicitly. Commands scope every query by actor.workspaceId.
import type { MemberRole } from '../../db/schema/index.ts';
import { forbidden } from '../../errors.ts';

export type Actor = {
  workspaceId: string;
  memberId: string;
  role: MemberRole;
  /** Null for actors that are not a signed-in browser (CLI, jobs). */
  sessionId: string | null;
};

const rank: Record<MemberRole, number> = { member: 1, manager: 2, owner: 3 };

export function hasRole(actor: Pick<Actor, 'role'>, atLeast: MemberRole): boolean {
  return rank[actor.role] >= rank[atLeast];
}

export function requireRole(actor: Pick<Actor, 'role'>, atLeast: MemberRole): void {
  if (!hasRole(actor, atLeast)) throw forbidden(`This needs the ${atLeast} role or higher`);
}

export function outranks(a: MemberRole, b: MemberRole): boolean {
  return rank[a] >= rank[b];
}
