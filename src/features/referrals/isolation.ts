import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import type { IsolationSpec } from '../../test/isolation.ts';

const SECRET = 'Beta’s prospect Quentin Confidential';
const REFERRER = 'Bea Beta-Referrer';
const REFERRED_AT = '2026-09-15T10:00:00Z';

/** A referral in workspace B, from B's client to a named prospect. */
async function referralInB(t: TestContext, b: WorkspaceHandle) {
  const referrer = await createContactVia(t, b.cookie, { name: REFERRER });
  const res = await call(t, 'POST', '/api/v1/referrals', {
    cookie: b.cookie,
    body: {
      kind: 'introduction',
      source: 'client',
      referrerContactId: referrer.id,
      prospectName: SECRET,
      expectedValue: 777,
      referredAt: REFERRED_AT,
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { referralId: res.body.id as string, referrerId: referrer.id };
}

/** B's referral is still new, unowned by anyone else, with only its 'created' history. */
async function unchanged(t: TestContext, b: WorkspaceHandle) {
  const list = await call(t, 'GET', '/api/v1/referrals', { cookie: b.cookie });
  assert.equal(list.body.referrals.length, 1);
  const detail = await call(t, 'GET', `/api/v1/referrals/${list.body.referrals[0].id}`, { cookie: b.cookie });
  assert.equal(detail.body.status, 'new');
  assert.equal(detail.body.prospect.name, SECRET);
  assert.equal(detail.body.expectedValue, 777);
  assert.equal(detail.body.owner.id, b.memberId);
  assert.equal(detail.body.history.length, 1);
}

async function settingsUnchanged(t: TestContext, b: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/referrals/settings', { cookie: b.cookie });
  assert.deepEqual(res.body, { currency: 'USD', thankStages: ['meeting_held', 'won'], thankEmail: false });
}

export const referralIsolation: IsolationSpec[] = [
  {
    route: 'GET /api/v1/referrals',
    expect: 'excludes',
    arrange: async (t, b) => {
      await referralInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/referrals' }, secrets: [SECRET, REFERRER] };
    },
  },
  {
    route: 'GET /api/v1/referrals/export.csv',
    expect: 'excludes',
    arrange: async (t, b) => {
      await referralInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/referrals/export.csv' }, secrets: [SECRET, REFERRER] };
    },
  },
  {
    route: 'GET /api/v1/referrals/board',
    expect: 'excludes',
    arrange: async (t, b) => {
      await referralInB(t, b);
      return { request: { method: 'GET', url: '/api/v1/referrals/board' }, secrets: [SECRET, REFERRER] };
    },
  },
  {
    route: 'GET /api/v1/referrals/insights',
    expect: 'excludes',
    arrange: async (t, b) => {
      await referralInB(t, b);
      return {
        request: { method: 'GET', url: '/api/v1/referrals/insights?from=2026-09-01&to=2026-09-30' },
        secrets: [REFERRER],
      };
    },
  },
  {
    route: 'GET /api/v1/referrals/settings',
    expect: 'self',
    arrange: async (t, b) => {
      await call(t, 'PUT', '/api/v1/referrals/settings', { cookie: b.cookie, body: { currency: 'CHF' } });
      return { request: { method: 'GET', url: '/api/v1/referrals/settings' }, secrets: ['CHF'] };
    },
  },
  {
    route: 'PUT /api/v1/referrals/settings',
    expect: 'self',
    arrange: async () => ({
      request: {
        method: 'PUT',
        url: '/api/v1/referrals/settings',
        body: { currency: 'EUR', thankEmail: true, thankStages: ['won'] },
      },
    }),
    verify: settingsUnchanged,
  },
  {
    route: 'POST /api/v1/referrals',
    expect: 'refused',
    arrange: async (t, b) => {
      const { referrerId } = await referralInB(t, b);
      return {
        request: {
          method: 'POST',
          url: '/api/v1/referrals',
          body: { kind: 'recommendation', source: 'client', referrerContactId: referrerId },
        },
      };
    },
    verify: async (t, b) => {
      await unchanged(t, b);
      const sent = await call(t, 'GET', '/api/v1/referrals?kind=recommendation', { cookie: b.cookie });
      assert.equal(sent.body.totals.count, 0);
    },
  },
  {
    route: 'GET /api/v1/referrals/:id',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { referralId } = await referralInB(t, b);
      return { request: { method: 'GET', url: `/api/v1/referrals/${referralId}` }, secrets: [SECRET] };
    },
  },
  {
    route: 'PATCH /api/v1/referrals/:id',
    expect: 'not_found',
    arrange: async (t, b, a) => {
      const { referralId } = await referralInB(t, b);
      return {
        request: {
          method: 'PATCH',
          url: `/api/v1/referrals/${referralId}`,
          body: { ownerMemberId: a.memberId, expectedValue: 1 },
        },
        secrets: [SECRET],
      };
    },
    verify: unchanged,
  },
  {
    route: 'POST /api/v1/referrals/:id/move',
    expect: 'not_found',
    arrange: async (t, b) => {
      const { referralId } = await referralInB(t, b);
      return {
        request: { method: 'POST', url: `/api/v1/referrals/${referralId}/move`, body: { status: 'won' } },
        secrets: [SECRET],
      };
    },
    verify: unchanged,
  },
];
