import { describe, expect, it } from 'vitest';
import { invokeTimeoutMs, maskRedisUrl, redisEndpoint, rolePolicy } from '../src/desired.js';
import { cacheName } from '../src/names.js';
import { planLambda } from '../src/plan.js';
import type { CurrentState } from '../src/read.js';
import type { FunctionSnapshot } from '../src/read-function.js';
import { context, resolved, SAGEMAKER_OUTPUTS } from './harness.js';

const ARTIFACT = { sha256Base64: 'bmV3IGNvZGU=', size: 1000, handler: 'index.handler' };
const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:iris-dev-proxy';

function deployed(env: Record<string, string>, overrides: Partial<FunctionSnapshot> = {}): CurrentState {
  const latest: FunctionSnapshot = {
    Version: '$LATEST',
    FunctionArn: FN_ARN,
    Role: 'arn:aws:iam::123456789012:role/iris-dev-proxy',
    Runtime: 'nodejs24.x',
    Handler: 'index.handler',
    MemorySize: 512,
    Timeout: 29,
    Architecture: 'arm64',
    Environment: env,
    Description: 'mlship cached proxy for SageMaker endpoint iris-dev',
    CodeSha256: ARTIFACT.sha256Base64,
    ...overrides,
  };
  const upstream = {
    endpointName: 'iris-dev',
    endpointArn: SAGEMAKER_OUTPUTS.endpointArn,
    modelVersion: 'abcd1234',
  };
  return {
    upstream,
    artifact: ARTIFACT,
    role: {
      name: 'iris-dev-proxy',
      arn: latest.Role,
      tags: { 'mlship:app': 'iris', 'mlship:env': 'dev' },
      policy: rolePolicy(context(resolved()), upstream),
    },
    function: {
      latest,
      state: 'Active',
      tags: { team: 'insight', 'mlship:app': 'iris', 'mlship:env': 'dev' },
      alias: { version: '1', arn: `${FN_ARN}:live` },
      versions: [{ ...latest, Version: '1' }],
      urlPermission: false,
    },
    logGroup: { name: '/aws/lambda/iris-dev-proxy', retentionDays: 30 },
  };
}

const BASE_ENV = {
  ENDPOINT_NAME: 'iris-dev',
  MODEL_VERSION: 'abcd1234',
  MAX_BODY_BYTES: '6291456',
  INVOKE_TIMEOUT_MS: '25000',
};

describe('lambda plan (pure)', () => {
  it('plans a first deploy before the endpoint exists, with the outputs known so far', () => {
    const ctx = context(resolved(), {
      upstream: { sagemaker: { endpointName: 'iris-dev', modelName: 'iris-dev-1a2b3c4d' } },
    });
    const current: CurrentState = {
      upstream: { endpointName: 'iris-dev', modelVersion: '1a2b3c4d' },
      artifact: ARTIFACT,
    };
    const plan = planLambda(ctx, current);
    expect(plan.changes.map((c) => `${c.action} ${c.resource}`)).toEqual([
      'create IAM::Role',
      'create Logs::LogGroup',
      'create Lambda::Function',
      'create Lambda::Version',
      'create Lambda::Alias',
    ]);
    expect(plan.plannedOutputs).toEqual({
      functionName: 'iris-dev-proxy',
      aliasName: 'live',
      modelVersion: '1a2b3c4d',
      codeSha256: ARTIFACT.sha256Base64,
    });
  });

  it('plans nothing when code, configuration, alias and log group match', () => {
    const plan = planLambda(context(resolved()), deployed(BASE_ENV));
    expect(plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(plan.plannedOutputs).toMatchObject({ functionArn: FN_ARN, version: '1' });
  });

  it('republishes when $LATEST is current but the live version is not (an interrupted deploy)', () => {
    const current = deployed(BASE_ENV);
    if (current.function?.versions[0]) current.function.versions[0].MemorySize = 256;
    const plan = planLambda(context(resolved()), current);
    expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => c.resource)).toEqual([
      'Lambda::Version',
      'Lambda::Alias',
    ]);
  });

  it('never shows a Redis password or the origin secret, and says when two secrets differ', () => {
    const env = {
      ...BASE_ENV,
      REDIS_URL: 'redis://app:old-secret@redis.internal:6379',
      ORIGIN_SECRET: 'kept',
    };
    const config = resolved({
      cache: { enabled: true, redisUrl: 'redis://app:new-secret@redis.internal:6379' },
    });
    const plan = planLambda(context(config), deployed(env));
    const text = JSON.stringify(plan.changes);
    expect(text).not.toMatch(/old-secret|new-secret|kept/);
    const diff = plan.changes.find((c) => c.resource === 'Lambda::Function')?.diff ?? [];
    expect(diff).toContainEqual({
      field: 'environment.REDIS_URL',
      before: '(old value)',
      after: 'redis://app:****@redis.internal:6379',
    });
    expect(diff).toContainEqual({ field: 'environment.ORIGIN_SECRET', before: '****', after: undefined });
  });

  it('masks credentials in Redis URLs and keeps only host:port as the endpoint', () => {
    expect(maskRedisUrl('rediss://:tok@h:6380/0')).toBe('rediss://:****@h:6380/0');
    expect(maskRedisUrl('redis://user:pw@h')).toBe('redis://user:****@h');
    expect(maskRedisUrl('redis://tokenonly@h')).toBe('redis://****@h');
    expect(maskRedisUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(redisEndpoint('rediss://:tok@cache.example.com')).toBe('cache.example.com:6379');
  });

  it('names the cache within ElastiCache limits', () => {
    expect(cacheName('Iris', 'dev')).toBe('iris-dev');
    const long = cacheName('a-very-long-model-name-for-a-classifier', 'staging');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(long).not.toContain('--');
  });

  it('stops waiting for the endpoint a second before the function times out', () => {
    expect(invokeTimeoutMs(context(resolved()))).toBe(25_000);
    const slow = resolved({ model: { framework: 'onnx', timeoutSeconds: 40 } });
    expect(invokeTimeoutMs(context(slow))).toBe(28_000);
    const apigee = resolved({ model: { framework: 'onnx', timeoutSeconds: 40 }, front: 'apigee' });
    expect(invokeTimeoutMs(context(apigee))).toBe(40_000);
  });
});
