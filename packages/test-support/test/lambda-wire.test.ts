import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  InvalidParameterValueException,
  LambdaClient,
  PublishVersionCommand,
  RemovePermissionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../src/index.js';
import { rejection } from './helpers.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ZIP = Buffer.from('PK\x03\x04 handler');

let fake: FakeAws;
let lambda: LambdaClient;
let iam: IAMClient;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  fake = await startFakeAws();
  lambda = new LambdaClient({ ...fake.clientConfig, maxAttempts: 1 });
  iam = new IAMClient({ ...fake.clientConfig, maxAttempts: 1 });
  logs = new CloudWatchLogsClient({ ...fake.clientConfig, maxAttempts: 1 });
});
beforeEach(() => fake.reset());
afterEach(() => expect(fake.responseViolations).toEqual([]));
afterAll(async () => {
  for (const client of [lambda, iam, logs]) client.destroy();
  await fake.stop();
});

/** A function with version 1 behind alias `live`, its role created through IAM. */
async function liveFunction(): Promise<void> {
  const { Role } = await iam.send(
    new CreateRoleCommand({ RoleName: 'fn-role', AssumeRolePolicyDocument: TRUST }),
  );
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'fn',
      Role: Role?.Arn,
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Code: { ZipFile: ZIP },
    }),
  );
  fake.lambda.transitionAfterPolls = 0;
  await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
  await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
  await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
  await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
  await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
}

describe('Lambda, IAM and Logs fakes over the wire (real SDK clients)', () => {
  it('keeps an alias policy with a SourceArn condition; duplicate Sid and missing statements raise the modelled errors', async () => {
    await liveFunction();
    const permission = {
      FunctionName: 'fn',
      Qualifier: 'live',
      StatementId: 'apigateway-invoke',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123/*/POST/predict',
    };
    const added = await lambda.send(new AddPermissionCommand(permission));
    expect(JSON.parse(added.Statement ?? '{}').Condition).toEqual({
      ArnLike: { 'AWS:SourceArn': permission.SourceArn },
    });
    const duplicate = await rejection(lambda.send(new AddPermissionCommand(permission)));
    expect(duplicate).toBeInstanceOf(ResourceConflictException);
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: 'live' }));
    expect(JSON.parse(policy.Policy ?? '{}').Statement).toHaveLength(1);
    await lambda.send(
      new RemovePermissionCommand({
        FunctionName: 'fn',
        Qualifier: 'live',
        StatementId: 'apigateway-invoke',
      }),
    );
    const gone = await rejection(
      lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: 'live' })),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect((gone as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
  });

  it('refuses CreateFunction while a new role propagates, as InvalidParameterValueException', async () => {
    fake.iam.propagationRefusals = 1;
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: 'new-role', AssumeRolePolicyDocument: TRUST }),
    );
    const input = {
      FunctionName: 'fn',
      Role: Role?.Arn,
      Runtime: 'nodejs24.x' as const,
      Handler: 'index.handler',
      Code: { ZipFile: ZIP },
    };
    const refused = await rejection(lambda.send(new CreateFunctionCommand(input)));
    expect(refused).toBeInstanceOf(InvalidParameterValueException);
    expect(refused.message).toBe('The role defined for the function cannot be assumed by Lambda.');
    expect((await lambda.send(new CreateFunctionCommand(input))).State).toBe('Pending');
    const role = await iam.send(new GetRoleCommand({ RoleName: 'new-role' }));
    expect(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '')).toBe(TRUST);
  });

  it('keeps log groups and their retention; an invalid retention is refused', async () => {
    await logs.send(
      new CreateLogGroupCommand({ logGroupName: '/aws/lambda/fn', tags: { 'mlship:app': 'iris' } }),
    );
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/fn', retentionInDays: 14 }));
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(out.logGroups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([['/aws/lambda/fn', 14]]);
    const bad = await rejection(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/fn', retentionInDays: 10 })),
    );
    expect(bad.name).toBe('InvalidParameterException');
  });
});
