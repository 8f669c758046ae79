// Group commit: many concurrent callers' rows written in one transaction.
//
// PGlite runs one query at a time, so one transaction per HTTP request caps a hot write path at the
// rate of transactions (a few hundred a second), not of rows. A group commit keeps the guarantee
// "acknowledged means committed" while paying for one transaction per batch: items submitted
// while a batch is being written wait together and go into the next batch, and each caller's
// promise settles only after the batch holding its item has committed (or failed).
//
// Rules for a `writeBatch`:
// - Write the whole batch in one transaction (typically one multi-row INSERT ... ON CONFLICT) and
//   return exactly one result per item, in the items' order.
// - Validate items before submitting them: a batch is all or nothing, so a bad row would fail its
//   neighbours. As a safety net, when a batch of several items fails, each item is retried alone,
//   so only the bad one rejects and its neighbours still commit.
//
// Used by the survey answer POST (features/answers/record-answer.ts); meant for any hot public
// write, such as counting share-link clicks.

export type GroupCommitOptions<Item, Result> = {
  /** Writes the items in one transaction; resolves with one result per item, in order. */
  writeBatch(items: Item[]): Promise<Result[]>;
  /** The most items written in one transaction (default 500). */
  maxBatch?: number;
  /**
   * How many batches may be written at the same time (default 1). Keep 1 on PGlite, which runs one
   * transaction at a time anyway; on PostgreSQL up to the pool size lets batches overlap.
   */
  concurrency?: number;
};

export type GroupCommit<Item, Result> = {
  /** Queues an item; resolves with its result once the batch holding it has committed. */
  submit(item: Item): Promise<Result>;
  /** Resolves when everything submitted so far has been written (or has failed). */
  drain(): Promise<void>;
  /** Items waiting for a batch plus items in batches being written. */
  readonly pending: number;
};

type Waiting<Item, Result> = {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
};

export function createGroupCommit<Item, Result>(
  options: GroupCommitOptions<Item, Result>,
): GroupCommit<Item, Result> {
  const maxBatch = options.maxBatch ?? 500;
  const concurrency = options.concurrency ?? 1;
  let queue: Waiting<Item, Result>[] = [];
  let running = 0;
  let inFlight = 0;
  let scheduled = false;
  let drainWaiters: (() => void)[] = [];

  const settleDrain = () => {
    if (queue.length === 0 && running === 0) {
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const w of waiters) w();
    }
  };

  async function writeOne(entry: Waiting<Item, Result>) {
    try {
      const [result] = await options.writeBatch([entry.item]);
      entry.resolve(result as Result);
    } catch (error) {
      entry.reject(error);
    }
  }

  async function writeBatch(batch: Waiting<Item, Result>[]) {
    try {
      const results = await options.writeBatch(batch.map((w) => w.item));
      if (results.length !== batch.length) {
        throw new Error(
          `group commit: writeBatch returned ${results.length} results for ${batch.length} items`,
        );
      }
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i] as Result);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Isolate the culprit: each item alone, one after the other, so the good ones still commit.
      for (const entry of batch) await writeOne(entry);
    }
  }

  function pump() {
    scheduled = false;
    while (running < concurrency && queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      running++;
      inFlight += batch.length;
      writeBatch(batch).finally(() => {
        running--;
        inFlight -= batch.length;
        // Whatever arrived while this batch was written is the next batch.
        if (queue.length > 0) pump();
        settleDrain();
      });
    }
  }

  return {
    submit(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // When idle, wait for the rest of this turn of the event loop: requests parsed from the
        // same socket reads then share the first batch instead of each starting its own.
        if (running < concurrency && !scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
    drain() {
      if (queue.length === 0 && running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push(resolve));
    },
    get pending() {
      return queue.length + inFlight;
    },
  };
}
