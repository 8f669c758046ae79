// `warmpath seed --demo`: one deterministic demo firm with its team. Later areas (clients,
// surveys, referrals...) add their own demo data here. `--scale N` sizes the data for benchmarks.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { members, workspaces } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from '../features/auth/passwords.ts';
import { createWorkspace } from '../features/workspace/create-workspace.ts';
import { seedClients } from './clients.ts';
import { seedFollowUp } from './followup.ts';
import { createRng, emailFor, personName } from './generate.ts';
import { seedReferrals } from './referrals.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'warmpath-demo';
/** People in the demo firm's client base when no --scale is given. */
export const DEMO_PEOPLE = 150;
const DEMO_FIRM = 'Harbor & Lane Advisory';
const DEMO_DOMAIN = 'harborlane.example';

export type SeedOptions = {
  scale?: number | undefined;
  replace?: boolean;
  log?: (message: string) => void;
  /** The demo's "today"; the data is laid out in time around it. */
  now?: Date;
};

/** The team: an owner, two managers, and members; larger scales add members in proportion. */
const coreTeam = [
  { first: 'Maya', last: 'Lindqvist', role: 'owner' },
  { first: 'Tomas', last: 'Okafor', role: 'manager' },
  { first: 'Priya', last: 'Almeida', role: 'manager' },
  { first: 'Jonas', last: 'Weber', role: 'member' },
  { first: 'Ines', last: 'Nakamura', role: 'member' },
  { first: 'Rafael', last: 'Castillo', role: 'member' },
] as const;

export async function seedDemo(db: Db, options: SeedOptions = {}) {
  const log = options.log ?? (() => {});
  const [existing] = await db.select().from(workspaces).where(eq(workspaces.slug, DEMO_SLUG));
  if (existing && !options.replace) {
    throw new AppError('conflict', 'The demo workspace already exists: pass --replace to recreate it');
  }
  if (existing) {
    await db.delete(workspaces).where(eq(workspaces.id, existing.id));
    log('Removed the previous demo workspace');
  }

  // One hash for every demo login: scrypt is deliberately slow and the password is public anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [owner, ...rest] = coreTeam;
  const { workspace } = await createWorkspace(db, {
    firmName: DEMO_FIRM,
    slug: DEMO_SLUG,
    timeZone: 'Europe/Lisbon',
    owner: {
      name: `${owner.first} ${owner.last}`,
      email: emailFor(owner.first, owner.last, DEMO_DOMAIN),
      passwordHash,
    },
  });

  const rng = createRng(20261123);
  const team: (typeof members.$inferInsert)[] = rest.map((m) => ({
    workspaceId: workspace.id,
    name: `${m.first} ${m.last}`,
    email: emailFor(m.first, m.last, DEMO_DOMAIN),
    role: m.role,
    passwordHash,
  }));
  const extraMembers = options.scale ? Math.floor(options.scale / 2000) : 0;
  const used = new Set(team.map((m) => m.email));
  for (let i = 0; team.length < rest.length + extraMembers; i++) {
    const p = personName(rng);
    const email = emailFor(
      p.first,
      p.last,
      DEMO_DOMAIN,
      used.has(emailFor(p.first, p.last, DEMO_DOMAIN)) ? i : undefined,
    );
    if (used.has(email)) continue;
    used.add(email);
    team.push({ workspaceId: workspace.id, name: p.full, email, role: 'member', passwordHash });
  }
  const inserted = await db.insert(members).values(team).returning({ id: members.id });
  log(`Created ${team.length + 1} team members`);

  const [ownerRow] = await db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.workspaceId, workspace.id))
    .orderBy(members.createdAt)
    .limit(1);
  const memberIds = [ownerRow!.id, ...inserted.map((m) => m.id)];
  await seedClients({ db, workspaceId: workspace.id, memberIds, rng, log }, options.scale ?? DEMO_PEOPLE);
  const later = { db, workspaceId: workspace.id, memberIds, rng, now: options.now ?? new Date(), log };
  await seedFollowUp(later);
  await seedReferrals(later);

  return { workspace, ownerEmail: emailFor(owner.first, owner.last, DEMO_DOMAIN), password: DEMO_PASSWORD };
}
