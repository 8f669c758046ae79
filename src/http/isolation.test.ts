// Proves, for every authenticated route, that one workspace cannot see or touch another's data.
// A new route without an isolation spec fails the coverage test below: add one to its feature's
// isolation.ts and list it here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accountIsolation } from '../features/accounts/isolation.ts';
import { answerIsolation } from '../features/answers/isolation.ts';
import { askIsolation } from '../features/asks/isolation.ts';
import { authIsolation } from '../features/auth/isolation.ts';
import { contactIsolation } from '../features/contacts/isolation.ts';
import { goalIsolation } from '../features/goals/isolation.ts';
import { importIsolation } from '../features/imports/isolation.ts';
import { interactionIsolation } from '../features/interactions/isolation.ts';
import { memberIsolation } from '../features/members/isolation.ts';
import { offerIsolation } from '../features/offers/isolation.ts';
import { outboxIsolation } from '../features/outbox/isolation.ts';
import { partnerIsolation } from '../features/partners/isolation.ts';
import { playbookIsolation } from '../features/playbooks/isolation.ts';
import { referralIsolation } from '../features/referrals/isolation.ts';
import { referrerPageIsolation } from '../features/referrer-pages/isolation.ts';
import { relationshipIsolation } from '../features/relationships/isolation.ts';
import { reviewIsolation } from '../features/reviews/isolation.ts';
import { surveyIsolation } from '../features/surveys/isolation.ts';
import { taskIsolation } from '../features/tasks/isolation.ts';
import { testimonialIsolation } from '../features/testimonials/isolation.ts';
import { workspaceIsolation } from '../features/workspace/isolation.ts';
import { call, createTestApp, newWorkspace, type TestContext } from '../test/app.ts';
import type { IsolationSpec } from '../test/isolation.ts';

const specs: IsolationSpec[] = [
  ...authIsolation,
  ...memberIsolation,
  ...outboxIsolation,
  ...workspaceIsolation,
  ...accountIsolation,
  ...contactIsolation,
  ...relationshipIsolation,
  ...interactionIsolation,
  ...importIsolation,
  ...taskIsolation,
  ...askIsolation,
  ...goalIsolation,
  ...surveyIsolation,
  ...playbookIsolation,
  ...answerIsolation,
  ...reviewIsolation,
  ...referralIsolation,
  ...offerIsolation,
  ...referrerPageIsolation,
  ...testimonialIsolation,
  ...partnerIsolation,
];

describe('workspace isolation', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('every authenticated route has an isolation spec', () => {
    const covered = new Set(specs.map((s) => s.route));
    const missing = t.app.routeTable
      .filter((r) => r.access !== 'public')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !covered.has(r));
    assert.deepEqual(missing, [], `routes without an isolation spec: ${missing.join(', ')}`);
    const registered = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    const stale = [...covered].filter((r) => !registered.has(r));
    assert.deepEqual(stale, [], `isolation specs for routes that do not exist: ${stale.join(', ')}`);
  });

  for (const spec of specs) {
    test(`${spec.route} (${spec.expect})`, async () => {
      const a = await newWorkspace(t, 'Alpha Advisory');
      const b = await newWorkspace(t, 'Beta Partners');
      const { request, secrets = [] } = await spec.arrange(t, b, a);
      const res = await call(t, request.method, request.url, { cookie: a.cookie, body: request.body });
      const text = JSON.stringify(res.body);
      if (spec.expect === 'not_found') {
        assert.equal(res.status, 404, `expected 404, got ${res.status}: ${text}`);
        assert.equal(res.body.error.code, 'not_found');
      } else if (spec.expect === 'refused') {
        assert.ok(
          res.status === 400 || res.status === 404,
          `expected 400 or 404, got ${res.status}: ${text}`,
        );
      } else {
        assert.ok(res.status < 300, `expected success, got ${res.status}: ${text}`);
      }
      for (const secret of secrets)
        assert.ok(!text.includes(secret), `response leaks ${secret} of workspace B`);
      await spec.verify?.(t, b);
    });
  }
});
