// Who a survey goes to, in SQL. An audience names candidates (all active clients, some companies,
// a tag, a filter, or people picked by hand); the rules then drop everyone who must not get a
// survey: archived or erased people, the unsubscribed, those who may not be surveyed, those without
// an email, and anyone surveyed (by any survey) within the workspace's minimum gap. Resolving and
// creating the sends is one INSERT ... SELECT, so an audience of 100,000 costs one statement.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Audience, AudiencePreview, ExclusionReason } from './schemas.ts';

/** Links in a survey mail stop working this long after it was mailed. */
export const SEND_VALID_DAYS = 45;

export type WorkspaceSurveySettings = {
  name: string;
  surveyMinGapDays: number;
  surveyMailsPerMinute: number;
};

export async function workspaceSurveySettings(db: Db, workspaceId: string): Promise<WorkspaceSurveySettings> {
  const [row] = await queryRows<WorkspaceSurveySettings>(
    db,
    sql`select name, survey_min_gap_days as "surveyMinGapDays", survey_mails_per_minute as "surveyMailsPerMinute"
        from workspaces where id = ${workspaceId}`,
  );
  if (!row) throw notFound('Workspace');
  return row;
}

/** The audience's condition on contacts `c` left-joined to their account `a`. */
function audienceCondition(audience: Audience): SQL {
  switch (audience.kind) {
    case 'active_clients':
      return sql`c.kind = 'client' and (c.account_id is null or (a.status = 'active' and a.archived_at is null))`;
    case 'accounts':
      return sql`c.account_id = any(${sql.param(audience.accountIds)}::uuid[])`;
    case 'tag':
      return sql`(c.tags @> array[${audience.tag}]::text[] or coalesce(a.tags @> array[${audience.tag}]::text[], false))`;
    case 'filter': {
      const f = audience.filter;
      const parts: SQL[] = [sql`true`];
      if (f.kind) parts.push(sql`c.kind = ${f.kind}`);
      if (f.tag)
        parts.push(
          sql`(c.tags @> array[${f.tag}]::text[] or coalesce(a.tags @> array[${f.tag}]::text[], false))`,
        );
      if (f.accountStatus) parts.push(sql`a.status = ${f.accountStatus}`);
      if (f.ownerId) parts.push(sql`a.owner_member_id = ${f.ownerId}`);
      if (f.minStrength !== undefined) parts.push(sql`c.best_strength >= ${f.minStrength}`);
      return sql.join(parts, sql` and `);
    }
    case 'contacts':
      return sql`c.id = any(${sql.param(audience.contactIds)}::uuid[])`;
  }
}

/** The candidates: live (not merged) contacts of the workspace that the audience names. */
function candidatesFrom(workspaceId: string, audience: Audience): SQL {
  return sql`from contacts c
    left join accounts a on a.id = c.account_id and a.workspace_id = ${workspaceId}
    where c.workspace_id = ${workspaceId} and c.merged_into_id is null and (${audienceCondition(audience)})`;
}

function recentlySurveyed(workspaceId: string, minGapDays: number): SQL {
  return sql`exists (select 1 from survey_sends s
    where s.workspace_id = ${workspaceId} and s.contact_id = c.id
      and s.sent_at > now() - make_interval(days => ${minGapDays}::int))`;
}

/** Why a candidate `c` is left out, or null when they may be surveyed now. First reason wins. */
function exclusionReason(workspaceId: string, minGapDays: number): SQL {
  return sql`case
    when c.archived_at is not null or c.erased_at is not null then 'archived'
    when c.unsubscribed_at is not null then 'unsubscribed'
    when not c.may_survey then 'may_not_survey'
    when c.email is null or c.email = '' then 'no_email'
    when ${recentlySurveyed(workspaceId, minGapDays)} then 'recently_surveyed'
  end`;
}

/** Contacts `c` who may get a survey mail now (everything but the minimum gap). */
export const mayBeMailed = sql`c.archived_at is null and c.erased_at is null and c.merged_into_id is null
  and c.unsubscribed_at is null and c.may_survey and c.email is not null and c.email <> ''`;

/**
 * Refuses an audience that names companies, people or a member that are not this workspace's,
 * so that an id from elsewhere is a clear 400 rather than a silently smaller audience.
 */
export async function checkAudienceReferences(db: Db, workspaceId: string, audience: Audience, path: string) {
  const check = async (
    table: 'accounts' | 'contacts' | 'members',
    ids: string[],
    field: string,
    what: string,
  ) => {
    const unique = [...new Set(ids)];
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)}
          where workspace_id = ${workspaceId} and id = any(${sql.param(unique)}::uuid[])`,
    );
    if (Number(row?.n ?? 0) !== unique.length) {
      throw new AppError('validation_failed', `${path}.${field}: ${what}`, [
        { path: `${path}.${field}`, message: what },
      ]);
    }
  };
  if (audience.kind === 'accounts')
    await check(
      'accounts',
      audience.accountIds,
      'accountIds',
      'Not all of these companies are in this workspace',
    );
  if (audience.kind === 'contacts')
    await check(
      'contacts',
      audience.contactIds,
      'contactIds',
      'Not all of these people are in this workspace',
    );
  if (audience.kind === 'filter' && audience.filter.ownerId)
    await check('members', [audience.filter.ownerId], 'filter.ownerId', 'Not a member of this workspace');
}

export async function previewAudience(
  db: Db,
  workspaceId: string,
  audience: Audience,
): Promise<AudiencePreview> {
  await checkAudienceReferences(db, workspaceId, audience, 'body.audience');
  const { surveyMinGapDays } = await workspaceSurveySettings(db, workspaceId);
  const reason = exclusionReason(workspaceId, surveyMinGapDays);
  const counts = await queryRows<{ reason: ExclusionReason | null; n: number }>(
    db,
    sql`select reason, count(*)::int as n from (select ${reason} as reason ${candidatesFrom(workspaceId, audience)}) t
        group by reason`,
  );
  const sample = await queryRows<{ id: string; name: string; accountName: string | null }>(
    db,
    sql`select c.id, c.name, a.name as "accountName" ${candidatesFrom(workspaceId, audience)}
          and (${reason}) is null
        order by lower(c.name), c.id limit 10`,
  );
  const excluded = {
    total: 0,
    archived: 0,
    unsubscribed: 0,
    may_not_survey: 0,
    no_email: 0,
    recently_surveyed: 0,
  };
  let count = 0;
  for (const row of counts) {
    const n = Number(row.n);
    if (row.reason === null) count = n;
    else {
      excluded[row.reason] = n;
      excluded.total += n;
    }
  }
  return { count, sample, excluded, minGapDays: surveyMinGapDays };
}

/**
 * Creates a queued send for everyone in the audience who may be surveyed now, in one statement.
 * For a recurring round `repeatEveryDays` also skips those this survey reached more recently.
 * Returns how many sends were created.
 */
export async function createSends(
  db: Db,
  input: {
    workspaceId: string;
    surveyId: string;
    audience: Audience;
    minGapDays: number;
    repeatEveryDays?: number | null;
  },
): Promise<number> {
  const { workspaceId, surveyId } = input;
  const repeat = input.repeatEveryDays
    ? sql`and not exists (select 1 from survey_sends r where r.workspace_id = ${workspaceId}
        and r.survey_id = ${surveyId} and r.contact_id = c.id
        and r.sent_at > now() - make_interval(days => ${input.repeatEveryDays}::int))`
    : sql``;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with created as (insert into survey_sends (workspace_id, survey_id, contact_id, expires_at)
        select ${workspaceId}, ${surveyId}, c.id, now() + make_interval(days => ${SEND_VALID_DAYS}::int)
        ${candidatesFrom(workspaceId, input.audience)}
          and ${mayBeMailed}
          and not ${recentlySurveyed(workspaceId, input.minGapDays)}
          ${repeat}
        returning 1)
        select count(*)::int as n from created`,
  );
  return Number(row?.n ?? 0);
}
