// Share-link clicks: GET /r/CODE looks the link up and stores the click in the same statement,
// for a whole batch of concurrent requests at once (a group commit), and answers only after that
// statement has committed. Acknowledged therefore means stored, even if the process is killed a
// moment later; and there is no in-process cache of links, so a revoked link stops working at
// once in every process, and a valid code and an unknown one take the same path and time (both
// wait for the same batch; the unknown one simply matches no row).
//
// Glossary: live = the link works (its offer may be paused or out of dates: the landing page says
// so and keeps claims as interest); revoked = the link was withdrawn; ended = its offer is
// archived; unknown = no such code (malformed codes are looked up too, as the empty code).
//
// Clicks are stored for every existing link, revoked and archived ones included: the click
// happened, and a revoked link still circulating is worth seeing in the stats.
import type { Database } from '../../db/client.ts';
import { createGroupCommit, type GroupCommit } from '../../db/group-commit.ts';

export type ClickInput = {
  /** The normalised code, or '' for a malformed one. */
  code: string;
  visitorHash: string;
  referer: string | null;
  isBot: boolean;
};

export type ClickOutcome = 'live' | 'revoked' | 'ended' | 'unknown';

type LinkRow = { code: string; revoked: boolean; offer_status: string };

/** Raw SQL with parameters on either driver (Database.query): no query builder on this path. */
export type RawQuery = Database['query'];

const RECORD_CLICKS = `
  with links as (
    select l.code, l.id, l.workspace_id, l.revoked_at is not null as revoked, o.status as offer_status
    from share_links l join offers o on o.id = l.offer_id
    where l.code = any($1::text[]) and o.workspace_id = l.workspace_id
  ),
  stored as (
    insert into link_clicks (workspace_id, link_id, clicked_at, visitor_hash, referer, is_bot)
    select k.workspace_id, k.id, now(), i.visitor_hash, i.referer, i.is_bot
    from unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) as i(code, visitor_hash, referer, is_bot)
    join links k on k.code = i.code
  )
  select code, revoked, offer_status from links`;

/**
 * Looks up and records the clicks in one statement; one outcome per input, in order. The links
 * are looked up once per distinct code (a batch is mostly one hot link), and only the distinct
 * links found come back, not a row per click. clicked_at is the statement's time, a few
 * milliseconds after the request arrived. Raw SQL rather than the query builder: on PGlite the
 * builder's per-query type parsers cost more than the lookup.
 */
export async function recordClicks(query: RawQuery, inputs: ClickInput[]): Promise<ClickOutcome[]> {
  if (inputs.length === 0) return [];
  const n = inputs.length;
  const codes = new Array<string>(n);
  const hashes = new Array<string>(n);
  const referers = new Array<string | null>(n);
  const bots = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const input = inputs[i]!;
    codes[i] = input.code;
    hashes[i] = input.visitorHash;
    referers[i] = input.referer;
    bots[i] = input.isBot;
  }
  const { rows } = await query<LinkRow>(RECORD_CLICKS, [codes, hashes, referers, bots]);
  const byCode = new Map<string, ClickOutcome>();
  for (const link of rows) {
    byCode.set(link.code, link.revoked ? 'revoked' : link.offer_status === 'archived' ? 'ended' : 'live');
  }
  const outcomes = new Array<ClickOutcome>(n);
  for (let i = 0; i < n; i++) outcomes[i] = byCode.get(codes[i]!) ?? 'unknown';
  return outcomes;
}

export type ClickRecorder = GroupCommit<ClickInput, ClickOutcome>;

/**
 * The group commit behind GET /r/CODE. One statement per batch is its own transaction, so a batch
 * costs one round trip. Keep concurrency 1 on PGlite (one query at a time anyway); on PostgreSQL a
 * few batches may overlap.
 */
export function createClickRecorder(options: {
  query: RawQuery;
  concurrency?: number;
  maxBatch?: number;
}): ClickRecorder {
  return createGroupCommit<ClickInput, ClickOutcome>({
    concurrency: options.concurrency ?? 1,
    maxBatch: options.maxBatch ?? 1000,
    writeBatch: (items) => recordClicks(options.query, items),
  });
}
