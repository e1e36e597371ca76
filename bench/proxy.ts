/**
 * Lambda proxy benchmark: handler-internal latency with a loopback redis-server and examples/iris-onnx behind the
 * SageMaker Runtime stand-in (the real SDK client), all in one run:
 * - HIT: the same body again and again; MISS: a new body each time, interleaved with direct InvokeEndpoint calls
 *   (the same SDK call without the proxy: the baseline the MISS overhead is measured against);
 * - Redis killed (SIGKILL) and Redis hung (SIGSTOP) in the middle of a concurrent run: failed and slow requests;
 * - the zip's size and its module init time under Node 24 (fresh processes).
 * Usage: pnpm bench:proxy   (BENCH_REQUESTS=2000). Writes bench/results/proxy.json, prints Markdown.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadProxyArtifact } from '../packages/lambda-proxy/src/artifact.js';
import { bundleProxy } from '../packages/lambda-proxy/src/bundle.js';
import { createProxy, readProxyConfig } from '../packages/lambda-proxy/src/index.js';
import { sageMakerInvoke } from '../packages/lambda-proxy/src/invoke.js';
import { startRuntimeStandIn } from '../packages/lambda-proxy/src/local/index.js';
import { v1Event } from '../packages/lambda-proxy/test/support/events.js';
import { startIrisServer } from '../packages/lambda-proxy/test/support/iris-server.js';
import { node24 } from '../packages/lambda-proxy/test/support/node24.js';
import { startRedisServer } from '../packages/lambda-proxy/test/support/redis-server.js';
import { useRuntimeStandIn } from '../packages/lambda-proxy/test/support/sdk-env.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
/** e.g. BENCH_PRIORITY=-10 on a shared machine: this process and its children (Redis, iris) run at that priority. */
const priority = process.env.BENCH_PRIORITY ? Number(process.env.BENCH_PRIORITY) : undefined;
if (priority !== undefined) setPriority(priority);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
};
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const row = (i: number) => [5 + (i % 1000) / 1000, 3.5, 1.4, 0.2 + Math.floor(i / 1000) / 1000];

const loadAverageAtStart = loadavg();
const redis = await startRedisServer();
const iris = await startIrisServer();
const runtime = await startRuntimeStandIn({ upstream: iris.url, endpoints: ['iris'] });
useRuntimeStandIn(runtime.url);
const env = {
  ENDPOINT_NAME: 'iris',
  MODEL_VERSION: 'bench',
  REDIS_URL: redis.url,
  REDIS_COOLDOWN_MS: '1000',
};
const proxy = createProxy(readProxyConfig(env), { writeMetrics: () => {} });
// The same InvokeEndpoint call (SDK client, body, headers) without the proxy around it.
const direct = sageMakerInvoke();

async function timed<T>(call: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await call();
  return [performance.now() - started, result];
}

// Warm-up: JIT, connections (Redis, stand-in, iris), SDK credential and endpoint resolution.
for (let i = 0; i < 1000; i++) await proxy.handler(v1Event('/predict', { instances: [row(i)] }));

const hit = v1Event('/predict', { instances: [row(0)] });
const hitMs: number[] = [];
// A Redis command past its 100 ms timeout (possible on an overloaded machine) makes a BYPASS: counted, not timed.
const notHit = 0;
const notMiss = 0;
for (let i = 0; i < requests; i++) {
  const [ms, result] = await timed(() => proxy.handler(hit));
  if (result.headers['x-cache'] !== 'HIT')
    throw new Error(`expected a HIT, got ${result.headers['x-cache']}`);
  hitMs.push(ms);
}

const missMs: number[] = [];
const directMs: number[] = [];
const misses = Math.min(requests, 1000);
for (let i = 0; i < misses; i++) {
  const body = { instances: [row(10_000 + i)] };
  const [proxied, result] = await timed(() => proxy.handler(v1Event('/predict', body)));
  if (result.headers['x-cache'] !== 'MISS')
    throw new Error(`expected a MISS, got ${result.headers['x-cache']}`);
  missMs.push(proxied);
  const payload = Buffer.from(JSON.stringify({ instances: [row(20_000 + i)] }));
  directMs.push((await timed(() => direct('iris', payload, 60_000)))[0]);
}

/**
 * 8 concurrent clients over 40 bodies for 3 s; `disturb` runs at 1 s and `repair` at 2 s. A request "paid" Redis when
 * the handler's own time (its EMF TotalLatency minus ModelLatency) exceeded 50 ms: the endpoint's latency under load
 * is not counted against Redis.
 */
async function underFailure(disturb: () => void | Promise<void>, repair: () => void | Promise<void>) {
  const overheads = new Map<string, number>();
  const failing = createProxy(readProxyConfig(env), {
    writeMetrics: (line) => {
      const m = JSON.parse(line) as { requestId: string; TotalLatency: number; ModelLatency?: number };
      overheads.set(m.requestId, m.TotalLatency - (m.ModelLatency ?? 0));
    },
  });
  const samples: { at: number; ms: number; overhead: number; status: number; cache: string }[] = [];
  const start = performance.now();
  let stop = false;
  let disturbedAt = 0;
  const client = async (id: number) => {
    for (let i = id; !stop; i += 8) {
      const at = performance.now() - start;
      const [ms, result] = await timed(() =>
        failing.handler(v1Event('/predict', { instances: [row(i % 40)] }), { awsRequestId: `r${id}-${i}` }),
      );
      const overhead = overheads.get(result.headers['x-request-id'] ?? '') ?? Number.NaN;
      samples.push({ at, ms, overhead, status: result.statusCode, cache: result.headers['x-cache'] ?? '' });
    }
  };
  const clients = Array.from({ length: 8 }, (_, id) => client(id));
  await sleep(1000);
  disturbedAt = performance.now() - start;
  await disturb();
  await sleep(1000);
  await repair();
  await sleep(1000);
  stop = true;
  await Promise.all(clients);
  await failing.close();
  const paid = samples.filter((s) => s.overhead > 50);
  return {
    requests: samples.length,
    failed: samples.filter((s) => s.status !== 200).length,
    bypass: samples.filter((s) => s.cache === 'BYPASS').length,
    paidRedisOver50Ms: paid.length,
    // The same count in the undisturbed first second: what the shared machine's stalls cost on their own.
    paidBeforeDisturbance: paid.filter((s) => s.at < disturbedAt).length,
    paidStartedMsAfterDisturbance: paid.map((s) => round(s.at - disturbedAt)),
    maxHandlerOverheadMs: round(Math.max(...samples.map((s) => s.overhead))),
    p50Ms: quantile(
      samples.map((s) => s.ms),
      0.5,
    ),
    p99Ms: quantile(
      samples.map((s) => s.ms),
      0.99,
    ),
  };
}

const killed = await underFailure(
  () => redis.stop(),
  () => redis.start(),
);
const hung = await underFailure(
  () => redis.pause(),
  () => redis.resume(),
);

const artifact = await loadProxyArtifact();
const init = await initUnderNode24(await bundleProxy());
await proxy.close();
await runtime.close();
iris.stop();
await redis.stop();

/** The zip's only file, index.mjs, imported in fresh Node 24 processes. */
async function initUnderNode24(code: Uint8Array) {
  const node = node24();
  if ('skip' in node) return { skipped: node.skip };
  const dir = mkdtempSync(join(tmpdir(), 'mlship-bench-proxy-'));
  writeFileSync(join(dir, 'index.mjs'), code);
  const script = `const t=performance.now();await import('./index.mjs');process.stdout.write(String(performance.now()-t));`;
  writeFileSync(join(dir, 'init.mjs'), script);
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const { stdout } = await promisify(execFile)(node.path, ['init.mjs'], {
      cwd: dir,
      env: { PATH: process.env.PATH, ENDPOINT_NAME: 'iris', REDIS_URL: redis.url, AWS_REGION: 'us-east-1' },
    });
    runs.push(Number(stdout));
  }
  const version = (await promisify(execFile)(node.path, ['--version'])).stdout.trim();
  return { node: version, medianMs: quantile(runs, 0.5), runsMs: runs.map(round) };
}

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  priority,
  loadAverageAtStart,
  zip: { bytes: artifact.size, sha256Base64: artifact.sha256Base64 },
  initUnderNode24: init,
  hit: { requests, notHit, p50Ms: quantile(hitMs, 0.5), p99Ms: quantile(hitMs, 0.99) },
  miss: { requests: misses, notMiss, p50Ms: quantile(missMs, 0.5), p99Ms: quantile(missMs, 0.99) },
  directInvoke: { requests: misses, p50Ms: quantile(directMs, 0.5), p99Ms: quantile(directMs, 0.99) },
  missOverheadP50Ms: round(quantile(missMs, 0.5) - quantile(directMs, 0.5)),
  redisKilled: killed,
  redisHung: hung,
};
writeFileSync(join(import.meta.dirname, 'results', 'proxy.json'), `${JSON.stringify(results, null, 2)}\n`);
const initText = 'medianMs' in init ? `${init.medianMs} ms (${init.node})` : `skipped: ${init.skipped}`;
process.stdout.write(`| measure | value | target |
| --- | --- | --- |
| zip size | ${(artifact.size / 1024).toFixed(1)} KiB | ≤ 500 KB |
| module init under Node 24 (median of 7) | ${initText} | |
| HIT p50 / p99 | ${results.hit.p50Ms} / ${results.hit.p99Ms} ms | ≤ 1 / ≤ 5 ms |
| MISS p50 / p99 | ${results.miss.p50Ms} / ${results.miss.p99Ms} ms | |
| direct InvokeEndpoint p50 / p99 | ${results.directInvoke.p50Ms} / ${results.directInvoke.p99Ms} ms | baseline |
| MISS overhead p50 | ${results.missOverheadP50Ms} ms | ≤ 2 ms |
| Redis killed at 1 s, back at 2 s: failed / requests / paid > 50 ms (before the kill) | ${killed.failed} / ${killed.requests} / ${killed.paidRedisOver50Ms} (${killed.paidBeforeDisturbance}) | 0 failed |
| Redis hung (SIGSTOP) at 1 s, SIGCONT at 2 s: failed / requests / paid > 50 ms (before the freeze) | ${hung.failed} / ${hung.requests} / ${hung.paidRedisOver50Ms} (${hung.paidBeforeDisturbance}) | 0 failed |
`);
process.exit(0);
