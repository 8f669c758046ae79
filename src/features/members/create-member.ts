// Adds a member with a password directly: the operator path (`warmpath user create`) and the end
// of an accepted invite. The email is unique within a workspace.
import type { Db } from '../../db/client.ts';
import { type MemberRole, members } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { findMemberByEmail } from './queries.ts';

export async function createMember(
  db: Db,
  input: { workspaceId: string; email: string; name: string; role: MemberRole; password: string },
) {
  const email = input.email.toLowerCase();
  if (await findMemberByEmail(db, input.workspaceId, email)) {
    throw new AppError('conflict', `A member with email ${email} already exists in this workspace`);
  }
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(members)
    .values({ workspaceId: input.workspaceId, email, name: input.name, role: input.role, passwordHash })
    .returning();
  return row!;
}
