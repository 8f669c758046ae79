import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveStrength, explainStrength, KIND_WEIGHT, strengthFromScore } from './strength.ts';

test('the documented calibration holds', () => {
  assert.equal(strengthFromScore(0), 0);
  assert.equal(strengthFromScore(1), 49); // one meeting this week
  assert.equal(strengthFromScore(2), 74); // two meetings
  assert.ok(strengthFromScore(100) <= 100);
});

test('override wins; otherwise the larger of computed and baseline', () => {
  assert.equal(effectiveStrength({ computed: 30, baseline: 60, override: null }), 60);
  assert.equal(effectiveStrength({ computed: 70, baseline: 60, override: null }), 70);
  assert.equal(effectiveStrength({ computed: 70, baseline: 60, override: 10 }), 10);
});

test('the explanation names the override, the mix of conversations and the last contact', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const reasons = explainStrength(
    {
      computed: 74,
      baseline: null,
      override: { strength: 90, reason: 'Went to school together', byName: 'Maya' },
      stats: { meeting: 2, email: 1, twoWay: 2, lastKind: 'meeting' },
      interactionCount: 3,
      lastInteractionAt: new Date('2026-11-18T12:00:00Z'),
    },
    now,
  );
  assert.deepEqual(reasons, [
    'Set to 90 by Maya: “Went to school together”',
    '2 meetings, 1 email in the last two years',
    'Mostly two-way conversations',
    'Last contact 5 days ago (meeting)',
  ]);
  assert.deepEqual(
    explainStrength({
      computed: 0,
      baseline: null,
      override: null,
      stats: {},
      interactionCount: 0,
      lastInteractionAt: null,
    }),
    ['No conversation logged yet'],
  );
  assert.ok(
    explainStrength(
      {
        computed: 5,
        baseline: 60,
        override: null,
        stats: { email: 1 },
        interactionCount: 1,
        lastInteractionAt: now,
      },
      now,
    ).some((r) => r.startsWith('Imported as 60')),
  );
});

test('notes are what we wrote down, not contact: counted apart and worth nothing', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  assert.equal(KIND_WEIGHT.note, 0);
  assert.deepEqual(
    explainStrength(
      {
        computed: 0,
        baseline: null,
        override: null,
        stats: { note: 2, lastKind: 'note' },
        interactionCount: 2,
        lastInteractionAt: new Date('2026-11-20T12:00:00Z'),
      },
      now,
    ),
    ['2 notes written (notes add nothing to strength)', 'Last note 3 days ago', 'No conversation logged yet'],
  );
  // One two-way call and three notes is a two-way relationship, not "mostly one-way contact".
  assert.deepEqual(
    explainStrength(
      {
        computed: 38,
        baseline: null,
        override: null,
        stats: { call: 1, note: 3, twoWay: 1, lastKind: 'call' },
        interactionCount: 4,
        lastInteractionAt: new Date('2026-11-22T12:00:00Z'),
      },
      now,
    ),
    [
      '1 call in the last two years',
      'Mostly two-way conversations',
      '3 notes written (notes add nothing to strength)',
      'Last contact yesterday (call)',
    ],
  );
});
