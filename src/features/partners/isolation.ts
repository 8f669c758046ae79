import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET_PARTNER = 'Pieter Partnership-Secret';
const SECRET_FOR = 'beta-only tax restructuring';

async function partnerInB(t: TestContext, b: WorkspaceHandle) {
  const partner = await createContactVia(t, b.cookie, { name: SECRET_PARTNER, kind: 'partner' });
  const sent = await call(t, 'POST', `/api/v1/partners/${partner.id}/referrals`, {
    cookie: b.cookie,
    body: { clientName: 'Someone of B', forWhat: SECRET_FOR },
  });
  assert.equal(sent.status, 201);
  return { partnerId: partner.id, referralId: sent.body.id as string };
}

async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/partners', { cookie: b.cookie });
  assert.equal(res.body.partners.length, 1);
  const [p] = res.body.partners;
  assert.equal(p.sent.count, 1);
  const detail = await call(t, 'GET', `/api/v1/partners/${p.id}`, { cookie: b.cookie });
  assert.deepEqual(
    detail.body.sent.map((s: { forWhat: string; outcome: string }) => [s.forWhat, s.outcome]),
    [[SECRET_FOR, 'pending']],
  );
}

export const partnerIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/partners',
    expect: 'excludes',
    arrange: async (t, b) => {
      const { partnerId } = await partnerInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/partners?sort=sent' },
        secrets: [SECRET_PARTNER, partnerId],
      };
    },
  },
  {
    route: 'GET /api/v1/partners/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { partnerId } = await partnerInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/partners/${partnerId}` }, secrets: [SECRET_FOR] };
    },
  },
  {
    route: 'POST /api/v1/partners/:id/referrals',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { partnerId } = await partnerInB(t, b);
      return {
        request: {
          method: 'POST',
          url: `/api/v1/partners/${partnerId}/referrals`,
          body: { clientName: 'Planted by A', forWhat: 'anything' },
        },
      };
    },
    verify: unchanged,
  },
  {
    route: 'PATCH /api/v1/partner-referrals/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { referralId } = await partnerInB(t, b);
      return {
        request: {
          method: 'PATCH',
          url: `/api/v1/partner-referrals/${referralId}`,
          body: { outcome: 'won' },
        },
        secrets: [SECRET_FOR],
      };
    },
    verify: unchanged,
  },
  {
    route: 'DELETE /api/v1/partner-referrals/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { referralId } = await partnerInB(t, b);
      return { request: { method: 'DELETE', url: `/api/v1/partner-referrals/${referralId}` } };
    },
    verify: unchanged,
  },
];
