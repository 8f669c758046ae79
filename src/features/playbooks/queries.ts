// Reads: the playbooks of a workspace, one playbook with its steps and version history, one old
// version's steps.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { PlaybookStep, PlaybookTrigger } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { ensureDefaultPlaybooks } from './default-playbooks.ts';
import { mergeFields } from './merge-fields.ts';
import type { PlaybookDetail, PlaybookList, PlaybookListItem, PlaybookVersionDetail } from './schemas.ts';

type PlaybookRow = {
  id: string;
  name: string;
  description: string | null;
  trigger: PlaybookTrigger;
  active: boolean;
  archived: boolean;
  current_version: number;
  steps: PlaybookStep[];
  enrolments: number;
  updated_at: Date | string;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function toListItem(row: PlaybookRow): PlaybookListItem {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    trigger: row.trigger,
    active: row.active,
    archived: row.archived,
    currentVersion: row.current_version,
    stepCount: row.steps.length,
    enrolments: Number(row.enrolments),
    updatedAt: iso(row.updated_at),
  };
}

const playbookColumns = sql`
  p.id, p.name, p.description, p.trigger, p.active, p.archived_at is not null as archived,
  p.current_version, v.steps, p.updated_at,
  (select count(*) from playbook_enrolments e where e.playbook_id = p.id)::int as enrolments`;

export async function listPlaybooks(db: Db, workspaceId: string): Promise<PlaybookList> {
  // Workspaces created before playbooks existed get the defaults the first time they look.
  await ensureDefaultPlaybooks(db, workspaceId);
  const rows = await queryRows<PlaybookRow>(
    db,
    sql`
      select ${playbookColumns}
      from playbooks p
      join playbook_versions v on v.playbook_id = p.id and v.version = p.current_version
      where p.workspace_id = ${workspaceId}
      order by p.trigger, p.archived_at is not null, p.active desc, lower(p.name), p.id`,
  );
  return {
    playbooks: rows.map(toListItem),
    mergeFields: mergeFields.map((f) => ({ key: f.key, label: f.label, fallback: f.fallback })),
  };
}

export async function getPlaybook(db: Db, workspaceId: string, playbookId: string): Promise<PlaybookDetail> {
  const [row] = await queryRows<PlaybookRow>(
    db,
    sql`
      select ${playbookColumns}
      from playbooks p
      join playbook_versions v on v.playbook_id = p.id and v.version = p.current_version
      where p.workspace_id = ${workspaceId} and p.id = ${playbookId}`,
  );
  if (!row) throw notFound('Playbook');
  const versions = await queryRows<{
    version: number;
    created_at: Date | string;
    created_by: string | null;
    step_count: number;
    tasks: number;
  }>(
    db,
    sql`
      select v.version, v.created_at, m.name as created_by, jsonb_array_length(v.steps) as step_count,
        (select count(*) from tasks t join playbook_enrolments e on e.id = t.enrolment_id
          where e.version_id = v.id)::int as tasks
      from playbook_versions v
      left join members m on m.id = v.created_by_member_id
      where v.workspace_id = ${workspaceId} and v.playbook_id = ${playbookId}
      order by v.version desc`,
  );
  return {
    ...toListItem(row),
    steps: row.steps,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: iso(v.created_at),
      createdBy: v.created_by,
      stepCount: Number(v.step_count),
      tasks: Number(v.tasks),
    })),
  };
}

export async function getPlaybookVersion(
  db: Db,
  workspaceId: string,
  playbookId: string,
  version: number,
): Promise<PlaybookVersionDetail> {
  const [row] = await queryRows<{
    version: number;
    created_at: Date | string;
    created_by: string | null;
    steps: PlaybookStep[];
  }>(
    db,
    sql`
      select v.version, v.created_at, m.name as created_by, v.steps
      from playbook_versions v
      left join members m on m.id = v.created_by_member_id
      where v.workspace_id = ${workspaceId} and v.playbook_id = ${playbookId} and v.version = ${version}`,
  );
  if (!row) throw notFound('Playbook version');
  return {
    version: row.version,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    steps: row.steps,
  };
}
