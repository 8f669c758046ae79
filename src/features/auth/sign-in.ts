// Checks an email and password. The same email may belong to members of several workspaces (a
// hosted deployment); the password is checked against each, and when more than one matches the
// caller must say which workspace. Errors never reveal which part was wrong.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, workspaces } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import type { LoginBody } from './schemas.ts';

export const invalidCredentials = () => new AppError('invalid_credentials', 'Email or password is incorrect');

export async function checkCredentials(db: Db, input: LoginBody) {
  const candidates = await db
    .select({ member: members, workspace: workspaces })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(
      and(
        eq(members.email, input.email.toLowerCase()),
        eq(members.status, 'active'),
        input.workspace ? eq(workspaces.slug, input.workspace.toLowerCase()) : undefined,
      ),
    );
  if (candidates.length === 0) {
    await burnPasswordCheck(input.password);
    throw invalidCredentials();
  }
  const matches = [];
  for (const c of candidates)
    if (await verifyPassword(input.password, c.member.passwordHash)) matches.push(c);
  if (matches.length === 0) throw invalidCredentials();
  if (matches.length > 1) {
    throw new AppError(
      'conflict',
      `This email belongs to several workspaces (${matches.map((m) => m.workspace.name).join(', ')}): choose one`,
      matches.map((m) => ({ path: 'workspace', message: m.workspace.slug })),
    );
  }
  return matches[0]!;
}
