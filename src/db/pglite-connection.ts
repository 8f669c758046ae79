// The app's handle on the embedded database. PGlite is PostgreSQL compiled to WebAssembly; on the
// main thread every statement stops HTTP parsing, routing and rendering until it is done, so the
// app's work and the database's add up on one core. A PgliteConnection stands in for PGlite with
// the part of its API that drizzle, pg-boss and the app use (query, exec, transaction, listen,
// close) and sends each call to a server (pglite-server.ts) that runs it:
// - in a worker thread of its own (`inWorker`, the server with WARMPATH_DB_THREAD=on): the
//   database works while the main thread parses and answers requests;
// - in the same thread (`inProcess`: the default, CLI commands and tests): the same code path
//   without a thread.
//
// Semantics are PGlite's own: one session, statements run one at a time in the order sent, and a
// transaction holds the session from BEGIN to COMMIT. Plain statements are sent as soon as no
// transaction is open or waiting before them, so several can wait in the server at once and it
// never idles between them; a transaction waits its turn, then sends its statements directly,
// and nothing else is sent until it ends.
import type { EventLoopUtilization } from 'node:perf_hooks';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { PGlite, Results } from '@electric-sql/pglite';
import {
  createPgliteServer,
  type PgliteReply,
  type PgliteRequest,
  type QueryOptions,
} from './pglite-server.ts';

/** Where the database thread opens PGlite: a data directory, or memory when unset. */
export type WorkerInit = { dataDir?: string };

type Parser = (value: string, typeId: number) => unknown;
export type ClientQueryOptions = QueryOptions & { parsers?: Record<number, Parser> };

/** A transaction's handle, as PGlite's `transaction` callback receives it. */
export type PgliteTransaction = {
  query<T>(text: string, params?: unknown[], options?: ClientQueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
};

/** What the app needs of an embedded database. */
export type PgliteClient = {
  query<T>(text: string, params?: unknown[], options?: ClientQueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly closed: boolean;
};

/** Where requests go: a worker thread, or a server in this thread. */
type Transport = {
  send(request: PgliteRequest): void;
  /** Keep the process alive while an answer is awaited (a worker thread only). */
  busy(waiting: boolean): void;
  stop(): Promise<void>;
  utilization?(previous?: EventLoopUtilization): EventLoopUtilization;
};

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Unsent = PgliteRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
type Started = { ready: true } | { fatal: string };

export class PgliteConnection implements PgliteClient {
  readonly #transport: Transport;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, Set<(payload: string) => void>>();
  #nextId = 1;
  /** Transactions open or waiting: while any is, plain statements queue behind them. */
  #transactions = 0;
  /** Settles when everything queued so far has been sent (statements) or has ended (transactions). */
  #turn: Promise<void> = Promise.resolve();
  #stopped: Error | undefined;
  #closed = false;

  private constructor(connect: (receive: (reply: PgliteReply) => void) => Transport) {
    this.#transport = connect((reply) => this.#receive(reply));
  }

  /** Opens the database in a worker thread; rejects with PGlite's reason if it cannot. */
  static async inWorker(
    init: WorkerInit,
    options: {
      /** Called once if the thread dies (every later statement then fails with the same error). */
      onStopped?: (error: Error) => void;
      resourceLimits?: ResourceLimits;
    } = {},
  ): Promise<PgliteConnection> {
    const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), {
      workerData: init,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: Started) => {
        if ('ready' in message) resolve();
        else if ('fatal' in message) reject(new Error(message.fatal));
        else return;
        worker.off('message', onMessage);
        worker.off('error', reject);
      };
      worker.on('message', onMessage);
      worker.on('error', reject);
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new PgliteConnection((receive) => {
      // An idle database thread must not keep a finished command alive; it is referenced only
      // while an answer is awaited.
      worker.unref();
      worker.on('message', receive);
      return {
        send: (request) => worker.postMessage(request),
        busy: (waiting) => (waiting ? worker.ref() : worker.unref()),
        stop: async () => {
          await worker.terminate();
        },
        utilization: (previous) => worker.performance.eventLoopUtilization(previous),
      };
    }).#watch(worker, options.onStopped);
  }

  /** Serves an already open PGlite in this thread. */
  static inProcess(client: PGlite): PgliteConnection {
    return new PgliteConnection((receive) => {
      const serve = createPgliteServer(client, receive);
      return { send: serve, busy: () => {}, stop: async () => {} };
    });
  }

  #watch(worker: Worker, onStopped?: (error: Error) => void): this {
    const stop = (error: Error) => {
      if (this.#closed || this.#stopped) return;
      this.#stop(error);
      onStopped?.(error);
    };
    worker.on('error', (error) => stop(new Error(`The embedded database stopped: ${error.message}`)));
    worker.on('exit', (code) => stop(new Error(`The embedded database stopped (thread exit code ${code}).`)));
    return this;
  }

  /** How busy the database thread has been (benchmarks); undefined in-process. */
  eventLoopUtilization(previous?: EventLoopUtilization): EventLoopUtilization | undefined {
    return this.#transport.utilization?.(previous);
  }

  get closed(): boolean {
    return this.#closed;
  }

  query<T>(text: string, params?: unknown[], options?: ClientQueryOptions): Promise<Results<T>> {
    return this.#whenFree(() => this.#query<T>(text, params, options));
  }

  exec(text: string, options?: QueryOptions): Promise<Results[]> {
    return this.#whenFree(() => this.#request({ op: 'exec', text, options }) as Promise<Results[]>);
  }

  async transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
    this.#transactions++;
    const { before, release } = this.#takeTurn();
    try {
      await before;
      return await this.#runTransaction(callback);
    } finally {
      this.#transactions--;
      release();
    }
  }

  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    let callbacks = this.#listeners.get(channel);
    if (!callbacks) {
      callbacks = new Set();
      this.#listeners.set(channel, callbacks);
      await this.#whenFree(() => this.#request({ op: 'listen', channel }));
    }
    callbacks.add(callback);
    return async () => {
      callbacks.delete(callback);
      if (callbacks.size > 0 || this.#listeners.get(channel) !== callbacks) return;
      this.#listeners.delete(channel);
      if (!this.#closed) await this.#whenFree(() => this.#request({ op: 'unlisten', channel }));
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      if (!this.#stopped) await this.#whenFree(() => this.#request({ op: 'close' }));
    } finally {
      this.#closed = true;
      await this.#transport.stop();
    }
  }

  async #runTransaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
    await this.#request({ op: 'exec', text: 'BEGIN' });
    let ended = false;
    const open = () => {
      if (ended) throw new Error('Transaction is closed');
    };
    const tx: PgliteTransaction = {
      query: async (text, params, options) => {
        open();
        return this.#query(text, params, options);
      },
      exec: async (text, options) => {
        open();
        return (await this.#request({ op: 'exec', text, options })) as Results[];
      },
      rollback: async () => {
        open();
        await this.#request({ op: 'exec', text: 'ROLLBACK' });
        ended = true;
      },
      get closed() {
        return ended;
      },
    };
    try {
      const result = await callback(tx);
      if (!ended) {
        ended = true;
        await this.#request({ op: 'exec', text: 'COMMIT' });
      }
      return result;
    } catch (error) {
      if (!ended) {
        ended = true;
        await this.#request({ op: 'exec', text: 'ROLLBACK' }).catch(() => {});
      }
      throw error;
    }
  }

  /** Sends at once when no transaction is open or waiting; otherwise after those before it. */
  #whenFree<T>(send: () => Promise<T>): Promise<T> {
    if (this.#transactions === 0) return send();
    const { before, release } = this.#takeTurn();
    return before.then(() => {
      const answer = send();
      release();
      return answer;
    });
  }

  /** A place in line: `before` settles when those ahead are done; `release` lets the next go. */
  #takeTurn(): { before: Promise<void>; release: () => void } {
    const before = this.#turn;
    let release!: () => void;
    this.#turn = new Promise((resolve) => {
      release = resolve;
    });
    return { before, release };
  }

  async #query<T>(text: string, params: unknown[] | undefined, options: ClientQueryOptions = {}) {
    const { parsers, ...rest } = options;
    // Parsers are functions, which cannot cross threads: the server leaves those types as text
    // and they are parsed here.
    const rawTypes = parsers ? Object.keys(parsers).map(Number) : undefined;
    const result = (await this.#request({
      op: 'query',
      text,
      params,
      options: { ...rest, rawTypes },
    })) as Results<T>;
    if (parsers) parseColumns(result, parsers, rest.rowMode === 'array');
    return result;
  }

  #request(request: Unsent): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    if (this.#closed) return Promise.reject(new Error('The embedded database is closed.'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#transport.busy(true);
      this.#pending.set(id, { resolve, reject });
      this.#transport.send({ ...request, id } as PgliteRequest);
    });
  }

  #receive(reply: PgliteReply) {
    if ('notify' in reply) {
      for (const callback of this.#listeners.get(reply.notify) ?? []) callback(reply.payload);
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#transport.busy(false);
    if ('error' in reply) {
      const error = new Error(reply.error.message);
      error.name = reply.error.name;
      pending.reject(Object.assign(error, reply.error.fields));
    } else {
      pending.resolve(reply.result);
    }
  }

  #stop(error: Error) {
    if (this.#closed) return;
    this.#stopped ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#stopped);
    this.#pending.clear();
  }
}

/** Applies the caller's parsers to the columns of their types (left as text by the server). */
function parseColumns(result: Results<unknown>, parsers: Record<number, Parser>, arrayRows: boolean) {
  result.fields.forEach((field, index) => {
    const parse = parsers[field.dataTypeID];
    if (!parse) return;
    const key = arrayRows ? index : field.name;
    for (const row of result.rows as Record<string | number, unknown>[]) {
      const value = row[key];
      if (typeof value === 'string') row[key] = parse(value, field.dataTypeID);
    }
  });
}
