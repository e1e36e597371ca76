import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { RecordingIoHost } from '@mlship/core';
import { createProxy, type LambdaProxy, type ProxyEvent } from '@mlship/lambda-proxy';
import { type InvokeGateway, startInvokeGateway } from '@mlship/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../src/index.js';
import { ACCOUNT, engine, resolved, useFakeAws } from './harness.js';
import { startRedis } from './redis.js';

const h = useFakeAws();
let gateway: InvokeGateway;
let redis: Awaited<ReturnType<typeof startRedis>>;
let proxy: LambdaProxy;
let invocations = 0;
let modelFails = false;
const ALIAS = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy:live`;

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
        if (modelFails) throw new Error('model container crashed');
        return { body: JSON.stringify({ predictions: [0] }), base64: false, contentType: 'application/json' };
      },
    },
  );
  gateway.setHandler(ALIAS, (event) => proxy.handler(event as unknown as ProxyEvent));
});
afterAll(async () => {
  await proxy?.close();
  await gateway?.close();
  await redis?.stop();
});

let env: Record<string, string | undefined>;
beforeEach(async () => {
  invocations = 0;
  modelFails = false;
  gateway.meter.reset();
  env = { ...process.env, MLSHIP_APIGATEWAY_INVOKE_URL: gateway.urlTemplate };
});

async function deployed(apigateway: Record<string, unknown> = {}) {
  const config = resolved(h.dir.path, apigateway);
  await engine(h, config, env).deploy();
  return config;
}

const body = (n: number) => JSON.stringify({ instances: [[5.1, 3.5, 1.4, n]] });

describe('mlship call end to end (token → API Gateway → Lambda proxy → model, with a real Redis)', () => {
  it('answers with the prediction, MISS then HIT, and fetches one token per run', async () => {
    const config = await deployed();
    const host = new RecordingIoHost();
    const first = await call({
      file: config.file,
      env: 'dev',
      host,
      resolved: config,
      processEnv: env,
      data: body(1),
    });
    expect(first).toMatchObject({ status: 200, xCache: 'MISS', body: { predictions: [0] } });
    const second = await call({
      file: config.file,
      env: 'dev',
      host,
      resolved: config,
      processEnv: env,
      data: body(1),
    });
    expect(second).toMatchObject({ status: 200, xCache: 'HIT', body: { predictions: [0] } });
    const batch = await call({
      file: config.file,
      env: 'dev',
      host,
      resolved: config,
      processEnv: env,
      data: body(2),
      path: '/invocations',
    });
    expect(batch).toMatchObject({ status: 200, xCache: 'MISS' });
    expect(invocations).toBe(2);
    expect(h.aws.tokens.issued).toHaveLength(3);
    expect(h.aws.tokens.issued[0]?.scope).toBe('iris/invoke');
    const result = host.events.find((e) => e.kind === 'result') as { text: string };
    expect(result.text).toMatch(/HTTP 200 · x-cache: MISS · \d+ ms/);
  });

  it('prints curl commands with masked secrets, and with --show-secrets ones that work when run', async () => {
    const config = await deployed();
    const masked = await call({
      file: config.file,
      env: 'dev',
      host: new RecordingIoHost(),
      resolved: config,
      processEnv: env,
      data: body(7),
      curl: true,
    });
    const [pool] = [...h.aws.cognito.pools.values()];
    const secret = [...(pool?.clients.values() ?? [])][0]?.ClientSecret as string;
    const keyValue = [...h.aws.apigateway.apiKeys.values()][0]?.value as string;
    expect(JSON.stringify(masked)).not.toContain(secret);
    expect(JSON.stringify(masked)).not.toContain(keyValue);
    expect(JSON.stringify(masked)).toContain('********');
    const shown = (await call({
      file: config.file,
      env: 'dev',
      host: new RecordingIoHost(),
      resolved: config,
      processEnv: env,
      data: body(7),
      curl: true,
      showSecrets: true,
    })) as { curl: string[] };
    expect(shown.curl.join('\n')).toContain(secret);
    const script = `${h.dir.path}/call.sh`;
    await writeFile(script, `set -euo pipefail\n${shown.curl.join('\n')}\n`);
    const { stdout } = await promisify(execFile)('bash', [script]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(stdout.toLowerCase()).toContain('x-cache: miss');
    expect(stdout).toContain('"predictions":[0]');
  });

  it('turns each refusal into its coded error', async () => {
    const config = await deployed({ quota: { limit: 2, period: 'DAY' } });
    const run = (data = body(3)) =>
      call({
        file: config.file,
        env: 'dev',
        host: new RecordingIoHost(),
        resolved: config,
        processEnv: env,
        data,
      });
    await run();
    await run();
    await expect(run()).rejects.toMatchObject({ code: 'CALL_THROTTLED', exitCode: 1 });

    gateway.meter.reset();
    const [plan] = [...h.aws.apigateway.usagePlans.values()];
    const keys = plan?.keyIds ?? [];
    if (plan) plan.keyIds = [];
    await expect(run()).rejects.toMatchObject({
      code: 'CALL_FORBIDDEN',
      message: expect.stringContaining('"code":"INVALID_API_KEY"'),
    });
    if (plan) plan.keyIds = keys;

    const [api] = [...h.aws.apigateway.restApis.values()];
    const deployment = api?.deployments.get(api.stages.get('v1')?.deploymentId ?? '');
    const authorizer = deployment?.snapshot.authorizers[0];
    const providers = authorizer?.providerARNs ?? [];
    if (authorizer)
      authorizer.providerARNs = [`arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_other0000`];
    await expect(run()).rejects.toMatchObject({ code: 'CALL_UNAUTHORIZED' });
    if (authorizer) authorizer.providerARNs = providers;

    modelFails = true;
    await expect(run(body(4))).rejects.toMatchObject({
      code: 'CALL_SERVER_ERROR',
      details: { status: expect.any(Number) },
    });
    modelFails = false;

    const client = [...([...h.aws.cognito.pools.values()][0]?.clients.values() ?? [])][0];
    if (client) client.settings.AllowedOAuthScopes = [];
    await expect(run()).rejects.toMatchObject({
      code: 'CALL_TOKEN_FAILED',
      message: expect.stringContaining('invalid_scope'),
    });
  });

  it('answers 500 with a JSON gateway error when the Lambda permission is missing', async () => {
    const config = await deployed();
    const record = h.aws.lambda.lookup(ALIAS).record;
    record.policies.delete('live');
    const error = await call({
      file: config.file,
      env: 'dev',
      host: new RecordingIoHost(),
      resolved: config,
      processEnv: env,
      data: body(5),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CALL_SERVER_ERROR',
      details: { status: 500, body: { error: { code: 'API_CONFIGURATION_ERROR' } } },
    });
  });

  it('refuses before calling anything without outputs, with a bad body, or a path the API does not serve', async () => {
    const config = resolved(h.dir.path);
    const base = {
      file: config.file,
      env: 'dev',
      host: new RecordingIoHost(),
      resolved: config,
      processEnv: env,
    };
    await expect(call({ ...base, data: body(1) })).rejects.toMatchObject({
      code: 'CALL_NO_OUTPUTS',
      exitCode: 2,
      hint: expect.stringContaining('mlship deploy --env dev'),
    });
    await expect(call({ ...base, data: '{not json' })).rejects.toMatchObject({
      code: 'CALL_BAD_INPUT',
      message: expect.stringContaining('--data is not valid JSON'),
    });
    await expect(call({ ...base, data: '{}', path: '/admin' })).rejects.toMatchObject({
      code: 'CALL_BAD_INPUT',
    });
    await expect(call({ ...base, data: '{}', bodyFile: 'x.json' })).rejects.toMatchObject({
      code: 'CALL_BAD_INPUT',
    });
    await expect(call({ ...base, bodyFile: `${h.dir.path}/missing.json` })).rejects.toMatchObject({
      code: 'CALL_BAD_INPUT',
      message: expect.stringContaining('ENOENT'),
    });
    expect(h.aws.calls).toEqual([]);
  });
});
