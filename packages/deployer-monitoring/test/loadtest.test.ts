import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordingIoHost, resolvedEnvironmentSchema } from '@mlship/core';
import { createProxy, readProxyConfig } from '@mlship/lambda-proxy';
import {
  type LocalServer,
  type RuntimeStandIn,
  startLocalFront,
  startRuntimeStandIn,
} from '@mlship/lambda-proxy/local';
import { tempDir } from '@mlship/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The proxy team's helpers: examples/iris-onnx started as its container would be, and a real redis-server.
import { startIrisServer } from '../../lambda-proxy/test/support/iris-server.js';
import {
  type RedisServer,
  redisUnavailable,
  startRedisServer,
} from '../../lambda-proxy/test/support/redis-server.js';
import { useRuntimeStandIn } from '../../lambda-proxy/test/support/sdk-env.js';
import { loadtest } from '../src/index.js';
import { checkUrl } from '../src/loadtest/target.js';

let iris: { url: string; stop(): void };
let bodyFile: string;

beforeAll(async () => {
  iris = await startIrisServer();
  const dir = await tempDir();
  bodyFile = join(dir.path, 'row.json');
  await writeFile(bodyFile, JSON.stringify({ instances: [[5.1, 3.5, 1.4, 0.2]] }));
}, 90_000);
afterAll(() => iris?.stop());

describe('mlship loadtest', () => {
  it('drives the local example for a bounded number of requests and summarizes it', async () => {
    const host = new RecordingIoHost();
    const summary = await loadtest({
      host,
      url: `${iris.url}/invocations`,
      bodyFile,
      durationSeconds: 30,
      connections: 2,
      maxRequests: 40,
    });
    expect(summary.requests).toBe(40);
    expect(summary.statusCodes).toEqual({ 200: 40 });
    expect([summary.errors, summary.non2xx]).toEqual([0, 0]);
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);
    // The container answers no x-cache header: no ratio rather than a made-up 0 %.
    expect(summary.xCache.hitRatio).toBeNull();
    const text = JSON.stringify(host.events);
    expect(text).toContain('x-cache HIT ratio');
    expect(text).toContain('req/s');
  });

  describe.skipIf(redisUnavailable())('through the Lambda proxy and its local front (the dev stack)', () => {
    let redis: RedisServer;
    let runtime: RuntimeStandIn;
    let front: LocalServer;
    let close: () => Promise<void>;

    beforeAll(async () => {
      redis = await startRedisServer();
      runtime = await startRuntimeStandIn({ upstream: iris.url, endpoints: ['iris-dev'] });
      useRuntimeStandIn(runtime.url);
      const proxy = createProxy(
        readProxyConfig({
          ENDPOINT_NAME: 'iris-dev',
          MODEL_VERSION: 'v1',
          REDIS_URL: redis.url,
          REDIS_COMMAND_TIMEOUT_MS: '1000',
          REDIS_CONNECT_TIMEOUT_MS: '1000',
        }),
        { writeMetrics: () => {} },
      );
      front = await startLocalFront({ handler: proxy.handler });
      close = async () => {
        await front.close();
        await proxy.close();
        await runtime.close();
        await redis.stop();
      };
    }, 60_000);
    afterAll(() => close?.());

    it('shows the x-cache HIT ratio of the cached proxy', async () => {
      const summary = await loadtest({
        host: new RecordingIoHost(),
        localUrl: `${front.url}/predict`,
        bodyFile,
        connections: 1,
        maxRequests: 30,
      });
      // One body: the first request misses and fills Redis, every later one is a HIT.
      expect(summary.xCache).toEqual({ hit: 29, miss: 1, other: 0, hitRatio: 29 / 30 });
      expect(runtime.invocations('iris-dev')).toBe(1);
    });
  });

  it('refuses a handed-over URL that is neither loopback nor deployed; an explicit --url may go anywhere', async () => {
    await expect(
      loadtest({ host: new RecordingIoHost(), localUrl: 'https://api.example.com/predict' }),
    ).rejects.toMatchObject({ code: 'LOADTEST_URL_REFUSED' });
    expect(checkUrl('https://api.example.com/predict', true, []).hostname).toBe('api.example.com');
    expect(
      checkUrl('https://abc.execute-api.us-east-1.amazonaws.com/v1/predict', false, [
        'https://abc.execute-api.us-east-1.amazonaws.com/v1',
      ]).pathname,
    ).toBe('/v1/predict');
    expect(checkUrl('http://[::1]:8080/predict', false, []).port).toBe('8080');
  });

  it('--env takes the deployed URL; an Apigee front door needs --url and the token in --header', async () => {
    const dir = await tempDir();
    const base = {
      name: 'iris',
      model: { framework: 'onnx' },
      region: 'us-east-1',
      image: { repository: 'iris' },
      sagemaker: { executionRoleArn: 'arn:aws:iam::123456789012:role/x' },
    };
    const resolved = (front: string) => ({
      env: 'dev',
      file: join(dir.path, 'release.yaml'),
      config: resolvedEnvironmentSchema.parse({ ...base, front }),
    });
    await mkdir(join(dir.path, '.mlship'));
    const invokeUrl = 'https://abc.execute-api.us-east-1.amazonaws.com/v1';
    await writeFile(
      join(dir.path, '.mlship', 'dev.outputs.json'),
      JSON.stringify({ targets: { apigateway: { invokeUrl } } }),
    );
    const host = new RecordingIoHost();
    await expect(loadtest({ host, env: 'dev', resolved: resolved('apigee') })).rejects.toMatchObject({
      code: 'LOADTEST_AUTH_UNSUPPORTED',
      message: expect.stringContaining('auth service'),
    });
    await expect(loadtest({ host, env: 'dev', resolved: resolved('none') })).rejects.toMatchObject({
      code: 'LOADTEST_BAD_OPTION',
      message: expect.stringContaining('no deployed HTTP front door'),
    });
    // A handed-over URL is checked against the deployed one.
    await expect(
      loadtest({
        host,
        env: 'dev',
        resolved: resolved('apigateway'),
        localUrl: 'https://elsewhere.example/v1/predict',
      }),
    ).rejects.toMatchObject({ code: 'LOADTEST_URL_REFUSED' });
  });

  it('names the flag that is out of bounds, before sending anything', async () => {
    const host = new RecordingIoHost();
    await expect(loadtest({ host, url: iris.url, durationSeconds: 0 })).rejects.toMatchObject({
      code: 'LOADTEST_BAD_OPTION',
      message: expect.stringContaining('--duration'),
    });
    await expect(loadtest({ host, url: iris.url, connections: 5000 })).rejects.toMatchObject({
      message: expect.stringContaining('--connections'),
    });
    await expect(loadtest({ host, url: iris.url, bodyFile: '/nonexistent.json' })).rejects.toMatchObject({
      code: 'LOADTEST_BAD_OPTION',
    });
    await expect(loadtest({ host })).rejects.toMatchObject({ code: 'LOADTEST_BAD_OPTION' });
  });
});
