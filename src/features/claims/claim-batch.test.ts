// A batch of claims (the group commit's path) must store exactly what the same claims store when
// made one at a time: prospects matched or created, companies matched or created, referrals with
// history and timeline events, reply tasks, mails, duplicates and capacity.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { contacts } from '../../db/schema/index.ts';
import { createMailer } from '../../mail/mailer.ts';
import { createTestApp, newWorkspace, type TestContext } from '../../test/app.ts';
import { findOrCreateAccountByName } from '../accounts/queries.ts';
import { type ClaimInput, claimOffer, createClaimCommitter } from './claim-offer.ts';
import { seedOfferWithLink } from './test-fixtures.ts';

const now = () => new Date('2026-11-25T10:00:00Z');

/** Two offers (one with 4 places), a known contact and a known company, in a new workspace. */
async function seedWorkspace(t: TestContext, firm: string) {
  const ws = await newWorkspace(t, firm);
  const open = await seedOfferWithLink(t.db, ws.workspaceId, {
    offer: { ownerMemberId: ws.memberId },
    referrer: { name: 'Ana Silva', company: 'Northwind', bestMemberId: ws.memberId },
  });
  const limited = await seedOfferWithLink(t.db, ws.workspaceId, {
    offer: { title: 'Four places', capacityTotal: 4 },
    referrer: { name: 'Bo "Quote" O\'Neil', company: null },
  });
  const account = await findOrCreateAccountByName(t.db, ws.workspaceId, 'Known Co');
  await t.db.insert(contacts).values({
    workspaceId: ws.workspaceId,
    name: 'Known Person',
    email: 'known@work.test',
    otherEmails: ['known.alias@home.test'],
    kind: 'client',
    accountId: account,
  });
  return { ws, codes: [open.link.code, limited.link.code] };
}

function claims(codes: string[]): ClaimInput[] {
  const [open, limited] = codes as [string, string];
  const claim = (code: string, n: string, email: string, company: string | null, message: string | null) => ({
    code,
    name: n,
    email,
    company,
    message,
    visitorHash: null,
  });
  return [
    claim(open, 'New One', 'new.one@prospect.test', 'Fresh Co', 'Call me, {please}, "soon"\\n'),
    claim(open, 'Alias Match', 'known.alias@home.test', 'Ignored Co', null),
    claim(open, 'Primary Match', 'known@work.test', null, null),
    claim(open, 'Known Co Person', 'kc@known.test', 'known co', null),
    claim(open, 'Same Company', 'fresh2@prospect.test', 'FRESH CO', null),
    claim(open, 'New One Again', 'new.one@prospect.test', 'Fresh Co', 'again'),
    claim(limited, 'New One', 'new.one@prospect.test', 'Fresh Co', null),
    claim(limited, 'L2', 'l2@prospect.test', null, null),
    claim(limited, 'L3', 'l3@prospect.test', 'Ünïcode GmbH', null),
    claim(limited, 'L4', 'l4@prospect.test', 'ünïcode gmbh', null),
    claim(limited, 'L5', 'l5@prospect.test', null, null),
    claim('nosuchcode0000000', 'Nobody', 'nobody@prospect.test', null, null),
  ];
}

// The fixtures give each referrer a random address suffix.
const sameEmail = sql.raw(`regexp_replace(c.email, '[.][a-z0-9]{6}@client[.]test$', '@client.test')`);

/** Everything a claim writes, without ids or times, sorted. */
async function snapshot(t: TestContext, workspaceId: string) {
  const q = async (query: ReturnType<typeof sql>) =>
    (await queryRows<Record<string, unknown>>(t.db, query)).map((r) => JSON.stringify(r)).sort();
  return {
    claims: await q(sql`
      select c.name, c.email, c.company, c.message, c.outcome, c.refusal_reason, p.email as prospect,
             r.prospect_name as referral_prospect, r.claim_id = c.id as referral_points_back
      from offer_claims c left join contacts p on p.id = c.prospect_contact_id
      left join referrals r on r.id = c.referral_id
      where c.workspace_id = ${workspaceId}`),
    contacts: await q(sql`
      select c.name, ${sameEmail} as email, c.kind, a.name as account, a.status as account_status
      from contacts c left join accounts a on a.id = c.account_id where c.workspace_id = ${workspaceId}`),
    accounts: await q(sql`select name, status from accounts where workspace_id = ${workspaceId}`),
    referrals: await q(sql`
      select r.kind, r.source, r.status, r.prospect_name, r.currency, r.note, rc.name as referrer,
             p.email as prospect, a.name as account, m.name as owner, o.title as offer,
             r.referred_at = r.status_changed_at as same_times
      from referrals r left join contacts rc on rc.id = r.referrer_contact_id
      left join contacts p on p.id = r.prospect_contact_id left join accounts a on a.id = r.account_id
      left join members m on m.id = r.owner_member_id left join offers o on o.id = r.offer_id
      where r.workspace_id = ${workspaceId}`),
    history: await q(sql`
      select h.kind, h.to_status, h.data, p.email as prospect from referral_history h
      join referrals r on r.id = h.referral_id left join contacts p on p.id = r.prospect_contact_id
      where h.workspace_id = ${workspaceId}`),
    timeline: await q(sql`
      select e.kind, e.title, e.body, ${sameEmail} as contact, a.name as account,
             e.data - 'referralId' as data, (e.data->>'referralId')::uuid is not distinct from e.ref_id as ref_ok
      from timeline_events e left join contacts c on c.id = e.contact_id
      left join accounts a on a.id = e.account_id where e.workspace_id = ${workspaceId}`),
    tasks: await q(sql`
      select t.title, t.reason, t.action, t.channel, t.due_on::text, t.assignment_note, c.email as contact,
             a.name as account, m.name as assignee, r.claim_id is not null as has_referral,
             h.kind as history, h.data ? 'claimId' as history_claim
      from tasks t left join contacts c on c.id = t.contact_id left join accounts a on a.id = t.account_id
      left join members m on m.id = t.assignee_member_id left join referrals r on r.id = t.referral_id
      left join task_history h on h.task_id = t.id
      where t.workspace_id = ${workspaceId}`),
    mails: await q(sql`
      select to_address, subject, text_body from outbox_messages where workspace_id = ${workspaceId}`),
  };
}

describe('claims in a batch', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('a batch writes the same rows as the same claims made one by one', async () => {
    const mailer = createMailer({ smtpUrl: undefined, jobs: undefined });
    const deps = { db: t.db, mailer, publicUrl: 'http://warmpath.test', now };

    const single = await seedWorkspace(t, 'One By One');
    const singleResults = [];
    for (const input of claims(single.codes)) singleResults.push(await claimOffer(deps, input));

    const batched = await seedWorkspace(t, 'One By One');
    const committer = createClaimCommitter({ ...deps, maxBatch: 500 });
    const batchResults = await Promise.all(claims(batched.codes).map((input) => committer.submit(input)));

    const outcome = (r: (typeof batchResults)[number]) =>
      r.status === 'unknown' || r.status === 'revoked'
        ? r.status
        : `${r.status}:${r.refusalReason}:${r.duplicate}`;
    assert.deepEqual(batchResults.map(outcome), singleResults.map(outcome));
    assert.deepEqual(batchResults.map(outcome), [
      'accepted:null:false',
      'accepted:null:false',
      'accepted:null:false',
      'accepted:null:false',
      'accepted:null:false',
      'accepted:null:true',
      'accepted:null:false',
      'accepted:null:false',
      'accepted:null:false',
      'accepted:null:false',
      'interest:capacity:false',
      'unknown',
    ]);

    const a = await snapshot(t, single.ws.workspaceId);
    const b = await snapshot(t, batched.ws.workspaceId);
    for (const key of Object.keys(a) as (keyof typeof a)[]) assert.deepEqual(b[key], a[key], key);
    // The alias and the primary address matched the known contact; one Fresh Co, one Ünïcode.
    assert.equal(a.contacts.length, 2 + 1 + 6);
    assert.equal(a.referrals.length, 9);
    assert.equal(a.timeline.filter((e) => e.includes('referral.')).length, 9 * 2);
    // "FRESH CO" matched the "Fresh Co" just created; the alias match created no "Ignored Co".
    const accountNames = a.accounts.map((r) => JSON.parse(r).name as string);
    assert.equal(accountNames.filter((n) => n.toLowerCase() === 'fresh co').length, 1);
    assert.ok(!accountNames.includes('Ignored Co'));
  });
});
