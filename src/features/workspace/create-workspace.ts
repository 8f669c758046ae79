// Creates a firm (workspace) together with its first owner. Used by first-run setup, the
// `warmpath workspace create` command and the demo seed.
import { eq, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, workspaces } from '../../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { ensureDefaultPlaybooks } from '../playbooks/default-playbooks.ts';

export type CreateWorkspaceInput = {
  firmName: string;
  timeZone?: string | undefined;
  slug?: string | undefined;
  owner: { name: string; email: string; password?: string; passwordHash?: string };
};

export async function createWorkspace(db: Db, input: CreateWorkspaceInput) {
  const passwordHash = input.owner.passwordHash ?? (await hashPassword(input.owner.password ?? ''));
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, input.slug ?? input.firmName);
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.firmName, slug, timeZone: input.timeZone ?? 'UTC' })
      .returning();
    const [owner] = await tx
      .insert(members)
      .values({
        workspaceId: workspace!.id,
        email: input.owner.email.toLowerCase(),
        name: input.owner.name,
        role: 'owner',
        passwordHash,
      })
      .returning();
    // Every firm starts with a follow-up plan for each kind of answer.
    await ensureDefaultPlaybooks(tx, workspace!.id);
    return { workspace: workspace!, owner: owner! };
  });
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base || 'firm';
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: workspaces.slug })
        .from(workspaces)
        .where(or(eq(workspaces.slug, base), like(workspaces.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
