import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, DeleteDashboardsCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateServerlessCacheCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListRolePoliciesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsError, type FakeAws, startFakeAws } from '../src/index.js';
import { rejection } from './helpers.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/fn-role';
const created = new Date('2026-01-02T03:04:05Z');

let fake: FakeAws;
const clients: { destroy(): void }[] = [];
function client<T extends { destroy(): void }>(
  make: new (config: FakeAws['clientConfig'] & { maxAttempts: number }) => T,
) {
  const c = new make({ ...fake.clientConfig, maxAttempts: 1 });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  fake = await startFakeAws({
    stubs: {
      sts: {
        GetCallerIdentity: () => ({
          UserId: 'AIDAFAKE',
          Account: '123456789012',
          Arn: 'arn:aws:iam::123456789012:user/ci',
        }),
      },
      iam: {
        CreateRole: (input) => ({
          Role: {
            Path: '/',
            RoleName: input.RoleName,
            RoleId: 'AROAFAKE',
            Arn: ROLE_ARN,
            CreateDate: created,
            Tags: input.Tags,
          },
        }),
        GetRole: (input) => {
          throw new AwsError(
            'NoSuchEntityException',
            `The role with name ${input.RoleName} cannot be found.`,
          );
        },
        ListRolePolicies: () => ({ PolicyNames: ['a', 'b'], IsTruncated: false }),
      },
      elasticache: {
        CreateServerlessCache: (input) => ({
          ServerlessCache: {
            ServerlessCacheName: input.ServerlessCacheName,
            Status: 'creating',
            CreateTime: created,
          },
        }),
        DescribeServerlessCaches: () => ({ ServerlessCaches: [] }),
      },
      lambda: {
        GetFunction: (input) => {
          if (input.FunctionName !== 'fn') {
            throw new AwsError('ResourceNotFoundException', `Function not found: ${input.FunctionName}`);
          }
          return {
            Configuration: { FunctionName: 'fn', Version: input.Qualifier ?? '$LATEST', MemorySize: 256 },
            Tags: { team: 'ml' },
          };
        },
        CreateFunction: (input) => ({
          FunctionName: input.FunctionName,
          CodeSize: input.Code.ZipFile.length,
        }),
      },
      apigateway: { GetRestApis: () => ({ items: [{ id: 'abc123', name: 'api', createdDate: created }] }) },
      cloudwatch: {
        DescribeAlarms: () => ({ MetricAlarms: [{ AlarmName: 'p99', StateValue: 'OK', Threshold: 1.5 }] }),
        DeleteDashboards: () => {
          throw new AwsError('ResourceNotFound', 'Dashboard does not exist');
        },
      },
    },
  });
});
beforeEach(() => fake.reset());
afterEach(() => expect(fake.responseViolations).toEqual([]));
afterAll(async () => {
  for (const c of clients) c.destroy();
  await fake?.stop();
});

describe('query protocol (STS, IAM, ElastiCache)', () => {
  it('answers GetCallerIdentity in an XML result wrapper the STS client reads', async () => {
    const out = await client(STSClient).send(new GetCallerIdentityCommand({}));
    expect([out.Account, out.Arn, out.UserId]).toEqual([
      '123456789012',
      'arn:aws:iam::123456789012:user/ci',
      'AIDAFAKE',
    ]);
    expect(fake.calls).toEqual([{ service: 'sts', operation: 'GetCallerIdentity', input: {} }]);
  });

  it('decodes flattened lists of structures and encodes lists, timestamps and booleans', async () => {
    const iam = client(IAMClient);
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: 'fn-role',
        AssumeRolePolicyDocument: '{"Version":"2012-10-17"}',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    expect(fake.calls[0]?.input).toEqual({
      RoleName: 'fn-role',
      AssumeRolePolicyDocument: '{"Version":"2012-10-17"}',
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
    });
    expect(out.Role?.CreateDate).toEqual(created);
    expect(out.Role?.Tags).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: 'fn-role' }));
    expect([listed.PolicyNames, listed.IsTruncated]).toEqual([['a', 'b'], false]);
  });

  it('answers XML errors with the code and status of the modelled error shape', async () => {
    const error = await rejection(client(IAMClient).send(new GetRoleCommand({ RoleName: 'gone' })));
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect([error.name, error.message, error.$fault]).toEqual([
      'NoSuchEntityException',
      'The role with name gone cannot be found.',
      'client',
    ]);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
    expect(fake.calls[0]?.error).toBe('NoSuchEntityException');
  });

  it('validates query input with ValidationError and the same constraint text', async () => {
    const error = await rejection(client(IAMClient).send(new GetRoleCommand({ RoleName: 'bad role' })));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe(
      "1 validation error detected: Value 'bad role' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w+=,.@-]+",
    );
  });

  it('answers a value that does not convert with ValidationError (query has no SerializationException)', async () => {
    const res = await fetch(fake.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListRolePolicies&Version=2010-05-08&RoleName=r&MaxItems=abc',
    });
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain('<Type>Sender</Type><Code>ValidationError</Code>');
    expect(xml).toContain(
      "<Message>1 validation error detected: Value 'abc' at 'maxItems' failed to satisfy constraint: Member must be an integer</Message>",
    );
    expect(fake.calls[0]).toMatchObject({
      service: 'iam',
      operation: 'ListRolePolicies',
      error: 'ValidationError',
    });
  });

  it('routes by signing name among query services on the same POST /', async () => {
    const ec = client(ElastiCacheClient);
    const out = await ec.send(
      new CreateServerlessCacheCommand({ ServerlessCacheName: 'c1', Engine: 'valkey' }),
    );
    expect(out.ServerlessCache?.Status).toBe('creating');
    expect((await ec.send(new DescribeServerlessCachesCommand({}))).ServerlessCaches).toEqual([]);
    expect(fake.calls.map((c) => `${c.service}.${c.operation}`)).toEqual([
      'elasticache.CreateServerlessCache',
      'elasticache.DescribeServerlessCaches',
    ]);
    expect(fake.mutatingCalls().map((c) => c.operation)).toEqual(['CreateServerlessCache']);
  });
});

describe('restJson1 (Lambda, API Gateway)', () => {
  it('binds URI labels and query strings to members', async () => {
    const out = await client(LambdaClient).send(
      new GetFunctionCommand({ FunctionName: 'fn', Qualifier: '3' }),
    );
    expect([out.Configuration?.Version, out.Configuration?.MemorySize, out.Tags]).toEqual([
      '3',
      256,
      { team: 'ml' },
    ]);
    expect(fake.calls[0]?.input).toEqual({ FunctionName: 'fn', Qualifier: '3' });
  });

  it('answers the modelled status (404) and exception class', async () => {
    const error = await rejection(
      client(LambdaClient).send(new GetFunctionCommand({ FunctionName: 'nope' })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect([error.name, error.message]).toEqual(['ResourceNotFoundException', 'Function not found: nope']);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
  });

  it('injects failures with failNext, with the status of the modelled error (Lambda throttling is 429)', async () => {
    fake.failNext('lambda', 'GetFunction', { code: 'TooManyRequestsException', message: 'Rate exceeded' });
    const error = await rejection(client(LambdaClient).send(new GetFunctionCommand({ FunctionName: 'fn' })));
    expect([error.name, error.message]).toEqual(['TooManyRequestsException', 'Rate exceeded']);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(429);
    expect(fake.calls[0]).toMatchObject({
      service: 'lambda',
      operation: 'GetFunction',
      error: 'TooManyRequestsException',
    });
  });

  it('decodes base64 blobs in JSON bodies to bytes, and honours responseCode 201', async () => {
    const zip = Buffer.from('PK\x03\x04 fake zip');
    const out = await client(LambdaClient).send(
      new CreateFunctionCommand({ FunctionName: 'fn', Role: ROLE_ARN, Code: { ZipFile: zip } }),
    );
    expect(out.CodeSize).toBe(zip.length);
    expect(out.$metadata.httpStatusCode).toBe(201);
    const input = fake.calls[0]?.input as { Code: { ZipFile: Uint8Array } };
    expect(Buffer.from(input.Code.ZipFile).equals(zip)).toBe(true);
  });

  it('uses the model wire names (API Gateway lists come back under "item")', async () => {
    const out = await client(APIGatewayClient).send(new GetRestApisCommand({}));
    expect(out.items).toEqual([{ id: 'abc123', name: 'api', createdDate: created }]);
  });

  it('answers a not-faked operation with UnknownOperationException, not a hang', async () => {
    // An operation of a served model that no state answers (API Gateway's GetMethod: mlship imports OpenAPI instead).
    const res = await fetch(`${fake.endpoint}/restapis/abc123/resources/r1/methods/POST`, { method: 'GET' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('awsJson1_0 with query-compatible errors (CloudWatch as the JS client speaks it)', () => {
  it('answers CloudWatch calls and maps the query error code to the modelled exception', async () => {
    const cw = client(CloudWatchClient);
    const out = await cw.send(new DescribeAlarmsCommand({}));
    expect(out.MetricAlarms?.[0]).toMatchObject({ AlarmName: 'p99', StateValue: 'OK', Threshold: 1.5 });
    const error = await rejection(cw.send(new DeleteDashboardsCommand({ DashboardNames: ['x'] })));
    expect([error.name, error.message]).toEqual(['ResourceNotFound', 'Dashboard does not exist']);
  });
});

describe('environment', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('names the SDK per-service endpoint variable of every served service', () => {
    for (const name of [
      'AWS_ENDPOINT_URL_LAMBDA',
      'AWS_ENDPOINT_URL_IAM',
      'AWS_ENDPOINT_URL_STS',
      'AWS_ENDPOINT_URL_ELASTICACHE',
      'AWS_ENDPOINT_URL_API_GATEWAY',
      'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
      'AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME',
      'AWS_ENDPOINT_URL_SERVICE_QUOTAS',
      'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
      'AWS_ENDPOINT_URL_CLOUDWATCH',
      'AWS_ENDPOINT_URL_S3',
      'AWS_ENDPOINT_URL_SAGEMAKER',
    ]) {
      expect(fake.env[name], name).toBe(fake.endpoint);
    }
  });

  it('serves a client configured only by the environment', async () => {
    for (const [key, value] of Object.entries(fake.env)) vi.stubEnv(key, value);
    const sts = new STSClient({});
    const out = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(out.Account).toBe('123456789012');
  });
});
