// The load side of the HTTP benchmarks: a child process (so the load and the server under test do
// not share an event loop) that sends `count` requests over `connections` keep-alive connections
// on loopback and reports the status codes received, the wall time and the latency percentiles.
//
// Requests are described by templates so that the message to the child stays small: `paths` are
// used in turn, and `{i}` in the path or body is replaced by the request's index.
//
//   const result = await runLoad({ port, connections: 100, count: 20_000, paths: ['/r/abc'] });
import { fork } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

export type LoadSpec = {
  port: number;
  connections: number;
  count: number;
  method?: 'GET' | 'POST';
  paths: string[];
  /** Form body template; `{i}` becomes the request's index. */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Index of the first request (so that successive runs send different bodies). */
  offset?: number;
};

export type LoadResult = {
  /** Responses per status code ("error: ..." for failed requests). */
  statuses: Record<string, number>;
  ms: number;
  p50: number;
  p99: number;
};

export const rateOf = (received: number, result: LoadResult) => (received / result.ms) * 1000;

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, ['--load-client'], { stdio: 'inherit' });
    child.once('message', (m) => {
      resolve(m as LoadResult);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code) reject(new Error(`load client exited with ${code}`));
    });
    child.send(spec);
  });
}

/**
 * The client on raw sockets: each connection writes one prebuilt request, reads the status line
 * and Content-Length of the answer, skips the body, and sends the next. Node's http client costs
 * several times more CPU per request, which on a 2-core machine made the load generator, not the
 * server, the bottleneck and the source of most of the measured latency.
 */
async function client(spec: LoadSpec) {
  const latencies = new Float64Array(spec.count);
  const statuses: Record<string, number> = {};
  const offset = spec.offset ?? 0;
  const extra = Object.entries(spec.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const requestBytes = (i: number) => {
    const n = String(offset + i);
    const path = spec.paths[i % spec.paths.length]!.replaceAll('{i}', n);
    const body = spec.body?.replaceAll('{i}', n);
    const head =
      `${spec.method ?? 'GET'} ${path} HTTP/1.1\r\nhost: 127.0.0.1:${spec.port}\r\n${extra}` +
      (body !== undefined
        ? `content-type: ${spec.contentType ?? 'application/x-www-form-urlencoded'}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`
        : '');
    return Buffer.from(`${head}\r\n${body ?? ''}`);
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from(
      { length: spec.connections },
      () =>
        new Promise<void>((resolve) => {
          const socket = net.connect(spec.port, '127.0.0.1');
          socket.setNoDelay(true);
          let pending = Buffer.alloc(0);
          let current = -1;
          let t0 = 0;
          const send = () => {
            current = next++;
            if (current >= spec.count) {
              socket.end();
              return resolve();
            }
            t0 = performance.now();
            socket.write(requestBytes(current));
          };
          socket.on('connect', send);
          socket.on('data', (chunk) => {
            pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
            for (;;) {
              const end = pending.indexOf('\r\n\r\n');
              if (end < 0) return;
              const head = pending.toString('latin1', 0, end);
              const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
              if (pending.length < end + 4 + length) return;
              pending = pending.subarray(end + 4 + length);
              latencies[current] = performance.now() - t0;
              const key = head.slice(9, 12);
              statuses[key] = (statuses[key] ?? 0) + 1;
              send();
            }
          });
          socket.on('error', (e) => {
            const key = `error: ${e.message}`;
            statuses[key] = (statuses[key] ?? 0) + 1;
            resolve();
          });
        }),
    ),
  );
  const ms = performance.now() - started;
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  process.send!({ statuses, ms, p50: pct(0.5), p99: pct(0.99) } satisfies LoadResult);
}

/** The same load through Node's http client (BENCH_HTTP_CLIENT=node), to compare. */
async function nodeHttpClient(spec: LoadSpec) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies = new Float64Array(spec.count);
  const statuses: Record<string, number> = {};
  const offset = spec.offset ?? 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const n = String(offset + i);
      const path = spec.paths[i % spec.paths.length]!.replaceAll('{i}', n);
      const body = spec.body?.replaceAll('{i}', n);
      const t0 = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port: spec.port,
          method: spec.method ?? 'GET',
          path,
          agent,
          headers: {
            ...spec.headers,
            ...(body !== undefined && {
              'content-type': spec.contentType ?? 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
            }),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies[i] = performance.now() - t0;
            const key = String(res.statusCode);
            statuses[key] = (statuses[key] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        const key = `error: ${e.message}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      for (let i = next++; i < spec.count; i = next++) await one(i);
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  process.send!({ statuses, ms, p50: pct(0.5), p99: pct(0.99) } satisfies LoadResult);
}

if (process.argv[2] === '--load-client') {
  process.once('message', (spec: LoadSpec) => {
    (process.env.BENCH_HTTP_CLIENT === 'node' ? nodeHttpClient(spec) : client(spec)).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
