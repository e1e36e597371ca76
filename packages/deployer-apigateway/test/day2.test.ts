import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, engine, mutating, resolved, TARGETS, useFakeAws } from './harness.js';

const h = useFakeAws();

function counts() {
  return {
    pools: h.aws.cognito.pools.size,
    apis: h.aws.apigateway.restApis.size,
    plans: h.aws.apigateway.usagePlans.size,
    keys: h.aws.apigateway.apiKeys.size,
  };
}

describe('a failure in the middle of the first deploy', () => {
  for (const [service, operation] of [
    ['apigateway', 'CreateDeployment'],
    ['lambda', 'AddPermission'],
    ['apigateway', 'CreateUsagePlanKey'],
    ['cognito-idp', 'CreateUserPoolDomain'],
  ] as const) {
    it(`converges on a re-run after ${operation} failed, with no second pool, API, plan or key`, async () => {
      const config = resolved(h.dir.path);
      h.aws.failNext(service, operation, { code: 'InternalFailure', message: 'injected', status: 500 }, 3);
      await expect(engine(h, config).deploy()).rejects.toMatchObject({ name: 'MlshipError' });
      await engine(h, config).deploy();
      expect(counts()).toEqual({ pools: 1, apis: 1, plans: 1, keys: 1 });
      const [plan] = [...h.aws.apigateway.usagePlans.values()];
      expect(plan?.keyIds).toHaveLength(1);
      h.aws.calls.length = 0;
      await engine(h, config).deploy();
      expect(mutating(h.aws)).toEqual([]);
    });
  }
});

describe('the chain', () => {
  it('refuses to run without the Lambda target before it, changing nothing', async () => {
    const alone = TARGETS.filter((t) => t.name === 'apigateway');
    const error = await engine(h, resolved(h.dir.path), {}, alone)
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'APIGW_UPSTREAM_MISSING', exitCode: 2 });
    expect(mutating(h.aws)).toEqual([]);
  });
});

describe('the hosted domain', () => {
  it('refuses a prefix another account holds, with a suggestion, and a re-run with the suggestion succeeds', async () => {
    h.aws.cognito.takenDomains.add('iris-dev');
    const error = await engine(h, resolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'APIGW_DOMAIN_TAKEN', exitCode: 2 });
    const suggestion = /domainPrefix: ([a-z0-9-]+)/.exec((error as { hint: string }).hint)?.[1] as string;
    expect(suggestion).toMatch(/^iris-dev-[0-9a-f]{6}$/);
    await engine(h, resolved(h.dir.path, { domainPrefix: suggestion })).deploy();
    expect([...h.aws.cognito.pools.values()][0]?.Domain).toBe(suggestion);
    expect(counts().pools).toBe(1);
  });

  it('refuses a prefix another pool of this account holds before changing anything', async () => {
    const idp = new CognitoIdentityProviderClient(h.aws.clientConfig);
    const other = await idp.send(new CreateUserPoolCommand({ PoolName: 'someone-else' }));
    h.aws.cognito.pools.get(other.UserPool?.Id as string)!.Domain = 'iris-dev';
    h.aws.calls.length = 0;
    await expect(engine(h, resolved(h.dir.path)).deploy()).rejects.toMatchObject({
      code: 'APIGW_DOMAIN_TAKEN',
    });
    expect(mutating(h.aws)).toEqual([]);
    idp.destroy();
  });

  it('does not adopt an untagged pool that happens to have the same name, even one it may not describe', async () => {
    const idp = new CognitoIdentityProviderClient(h.aws.clientConfig);
    await idp.send(new CreateUserPoolCommand({ PoolName: 'iris-dev' }));
    h.aws.failNext('cognito-idp', 'DescribeUserPool', {
      code: 'AccessDeniedException',
      message: 'not authorized',
    });
    await engine(h, resolved(h.dir.path)).deploy();
    const pools = [...h.aws.cognito.pools.values()];
    expect(pools).toHaveLength(2);
    expect(pools.filter((p) => p.tags['mlship:env'] === 'dev')).toHaveLength(1);
    expect(h.aws.calls.some((c) => c.error === 'AccessDeniedException')).toBe(true);
    idp.destroy();
  });
});

describe('status and destroy', () => {
  it('reports the API, stage, last deployment, usage plan limits, pool and client', async () => {
    const first = await engine(h, resolved(h.dir.path)).deploy();
    const [report] = (await engine(h, resolved(h.dir.path)).status()).filter(
      (r) => r.target === 'apigateway',
    );
    const out = first.outputs.apigateway as Record<string, string>;
    expect(report).toMatchObject({
      exists: true,
      detail: {
        restApiId: out.restApiId,
        usagePlan: { rateLimit: 50, burstLimit: 100, quotaLimit: 10000, quotaPeriod: 'DAY' },
        userPoolId: out.userPoolId,
        clientId: out.clientId,
        lastDeployment: { definitionHash: expect.stringMatching(/^[0-9a-f]{16}$/) },
      },
    });
    expect(report?.summary).toContain(`API ${out.restApiId}`);
  });

  it('deletes only what mlship tagged, including the Lambda permission, and leaves other pools alone', async () => {
    const idp = new CognitoIdentityProviderClient(h.aws.clientConfig);
    const foreign = await idp.send(new CreateUserPoolCommand({ PoolName: 'iris-dev' }));
    await engine(h, resolved(h.dir.path)).deploy();
    const [report] = (await engine(h, resolved(h.dir.path)).destroy()).filter(
      (r) => r.target === 'apigateway',
    );
    expect(report?.deleted.map((d) => d.resource)).toEqual([
      'Lambda::Permission',
      'ApiGateway::UsagePlan',
      'ApiGateway::ApiKey',
      'ApiGateway::RestApi',
      'Cognito::UserPoolDomain',
      'Cognito::UserPoolClient',
      'Cognito::ResourceServer',
      'Cognito::UserPool',
    ]);
    expect([...h.aws.cognito.pools.keys()]).toEqual([foreign.UserPool?.Id]);
    expect(counts()).toEqual({ pools: 1, apis: 0, plans: 0, keys: 0 });
    const policy = await h.lambda
      .send(
        new GetPolicyCommand({
          FunctionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy:live`,
        }),
      )
      .catch((e: Error) => e.name);
    expect(policy).toBe('ResourceNotFoundException');
    const again = await engine(h, resolved(h.dir.path)).destroy();
    expect(again.find((r) => r.target === 'apigateway')?.deleted).toEqual([]);
    idp.destroy();
  });

  it('rides out API Gateway throttling of DeleteRestApi (the SDK retries TooManyRequestsException)', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.failNext('apigateway', 'DeleteRestApi', {
      code: 'TooManyRequestsException',
      message: 'Too Many Requests',
      status: 429,
    });
    await engine(h, resolved(h.dir.path)).destroy();
    expect(counts()).toEqual({ pools: 0, apis: 0, plans: 0, keys: 0 });
    expect(h.aws.calls.filter((c) => c.operation === 'DeleteRestApi').map((c) => c.error ?? 'ok')).toEqual([
      'TooManyRequestsException',
      'ok',
    ]);
  });
});

describe('a malformed upstream alias ARN', () => {
  it('is an internal error before any change', async () => {
    const { aliasParts } = await import('../src/desired.js');
    expect(() => aliasParts('arn:aws:lambda:us-east-1:123456789012:function:fn')).toThrow(
      expect.objectContaining({ code: 'APIGW_UPSTREAM_INVALID', kind: 'internal' }),
    );
    expect(aliasParts('arn:aws:lambda:us-east-1:123456789012:function:fn:live')).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
    });
  });
});
