import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  linkClicks,
  offerClaims,
  offers,
  referrals,
  shareLinks,
  timelineEvents,
} from '../../db/schema/index.ts';
import {
  call,
  createContactVia,
  createTestApp,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { recordReferral } from '../referrals/record-referral.ts';
import { LINK_CODE_LENGTH, newLinkCode, normaliseLinkCode } from './share-links.ts';
import { createOfferVia, offerWithLink, sampleOffer } from './test-fixtures.ts';
import { renderWording, unknownOfferFields } from './wording.ts';

describe('offers', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('validation: dates, capacity, unknown merge fields, precise messages, nothing stored', async () => {
    const ws = await newWorkspace(t);
    const bad = async (body: Record<string, unknown>, path: string, message: RegExp) => {
      const res = await call(t, 'POST', '/api/v1/offers', {
        cookie: ws.cookie,
        body: { ...sampleOffer, ...body },
      });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
      assert.ok(detail, `no detail at ${path}: ${JSON.stringify(res.body)}`);
      assert.match(detail.message, message);
    };
    await bad({ startsOn: '2026-12-10', endsOn: '2026-12-01' }, 'body.endsOn', /end date cannot be before/);
    await bad({ capacityTotal: 0 }, 'body.capacityTotal', /at least 1/);
    await bad({ capacityPerReferrer: -3 }, 'body.capacityPerReferrer', /at least 1/);
    await bad({ capacityTotal: 2.5 }, 'body.capacityTotal', /whole number/);
    await bad({ capacityTotal: 3, capacityPerReferrer: 5 }, 'body.capacityPerReferrer', /cannot exceed/);
    await bad({ type: 'raffle' }, 'body.type', /./);
    await bad({ title: '   ' }, 'body.title', /Give the offer a title/);
    await bad({ startsOn: '2026-02-30' }, 'body.startsOn', /date like/);
    await bad(
      { shareMessage: 'Hi {{colleague.frstName}} and {{ referrer.nickname }}' },
      'body.shareMessage',
      /Unknown merge fields \{\{colleague\.frstName\}\}, \{\{referrer\.nickname\}\}; use one of \{\{referrer\.firstName\}\}/,
    );
    await bad(
      { shareEmailBody: 'Bye {{link.url}}' },
      'body.shareEmailBody',
      /Unknown merge field \{\{link\.url\}\}/,
    );
    const count = await t.db.select().from(offers).where(eq(offers.workspaceId, ws.workspaceId));
    assert.equal(count.length, 0);

    // Same day start and end, no limits, spaces in braces normalised, HTML kept as text.
    const ok = await call(t, 'POST', '/api/v1/offers', {
      cookie: ws.cookie,
      body: {
        title: '<b>Free</b> audit & <script>alert(1)</script>',
        type: 'custom',
        startsOn: '2026-12-01',
        endsOn: '2026-12-01',
        capacityTotal: null,
        shareMessage: 'Hi {{ colleague.firstName }}',
      },
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.title, '<b>Free</b> audit & <script>alert(1)</script>');
    assert.equal(ok.body.headline, ok.body.title, 'the headline defaults to the title');
    assert.equal(ok.body.shareMessage, 'Hi {{colleague.firstName}}');
    assert.equal(ok.body.capacityTotal, null);
    assert.equal(ok.body.status, 'active');

    // An update is checked against what is stored.
    const late = await call(t, 'PATCH', `/api/v1/offers/${ok.body.id}`, {
      cookie: ws.cookie,
      body: { startsOn: '2026-12-05' },
    });
    assert.equal(late.status, 400);
    assert.equal(late.body.error.details[0].path, 'body.endsOn');
    const moved = await call(t, 'PATCH', `/api/v1/offers/${ok.body.id}`, {
      cookie: ws.cookie,
      body: { startsOn: '2026-11-20', capacityTotal: 10, description: 'Now with a description' },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.startsOn, '2026-11-20');
    assert.equal(moved.body.endsOn, '2026-12-01');
    assert.equal(moved.body.capacityTotal, 10);
    const empty = await call(t, 'PATCH', `/api/v1/offers/${ok.body.id}`, { cookie: ws.cookie, body: {} });
    assert.equal(empty.status, 400);

    const other = await newWorkspace(t);
    const foreignOwner = await call(t, 'POST', '/api/v1/offers', {
      cookie: ws.cookie,
      body: { ...sampleOffer, ownerMemberId: other.memberId },
    });
    assert.equal(foreignOwner.status, 400);
    assert.equal(foreignOwner.body.error.details[0].path, 'body.ownerMemberId');
  });

  test('roles: members read and give links; managers edit', async () => {
    const ws = await newWorkspace(t);
    const member = await newMember(t, ws, 'member', 'Mo Member');
    const denied = await call(t, 'POST', '/api/v1/offers', { cookie: member.cookie, body: sampleOffer });
    assert.equal(denied.status, 403);
    const manager = await newMember(t, ws, 'manager', 'Mia Manager');
    const offer = await createOfferVia(t, manager.cookie, { ownerMemberId: manager.memberId });
    assert.equal((await call(t, 'GET', `/api/v1/offers/${offer.id}`, { cookie: member.cookie })).status, 200);
    const pause = await call(t, 'POST', `/api/v1/offers/${offer.id}/pause`, { cookie: member.cookie });
    assert.equal(pause.status, 403);
    const client = await createContactVia(t, member.cookie, { name: 'Cleo Client', kind: 'client' });
    const links = await call(t, 'POST', `/api/v1/offers/${offer.id}/links`, {
      cookie: member.cookie,
      body: { contactIds: [client.id] },
    });
    assert.equal(links.status, 201, JSON.stringify(links.body));
    assert.equal(links.body.links[0].createdBy, 'Mo Member');
  });

  test('pause, resume, archive (DELETE keeps the offer and its links)', async () => {
    const ws = await newWorkspace(t);
    const { offer, link } = await offerWithLink(t, ws.cookie);
    const path = `/api/v1/offers/${offer.id}`;
    const paused = await call(t, 'POST', `${path}/pause`, { cookie: ws.cookie });
    assert.equal(paused.status, 200);
    assert.equal(paused.body.status, 'paused');
    assert.ok(paused.body.pausedAt);
    assert.equal(
      (await call(t, 'POST', `${path}/pause`, { cookie: ws.cookie })).body.error.message,
      'This offer is already paused',
    );
    const resumed = await call(t, 'POST', `${path}/resume`, { cookie: ws.cookie });
    assert.equal(resumed.body.status, 'active');
    assert.equal(resumed.body.pausedAt, null);

    const archived = await call(t, 'DELETE', path, { cookie: ws.cookie });
    assert.equal(archived.status, 200);
    assert.equal(archived.body.status, 'archived');
    assert.ok(archived.body.archivedAt);
    // Archiving twice answers the same; nothing else moves an archived offer.
    assert.equal((await call(t, 'DELETE', path, { cookie: ws.cookie })).status, 200);
    assert.equal((await call(t, 'POST', `${path}/resume`, { cookie: ws.cookie })).status, 409);
    assert.equal((await call(t, 'PATCH', path, { cookie: ws.cookie, body: { title: 'x' } })).status, 409);

    const [row] = await t.db.select().from(shareLinks).where(eq(shareLinks.id, link.id));
    assert.ok(row, 'the link row stays');
    assert.equal(row.revokedAt, null, 'links stay in circulation');
    const current = await call(t, 'GET', '/api/v1/offers', { cookie: ws.cookie });
    assert.equal(current.body.offers.length, 0);
    const all = await call(t, 'GET', '/api/v1/offers?status=archived', { cookie: ws.cookie });
    assert.equal(all.body.offers.length, 1);
    const more = await call(t, 'POST', `${path}/links`, {
      cookie: ws.cookie,
      body: { contactIds: [row.referrerContactId] },
    });
    assert.equal(more.status, 409);
  });

  test('links: one live per referrer and offer; refusals name each person; all or nothing', async () => {
    const ws = await newWorkspace(t);
    const offer = await createOfferVia(t, ws.cookie);
    const ana = await createContactVia(t, ws.cookie, {
      name: 'Ana Silva',
      kind: 'client',
      accountName: 'Northwind',
    });
    const pat = await createContactVia(t, ws.cookie, { name: 'Pat Partner', kind: 'partner' });
    const pete = await createContactVia(t, ws.cookie, { name: 'Pete Prospect', kind: 'prospect' });
    const ed = await createContactVia(t, ws.cookie, { name: 'Ed Erased', kind: 'client' });
    assert.equal(
      (await call(t, 'POST', `/api/v1/contacts/${ed.id}/erase`, { cookie: ws.cookie })).status,
      204,
    );
    const path = `/api/v1/offers/${offer.id}/links`;

    const refused = await call(t, 'POST', path, {
      cookie: ws.cookie,
      body: { contactIds: [ana.id, pete.id, ed.id] },
    });
    assert.equal(refused.status, 400);
    assert.match(
      refused.body.error.message,
      /^No links were created\. Pete Prospect: a prospect; only clients and partners/,
    );
    assert.deepEqual(
      refused.body.error.details.map((d: { path: string }) => d.path),
      ['body.contactIds.1', 'body.contactIds.2'],
    );
    assert.match(refused.body.error.details[1].message, /erased/);
    assert.equal((await t.db.select().from(shareLinks).where(eq(shareLinks.offerId, offer.id))).length, 0);

    const first = await call(t, 'POST', path, {
      cookie: ws.cookie,
      body: { contactIds: [ana.id, pat.id, ana.id] },
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.created, 2);
    assert.equal(first.body.links.length, 2);
    const anaLink = first.body.links.find((l: { referrer: { id: string } }) => l.referrer.id === ana.id);
    assert.equal(anaLink.url, `http://warmpath.test/r/${anaLink.code}`);
    assert.equal(anaLink.referrer.account, 'Northwind');
    assert.equal(
      anaLink.wording.message,
      `Hi there, Ana here: No-fee cloud cost assessment http://warmpath.test/r/${anaLink.code}`,
    );
    assert.equal(anaLink.wording.emailSubject, 'No-fee cloud cost assessment');
    assert.match(anaLink.wording.emailBody, /\n\nAna Silva$/);

    const again = await call(t, 'POST', path, { cookie: ws.cookie, body: { contactIds: [ana.id] } });
    assert.equal(again.body.created, 0);
    assert.equal(again.body.links[0].code, anaLink.code);
    const live = await t.db.select().from(shareLinks).where(eq(shareLinks.offerId, offer.id));
    assert.equal(live.length, 2);

    const events = await t.db.select().from(timelineEvents).where(eq(timelineEvents.contactId, ana.id));
    assert.equal(events.filter((e) => e.kind === 'share_link.issued').length, 1);

    const mine = await call(t, 'GET', `/api/v1/contacts/${ana.id}/share-links`, { cookie: ws.cookie });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.links.length, 1);
    assert.equal(mine.body.links[0].offer.title, sampleOffer.title);
  });

  test('revoke keeps the code dead; re-issue gives a different code', async () => {
    const ws = await newWorkspace(t);
    const { offer, referrer, link } = await offerWithLink(t, ws.cookie);
    const revoked = await call(t, 'POST', `/api/v1/share-links/${link.id}/revoke`, { cookie: ws.cookie });
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revokedAt);
    assert.equal(revoked.body.wording, null);
    assert.equal(
      (await call(t, 'POST', `/api/v1/share-links/${link.id}/revoke`, { cookie: ws.cookie })).status,
      200,
    );

    const fresh = await call(t, 'POST', `/api/v1/share-links/${link.id}/reissue`, { cookie: ws.cookie });
    assert.equal(fresh.status, 201, JSON.stringify(fresh.body));
    assert.notEqual(fresh.body.code, link.code);
    assert.equal(fresh.body.referrer.id, referrer.id);
    // Re-issuing the live link revokes it and makes a third code.
    const third = await call(t, 'POST', `/api/v1/share-links/${fresh.body.id}/reissue`, {
      cookie: ws.cookie,
    });
    assert.equal(third.status, 201);
    assert.ok(![link.code, fresh.body.code].includes(third.body.code));
    // The first (revoked) link cannot be re-issued while the referrer has a live one.
    const twice = await call(t, 'POST', `/api/v1/share-links/${link.id}/reissue`, { cookie: ws.cookie });
    assert.equal(twice.status, 409);
    assert.match(twice.body.error.message, /already has a live link/);

    const rows = await t.db.select().from(shareLinks).where(eq(shareLinks.offerId, offer.id));
    assert.equal(rows.length, 3, 'revoked rows and their codes are kept');
    assert.equal(rows.filter((r) => r.revokedAt === null).length, 1);
    const list = await call(t, 'GET', `/api/v1/offers/${offer.id}/links`, { cookie: ws.cookie });
    assert.equal(list.body.links[0].code, third.body.code, 'the live link comes first');
  });

  test('code format: 16 characters, no look-alikes, case-insensitive', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newLinkCode()));
    assert.equal(codes.size, 500);
    for (const code of codes) {
      assert.equal(code.length, LINK_CODE_LENGTH);
      assert.match(code, /^[a-hjkmnp-z2-9]{16}$/);
      assert.equal(normaliseLinkCode(`  ${code.toUpperCase()} `), code);
    }
    assert.equal(LINK_CODE_LENGTH, 16);
    assert.equal(normaliseLinkCode('abcdefghjkmnpqr'), null, 'too short');
    assert.equal(normaliseLinkCode('abcdefghjkmnpqrl'), null, 'l is not in the alphabet');
    assert.equal(normaliseLinkCode('abcdefghjkmnpqr0'), null, '0 is not in the alphabet');
    assert.equal(normaliseLinkCode("abcdefghjk'; --x"), null);
  });

  test('wording: fields filled, unknown ones listed, missing values neutral', () => {
    assert.deepEqual(unknownOfferFields('{{link}} {{ colleague.name }} {{x}} {{x}}'), [
      'colleague.name',
      'x',
    ]);
    assert.equal(
      renderWording(
        'Hi {{colleague.firstName}}, {{ referrer.firstName }} thinks {{offer.title}} helps: {{link}}',
        {
          'referrer.firstName': 'Ana',
          'offer.title': '<b>Audit</b>',
          link: 'https://x.test/r/abc',
        },
      ),
      'Hi there, Ana thinks <b>Audit</b> helps: https://x.test/r/abc',
    );
  });

  test('stats: clicks, 24-hour unique visits, bots apart, claims, interest, referrals, won, revenue', async () => {
    const ws = await newWorkspace(t);
    const { offer, referrer, link } = await offerWithLink(t, ws.cookie, 'Ana Silva');
    const bob = await createContactVia(t, ws.cookie, { name: 'Bob Brown', kind: 'client' });
    const second = await call(t, 'POST', `/api/v1/offers/${offer.id}/links`, {
      cookie: ws.cookie,
      body: { contactIds: [bob.id] },
    });
    const bobLink = second.body.links[0];
    const at = (h: number) => new Date(Date.now() - 72 * 3600_000 + h * 3600_000);
    const click = (linkId: string, visitor: string, h: number, isBot = false) => ({
      workspaceId: ws.workspaceId,
      linkId,
      visitorHash: visitor,
      clickedAt: at(h),
      isBot,
    });
    await t.db.insert(linkClicks).values([
      // Visitor v1: 0 h, 1 h, 23.5 h (within 24 h of the previous: one visit), then 49 h: a second visit.
      click(link.id, 'v1', 0),
      click(link.id, 'v1', 1),
      click(link.id, 'v1', 23.5),
      click(link.id, 'v1', 49),
      // Visitor v2: one visit.
      click(link.id, 'v2', 10),
      // A bot: three clicks, no visit; and a bot with the same hash as v2 does not hide v2's next visit.
      click(link.id, 'bot', 2, true),
      click(link.id, 'bot', 3, true),
      click(link.id, 'v2', 40, true),
      click(link.id, 'v2', 40.5),
      // Bob's link: one visit from the same visitor hash as Ana's v1 (another link, another visit).
      click(bobLink.id, 'v1', 5),
    ]);
    const claim = async (linkId: string, contactId: string, outcome: 'accepted' | 'interest') => {
      const [row] = await t.db
        .insert(offerClaims)
        .values({
          workspaceId: ws.workspaceId,
          offerId: offer.id,
          linkId,
          referrerContactId: contactId,
          name: 'Cora Colleague',
          email: `cora${Math.random()}@example.test`,
          consentAt: new Date(),
          outcome,
          refusalReason: outcome === 'interest' ? 'capacity' : null,
        })
        .returning();
      return row!;
    };
    const c1 = await claim(link.id, referrer.id, 'accepted');
    const c2 = await claim(link.id, referrer.id, 'accepted');
    await claim(link.id, referrer.id, 'interest');
    await claim(bobLink.id, bob.id, 'accepted');
    const referral = (claimId: string, linkId: string, contactId: string) =>
      recordReferral(t.db, {
        workspaceId: ws.workspaceId,
        kind: 'recommendation',
        source: 'offer',
        referrerContactId: contactId,
        prospectName: 'Cora Colleague',
        offerId: offer.id,
        linkId,
        claimId,
      });
    const r1 = await referral(c1.id, link.id, referrer.id);
    await referral(c2.id, link.id, referrer.id);
    await t.db.update(referrals).set({ status: 'won', bookedValue: 12500.5 }).where(eq(referrals.id, r1));
    // A lost referral's value never counts as revenue.
    const [lostOne] = await t.db
      .update(referrals)
      .set({ status: 'lost', bookedValue: 999 })
      .where(sql`${referrals.id} <> ${r1} and ${referrals.offerId} = ${offer.id}`)
      .returning();
    assert.ok(lostOne);

    const detail = await call(t, 'GET', `/api/v1/offers/${offer.id}`, { cookie: ws.cookie });
    assert.deepEqual(detail.body.stats, {
      clicks: 7,
      visits: 5,
      botClicks: 3,
      claims: 3,
      interest: 1,
      referrals: 2,
      won: 1,
      revenue: 12500.5,
    });
    assert.equal(detail.body.liveLinks, 2);

    const list = await call(t, 'GET', '/api/v1/offers', { cookie: ws.cookie });
    assert.deepEqual(list.body.offers[0].stats, detail.body.stats);

    const links = await call(t, 'GET', `/api/v1/offers/${offer.id}/links`, { cookie: ws.cookie });
    const ana = links.body.links.find((l: { id: string }) => l.id === link.id);
    assert.deepEqual(ana.stats, {
      clicks: 6,
      visits: 4,
      botClicks: 3,
      claims: 2,
      interest: 1,
      referrals: 2,
      won: 1,
      revenue: 12500.5,
    });
    const bobs = links.body.links.find((l: { id: string }) => l.id === bobLink.id);
    assert.equal(bobs.stats.visits, 1);
    assert.equal(bobs.stats.claims, 1);

    const stats = await call(t, 'GET', `/api/v1/offers/${offer.id}/stats`, { cookie: ws.cookie });
    assert.equal(stats.status, 200);
    assert.equal(stats.body.referrers[0].referrer.name, 'Ana Silva', 'ordered by revenue');
    assert.equal(stats.body.referrers[0].visits, 4);
    assert.equal(stats.body.referrers[0].liveCode, link.code);
    assert.equal(stats.body.referrers[1].visits, 1);
    const dayClicks = stats.body.days.reduce((s: number, d: { clicks: number }) => s + d.clicks, 0);
    const dayVisits = stats.body.days.reduce((s: number, d: { visits: number }) => s + d.visits, 0);
    assert.equal(dayClicks, 7);
    assert.equal(dayVisits, 5);

    const claims = await call(t, 'GET', `/api/v1/offers/${offer.id}/claims`, { cookie: ws.cookie });
    assert.equal(claims.status, 200);
    assert.equal(claims.body.claims.length, 4);
    const interest = await call(t, 'GET', `/api/v1/offers/${offer.id}/claims?outcome=interest`, {
      cookie: ws.cookie,
    });
    assert.equal(interest.body.claims.length, 1);
    assert.equal(interest.body.claims[0].refusalReason, 'capacity');
    await t.db.update(offerClaims).set({ referralId: r1 }).where(eq(offerClaims.id, c1.id));
    const again = await call(t, 'GET', `/api/v1/offers/${offer.id}/claims`, { cookie: ws.cookie });
    const withReferral = again.body.claims.find((c: { id: string }) => c.id === c1.id);
    assert.deepEqual(withReferral.referral, { id: r1, status: 'won' });
    assert.equal(withReferral.referrer.name, 'Ana Silva');
    assert.equal(withReferral.linkCode, link.code);
    const paged = await call(t, 'GET', `/api/v1/offers/${offer.id}/claims?limit=3`, { cookie: ws.cookie });
    assert.equal(paged.body.claims.length, 3);
    assert.equal(paged.body.nextCursor, '3');
  });
});
