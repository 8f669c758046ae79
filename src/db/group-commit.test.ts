import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroupCommit } from './group-commit.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('concurrent items share batches and each resolves with its own result after its batch', async () => {
  const batches: number[][] = [];
  const committed = new Set<number>();
  const gc = createGroupCommit<number, string>({
    async writeBatch(items) {
      batches.push(items);
      await tick();
      for (const i of items) committed.add(i);
      return items.map((i) => `ok ${i}`);
    },
  });
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      gc.submit(i).then((r) => {
        assert.ok(committed.has(i), 'resolved only after its batch committed');
        return r;
      }),
    ),
  );
  assert.deepEqual(
    results,
    Array.from({ length: 100 }, (_, i) => `ok ${i}`),
  );
  assert.equal(batches.length, 1, 'items submitted in one turn go into one batch');

  // Items arriving while a batch is written wait for the next one.
  const first = gc.submit(1000);
  await new Promise((resolve) => setImmediate(resolve));
  const later = [gc.submit(1001), gc.submit(1002)];
  await Promise.all([first, ...later]);
  assert.deepEqual(batches.slice(1), [[1000], [1001, 1002]]);
  assert.equal(gc.pending, 0);
});

test('a failing item fails alone: its neighbours still commit', async () => {
  const committed: number[] = [];
  const gc = createGroupCommit<number, number>({
    async writeBatch(items) {
      if (items.includes(13)) throw new Error('bad row 13');
      committed.push(...items);
      return items;
    },
  });
  const settled = await Promise.allSettled([1, 2, 13, 4].map((i) => gc.submit(i)));
  assert.deepEqual(
    settled.map((s) => s.status),
    ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
  );
  assert.match(String((settled[2] as PromiseRejectedResult).reason), /bad row 13/);
  assert.deepEqual(
    committed.sort((a, b) => a - b),
    [1, 2, 4],
  );
});

test('maxBatch splits a long queue and drain waits for everything', async () => {
  const sizes: number[] = [];
  const gc = createGroupCommit<number, number>({
    maxBatch: 10,
    async writeBatch(items) {
      sizes.push(items.length);
      await tick();
      return items;
    },
  });
  for (let i = 0; i < 25; i++) void gc.submit(i);
  await gc.drain();
  assert.deepEqual(sizes, [10, 10, 5]);
  assert.equal(gc.pending, 0);
});

test('a writeBatch that returns the wrong number of results rejects its callers', async () => {
  const gc = createGroupCommit<number, number>({ writeBatch: async () => [] });
  await assert.rejects(gc.submit(1), /returned 0 results for 1 items/);
});
