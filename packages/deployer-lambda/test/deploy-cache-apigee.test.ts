import { readProxyConfig } from '@mlship/lambda-proxy';
import { describe, expect, it } from 'vitest';
import { deployer } from '../src/index.js';
import { actions, context, deployOnce, mutating, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

const VPC = { subnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'], securityGroupIds: ['sg-0ccc3333'] };
const provisioned = () => resolved({ cache: { enabled: true, provision: true, vpc: VPC, ttl: 600 } });
const APIGEE = {
  front: 'apigee',
  api: { apigee: { organization: 'org', environment: 'prod', auth: { type: 'oauth' } } },
};

describe('lambda deployer: provisioned cache', () => {
  it('creates an ElastiCache Serverless cache, waits for it, and wires it over TLS inside the VPC', async () => {
    const ctx = context(provisioned());
    const { plan, outputs } = await deployOnce(ctx);
    expect(actions(plan)).toContain('create ElastiCache::ServerlessCache iris-dev');
    const redisDiff = plan.changes.find((c) => c.resource === 'Lambda::Function');
    expect(redisDiff?.action).toBe('create');
    const cache = h.aws.elasticache.caches.get('iris-dev');
    expect(cache).toMatchObject({
      Status: 'available',
      SubnetIds: VPC.subnetIds,
      SecurityGroupIds: VPC.securityGroupIds,
    });
    expect(cache?.tags).toContainEqual({ Key: 'mlship:app', Value: 'iris' });
    const fn = h.aws.lambda.functions.get('iris-dev-proxy')?.latest;
    expect(fn?.Environment?.Variables).toMatchObject({
      REDIS_URL: `rediss://${cache?.endpoint.Address}:6379`,
      CACHE_TTL_SECONDS: '600',
      CACHE_MAX_ENTRY_BYTES: '262144',
      REDIS_CONNECT_TIMEOUT_MS: '100',
      REDIS_COMMAND_TIMEOUT_MS: '100',
    });
    expect(fn?.VpcConfig).toMatchObject({ SubnetIds: VPC.subnetIds, SecurityGroupIds: VPC.securityGroupIds });
    // The created role got the ENI permissions the VPC needs (Lambda checks them at CreateFunction).
    expect(
      h.aws.iam.allows('arn:aws:iam::123456789012:role/iris-dev-proxy', 'ec2:CreateNetworkInterface'),
    ).toBe(true);
    expect(outputs.cacheEndpoint).toBe(`${cache?.endpoint.Address}:6379`);
    expect(
      h.aws.calls.filter((c) => c.operation === 'DescribeServerlessCaches').length,
    ).toBeGreaterThanOrEqual(3);

    h.aws.calls.length = 0;
    const again = await deployOnce(context(provisioned()));
    expect(actions(again.plan)).toEqual([]);
    expect(mutating(h.aws)).toEqual([]);
  });

  it('status reports the function, live version, code and the cache; destroy removes only what mlship made', async () => {
    await deployOnce(context(provisioned()));
    h.aws.iam.seedRole('other-role');
    const report = await deployer.status(context(provisioned()));
    expect(report.exists).toBe(true);
    expect(report.summary).toMatch(
      /^iris-dev-proxy Active, live → version 1, cache iris-dev-[a-f0-9]+\.serverless\.us-east-1\.cache\.amazonaws\.com:6379 \(ElastiCache iris-dev available; handler: no Redis failures in the last hour\)$/,
    );
    expect(report.detail).toMatchObject({
      liveVersion: '1',
      cacheStatus: 'available',
      modelVersion: 'abcd1234',
    });

    h.aws.calls.length = 0;
    const destroyed = await deployer.destroy(context(provisioned()));
    expect(destroyed.deleted.map((d) => d.resource)).toEqual([
      'Lambda::Alias',
      'Lambda::Version',
      'Lambda::Function',
      'IAM::Role',
      'ElastiCache::ServerlessCache',
      'Logs::LogGroup',
    ]);
    expect(h.aws.lambda.functions.size).toBe(0);
    expect(h.aws.elasticache.caches.size).toBe(0);
    expect([...h.aws.iam.roles.keys()]).toEqual(['other-role']);
    const after = await deployer.status(context(provisioned()));
    expect(after.exists).toBe(false);
  });

  it('status reports Redis reachability as the handler logged it', async () => {
    await deployOnce(context(provisioned()));
    const group = '/aws/lambda/iris-dev-proxy';
    const line = (code: string) => JSON.stringify({ level: 'WARN', code, message: 'Redis failed' });
    const now = Date.now();
    h.aws.logs.putEvents(group, '2026/11/30/[1]abc', [
      { timestamp: now - 2 * 3600_000, message: line('PROXY_REDIS_UNAVAILABLE') },
      { timestamp: now - 600_000, message: line('PROXY_REDIS_UNAVAILABLE') },
      { timestamp: now - 300_000, message: '{"CacheHit":1}' },
    ]);
    const down = await deployer.status(context(provisioned()));
    expect(down.detail.cacheHealth).toMatchObject({ failures: 1, bypassing: true });
    expect(down.summary).toContain(
      `handler: Redis unreachable since ${new Date(now - 600_000).toISOString()}`,
    );

    h.aws.logs.putEvents(group, '2026/11/30/[1]abc', [
      { timestamp: now - 60_000, message: line('PROXY_REDIS_RECOVERED') },
    ]);
    const up = await deployer.status(context(provisioned()));
    expect(up.summary).toContain('handler: 1 Redis failure(s) in the last hour, recovered at');
  });

  it('destroy skips a cache that is not tagged for this app and environment', async () => {
    await deployOnce(context(provisioned()));
    const cache = h.aws.elasticache.caches.get('iris-dev');
    if (cache) cache.tags = [{ Key: 'team', Value: 'other' }];
    const destroyed = await deployer.destroy(context(provisioned()));
    expect(destroyed.skipped).toEqual([
      {
        resource: 'ElastiCache::ServerlessCache',
        id: 'iris-dev',
        reason: 'not tagged mlship:app=iris, mlship:env=dev',
      },
    ]);
    expect(h.aws.elasticache.caches.has('iris-dev')).toBe(true);
  });
});

describe('lambda deployer: apigee front', () => {
  it('opens a function URL on live with AuthType NONE, a public InvokeFunctionUrl statement, and a stable origin secret', async () => {
    const first = await deployOnce(context(resolved(APIGEE)));
    expect(actions(first.plan)).toEqual(
      expect.arrayContaining([
        'create Lambda::FunctionUrl iris-dev-proxy:live',
        'create Lambda::Permission iris-dev-proxy:live',
      ]),
    );
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    const url = fn?.urls.get('live');
    expect(url).toMatchObject({ AuthType: 'NONE' });
    expect(fn?.policies.get('live')).toEqual([
      {
        Sid: 'mlship-function-url',
        Effect: 'Allow',
        Principal: '*',
        Action: 'lambda:InvokeFunctionUrl',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:iris-dev-proxy:live',
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
      },
    ]);
    const secret = fn?.latest.Environment?.Variables.ORIGIN_SECRET ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.outputs).toMatchObject({ functionUrl: url?.FunctionUrl, originSecret: secret });
    // The plan shows the secret only as generated, never its value.
    expect(JSON.stringify(first.plan.changes)).not.toContain(secret);

    h.aws.calls.length = 0;
    const again = await deployOnce(context(resolved(APIGEE)));
    expect(mutating(h.aws)).toEqual([]);
    expect(again.outputs.originSecret).toBe(secret);

    // A configuration change keeps the secret (read back from the function), so Apigee's copy stays valid.
    const changed = await deployOnce(context(resolved({ ...APIGEE, proxy: { memoryMb: 1024 } })));
    expect(changed.outputs.originSecret).toBe(secret);
    expect(h.aws.lambda.functions.get('iris-dev-proxy')?.latest.Environment?.Variables.ORIGIN_SECRET).toBe(
      secret,
    );

    const destroyed = await deployer.destroy(context(resolved(APIGEE)));
    expect(destroyed.deleted.slice(0, 3).map((d) => d.resource)).toEqual([
      'Lambda::FunctionUrl',
      'Lambda::Permission',
      'Lambda::Alias',
    ]);
    expect(h.aws.lambda.functions.size).toBe(0);
  });

  it('removes the URL and its permission when the environment moves to API Gateway', async () => {
    await deployOnce(context(resolved(APIGEE)));
    h.aws.calls.length = 0;
    const { outputs } = await deployOnce(context(resolved()));
    expect(mutating(h.aws)).toEqual(
      expect.arrayContaining(['lambda.RemovePermission', 'lambda.DeleteFunctionUrlConfig']),
    );
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    expect(fn?.urls.size).toBe(0);
    expect(fn?.latest.Environment?.Variables.ORIGIN_SECRET).toBeUndefined();
    expect(outputs.functionUrl).toBeUndefined();
    expect(outputs.originSecret).toBeUndefined();
  });
});

describe('lambda deployer ↔ handler contract', () => {
  it('sets an environment the handler reads without error, with every setting from release.yaml', async () => {
    const config = resolved({
      ...APIGEE,
      model: { framework: 'onnx', timeoutSeconds: 12 },
      cache: {
        enabled: true,
        provision: true,
        vpc: VPC,
        ttl: 900,
        maxEntryBytes: 65536,
        connectTimeoutMs: 50,
        commandTimeoutMs: 80,
      },
    });
    await deployOnce(context(config));
    const env = h.aws.lambda.functions.get('iris-dev-proxy')?.latest.Environment?.Variables ?? {};
    const cache = h.aws.elasticache.caches.get('iris-dev');
    expect(readProxyConfig(env)).toEqual({
      endpointName: 'iris-dev',
      modelVersion: 'abcd1234',
      redisUrl: `rediss://${cache?.endpoint.Address}:6379`,
      cacheTtlSeconds: 900,
      cacheMaxEntryBytes: 65536,
      maxBodyBytes: 6291456,
      redisConnectTimeoutMs: 50,
      redisCommandTimeoutMs: 80,
      redisCooldownMs: 5000,
      invokeTimeoutMs: 12000,
      originSecret: env.ORIGIN_SECRET,
    });
  });
});
