import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, type InvokeGateway, startFakeAws, startInvokeGateway } from '../src/index.js';

const ALIAS = 'arn:aws:lambda:us-east-1:123456789012:function:fn:live';
let fake: FakeAws;
let gateway: InvokeGateway;
let gw: APIGatewayClient;
let idp: CognitoIdentityProviderClient;
let events: Array<Record<string, unknown>>;

beforeAll(async () => {
  fake = await startFakeAws();
  gw = new APIGatewayClient({ ...fake.clientConfig, maxAttempts: 1 });
  idp = new CognitoIdentityProviderClient({ ...fake.clientConfig, maxAttempts: 1 });
  const now = 1_000_000; // a fixed clock: the token bucket never refills, so the throttle is deterministic
  gateway = await startInvokeGateway({
    apigateway: fake.apigateway,
    cognito: fake.cognito,
    lambda: fake.lambda,
    jwks: () => fake.tokens.key.jwks(),
    now: () => now,
  });
  gateway.setHandler(ALIAS, async (event) => {
    events.push(event);
    return { statusCode: 200, headers: { 'x-cache': 'MISS' }, body: '{"ok":true}' };
  });
});
beforeEach(() => {
  fake.reset();
  gateway.meter.reset();
  events = [];
});
afterEach(() => expect(fake.responseViolations).toEqual([]));
afterAll(async () => {
  gw.destroy();
  idp.destroy();
  await gateway.close();
  await fake.stop();
});

/** A pool with a client, an API deployed to stage v1 behind it and a key, and the alias policy for that API. */
async function world(throttle = { rateLimit: 100, burstLimit: 100 }) {
  const pool = (await idp.send(new CreateUserPoolCommand({ PoolName: 'p' }))).UserPool as {
    Id: string;
    Arn: string;
  };
  await idp.send(
    new CreateResourceServerCommand({
      UserPoolId: pool.Id,
      Identifier: 'iris',
      Name: 'iris',
      Scopes: [{ ScopeName: 'invoke', ScopeDescription: 'x' }],
    }),
  );
  const client = (
    await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool.Id,
        ClientName: 'c',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['iris/invoke'],
        AllowedOAuthFlowsUserPoolClient: true,
      }),
    )
  ).UserPoolClient as { ClientId: string; ClientSecret: string };
  await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'iris-dev' }));
  const { id } = await gw.send(new CreateRestApiCommand({ name: 'api' }));
  const doc = {
    openapi: '3.0.1',
    info: { title: 'api', version: '1' },
    paths: {
      '/predict': {
        post: {
          security: [{ cognito: ['iris/invoke'], api_key: [] }],
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${ALIAS}/invocations`,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        cognito: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [pool.Arn] },
        },
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      },
    },
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: {
        responseTemplates: {
          'application/json':
            '{"error":{"code":"$context.error.responseType","message":$context.error.messageString}}',
        },
      },
    },
  };
  await gw.send(
    new PutRestApiCommand({
      restApiId: id,
      mode: 'overwrite',
      body: new TextEncoder().encode(JSON.stringify(doc)),
    }),
  );
  const deployment = await gw.send(new CreateDeploymentCommand({ restApiId: id }));
  await gw.send(new CreateStageCommand({ restApiId: id, stageName: 'v1', deploymentId: deployment.id }));
  const plan = await gw.send(
    new CreateUsagePlanCommand({
      name: 'p',
      apiStages: [{ apiId: id, stage: 'v1' }],
      throttle,
      quota: { limit: 3, period: 'DAY' },
    }),
  );
  const key = await gw.send(new CreateApiKeyCommand({ name: 'k', enabled: true }));
  await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
  fake.lambda.functions.set('fn', {
    policies: new Map([
      [
        'live',
        [
          {
            Sid: 's',
            Effect: 'Allow',
            Principal: { Service: 'apigateway.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Resource: ALIAS,
            Condition: {
              ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:123456789012:${id}/*/POST/*` },
            },
          },
        ],
      ],
    ]),
    aliases: new Map(),
    versions: new Map(),
    latest: { FunctionName: 'fn' },
  } as never);
  const basic = Buffer.from(`${client.ClientId}:${client.ClientSecret}`).toString('base64');
  const token = (await (
    await fetch(`${fake.endpoint}/iris-dev/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    })
  ).json()) as { access_token: string };
  const url = gateway.urlTemplate.replace('{restApiId}', id as string).replace('{stage}', 'v1');
  const call = (headers: Record<string, string>, path = '/predict') =>
    fetch(`${url}${path}`, { method: 'POST', headers, body: '{}' });
  return { call, token: token.access_token, key: key.value as string };
}

describe('the execute-api fake', () => {
  it('passes a request with token and key to the handler as a REST proxy event', async () => {
    const { call, token, key } = await world();
    const res = await call({ authorization: `Bearer ${token}`, 'x-api-key': key });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(events[0]).toMatchObject({
      httpMethod: 'POST',
      path: '/predict',
      body: '{}',
      requestContext: { stage: 'v1', authorizer: { claims: { scope: 'iris/invoke' } } },
    });
  });

  it('answers 401, 403, 429 and 500 through the gateway responses', async () => {
    const { call, token, key } = await world({ rateLimit: 1, burstLimit: 1 });
    const noToken = await call({ 'x-api-key': key });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } });
    expect((await call({ authorization: `Bearer ${token}x`, 'x-api-key': key })).status).toBe(401);
    const wrongKey = await call({ authorization: token, 'x-api-key': 'nope' });
    expect(await wrongKey.json()).toEqual({ error: { code: 'INVALID_API_KEY', message: 'Forbidden' } });
    expect((await call({ authorization: token, 'x-api-key': key })).status).toBe(200);
    const throttled = await call({ authorization: token, 'x-api-key': key });
    expect(throttled.status).toBe(429);
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('THROTTLED');
    expect((await call({ authorization: token, 'x-api-key': key }, '/admin')).status).toBe(403);
    fake.lambda.functions.get('fn')?.policies.clear();
    gateway.meter.reset();
    const denied = await call({ authorization: token, 'x-api-key': key });
    expect(denied.status).toBe(500);
    expect(events).toHaveLength(1);
  });
});
