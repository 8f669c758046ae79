import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';
import { createOfferVia, offerWithLink } from './test-fixtures.ts';

const SECRET_TITLE = 'Beta’s confidential retainer offer';
const SECRET_REFERRER = 'Xavier Beta-Referrer';

async function offerInB(t: TestContext, b: WorkspaceHandle) {
  const made = await offerWithLink(t, b.cookie, SECRET_REFERRER);
  const renamed = await call(t, 'PATCH', `/api/v1/offers/${made.offer.id}`, {
    cookie: b.cookie,
    body: { title: SECRET_TITLE },
  });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  return made;
}

/** B's offer is as it was made: active, its title, one live link. */
async function offerUnchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/offers?status=all', { cookie: b.cookie });
  assert.equal(list.body.offers.length, 1);
  const [offer] = list.body.offers;
  assert.equal(offer.title, SECRET_TITLE);
  assert.equal(offer.status, 'active');
  assert.equal(offer.liveLinks, 1);
  const links = await call(t, 'GET', `/api/v1/offers/${offer.id}/links`, { cookie: b.cookie });
  assert.equal(links.body.links.length, 1);
  assert.equal(links.body.links[0].revokedAt, null);
}

const onOffer = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  suffix: string,
  body?: unknown,
): IsolationSpec => ({
  route: `${method} /api/v1/offers/:id${suffix}`,
  expect: 'not_found',
  arrange: async (t, b) => {
    const { offer } = await offerInB(t, b);
    return { request: { method, url: `/api/v1/offers/${offer.id}${suffix}`, body } };
  },
  verify: offerUnchanged,
});

const onLink = (action: 'revoke' | 'reissue'): IsolationSpec => ({
  route: `POST /api/v1/share-links/:id/${action}`,
  expect: 'not_found',
  arrange: async (t, b) => {
    const { link } = await offerInB(t, b);
    return { request: { method: 'POST', url: `/api/v1/share-links/${link.id}/${action}` } };
  },
  verify: offerUnchanged,
});

export const offerIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/offers',
    expect: 'excludes',
    arrange: async (t, b) => {
      await offerInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/offers?status=all' },
        secrets: [SECRET_TITLE],
      };
    },
  },
  {
    route: 'POST /api/v1/offers',
    expect: 'refused',
    arrange: async (t, b) => {
      await offerInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/offers',
          body: { title: 'Alpha offer', type: 'custom', ownerMemberId: b.memberId },
        },
      };
    },
    verify: offerUnchanged,
  },
  onOffer('GET', ''),
  onOffer('PATCH', '', { title: 'Taken over by Alpha' }),
  onOffer('DELETE', ''),
  onOffer('POST', '/pause'),
  onOffer('POST', '/resume'),
  onOffer('GET', '/links'),
  onOffer('GET', '/claims'),
  onOffer('GET', '/stats'),
  {
    route: 'POST /api/v1/offers/:id/links',
    expect: 'not_found',
    arrange: async (t, b, a) => {
      const { offer } = await offerInB(t, b);
      const own = await createContactVia(t, a.cookie, { name: 'Alpha Client', kind: 'client' });
      return {
        request: { method: 'POST', url: `/api/v1/offers/${offer.id}/links`, body: { contactIds: [own.id] } },
      };
    },
    verify: offerUnchanged,
  },
  {
    route: 'POST /api/v1/offers/:id/links',
    expect: 'refused',
    arrange: async (t, b, a) => {
      const { referrer } = await offerInB(t, b);
      const own = await createOfferVia(t, a.cookie);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/offers/${own.id}/links`,
          body: { contactIds: [referrer.id] },
        },
        secrets: [SECRET_REFERRER],
      };
    },
    verify: offerUnchanged,
  },
  {
    route: 'GET /api/v1/contacts/:id/share-links',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { referrer } = await offerInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/contacts/${referrer.id}/share-links` } };
    },
  },
  onLink('revoke'),
  onLink('reissue'),
];
