import * as apigateway from '@aws-sdk/client-api-gateway';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as cognito from '@aws-sdk/client-cognito-identity-provider';
import * as elasticache from '@aws-sdk/client-elasticache';
import * as iam from '@aws-sdk/client-iam';
import * as lambda from '@aws-sdk/client-lambda';
import * as s3 from '@aws-sdk/client-s3';
import * as runtime from '@aws-sdk/client-sagemaker-runtime';
import * as quotas from '@aws-sdk/client-service-quotas';
import * as sts from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError, type FakeAws, type ServiceName, startFakeAws } from '../src/index.js';
import { type ApiModel, loadModel } from '../src/server/model.js';

// Every extracted operation, sent by the real SDK client, must reach the fake as that operation (the lambda and
// apigw teams add state for these; routing mistakes such as URI collisions would show up here first).
const CLIENTS: [ServiceName, Record<string, unknown>, string][] = [
  ['lambda', lambda, 'LambdaClient'],
  ['apigateway', apigateway, 'APIGatewayClient'],
  ['iam', iam, 'IAMClient'],
  ['elasticache', elasticache, 'ElastiCacheClient'],
  ['sts', sts, 'STSClient'],
  ['cognito-idp', cognito, 'CognitoIdentityProviderClient'],
  ['sagemaker-runtime', runtime, 'SageMakerRuntimeClient'],
  ['service-quotas', quotas, 'ServiceQuotasClient'],
  ['logs', logs, 'CloudWatchLogsClient'],
  ['cloudwatch', cloudwatch, 'CloudWatchClient'],
  ['s3', s3, 'S3Client'],
];

/** A value of the shape's type for every required member (strings "x1", so URI labels are never empty). */
function sample(model: ApiModel, shapeName: string, depth = 0): unknown {
  const shape = model.shapes[shapeName];
  switch (shape?.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const name of shape.required ?? []) {
        out[name] = sample(model, shape.members?.[name]?.shape ?? '', depth + 1);
      }
      return out;
    }
    case 'list':
      return depth > 4 ? [] : [sample(model, shape.member ?? '', depth + 1)];
    case 'map':
      return {};
    case 'string':
      return shape.enum?.[0] ?? 'x1';
    case 'boolean':
      return true;
    case 'timestamp':
      return new Date(0);
    case 'blob':
      return new Uint8Array([1]);
    default:
      return 1;
  }
}

let fake: FakeAws;
beforeAll(async () => {
  const stubs: Partial<Record<ServiceName, Record<string, () => never>>> = {};
  for (const [name] of CLIENTS) {
    stubs[name] = Object.fromEntries(
      Object.keys(loadModel(name).operations).map((op) => [
        op,
        () => {
          throw new AwsError('StubbedOperation', 'routed');
        },
      ]),
    );
  }
  fake = await startFakeAws({ stubs });
});
afterAll(() => fake?.stop());

describe.each(CLIENTS)('%s: every extracted operation routes to itself', (name, mod, clientName) => {
  const model = loadModel(name);
  it.each(Object.keys(model.operations))('%s', async (operation) => {
    const Client = mod[clientName] as new (
      c: object,
    ) => { send(c: unknown): Promise<unknown>; destroy(): void };
    const Command = mod[`${operation}Command`] as new (input: unknown) => unknown;
    const client = new Client({ ...fake.clientConfig, maxAttempts: 1 });
    fake.calls.length = 0;
    const input = model.operations[operation]?.input
      ? sample(model, model.operations[operation].input ?? '')
      : {};
    await client.send(new Command(input)).catch(() => undefined);
    client.destroy();
    expect(fake.calls.map((c) => `${c.service}.${c.operation}`)).toEqual([`${name}.${operation}`]);
    // Decoded without a type error: the wire mapping and the model agree on every member the SDK sent.
    expect(fake.calls[0]?.error).toMatch(/^(StubbedOperation|Validation(Exception|Error))$/);
  });
});
