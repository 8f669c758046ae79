// Claiming an offer through a share link (POST /o/CODE/claim). In one transaction: the claim row;
// when the offer takes claims (active, within its dates, under its total and per-referrer
// capacity) the prospect contact (matched by email or created), a referral credited to the
// link's referrer, a task for the owner to reply within one business day, and the claim's link
// to the referral; otherwise the claim is kept as interest with the reason. The claimant's
// confirmation email is queued in the same transaction.
//
// Concurrent claims go through a group commit (one transaction per batch, answered after it
// commits). Each batch first locks the offers it touches (FOR UPDATE, in id order, so batches
// cannot deadlock on each other), then counts accepted claims, so capacity holds however many
// claims race for the last place.
//
// Glossary: owner = the member who replies: the offer's owner, else the member with the strongest
// relationship to the referrer, else the workspace's first owner (a task needs someone); interest
// = a claim kept without a referral; duplicate = the same email claiming the same offer again
// after an accepted claim: nothing new is stored and they see their confirmation again.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { createGroupCommit, type GroupCommit } from '../../db/group-commit.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { offerClaims, taskHistory, tasks } from '../../db/schema/index.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { matchOrCreateProspects, recordReferrals } from '../referrals/record-referral.ts';
import { addDays } from '../tasks/dates.ts';
import { claimConfirmationMail } from './claim-mail.ts';
import { dayIn, type Landing, loadLandings, type RefusalReason, refusalOf, weekdayIn } from './landing.ts';

export const CLAIM_NAME_MAX = 120;
export const CLAIM_COMPANY_MAX = 200;
export const CLAIM_MESSAGE_MAX = 5000;

/** A claim as validated at the edge (see offer-pages.ts). */
export type ClaimInput = {
  code: string;
  name: string;
  email: string;
  company: string | null;
  message: string | null;
  visitorHash: string | null;
};

export type ClaimResult =
  | { status: 'unknown' }
  | { status: 'revoked'; landing: Landing }
  | {
      status: 'accepted' | 'interest';
      claimId: string;
      refusalReason: RefusalReason | null;
      duplicate: boolean;
      landing: Landing;
    };

export type ClaimDeps = { db: Db; mailer: Mailer; publicUrl: string; now?: () => Date };

/** The next working day (Monday to Friday) after `day`. */
export function nextBusinessDay(day: string): string {
  let next = addDays(day, 1);
  for (;;) {
    const weekday = new Date(`${next}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return next;
    next = addDays(next, 1);
  }
}

type Owner = { memberId: string; timeZone: string; note: string };

/** The owner for each landing's (offer, referrer), in one statement for the whole batch. */
async function ownersFor(db: Db, landings: Landing[]): Promise<Map<string, Owner | null>> {
  const owners = new Map<string, Owner | null>();
  if (landings.length === 0) return owners;
  const rows = await queryRows<{ ord: number; id: string | null; tz: string | null; rank: number | null }>(
    db,
    sql`select p.ord::int as ord, m.id, m.tz, m.rank
        from unnest(${sql.param(landings.map((l) => l.workspaceId))}::uuid[],
                    ${sql.param(landings.map((l) => l.offer.ownerMemberId))}::uuid[],
                    ${sql.param(landings.map((l) => l.referrer?.bestMemberId ?? null))}::uuid[])
             with ordinality as p(workspace_id, offer_owner, best, ord)
        left join lateral (
          select m.id, coalesce(m.time_zone, w.time_zone) as tz,
                 case when m.id = p.offer_owner then 0 when m.id = p.best then 1 else 2 end as rank
          from members m join workspaces w on w.id = m.workspace_id
          where m.workspace_id = p.workspace_id and m.status = 'active'
            and (m.id = p.offer_owner or m.id = p.best or m.role = 'owner')
          order by rank, m.created_at
          limit 1
        ) m on true`,
  );
  for (const row of rows) {
    const landing = landings[Number(row.ord) - 1]!;
    const key = ownerKey(landing);
    if (!row.id) {
      owners.set(key, null);
      continue;
    }
    const rank = Number(row.rank);
    const note =
      rank === 0
        ? 'Owner of the offer'
        : rank === 1
          ? `Strongest relationship with ${landing.referrer?.name ?? 'the referrer'}`
          : 'Workspace owner: the offer has no owner and nobody knows the referrer';
    owners.set(key, { memberId: row.id, timeZone: row.tz!, note });
  }
  return owners;
}

const ownerKey = (landing: Landing) => `${landing.offer.id}:${landing.referrer?.contactId ?? ''}`;

type AcceptedClaim = {
  claimId: string;
  referralId: string;
  row: typeof offerClaims.$inferInsert;
  landing: Landing;
  item: ClaimInput;
  owner: Owner | null;
};

/**
 * Writes a batch of claims in one transaction and returns one result per item, in order. Every
 * write is a multi-row statement for the whole batch, whatever its size: the claims, the
 * prospects and referrals (through the shared commands' batch forms, once per workspace for the
 * prospects), the claims' referral ids, tasks, task history and mails. On PGlite the number of
 * statements is what costs (about 0.3-1 ms each), not the rows.
 */
async function writeClaims(deps: ClaimDeps, items: ClaimInput[]): Promise<ClaimResult[]> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const codes = [...new Set(items.map((i) => i.code))];
    const landings = await loadLandings(tx, codes, { lock: true });
    // Capacity counters for this batch, moved forward as claims are accepted.
    const totals = new Map<string, number>();
    const perReferrer = new Map<string, number>();
    for (const landing of landings.values()) {
      totals.set(landing.offer.id, landing.claimed.total);
      perReferrer.set(`${landing.offer.id}:${landing.referrer?.contactId}`, landing.claimed.byReferrer);
    }
    const offerIds = [...new Set([...landings.values()].map((l) => l.offer.id))];
    const earlier = new Map<string, string>();
    if (offerIds.length > 0) {
      const rows = await queryRows<{ offer_id: string; email: string; id: string }>(
        tx,
        sql`select offer_id, email, id from offer_claims
            where offer_id = any(${sql.param(offerIds)}::uuid[]) and outcome = 'accepted'
              and email = any(${sql.param(items.map((i) => i.email))}::text[])`,
      );
      for (const row of rows) earlier.set(`${row.offer_id}:${row.email}`, row.id);
    }
    const owners = await ownersFor(
      tx,
      [...landings.values()].filter((l) => !l.revoked),
    );
    const claimRows: (typeof offerClaims.$inferInsert)[] = [];
    const accepted: AcceptedClaim[] = [];
    const mails: MailMessage[] = [];
    const results: ClaimResult[] = [];

    for (const item of items) {
      const landing = landings.get(item.code);
      if (!landing) {
        results.push({ status: 'unknown' });
        continue;
      }
      if (landing.revoked) {
        results.push({ status: 'revoked', landing });
        continue;
      }
      const offer = landing.offer;
      const referrerId = landing.referrer?.contactId ?? null;
      const dupKey = `${offer.id}:${item.email}`;
      const previous = earlier.get(dupKey);
      if (previous) {
        results.push({
          status: 'accepted',
          claimId: previous,
          refusalReason: null,
          duplicate: true,
          landing,
        });
        continue;
      }
      const counterKey = `${offer.id}:${referrerId ?? undefined}`;
      const refusal = refusalOf(
        {
          ...landing,
          claimed: { total: totals.get(offer.id) ?? 0, byReferrer: perReferrer.get(counterKey) ?? 0 },
        },
        now,
      );
      const claimId = randomUUID();
      const row: typeof offerClaims.$inferInsert = {
        id: claimId,
        workspaceId: landing.workspaceId,
        offerId: offer.id,
        linkId: landing.linkId,
        referrerContactId: referrerId,
        name: item.name,
        email: item.email,
        company: item.company,
        message: item.message,
        consentAt: now,
        visitorHash: item.visitorHash,
        prospectContactId: null,
        referralId: null,
        outcome: refusal ? 'interest' : 'accepted',
        refusalReason: refusal,
        createdAt: now,
      };
      claimRows.push(row);
      if (!refusal) {
        totals.set(offer.id, (totals.get(offer.id) ?? 0) + 1);
        perReferrer.set(counterKey, (perReferrer.get(counterKey) ?? 0) + 1);
        earlier.set(dupKey, claimId);
        // offer_claims.referral_id has no foreign key: the claim row carries its referral's id
        // from the start, and the referral (whose claim_id does reference the claim) follows.
        row.referralId = randomUUID();
        accepted.push({
          claimId,
          referralId: row.referralId,
          row,
          landing,
          item,
          owner: owners.get(ownerKey(landing)) ?? null,
        });
      }
      const mail = claimConfirmationMail({
        landing,
        name: item.name,
        accepted: !refusal,
        landingUrl: `${deps.publicUrl.replace(/\/$/, '')}/o/${landing.code}`,
      });
      mails.push({ workspaceId: landing.workspaceId, to: item.email, ...mail });
      results.push({ status: row.outcome, claimId, refusalReason: refusal, duplicate: false, landing });
    }

    const prospects = await prospectsFor(tx, accepted);
    accepted.forEach((claim, k) => {
      claim.row.prospectContactId = prospects[k]!.contactId;
    });
    await insertRows(tx, offerClaims, claimRows);
    const referralIds = await recordReferrals(
      tx,
      accepted.map((claim, k) => ({
        id: claim.referralId,
        workspaceId: claim.landing.workspaceId,
        kind: 'recommendation',
        source: 'offer',
        referrerContactId: claim.landing.referrer?.contactId ?? null,
        prospectContactId: prospects[k]!.contactId,
        accountId: prospects[k]!.accountId,
        ownerMemberId: claim.owner?.memberId ?? null,
        currency: claim.landing.currency,
        offerId: claim.landing.offer.id,
        linkId: claim.landing.linkId,
        claimId: claim.claimId,
        note: claim.item.message,
        referredAt: now,
      })),
    );
    if (accepted.length > 0) {
      const taskRows: (typeof tasks.$inferInsert)[] = [];
      const historyRows: (typeof taskHistory.$inferInsert)[] = [];
      accepted.forEach((claim, k) => {
        if (!claim.owner) return;
        const { landing, item } = claim;
        const via = landing.referrer ? ` through ${landing.referrer.name}'s link` : '';
        const taskId = randomUUID();
        taskRows.push({
          id: taskId,
          workspaceId: landing.workspaceId,
          contactId: prospects[k]!.contactId,
          accountId: prospects[k]!.accountId,
          assigneeMemberId: claim.owner.memberId,
          referralId: referralIds[k]!,
          action: 'email',
          channel: 'email',
          title: `Reply to ${item.name} about ${landing.offer.title}`,
          reason: item.message
            ? `${item.name} claimed "${landing.offer.title}"${via} and wrote: ${item.message}`
            : `${item.name} claimed "${landing.offer.title}"${via}.`,
          assignmentNote: claim.owner.note,
          dueOn: replyDueOn(claim.owner.timeZone, now),
        });
        // The same 'created' entry recordTaskHistory writes, for the whole batch at once.
        historyRows.push({
          workspaceId: landing.workspaceId,
          taskId,
          kind: 'created',
          toMemberId: claim.owner.memberId,
          data: { claimId: claim.claimId, referralId: referralIds[k]! },
        });
      });
      if (taskRows.length > 0) {
        await insertRows(tx, tasks, taskRows);
        await insertRows(tx, taskHistory, historyRows);
      }
    }
    await deps.mailer.queueMany(tx, mails);
    return results;
  });
}

/** The accepted claims' prospects, matched or created, in order: one batch per workspace. */
async function prospectsFor(db: Db, accepted: AcceptedClaim[]) {
  const prospects: { contactId: string; accountId: string | null }[] = new Array(accepted.length);
  const byWorkspace = new Map<string, number[]>();
  accepted.forEach((claim, k) => {
    const list = byWorkspace.get(claim.landing.workspaceId) ?? [];
    list.push(k);
    byWorkspace.set(claim.landing.workspaceId, list);
  });
  for (const [workspaceId, indexes] of byWorkspace) {
    const found = await matchOrCreateProspects(
      db,
      workspaceId,
      indexes.map((k) => {
        const { item } = accepted[k]!;
        return { name: item.name, email: item.email, company: item.company };
      }),
    );
    indexes.forEach((k, n) => {
      prospects[k] = found[n]!;
    });
  }
  return prospects;
}

/**
 * Within one business day in the owner's time zone: the working day after today. A claim made on
 * a Saturday or Sunday counts as made on Friday, so it is due on Monday, not Tuesday.
 */
export function replyDueOn(timeZone: string, now: Date): string {
  const today = dayIn(timeZone, now);
  const weekday = weekdayIn(timeZone, now);
  const from = weekday === 6 ? addDays(today, -1) : weekday === 7 ? addDays(today, -2) : today;
  return nextBusinessDay(from);
}

export type ClaimCommitter = GroupCommit<ClaimInput, ClaimResult>;

export function createClaimCommitter(
  deps: ClaimDeps & { concurrency?: number; maxBatch?: number },
): ClaimCommitter {
  return createGroupCommit<ClaimInput, ClaimResult>({
    concurrency: deps.concurrency ?? 1,
    maxBatch: deps.maxBatch ?? 200,
    writeBatch: (items) => writeClaims(deps, items),
  });
}

/** One claim in its own transaction (tests, scripts). */
export async function claimOffer(deps: ClaimDeps, input: ClaimInput): Promise<ClaimResult> {
  const [result] = await writeClaims(deps, [input]);
  return result!;
}
