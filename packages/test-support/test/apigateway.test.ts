import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteStageCommand,
  DeleteUsagePlanCommand,
  GetApiKeyCommand,
  GetAuthorizersCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetTagsCommand,
  GetUsagePlanCommand,
  PutRestApiCommand,
  UpdateAuthorizerCommand,
  UpdateStageCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../src/index.js';
import { rejection } from './helpers.js';

let fake: FakeAws;
let gw: APIGatewayClient;
beforeAll(async () => {
  fake = await startFakeAws();
  gw = new APIGatewayClient({ ...fake.clientConfig, maxAttempts: 1 });
});
beforeEach(() => fake.reset());
afterEach(() => expect(fake.responseViolations).toEqual([]));
afterAll(async () => {
  gw.destroy();
  await fake.stop();
});

const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abcDEF123';
const ALIAS = 'arn:aws:lambda:us-east-1:123456789012:function:iris-dev-proxy:live';

function definition(overrides: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'iris-dev', version: '1' },
    paths: {
      '/predict/batch': {
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
          'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [POOL] },
        },
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      },
    },
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: { responseTemplates: { 'application/json': '{"error":"$context.error.messageString"}' } },
    },
    ...overrides,
  };
}

async function deployedApi(stageName = 'v1') {
  const api = await gw.send(
    new CreateRestApiCommand({
      name: 'iris-dev',
      endpointConfiguration: { types: ['REGIONAL'] },
      tags: { 'mlship:app': 'iris' },
    }),
  );
  const restApiId = api.id as string;
  await gw.send(
    new PutRestApiCommand({
      restApiId,
      mode: 'overwrite',
      failOnWarnings: true,
      body: new TextEncoder().encode(JSON.stringify(definition())),
    }),
  );
  const deployment = await gw.send(new CreateDeploymentCommand({ restApiId, description: 'first' }));
  await gw.send(new CreateStageCommand({ restApiId, stageName, deploymentId: deployment.id }));
  return restApiId;
}

describe('API Gateway REST APIs', () => {
  it('imports an OpenAPI definition into resources, methods with the Cognito authorizer and scopes, and an API key requirement', async () => {
    const restApiId = await deployedApi();
    const resources = await gw.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }));
    const batch = resources.items?.find((r) => r.path === '/predict/batch');
    expect(resources.items?.map((r) => r.path).sort()).toEqual(['/', '/predict', '/predict/batch']);
    expect(batch?.resourceMethods?.POST).toMatchObject({
      authorizationType: 'COGNITO_USER_POOLS',
      authorizationScopes: ['iris/invoke'],
      apiKeyRequired: true,
      methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', timeoutInMillis: 29000 },
    });
    const api = await gw.send(new GetRestApiCommand({ restApiId }));
    expect(api.endpointConfiguration?.types).toEqual(['REGIONAL']);
    const tags = await gw.send(
      new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restApiId}` }),
    );
    expect(tags.tags).toEqual({ 'mlship:app': 'iris' });
  });

  it('rejects a definition with a method without integration (failOnWarnings), a bad Lambda URI, and an unknown API', async () => {
    const { id } = await gw.send(new CreateRestApiCommand({ name: 'x' }));
    const noIntegration = definition({ paths: { '/predict': { post: { security: [{ api_key: [] }] } } } });
    const warn = await rejection(
      gw.send(
        new PutRestApiCommand({
          restApiId: id,
          mode: 'overwrite',
          failOnWarnings: true,
          body: new TextEncoder().encode(JSON.stringify(noIntegration)),
        }),
      ),
    );
    expect(warn.name).toBe('BadRequestException');
    const badUri = definition({
      paths: {
        '/predict': {
          post: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:lambda:nope',
            },
          },
        },
      },
    });
    const uri = await rejection(
      gw.send(
        new PutRestApiCommand({
          restApiId: id,
          mode: 'overwrite',
          body: new TextEncoder().encode(JSON.stringify(badUri)),
        }),
      ),
    );
    expect(uri.message).toMatch(/Lambda function ARN/);
    const deploy = await rejection(gw.send(new CreateDeploymentCommand({ restApiId: id })));
    expect(deploy.message).toMatch(/doesn't contain any methods/);
    const missing = await rejection(gw.send(new GetRestApiCommand({ restApiId: 'nope123456' })));
    expect(missing.name).toBe('NotFoundException');
  });

  it('patches an authorizer and refuses a path the API reference does not define', async () => {
    const restApiId = await deployedApi();
    const [authorizer] = (await gw.send(new GetAuthorizersCommand({ restApiId }))).items ?? [];
    const updated = await gw.send(
      new UpdateAuthorizerCommand({
        restApiId,
        authorizerId: authorizer?.id,
        patchOperations: [{ op: 'replace', path: '/authorizerResultTtlInSeconds', value: '60' }],
      }),
    );
    expect(updated.authorizerResultTtlInSeconds).toBe(60);
    const bad = await rejection(
      gw.send(
        new UpdateAuthorizerCommand({
          restApiId,
          authorizerId: authorizer?.id,
          patchOperations: [{ op: 'replace', path: '/type', value: 'TOKEN' }],
        }),
      ),
    );
    expect(bad.message).toMatch(/Invalid patch path +'\/type' specified for op 'replace'/);
  });
});

describe('API Gateway stages', () => {
  it('applies method throttling and access logging through patch operations', async () => {
    const restApiId = await deployedApi();
    await gw.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'v1',
        patchOperations: [
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '25.5' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '40' },
          {
            op: 'replace',
            path: '/accessLogSettings/destinationArn',
            value: 'arn:aws:logs:us-east-1:123456789012:log-group:api',
          },
          { op: 'replace', path: '/accessLogSettings/format', value: '{"id":"$context.requestId"}' },
        ],
      }),
    );
    const stage = await gw.send(new GetStageCommand({ restApiId, stageName: 'v1' }));
    expect(stage.methodSettings?.['*/*']).toMatchObject({
      throttlingRateLimit: 25.5,
      throttlingBurstLimit: 40,
    });
    expect(stage.accessLogSettings?.destinationArn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:api');
  });

  it('leaves the stage untouched when one operation of the list is invalid', async () => {
    const restApiId = await deployedApi();
    const error = await rejection(
      gw.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'v1',
          patchOperations: [
            { op: 'replace', path: '/*/*/throttling/rateLimit', value: '25' },
            { op: 'replace', path: '/*/*/throttling/burstLimit', value: 'many' },
          ],
        }),
      ),
    );
    expect(error.name).toBe('BadRequestException');
    const unknown = await rejection(
      gw.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'v1',
          patchOperations: [{ op: 'replace', path: '/throttle', value: '1' }],
        }),
      ),
    );
    expect(unknown.message).toMatch(/Invalid patch path/);
    fake.apigateway.cloudWatchRoleArn = undefined;
    const noRole = await rejection(
      gw.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'v1',
          patchOperations: [
            {
              op: 'replace',
              path: '/accessLogSettings/destinationArn',
              value: 'arn:aws:logs:us-east-1:123456789012:log-group:api',
            },
          ],
        }),
      ),
    );
    expect(noRole.message).toMatch(/CloudWatch Logs role ARN must be set/);
    const stage = await gw.send(new GetStageCommand({ restApiId, stageName: 'v1' }));
    expect(stage.methodSettings).toEqual({});
    const twice = await rejection(
      gw.send(new CreateStageCommand({ restApiId, stageName: 'v1', deploymentId: stage.deploymentId })),
    );
    expect(twice.name).toBe('ConflictException');
  });
});

describe('API Gateway usage plans and keys', () => {
  it('patches throttle, quota and API stages, and refuses to delete a plan that still has stages', async () => {
    const restApiId = await deployedApi();
    const plan = await gw.send(
      new CreateUsagePlanCommand({
        name: 'iris-dev',
        apiStages: [{ apiId: restApiId, stage: 'v1' }],
        throttle: { rateLimit: 50, burstLimit: 100 },
        quota: { limit: 1000, period: 'DAY' },
      }),
    );
    await gw.send(
      new UpdateUsagePlanCommand({
        usagePlanId: plan.id,
        patchOperations: [
          { op: 'replace', path: '/throttle/rateLimit', value: '10' },
          { op: 'replace', path: '/quota/period', value: 'WEEK' },
        ],
      }),
    );
    const read = await gw.send(new GetUsagePlanCommand({ usagePlanId: plan.id }));
    expect(read).toMatchObject({
      throttle: { rateLimit: 10, burstLimit: 100 },
      quota: { limit: 1000, period: 'WEEK', offset: 0 },
    });
    const badPeriod = await rejection(
      gw.send(
        new UpdateUsagePlanCommand({
          usagePlanId: plan.id,
          patchOperations: [{ op: 'replace', path: '/quota/period', value: 'YEAR' }],
        }),
      ),
    );
    expect(badPeriod.name).toBe('BadRequestException');
    const blocked = await rejection(gw.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id })));
    expect(blocked.message).toMatch(/because there are API Stages associated with it/);
    await gw.send(
      new UpdateUsagePlanCommand({
        usagePlanId: plan.id,
        patchOperations: [{ op: 'remove', path: '/apiStages', value: `${restApiId}:v1` }],
      }),
    );
    await gw.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id }));
  });

  it('returns a key value only when asked, and refuses a key twice in plans sharing a stage', async () => {
    const restApiId = await deployedApi();
    const key = await gw.send(new CreateApiKeyCommand({ name: 'iris-dev', enabled: true }));
    expect(key.value).toHaveLength(40);
    expect((await gw.send(new GetApiKeyCommand({ apiKey: key.id }))).value).toBeUndefined();
    expect((await gw.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }))).value).toBe(
      key.value,
    );
    const stages = [{ apiId: restApiId, stage: 'v1' }];
    const a = await gw.send(new CreateUsagePlanCommand({ name: 'a', apiStages: stages }));
    const b = await gw.send(new CreateUsagePlanCommand({ name: 'b', apiStages: stages }));
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: key.id, keyType: 'API_KEY' }));
    const shared = await rejection(
      gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: b.id, keyId: key.id, keyType: 'API_KEY' })),
    );
    expect(shared.name).toBe('ConflictException');
    const unknownKey = await rejection(
      gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: 'nope', keyType: 'API_KEY' })),
    );
    expect(unknownKey.name).toBe('NotFoundException');
    await gw.send(new DeleteStageCommand({ restApiId, stageName: 'v1' }));
    expect((await gw.send(new GetUsagePlanCommand({ usagePlanId: a.id }))).apiStages).toEqual([]);
  });
});
