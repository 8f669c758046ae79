// The editor's live preview: a script rendered for a real contact of the workspace (by default the
// latest to answer a survey), as the signed-in member would see it on their task.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { hasOutcome, recentWorkText } from './create-step-tasks.ts';
import {
  firstName,
  type MergeValues,
  mergeFields,
  renderScript,
  unknownMergeFields,
} from './merge-fields.ts';
import type { Preview, PreviewBody } from './schemas.ts';

export async function previewScript(db: Db, actor: Actor, body: PreviewBody): Promise<Preview> {
  const live = sql`c.workspace_id = ${actor.workspaceId} and c.erased_at is null and c.merged_into_id is null`;
  const contactId = body.contactId
    ? body.contactId
    : ((
        await queryRows<{ id: string }>(
          db,
          sql`
            (select c.id from survey_answers a join contacts c on c.id = a.contact_id
             where a.workspace_id = ${actor.workspaceId} and ${live}
             order by a.answered_at desc limit 1)
            union all
            (select c.id from contacts c where ${live}
             order by c.last_contacted_at desc nulls last, c.created_at desc limit 1)
            limit 1`,
        )
      )[0]?.id ?? null);
  const [row] = await queryRows<{
    workspace_name: string;
    member_name: string;
    contact_id: string | null;
    contact_name: string | null;
    account_name: string | null;
    score: number | null;
    comment: string | null;
    recent_work: string | null;
  }>(
    db,
    sql`
      select w.name as workspace_name, me.name as member_name, c.id as contact_id, c.name as contact_name,
        acc.name as account_name, a.score, a.comment,
        (select ${recentWorkText} from interactions i
          where i.workspace_id = c.workspace_id and i.contact_id = c.id and ${hasOutcome}
          order by i.occurred_at desc, i.id limit 1) as recent_work
      from workspaces w
      join members me on me.id = ${actor.memberId} and me.workspace_id = w.id
      left join contacts c on c.id = ${contactId} and c.workspace_id = w.id
      left join accounts acc on acc.id = c.account_id
      left join lateral (
        select score, comment from survey_answers
        where workspace_id = w.id and contact_id = c.id order by answered_at desc limit 1
      ) a on true
      where w.id = ${actor.workspaceId}`,
  );
  if (!row) throw notFound('Workspace');
  if (body.contactId && !row.contact_id) throw notFound('Contact');
  const values: MergeValues = {
    'contact.firstName': firstName(row.contact_name),
    'contact.name': row.contact_name,
    'account.name': row.account_name,
    'answer.score': row.score,
    'answer.comment': row.comment,
    'member.firstName': firstName(row.member_name),
    'member.name': row.member_name,
    'recent.work': row.recent_work,
    'workspace.name': row.workspace_name,
  };
  return {
    text: renderScript(body.script, values),
    unknownFields: unknownMergeFields(body.script),
    contact: row.contact_id && row.contact_name ? { id: row.contact_id, name: row.contact_name } : null,
    values: Object.fromEntries(
      mergeFields.map((f) => {
        const v = values[f.key];
        return [f.key, v === null || v === undefined || String(v).trim() === '' ? null : String(v)];
      }),
    ),
  };
}
