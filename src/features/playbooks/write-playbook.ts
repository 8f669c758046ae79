// Creating and changing playbooks. Steps live in versions: saving changed steps writes a new
// playbook_versions row and moves current_version, while enrolments and their tasks keep pointing
// at the version that created them (tasks also carry their own rendered script and due day), so
// an edit never changes work already handed out. Only one playbook per trigger is active.
import { sql } from 'drizzle-orm';
import { type Db, isUniqueViolation, queryRows } from '../../db/client.ts';
import type { PlaybookStep, PlaybookTrigger } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { slugify } from '../workspace/create-workspace.ts';
import { assertKnownMergeFields, normaliseScript } from './merge-fields.ts';
import { getPlaybook } from './queries.ts';
import type { CreatePlaybookBody, StepInput, UpdatePlaybookBody } from './schemas.ts';

/** Checks and completes the steps: keys, known merge fields, named members of this team. */
async function prepareSteps(db: Db, workspaceId: string, steps: StepInput[]): Promise<PlaybookStep[]> {
  const used = new Set<string>();
  for (const [i, step] of steps.entries()) {
    if (step.key && used.has(step.key)) {
      throw new AppError('validation_failed', `Step ${i + 1}: the key "${step.key}" is used twice`, [
        { path: `steps.${i}.key`, message: 'Used by another step' },
      ]);
    }
    if (step.key) used.add(step.key);
    assertKnownMergeFields(step.script, `steps.${i}.script`);
  }
  const named = [...new Set(steps.flatMap((s) => (s.owner.kind === 'member' ? [s.owner.memberId] : [])))];
  if (named.length > 0) {
    const found = await queryRows<{ id: string; name: string; status: string }>(
      db,
      sql`select id, name, status from members
          where workspace_id = ${workspaceId} and id = any(${sql.param(named)}::uuid[])`,
    );
    const byId = new Map(found.map((m) => [m.id, m]));
    for (const [i, step] of steps.entries()) {
      if (step.owner.kind !== 'member') continue;
      const member = byId.get(step.owner.memberId);
      if (!member) {
        throw new AppError('validation_failed', `Step ${i + 1}: the named member is not on this team`, [
          { path: `steps.${i}.owner.memberId`, message: 'Not a member of this team' },
        ]);
      }
      if (member.status !== 'active') {
        throw new AppError(
          'validation_failed',
          `Step ${i + 1}: ${member.name} is deactivated; choose someone else`,
          [{ path: `steps.${i}.owner.memberId`, message: `${member.name} is deactivated` }],
        );
      }
    }
  }
  return steps.map((step, i) => {
    let key = step.key;
    if (!key) {
      const base = slugify(step.title).slice(0, 40) || `step-${i + 1}`;
      key = base;
      for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
      used.add(key);
    }
    return {
      key,
      title: step.title,
      action: step.action,
      offsetDays: step.offsetDays,
      // The first step has nothing before it to wait for.
      after: i === 0 ? 'trigger' : step.after,
      owner: step.owner,
      channel: step.channel,
      script: normaliseScript(step.script),
    };
  });
}

function canonical(step: PlaybookStep): PlaybookStep {
  const owner = step.owner;
  return {
    key: step.key,
    title: step.title,
    action: step.action,
    offsetDays: step.offsetDays,
    after: step.after,
    owner:
      owner.kind === 'member'
        ? { kind: 'member', memberId: owner.memberId }
        : owner.kind === 'role'
          ? { kind: 'role', role: owner.role }
          : { kind: owner.kind },
    channel: step.channel,
    script: step.script,
  };
}

export async function createPlaybook(db: Db, actor: Actor, body: CreatePlaybookBody) {
  requireRole(actor, 'manager');
  const id = await db.transaction(async (tx) => {
    const steps = await prepareSteps(tx, actor.workspaceId, body.steps);
    // A new playbook starts inactive unless its trigger has none active: activating is a choice.
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`
        insert into playbooks (workspace_id, name, description, trigger, active, current_version)
        values (${actor.workspaceId}, ${body.name}, ${body.description ?? null}, ${body.trigger},
          not exists (select 1 from playbooks where workspace_id = ${actor.workspaceId}
            and trigger = ${body.trigger} and active and archived_at is null), 1)
        returning id`,
    );
    await tx.execute(sql`
      insert into playbook_versions (workspace_id, playbook_id, version, steps, created_by_member_id)
      values (${actor.workspaceId}, ${row!.id}, 1, ${JSON.stringify(steps)}::jsonb, ${actor.memberId})`);
    return row!.id;
  });
  return getPlaybook(db, actor.workspaceId, id);
}

async function lockPlaybook(tx: Db, workspaceId: string, playbookId: string) {
  const [row] = await queryRows<{
    id: string;
    trigger: PlaybookTrigger;
    archived: boolean;
    active: boolean;
    current_version: number;
    steps: PlaybookStep[];
  }>(
    tx,
    sql`
      select p.id, p.trigger, p.archived_at is not null as archived, p.active, p.current_version, v.steps
      from playbooks p join playbook_versions v on v.playbook_id = p.id and v.version = p.current_version
      where p.workspace_id = ${workspaceId} and p.id = ${playbookId}
      for update of p`,
  );
  if (!row) throw notFound('Playbook');
  return row;
}

export async function updatePlaybook(db: Db, actor: Actor, playbookId: string, body: UpdatePlaybookBody) {
  requireRole(actor, 'manager');
  await db.transaction(async (tx) => {
    const current = await lockPlaybook(tx, actor.workspaceId, playbookId);
    if (current.archived)
      throw new AppError('conflict', 'This playbook is archived; it can no longer be changed');
    const steps = body.steps ? await prepareSteps(tx, actor.workspaceId, body.steps) : undefined;
    // jsonb does not keep key order, so both sides are compared in one canonical shape.
    const stepsChanged =
      steps !== undefined &&
      JSON.stringify(steps.map(canonical)) !== JSON.stringify(current.steps.map(canonical));
    const nextVersion = stepsChanged ? current.current_version + 1 : current.current_version;
    if (stepsChanged) {
      await tx.execute(sql`
        insert into playbook_versions (workspace_id, playbook_id, version, steps, created_by_member_id)
        values (${actor.workspaceId}, ${playbookId}, ${nextVersion}, ${JSON.stringify(steps)}::jsonb, ${actor.memberId})`);
    }
    await tx.execute(sql`
      update playbooks set
        name = coalesce(${body.name ?? null}, name),
        description = ${body.description === undefined ? sql`description` : sql`${body.description}`},
        current_version = ${nextVersion},
        updated_at = now()
      where id = ${playbookId}`);
  });
  return getPlaybook(db, actor.workspaceId, playbookId);
}

export async function setPlaybookActive(db: Db, actor: Actor, playbookId: string, active: boolean) {
  requireRole(actor, 'manager');
  try {
    await db.transaction(async (tx) => {
      const current = await lockPlaybook(tx, actor.workspaceId, playbookId);
      if (current.archived)
        throw new AppError('conflict', 'This playbook is archived; it cannot be activated');
      if (active) {
        // The one active playbook of this trigger steps aside.
        await tx.execute(sql`
          update playbooks set active = false, updated_at = now()
          where workspace_id = ${actor.workspaceId} and trigger = ${current.trigger} and active and id <> ${playbookId}`);
      }
      await tx.execute(
        sql`update playbooks set active = ${active}, updated_at = now() where id = ${playbookId}`,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'conflict',
        'Another playbook for this trigger was activated at the same moment; try again',
      );
    }
    throw error;
  }
  return getPlaybook(db, actor.workspaceId, playbookId);
}

export async function archivePlaybook(db: Db, actor: Actor, playbookId: string) {
  requireRole(actor, 'manager');
  await db.transaction(async (tx) => {
    const current = await lockPlaybook(tx, actor.workspaceId, playbookId);
    if (current.archived) return;
    await tx.execute(sql`
      update playbooks set archived_at = now(), active = false, updated_at = now() where id = ${playbookId}`);
  });
  return getPlaybook(db, actor.workspaceId, playbookId);
}
