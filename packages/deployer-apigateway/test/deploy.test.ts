import { readFile } from 'node:fs/promises';
import { GetPolicyCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, engine, mutating, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

async function policyOf(functionArn: string) {
  const out = await h.lambda.send(new GetPolicyCommand({ FunctionName: functionArn }));
  return JSON.parse(out.Policy as string).Statement as Array<{
    Sid: string;
    Condition: { ArnLike: Record<string, string> };
  }>;
}

describe('first deploy', () => {
  it('creates the pool, scopes, client, domain, API, stage, permission, usage plan and key, and writes no secret', async () => {
    const config = resolved(h.dir.path, {
      throttle: { rateLimit: 20, burstLimit: 40 },
      quota: { limit: 500, period: 'WEEK' },
    });
    const result = await engine(h, config).deploy();
    const out = result.outputs.apigateway as Record<string, string>;
    const [pool] = [...h.aws.cognito.pools.values()];
    const [api] = [...h.aws.apigateway.restApis.values()];
    const [plan] = [...h.aws.apigateway.usagePlans.values()];
    const [key] = [...h.aws.apigateway.apiKeys.values()];
    expect(out).toEqual({
      restApiId: api?.id,
      stageName: 'v1',
      invokeUrl: `https://${api?.id}.execute-api.us-east-1.amazonaws.com/v1`,
      tokenUrl: expect.stringMatching(/\/iris-dev\/oauth2\/token$/),
      userPoolId: pool?.Id,
      clientId: [...(pool?.clients.keys() ?? [])][0],
      apiKeyId: key?.id,
      scope: 'iris/invoke',
    });
    expect(pool).toMatchObject({
      Name: 'iris-dev',
      Domain: 'iris-dev',
      tags: { 'mlship:app': 'iris', 'mlship:env': 'dev', team: 'insight' },
    });
    expect(pool?.resourceServers.get('iris')?.Scopes.map((s) => s.ScopeName)).toEqual(['invoke']);
    const [client] = [...(pool?.clients.values() ?? [])];
    expect(client?.settings).toMatchObject({
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['iris/invoke'],
    });
    expect(client?.ClientSecret).toBeTruthy();
    expect(api?.endpointConfiguration.types).toEqual(['REGIONAL']);
    const methods = [...(api?.resources.values() ?? [])].flatMap((r) =>
      Object.values(r.resourceMethods).map((m) => ({ path: r.path, ...m })),
    );
    expect(methods.map((m) => `${m.httpMethod} ${m.path}`).sort()).toEqual([
      'POST /invocations',
      'POST /predict',
      'POST /predict/batch',
    ]);
    for (const method of methods) {
      expect(method).toMatchObject({
        authorizationType: 'COGNITO_USER_POOLS',
        authorizationScopes: ['iris/invoke'],
        apiKeyRequired: true,
      });
      expect(method.methodIntegration).toMatchObject({
        type: 'AWS_PROXY',
        uri: expect.stringContaining(':function:iris-dev-proxy:live/invocations'),
      });
    }
    expect([...(api?.authorizers.values() ?? [])][0]?.providerARNs).toEqual([pool?.Arn]);
    expect([...(api?.gatewayResponses.keys() ?? [])].sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    expect(api?.stages.get('v1')?.methodSettings['*/*']).toMatchObject({
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
    });
    expect(plan).toMatchObject({
      apiStages: [{ apiId: api?.id, stage: 'v1' }],
      throttle: { rateLimit: 20, burstLimit: 40 },
      quota: { limit: 500, period: 'WEEK' },
      keyIds: [key?.id],
    });
    expect(key?.enabled).toBe(true);
    const statements = await policyOf(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy:live`);
    expect(statements).toEqual([
      expect.objectContaining({
        Sid: `mlship-apigateway-${api?.id}`,
        Principal: { Service: 'apigateway.amazonaws.com' },
        Condition: {
          ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${ACCOUNT}:${api?.id}/*/POST/*` },
        },
      }),
    ]);
    const file = await readFile(`${h.dir.path}/.mlship/dev.outputs.json`, 'utf8');
    expect(JSON.parse(file).targets.apigateway).toEqual(out);
    expect(file).not.toContain(client?.ClientSecret as string);
    expect(file).not.toContain(key?.value as string);
  });

  it('takes the hosted-domain prefix and stage name from release.yaml and answers CORS preflights when asked', async () => {
    await engine(
      h,
      resolved(h.dir.path, {
        domainPrefix: 'iris-models-dev',
        stageName: 'prod_v2',
        cors: { allowOrigin: 'https://app.example.com' },
      }),
    ).deploy();
    const [api] = [...h.aws.apigateway.restApis.values()];
    expect([...h.aws.cognito.pools.values()][0]?.Domain).toBe('iris-models-dev');
    expect(api?.stages.has('prod_v2')).toBe(true);
    const predict = [...(api?.resources.values() ?? [])].find((r) => r.path === '/predict');
    expect(predict?.resourceMethods.OPTIONS).toMatchObject({
      authorizationType: 'NONE',
      apiKeyRequired: false,
      methodIntegration: { type: 'MOCK' },
    });
    expect(api?.gatewayResponses.get('DEFAULT_4XX')?.responseParameters).toEqual({
      'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
    });
  });
});

describe('dry run', () => {
  it('plans every resource of a first deploy and changes nothing', async () => {
    const result = await engine(h, resolved(h.dir.path)).deploy({ dryRun: true });
    expect(mutating(h.aws)).toEqual([]);
    const plan = result.plans.find((p) => p.target === 'apigateway');
    expect(plan?.changes.filter((c) => c.action === 'create').map((c) => c.resource)).toEqual([
      'Cognito::UserPool',
      'Cognito::ResourceServer',
      'Cognito::UserPoolClient',
      'Cognito::UserPoolDomain',
      'ApiGateway::RestApi',
      'ApiGateway::Deployment',
      'ApiGateway::Stage',
      'Lambda::Permission',
      'ApiGateway::UsagePlan',
      'ApiGateway::ApiKey',
    ]);
  });
});

describe('re-runs', () => {
  it('makes no mutating call and no deployment when nothing changed', async () => {
    const config = resolved(h.dir.path);
    await engine(h, config).deploy();
    const [api] = [...h.aws.apigateway.restApis.values()];
    h.aws.calls.length = 0;
    const again = await engine(h, config).deploy();
    expect(mutating(h.aws)).toEqual([]);
    expect(api?.deployments.size).toBe(1);
    expect(again.changed).toBe(false);
    expect(h.aws.calls.length).toBeGreaterThan(5);
  });

  it('patches the stage and the usage plan for new throttle and quota values, without a new deployment', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.calls.length = 0;
    const changed = resolved(h.dir.path, {
      throttle: { rateLimit: 5, burstLimit: 10 },
      quota: { limit: 100, period: 'DAY' },
    });
    await engine(h, changed).deploy();
    expect(mutating(h.aws)).toEqual(['UpdateStage', 'UpdateUsagePlan']);
    const [api] = [...h.aws.apigateway.restApis.values()];
    const [plan] = [...h.aws.apigateway.usagePlans.values()];
    expect(api?.deployments.size).toBe(1);
    expect(api?.stages.get('v1')?.methodSettings['*/*']).toMatchObject({
      throttlingRateLimit: 5,
      throttlingBurstLimit: 10,
    });
    expect(plan).toMatchObject({
      throttle: { rateLimit: 5, burstLimit: 10 },
      quota: { limit: 100, period: 'DAY' },
    });
    const patch = h.aws.calls.find((c) => c.operation === 'UpdateUsagePlan')?.input as {
      patchOperations: unknown[];
    };
    expect(patch.patchOperations).toEqual([
      { op: 'replace', path: '/throttle/rateLimit', value: '5' },
      { op: 'replace', path: '/throttle/burstLimit', value: '10' },
      { op: 'replace', path: '/quota/limit', value: '100' },
    ]);
  });

  it('points the API at a new alias ARN: imports, deploys once, moves the stage and grants the new function', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    const { createProxyFunction } = await import('./harness.js');
    await createProxyFunction(h, 'iris-dev-proxy2');
    h.functionName = 'iris-dev-proxy2';
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path)).deploy();
    expect(mutating(h.aws)).toEqual(['PutRestApi', 'CreateDeployment', 'UpdateStage', 'AddPermission']);
    const [api] = [...h.aws.apigateway.restApis.values()];
    expect(api?.deployments.size).toBe(2);
    const stage = api?.stages.get('v1');
    expect(
      api?.deployments
        .get(stage?.deploymentId as string)
        ?.snapshot.resources.find((r) => r.path === '/predict')?.resourceMethods.POST?.methodIntegration.uri,
    ).toContain('function:iris-dev-proxy2:live');
    expect(await policyOf(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy2:live`)).toHaveLength(
      1,
    );
  });

  it('leaves the API alone when the alias moves to a new version (same alias ARN)', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    await h.lambda.send(
      new UpdateAliasCommand({ FunctionName: h.functionName, Name: 'live', FunctionVersion: '$LATEST' }),
    );
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path)).deploy();
    expect(mutating(h.aws)).toEqual([]);
  });

  it('moves the usage plan to a renamed stage and keeps the old stage for destroy', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { stageName: 'v2' })).deploy();
    const [api] = [...h.aws.apigateway.restApis.values()];
    const [plan] = [...h.aws.apigateway.usagePlans.values()];
    expect(mutating(h.aws)).toEqual([
      'PutRestApi',
      'CreateDeployment',
      'CreateStage',
      'UpdateStage',
      'UpdateUsagePlan',
    ]);
    expect(plan?.apiStages).toEqual([{ apiId: api?.id, stage: 'v2' }]);
    expect([...(api?.stages.keys() ?? [])].sort()).toEqual(['v1', 'v2']);
  });
});

describe('access logs', () => {
  const GROUP = '/mlship/iris-dev/apigateway-access';
  const ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}`;

  it('creates a tagged log group with its retention, logs the stage to it, and leaves both alone on a re-run', async () => {
    await engine(h, resolved(h.dir.path, { accessLogs: {} })).deploy();
    const group = h.aws.logs.groups.get(GROUP);
    expect(group).toMatchObject({
      retentionInDays: 30,
      tags: expect.objectContaining({ 'mlship:app': 'iris', 'mlship:env': 'dev' }),
    });
    const [api] = [...h.aws.apigateway.restApis.values()];
    expect(api?.stages.get('v1')?.accessLogSettings).toMatchObject({
      destinationArn: ARN,
      format: expect.stringContaining('$context.requestId'),
    });
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { accessLogs: {} })).deploy();
    expect(mutating(h.aws)).toEqual([]);
    await engine(h, resolved(h.dir.path, { accessLogs: { retentionInDays: 90 } })).deploy();
    expect(mutating(h.aws)).toEqual(['PutRetentionPolicy']);
    const [report] = (await engine(h, resolved(h.dir.path, { accessLogs: {} })).destroy()).filter(
      (r) => r.target === 'apigateway',
    );
    expect(report?.deleted.map((d) => d.resource)).toContain('Logs::LogGroup');
    expect(h.aws.logs.groups.has(GROUP)).toBe(false);
  });

  it('logs to a given log group without creating one, and turns logging off again when the setting goes', async () => {
    const given = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:team-api-logs`;
    await engine(h, resolved(h.dir.path, { accessLogs: { destinationArn: given } })).deploy();
    const [api] = [...h.aws.apigateway.restApis.values()];
    expect(api?.stages.get('v1')?.accessLogSettings?.destinationArn).toBe(given);
    expect(h.aws.logs.groups.size).toBe(0);
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path)).deploy();
    expect(mutating(h.aws)).toEqual(['UpdateStage']);
    expect(api?.stages.get('v1')?.accessLogSettings).toBeUndefined();
  });
});
