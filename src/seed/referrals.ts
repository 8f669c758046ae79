// Demo referrals for `warmpath seed --demo`: offers with personal links in circulation, clicks and
// claims on them (one offer full, so some claims are kept as interest), referrals from every source
// moved along the pipeline (won with revenue, lost with a reason, thank-you tasks on the way),
// partners in both directions, testimonials and a referrer page. Like the follow-up seed it runs
// the real commands, then moves timestamps back to when things "happened".
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { driverQuery, queryRows } from '../db/client.ts';
import { contacts, referrals } from '../db/schema/index.ts';
import type { ReferralStatus } from '../db/schema/referrals.ts';
import { suggestColleague } from '../features/answers/public-queries.ts';
import { logAsk } from '../features/asks/log-ask.ts';
import type { Actor } from '../features/auth/actor.ts';
import { claimOffer } from '../features/claims/claim-offer.ts';
import { type ClickInput, recordClicks } from '../features/claims/record-click.ts';
import { issueShareLinks } from '../features/offers/issue-links.ts';
import { createOffer, setOfferStatus } from '../features/offers/write-offer.ts';
import { logPartnerReferral } from '../features/partners/partners.ts';
import { createReferral, moveReferral } from '../features/referrals/write-referral.ts';
import { createReferrerPage } from '../features/referrer-pages/manage-referrer-page.ts';
import { deriveLinkSecret } from '../features/surveys/links.ts';
import { completeTask } from '../features/tasks/complete-task.ts';
import { createTestimonial } from '../features/testimonials/testimonials.ts';
import { createMailer } from '../mail/mailer.ts';
import type { FollowUpSeedContext } from './followup.ts';
import { between, pick, type Rng } from './generate.ts';

const DAY = 24 * 60 * 60 * 1000;
const PUBLIC_URL = 'http://localhost:3000';

const claimants = [
  ['Clara Jensen', 'Fjord Analytics'],
  ['Mateo Ruiz', 'Ruiz & Hijos Logistics'],
  ['Aiko Tanaka', 'Kite Robotics'],
  ['Samuel Osei', 'Osei Family Office'],
  ['Greta Lind', 'Lindholm Dental Group'],
  ['Yusuf Demir', 'Anatolia Foods'],
  ['Beatriz Costa', 'Costa Arquitetura'],
  ['Liam Walsh', 'Walsh Brewing Co.'],
  ['Sofia Marin', 'Marin Veterinary'],
  ['Hugo Laurent', 'Laurent Conseil'],
  ['Emma Novak', 'Novak Print Works'],
  ['Daniel Brooks', 'Brooks Outdoor'],
] as const;

const manualProspects = [
  ['Irene Vogel', 'Vogel Medical Devices'],
  ['Paulo Reis', 'Reis Construções'],
  ['Chloe Bennett', 'Bennett & Park Law'],
  ['Arjun Mehta', 'Mehta Textiles'],
  ['Lucia Ferraro', 'Ferraro Wines'],
  ['Noah Fischer', 'Fischer Solar'],
  ['Maria Oliveira', 'Oliveira Clinics'],
  ['Jakub Kowalski', 'Kowalski Freight'],
  ['Elif Yilmaz', 'Yilmaz Ceramics'],
  ['Tom Harding', 'Harding Estates'],
  ['Ana Petrova', 'Petrova Language School'],
  ['Omar Haddad', 'Haddad Imports'],
] as const;

const lostReasons = [
  'Chose a firm closer to their office',
  'Budget frozen until next year',
  'Too small for our minimum engagement',
];

/** The pipeline walked to `target`, one stage at a time (lost can happen from any stage). */
function pathTo(target: ReferralStatus, rng: Rng): ReferralStatus[] {
  const open: ReferralStatus[] = ['contacted', 'meeting_held', 'qualified', 'proposal'];
  if (target === 'new') return [];
  if (target === 'won') return [...open, 'won'];
  if (target === 'lost') return [...open.slice(0, between(rng, 1, 4)), 'lost'];
  return open.slice(0, open.indexOf(target) + 1);
}

const targets: ReferralStatus[] = [
  'won',
  'won',
  'won',
  'lost',
  'lost',
  'proposal',
  'qualified',
  'meeting_held',
  'contacted',
  'new',
];

export async function seedReferrals(ctx: FollowUpSeedContext) {
  const { db, workspaceId, rng, now, log } = ctx;
  const owner: Actor = { workspaceId, memberId: ctx.memberIds[0]!, role: 'owner', sessionId: null };
  const mailer = createMailer({ smtpUrl: undefined, jobs: undefined });
  const deps = { db, mailer };
  const day = (offset: number) => new Date(now.getTime() + offset * DAY);
  const isoDay = (offset: number) => day(offset).toISOString().slice(0, 10);

  // Referrers: the clients somebody on the team knows best; partners: the partner contacts.
  const known = await db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        eq(contacts.kind, 'client'),
        sql`${contacts.bestStrength} > 0`,
      ),
    )
    .orderBy(sql`${contacts.bestStrength} desc`, contacts.name)
    .limit(14);
  const partners = await db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.kind, 'partner')))
    .orderBy(contacts.name)
    .limit(4);
  const clientsOnly = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.kind, 'client')))
    .orderBy(contacts.name)
    .limit(40);
  if (known.length < 4) return;

  // Offers: an assessment in circulation (small per-referrer capacity, so some claims become
  // interest), an event invitation, a resource that is paused, and an ended one archived.
  const assessment = await createOffer(db, owner, {
    title: 'No-fee year-end tax review',
    type: 'assessment',
    description: 'A senior adviser reviews last year’s filings and this year’s position, free of charge.',
    terms: 'One review per company. For businesses with up to 200 employees.',
    capacityTotal: 40,
    capacityPerReferrer: 2,
    startsOn: isoDay(-60),
    endsOn: isoDay(45),
    headline: 'A free year-end tax review, on us',
    body: 'Ninety minutes with a senior adviser: what to file, what to claim, and what to change before the year closes.',
    afterClaim: 'We will write to you within one business day to find a time that suits you.',
    shareMessage:
      'Hi {{colleague.firstName}}, Harbor & Lane did a year-end review for us that paid for itself. They offered one to a few people I know, no strings: {{link}}',
    shareEmailSubject: 'A free year-end tax review',
    shareEmailBody:
      'Hi {{colleague.firstName}},\n\nWe have worked with Harbor & Lane for a while and their year-end review saved us real money. They are offering one to a few people I know, free: {{link}}\n\n{{referrer.firstName}}',
    ownerMemberId: ctx.memberIds[1] ?? null,
  });
  const breakfast = await createOffer(db, owner, {
    title: 'CFO breakfast: succession planning',
    type: 'event_invitation',
    description: 'A small breakfast for finance leads on planning ownership changes.',
    capacityTotal: 24,
    startsOn: isoDay(-20),
    endsOn: isoDay(30),
    headline: 'You are invited to a CFO breakfast',
    body: 'Eight finance leaders, one table, and a frank conversation about succession planning.',
    afterClaim: 'We will send the invitation with the date and place.',
    shareMessage: '{{colleague.firstName}}, thought you would like this breakfast: {{link}}',
  });
  const template = await createOffer(db, owner, {
    title: 'Cash-flow forecasting template',
    type: 'resource',
    headline: 'Our 13-week cash-flow template',
    body: 'The spreadsheet we use with clients, with notes on how to keep it current.',
  });
  const ended = await createOffer(db, owner, {
    title: 'Spring payroll health check',
    type: 'extra_service',
    startsOn: isoDay(-200),
    endsOn: isoDay(-120),
    headline: 'A payroll health check',
  });

  const referrers = known.slice(0, 10).map((c) => c.id);
  await issueShareLinks(db, owner, PUBLIC_URL, assessment.id, referrers);
  await issueShareLinks(db, owner, PUBLIC_URL, breakfast.id, referrers.slice(0, 6));
  await issueShareLinks(db, owner, PUBLIC_URL, template.id, referrers.slice(0, 4));
  await issueShareLinks(db, owner, PUBLIC_URL, ended.id, referrers.slice(0, 3));
  await setOfferStatus(db, owner, template.id, 'pause');
  await setOfferStatus(db, owner, ended.id, 'archive');

  const links = await queryRows<{ id: string; code: string; offer_id: string }>(
    db,
    sql`select id, code, offer_id from share_links where workspace_id = ${workspaceId} order by created_at, code`,
  );

  // The click recorder takes the driver's own query function (its hot path skips the query builder).
  const rawQuery = driverQuery(db);

  // Clicks over the last two months: a few visitors per link coming back, and link scanners.
  // Each click goes through the real recorder, then gets the time it "happened".
  const clicks: (ClickInput & { at: Date })[] = [];
  for (const link of links) {
    const visitors = link.offer_id === ended.id ? 2 : between(rng, 0, 14);
    for (let v = 0; v < visitors; v++) {
      const hash = createHash('sha256').update(`${link.id}:${v}`).digest('base64url');
      const first = now.getTime() - between(rng, 1, 58) * DAY - between(rng, 0, 20) * 3600_000;
      const repeats = rng() < 0.3 ? between(rng, 1, 3) : 0;
      for (let r = 0; r <= repeats; r++) {
        clicks.push({
          code: link.code,
          visitorHash: hash,
          referer: pick(rng, [null, 'https://mail.google.com/', 'https://www.linkedin.com/']),
          isBot: false,
          at: new Date(Math.min(now.getTime() - 60_000, first + r * between(rng, 1, 30) * 3600_000)),
        });
      }
    }
    if (rng() < 0.5) {
      clicks.push({ code: link.code, visitorHash: 'scanner', referer: null, isBot: true, at: day(-2) });
    }
  }
  for (const { at, ...click } of clicks) {
    await recordClicks(rawQuery, [click]);
    await db.execute(sql`update link_clicks set clicked_at = ${at}
      where id = (select max(id) from link_clicks where workspace_id = ${workspaceId})`);
  }

  // Claims through the assessment and breakfast links; the first referrer's colleagues claim more
  // than the per-referrer capacity allows, so the last of theirs is kept as interest.
  const claimLinks = links.filter((l) => l.offer_id === assessment.id || l.offer_id === breakfast.id);
  for (const [i, [name, company]] of claimants.entries()) {
    const link = i < 3 ? claimLinks[0]! : pick(rng, claimLinks);
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
    await claimOffer(
      { db, mailer, publicUrl: PUBLIC_URL, now: () => now },
      {
        code: link.code,
        name,
        email,
        company,
        message: i % 3 === 0 ? 'A colleague passed this on. Is early next month possible?' : null,
        visitorHash: null,
      },
    );
    await db.execute(sql`update offer_claims set created_at = ${day(-between(rng, 2, 50))}
      where workspace_id = ${workspaceId} and email = ${email}`);
  }

  // Referrals by hand: introductions and recommendations from clients, partners, and one that
  // only says how they heard about us.
  for (const [i, [name, company]] of manualProspects.entries()) {
    const fromPartner = i % 4 === 3 && i !== 11 && partners.length > 0;
    const referrer = fromPartner ? partners[i % partners.length]! : known[i % known.length]!;
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
    await createReferral(deps, owner, {
      kind: i % 2 === 0 ? 'introduction' : 'recommendation',
      source: fromPartner ? 'partner' : i === 11 ? 'other' : 'client',
      referrerContactId: i === 11 ? null : referrer.id,
      prospectName: name,
      prospectEmail: email,
      prospectCompany: company,
      expectedValue: between(rng, 4, 40) * 1000,
      heardAbout: i === 11 ? 'Heard the partners speak at the chamber of commerce lunch' : null,
      referredAt: day(-between(rng, 20, 150)).toISOString(),
    });
  }

  // Introductions promised in conversations, logged as asks: each becomes a referral on the board.
  const promised = [
    ['Karin Holm', 'Their new subsidiary needs a payroll set-up'],
    ['Diego Alvarez', 'Buying a second restaurant; needs due diligence'],
    ['Sara Lindgren', 'Moving from sole trader to a company'],
  ] as const;
  for (const [i, [prospectName, about]] of promised.entries()) {
    await logAsk(
      db,
      { ...owner, memberId: ctx.memberIds[(i + 1) % ctx.memberIds.length]! },
      {
        contactId: known[i + 3]!.id,
        kind: 'introduction',
        result: 'introduction_promised',
        prospectName,
        about,
        askedAt: day(-between(rng, 25, 100)).toISOString(),
      },
    );
  }

  // Two promoters named a colleague who could use our help on the survey's thank-you page.
  const promoters = await queryRows<{ id: string }>(
    db,
    sql`select id from survey_answers where workspace_id = ${workspaceId} and category = 'promoter'
        order by answered_at, id limit 2`,
  );
  const colleagues = [
    {
      name: 'Viktor Hansen',
      email: 'viktor.hansen@hansen-shipping.example',
      note: 'Their CFO left; year-end is close',
    },
    { name: 'Leila Farouk', email: null, note: 'Opening a second clinic next spring' },
  ];
  for (const [i, answer] of promoters.entries()) await suggestColleague(db, answer.id, colleagues[i]!);

  // Walk every referral that is still new along the pipeline, oldest first, to a spread of ends.
  const open = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.workspaceId, workspaceId), eq(referrals.status, 'new')))
    .orderBy(referrals.referredAt, referrals.id);
  for (const [i, referral] of open.entries()) {
    const target = targets[i % targets.length]!;
    for (const status of pathTo(target, rng)) {
      await moveReferral(deps, owner, referral.id, {
        status,
        reason: status === 'lost' ? pick(rng, lostReasons) : null,
        bookedValue: status === 'won' ? between(rng, 6, 60) * 1000 : null,
      });
    }
  }

  // Offer referrals came in when their claims did, survey ones when the promoter answered.
  await db.execute(sql`
    update referrals r set referred_at = oc.created_at
    from offer_claims oc where oc.id = r.claim_id and r.workspace_id = ${workspaceId}`);
  await db.execute(sql`
    update referrals r set referred_at = a.answered_at
    from survey_answers a where a.id = r.answer_id and r.workspace_id = ${workspaceId}`);

  // Spread the history over time: each change a few days after the previous one, ending by now.
  await db.execute(sql`
    with steps as (
      select h.id, r.referred_at,
        row_number() over (partition by h.referral_id order by h.changed_at, h.id) - 1 as n,
        count(*) over (partition by h.referral_id) as total
      from referral_history h join referrals r on r.id = h.referral_id
      where h.workspace_id = ${workspaceId}
    )
    update referral_history h
    set changed_at = s.referred_at + (least(now() - s.referred_at, interval '1 day' * 9 * s.total) * s.n / greatest(s.total, 1))
    from steps s where s.id = h.id`);
  await db.execute(sql`
    update referrals r set
      status_changed_at = last.changed_at,
      closed_at = case when r.status in ('won', 'lost') then last.changed_at end,
      updated_at = last.changed_at
    from (select referral_id, max(changed_at) as changed_at from referral_history
          where workspace_id = ${workspaceId} group by referral_id) last
    where last.referral_id = r.id`);

  // Close the loop on the older ones: claimants answered and referrers thanked, as a team that
  // keeps up would have done; the referrals of the last two weeks keep their tasks open.
  const done = await queryRows<{ id: string; action: string; changed_at: Date }>(
    db,
    sql`select t.id, t.action, r.status_changed_at as changed_at from tasks t
        join referrals r on r.id = t.referral_id
        where t.workspace_id = ${workspaceId} and t.status = 'open'
          and r.status_changed_at < ${day(-14)}
        order by t.created_at, t.id`,
  );
  for (const task of done) {
    await completeTask(db, owner, task.id, {
      reached: true,
      note:
        task.action === 'thank'
          ? 'Thanked them and told them how it went'
          : 'Replied and set up a first call',
    });
    const closedAt = new Date(new Date(task.changed_at).getTime() + between(rng, 1, 3) * DAY);
    await db.execute(sql`update tasks set completed_at = ${closedAt}, due_on = ${closedAt.toISOString().slice(0, 10)}
      where id = ${task.id}`);
  }

  // Partners: referrals we sent them, in every outcome.
  const ourClients = clientsOnly.map((c) => c.id);
  const forWhat = [
    'Employment law advice',
    'Commercial insurance review',
    'ERP implementation',
    'Estate planning',
  ];
  for (const [i, partner] of partners.entries()) {
    for (let j = 0; j < 1 + (i % 3); j++) {
      await logPartnerReferral(db, owner, partner.id, {
        clientContactId: ourClients[(i * 3 + j) % ourClients.length]!,
        forWhat: forWhat[(i + j) % forWhat.length]!,
        sentOn: isoDay(-between(rng, 10, 120)),
        outcome: (['pending', 'engaged', 'won', 'no_fit'] as const)[(i + j) % 4],
      });
    }
  }

  // Testimonials: two publishable, one private.
  const quotes = [
    'They found a filing problem two firms before them missed, and fixed it before it cost us anything.',
    'We always know who is working on our file and what happens next. That is rare.',
    'Straight answers, on time, every quarter.',
  ];
  for (const [i, quote] of quotes.entries()) {
    await createTestimonial(db, owner, {
      contactId: known[i]!.id,
      quote,
      about: i === 0 ? 'Year-end review' : null,
      mayPublish: i < 2,
      attribution: i < 2 ? `${known[i]!.name}` : null,
      collectedOn: isoDay(-between(rng, 5, 90)),
    });
  }

  await createReferrerPage(
    db,
    { publicUrl: PUBLIC_URL, linkSecret: deriveLinkSecret('demo') },
    owner,
    known[0]!.id,
  );

  const counts = await db
    .select({ status: referrals.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(referrals)
    .where(and(eq(referrals.workspaceId, workspaceId), inArray(referrals.status, ['won', 'lost'])))
    .groupBy(referrals.status);
  log(
    `Created 4 offers with ${links.length} share links, ${clicks.length} clicks, ${claimants.length} claims and referrals (${counts.map((c) => `${c.n} ${c.status}`).join(', ')})`,
  );
}
