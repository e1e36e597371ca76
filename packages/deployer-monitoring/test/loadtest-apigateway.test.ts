import { RecordingIoHost } from '@mlship/core';
import { createProxy, type LambdaProxy, type ProxyEvent } from '@mlship/lambda-proxy';
import { type InvokeGateway, startInvokeGateway } from '@mlship/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The API Gateway team's harness: the AWS fakes, a deploy of the front door into them and a real redis-server.
import { ACCOUNT, engine, resolved, useFakeAws } from '../../deployer-apigateway/test/harness.js';
import { startRedis } from '../../deployer-apigateway/test/redis.js';
import { loadtest } from '../src/index.js';

const h = useFakeAws();
let gateway: InvokeGateway;
let redis: Awaited<ReturnType<typeof startRedis>>;
let proxy: LambdaProxy;
let invocations = 0;

beforeAll(async () => {
  redis = await startRedis();
  gateway = await startInvokeGateway({
    apigateway: h.aws.apigateway,
    cognito: h.aws.cognito,
    lambda: h.aws.lambda,
    jwks: () => h.aws.tokens.key.jwks(),
  });
  proxy = createProxy(
    {
      endpointName: 'iris-dev',
      modelVersion: 'v1',
      redisUrl: redis.url,
      cacheTtlSeconds: 60,
      cacheMaxEntryBytes: 65536,
      maxBodyBytes: 6_291_456,
      redisConnectTimeoutMs: 500,
      redisCommandTimeoutMs: 500,
      redisCooldownMs: 1000,
      invokeTimeoutMs: 5000,
      originSecret: undefined,
    },
    {
      writeMetrics: () => {},
      invoke: async () => {
        invocations += 1;
        return { body: JSON.stringify({ predictions: [0] }), base64: false, contentType: 'application/json' };
      },
    },
  );
  gateway.setHandler(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy:live`, (event) =>
    proxy.handler(event as unknown as ProxyEvent),
  );
});
afterAll(async () => {
  await proxy?.close();
  await gateway?.close();
  await redis?.stop();
});

describe('mlship loadtest --env against an API Gateway environment (token → API Gateway → proxy)', () => {
  it('takes the URL, the Cognito token and the API key from the outputs, and never prints them', async () => {
    const env = { ...process.env, MLSHIP_APIGATEWAY_INVOKE_URL: gateway.urlTemplate };
    const config = resolved(h.dir.path);
    await engine(h, config, env).deploy();
    // The token as the token endpoint handed it out, to check it is never printed.
    const tokens: string[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      const body = await response.clone().text();
      if (body.includes('access_token')) tokens.push(JSON.parse(body).access_token);
      return response;
    });
    const host = new RecordingIoHost();
    const summary = await loadtest({
      host,
      env: 'dev',
      resolved: config,
      processEnv: env,
      connections: 1,
      maxRequests: 20,
      durationSeconds: 30,
    });
    spy.mockRestore();
    expect(summary.url).toMatch(/\/predict$/);
    expect(summary.requests).toBe(20);
    expect(summary.statusCodes).toEqual({ 200: 20 });
    expect([summary.errors, summary.non2xx]).toEqual([0, 0]);
    // One body over one connection: one model call, every later request a HIT from Redis.
    expect(summary.xCache).toMatchObject({ hit: 19, miss: 1 });
    expect(invocations).toBe(1);
    // One token for the run, with the deployed scope.
    expect(h.aws.tokens.issued).toHaveLength(1);
    expect(h.aws.tokens.issued[0]?.scope).toBe('iris/invoke');
    const printed = JSON.stringify(host.events);
    const apiKey = [...h.aws.apigateway.apiKeys.values()][0]?.value;
    expect(tokens).toHaveLength(1);
    expect(apiKey).toMatch(/.{20,}/);
    expect(printed).toContain('req/s');
    expect(printed).not.toContain(tokens[0] as string);
    expect(printed).not.toContain(apiKey as string);
  });
});
