import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheKey } from '../src/cache-key.js';
import { createProxy, type LambdaProxy, type ProxyEnv, readProxyConfig } from '../src/index.js';
import { type RuntimeStandIn, startLocalFront, startRuntimeStandIn } from '../src/local/index.js';
import { parse, v1Event } from './support/events.js';
import { startIrisServer } from './support/iris-server.js';
import { type RedisServer, redisUnavailable, startRedisServer } from './support/redis-server.js';
import { useRuntimeStandIn } from './support/sdk-env.js';
import { startStubUpstream } from './support/stub-upstream.js';

// The proxy against a real redis-server and examples/iris-onnx behind the SageMaker Runtime stand-in, reached by
// the real SDK client. redis-server comes from the Debian package (.ci/run installs it).
const row = [5.1, 3.5, 1.4, 0.2];

let redis: RedisServer;
let iris: { url: string; stop(): void };
let echo: Awaited<ReturnType<typeof startStubUpstream>>;
let runtime: RuntimeStandIn;
let proxy: LambdaProxy;
const proxies: LambdaProxy[] = [];
let metrics: string[] = [];

function makeProxy(env: ProxyEnv = {}): LambdaProxy {
  const made = createProxy(
    readProxyConfig({
      ENDPOINT_NAME: 'iris',
      MODEL_VERSION: 'v1',
      REDIS_URL: redis.url,
      REDIS_COOLDOWN_MS: '200',
      // Generous on a loaded machine; the hung-Redis test sets the production default of 100 ms.
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      REDIS_CONNECT_TIMEOUT_MS: '1000',
      ...env,
    }),
    { writeMetrics: (line) => metrics.push(line) },
  );
  proxies.push(made);
  return made;
}

const predict = async (body: unknown, headers: Record<string, string> = {}, on: LambdaProxy = proxy) => {
  const result = await on.handler(v1Event('/predict', body, headers));
  return { status: result.statusCode, cache: result.headers['x-cache'], body: parse(result.body) };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends until the proxy uses Redis again (the breaker's cool-down is 200 ms here); every answer must be a 200. */
async function untilCached(body: unknown): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await predict(body);
    expect(answer.status).toBe(200);
    if (answer.cache !== 'BYPASS') return answer.cache as string;
    await sleep(50);
  }
  throw new Error('Redis was never used again');
}

describe.skipIf(redisUnavailable())('proxy cache with real Redis and the iris endpoint', () => {
  beforeAll(async () => {
    [redis, iris, echo] = await Promise.all([
      startRedisServer(),
      startIrisServer(),
      startStubUpstream((body) => ({ status: 200, body: JSON.stringify({ predictions: [body.length] }) })),
    ]);
    runtime = await startRuntimeStandIn({
      upstream: (name) => (name === 'echo' ? echo.url : iris.url),
      endpoints: ['iris', 'echo'],
    });
    useRuntimeStandIn(runtime.url);
  }, 90_000);

  afterAll(async () => {
    await runtime?.close();
    await echo?.close();
    iris?.stop();
    await redis?.stop();
  });

  beforeEach(async () => {
    await redis.start();
    redis.resume();
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    metrics = [];
    proxy = makeProxy();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(proxies.splice(0).map((made) => made.close()));
  });

  it('answers MISS, then HIT for the same body without calling the endpoint again', async () => {
    const before = runtime.invocations('iris');
    const first = await predict({ instances: [row] });
    expect(first).toMatchObject({ status: 200, cache: 'MISS' });
    expect((first.body.predictions as number[][])[0]).toHaveLength(3);
    const second = await predict({ instances: [row] });
    expect(second).toEqual({ ...first, cache: 'HIT' });
    expect(runtime.invocations('iris') - before).toBe(1);
  });

  it('stores the entry under the documented key with CACHE_TTL_SECONDS', async () => {
    const short = makeProxy({ CACHE_TTL_SECONDS: '120' });
    await predict({ instances: [row] }, {}, short);
    const admin = new Redis(redis.url);
    try {
      const ttl = await admin.ttl(cacheKey('iris', 'v1', { instances: [row] }));
      expect(ttl).toBeGreaterThan(100);
      expect(ttl).toBeLessThanOrEqual(120);
    } finally {
      admin.disconnect();
    }
  });

  it('answers over real HTTP through the local API Gateway front, which checks the API key', async () => {
    const front = await startLocalFront({ handler: proxy.handler, apiKey: 'local-key' });
    try {
      const send = (key?: string) =>
        fetch(`${front.url}/predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
          body: JSON.stringify({ instances: [row] }),
        });
      expect((await send()).status).toBe(403);
      expect((await send('wrong-key')).status).toBe(403);
      const first = await send('local-key');
      const second = await send('local-key');
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
      expect(await second.json()).toEqual(await first.json());
      expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await front.close();
    }
  });

  it('serves a HIT when the same body arrives with its keys in another order, at every depth', async () => {
    const on = makeProxy({ ENDPOINT_NAME: 'echo' });
    const first = await predict({ b: 1, a: { y: [1, { q: 1, p: 2 }], x: 2 } }, {}, on);
    const reordered = await predict({ a: { x: 2, y: [1, { p: 2, q: 1 }] }, b: 1 }, {}, on);
    const different = await predict({ a: { x: 2, y: [{ p: 2, q: 1 }, 1] }, b: 1 }, {}, on);
    expect([first.cache, reordered.cache, different.cache]).toEqual(['MISS', 'HIT', 'MISS']);
    expect(reordered.body).toEqual(first.body);
    expect(runtime.invocations('echo')).toBe(2);
  });

  it('misses for a body cached under another MODEL_VERSION', async () => {
    expect((await predict({ instances: [row] })).cache).toBe('MISS');
    expect((await predict({ instances: [row] })).cache).toBe('HIT');
    const next = makeProxy({ MODEL_VERSION: 'v2' });
    expect((await predict({ instances: [row] }, {}, next)).cache).toBe('MISS');
    expect((await predict({ instances: [row] }, {}, next)).cache).toBe('HIT');
  });

  it('skips the read on Cache-Control: no-cache (BYPASS) and still refreshes the entry', async () => {
    const before = runtime.invocations('iris');
    expect((await predict({ instances: [row] })).cache).toBe('MISS');
    expect((await predict({ instances: [row] }, { 'Cache-Control': 'no-cache' })).cache).toBe('BYPASS');
    expect((await predict({ instances: [row] })).cache).toBe('HIT');
    expect(runtime.invocations('iris') - before).toBe(2);
  });

  it('does not cache model errors, nor answers larger than CACHE_MAX_ENTRY_BYTES', async () => {
    const bad = { instances: [[1, 2, 3]] };
    const errors = [await predict(bad), await predict(bad)];
    expect(errors.map((e) => [e.status, e.cache, e.body.code])).toEqual([
      [424, 'MISS', 'MODEL_ERROR'],
      [424, 'MISS', 'MODEL_ERROR'],
    ]);
    const small = makeProxy({ CACHE_MAX_ENTRY_BYTES: '20' });
    const answers = [
      await predict({ instances: [row] }, {}, small),
      await predict({ instances: [row] }, {}, small),
    ];
    expect(answers.map((a) => a.cache)).toEqual(['MISS', 'MISS']);
    expect((await predict({ instances: [row] })).cache).toBe('MISS');
    expect((await predict({ instances: [row] })).cache).toBe('HIT');
  });

  it('writes one EMF line per response with the cache result and latencies, in namespace mlship/proxy', async () => {
    await predict({ instances: [row] });
    await predict({ instances: [row] });
    expect(metrics).toHaveLength(2);
    const [miss, hit] = metrics.map((line) => JSON.parse(line));
    expect(miss._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'mlship/proxy',
      Dimensions: [['endpoint']],
    });
    expect(miss).toMatchObject({
      endpoint: 'iris',
      CacheHit: 0,
      CacheMiss: 1,
      CacheBypass: 0,
      statusCode: 200,
    });
    expect(miss.ModelLatency).toBeGreaterThan(0);
    expect(miss.TotalLatency).toBeGreaterThanOrEqual(miss.ModelLatency);
    expect(hit).toMatchObject({ CacheHit: 1, CacheMiss: 0 });
    expect(hit.ModelLatency).toBeUndefined();
    expect(hit._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).not.toContain(
      'ModelLatency',
    );
  });

  it('makes one InvokeEndpoint for concurrent identical misses (single-flight), counted at the stand-in', async () => {
    const before = runtime.invocations('iris');
    const body = { instances: [[6.7, 3.0, 5.2, 2.3]] };
    const answers = await Promise.all(Array.from({ length: 8 }, () => predict(body)));
    expect(answers.every((a) => a.status === 200 && a.cache === 'MISS')).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(runtime.invocations('iris') - before).toBe(1);
  });

  it('keeps answering when Redis is stopped mid-test: BYPASS with one coded warning, then HIT after it returns', async () => {
    const warnings = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect((await predict({ instances: [row] })).cache).toBe('MISS');
    expect((await predict({ instances: [row] })).cache).toBe('HIT');
    await redis.stop();
    const down = await Promise.all(Array.from({ length: 20 }, () => predict({ instances: [row] })));
    expect(down.filter((a) => a.status !== 200)).toEqual([]);
    expect(new Set(down.map((a) => a.cache))).toEqual(new Set(['BYPASS']));
    const logged = warnings.mock.calls.map(([line]) => String(line)).filter((l) => l.includes('PROXY_REDIS'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] as string)).toMatchObject({ level: 'WARN', code: 'PROXY_REDIS_UNAVAILABLE' });

    await redis.start();
    expect(await untilCached({ instances: [row] })).toBe('MISS');
    expect((await predict({ instances: [row] })).cache).toBe('HIT');
  });

  it('answers within the command timeout plus the endpoint latency while Redis hangs (SIGSTOP), then caches again', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    proxy = makeProxy({ REDIS_COMMAND_TIMEOUT_MS: '100', REDIS_CONNECT_TIMEOUT_MS: '100' });
    expect((await predict({ instances: [row] })).cache).toBe('MISS');
    redis.pause();
    const timings: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const answer = await predict({ instances: [row] });
      timings.push(performance.now() - started);
      expect(answer).toMatchObject({ status: 200, cache: 'BYPASS' });
      // Past the 200 ms cool-down the next request tries a fresh connection to the frozen server.
      if (i === 2) await sleep(300);
    }
    // 100 ms command timeout + a local endpoint; ioredis' defaults (no command timeout) would hang here.
    expect(Math.max(...timings)).toBeLessThan(1000);
    redis.resume();
    expect(await untilCached({ instances: [row] })).toBe('HIT');
  });
});
