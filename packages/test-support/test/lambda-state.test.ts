import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLambda } from '../src/lambda/fake-lambda.js';
import type { AwsError } from '../src/server/aws-error.js';

const ROLE = 'arn:aws:iam::123456789012:role/proxy';
/** Bytes that start like a zip (all the fake checks), with their base64 sha256. */
const zip = (text: string) => {
  const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(text)]);
  return { bytes, sha256Base64: createHash('sha256').update(bytes).digest('base64') };
};

// biome-ignore lint/suspicious/noExplicitAny: handler outputs are plain JSON
type Any = any;

/** Calls the handlers directly (the protocol layer's wire mapping is tested in fake-aws tests). */
function client(lambda: FakeLambda) {
  const ops = lambda.operations();
  return (op: string, input: Record<string, unknown>): Any => {
    const handler = ops[op];
    if (!handler) throw new Error(`no ${op}`);
    return handler(input);
  };
}

function failure(run: () => unknown): AwsError {
  try {
    run();
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected the call to fail');
}

describe('Lambda fake (state and handlers)', () => {
  let lambda: FakeLambda;
  let call: ReturnType<typeof client>;
  const create = (name = 'fn', code = zip('v1')) =>
    call('CreateFunction', {
      FunctionName: name,
      Role: ROLE,
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Code: { ZipFile: code.bytes },
      Architectures: ['arm64'],
      Tags: { 'mlship:app': 'iris' },
    });

  beforeEach(() => {
    lambda = new FakeLambda('us-east-1', '123456789012', 2);
    call = client(lambda);
  });

  it('creates a Pending function that turns Active after the polls, with the zip sha256 as CodeSha256', () => {
    const code = zip('v1');
    const created = create('fn', code);
    expect(created).toMatchObject({ State: 'Pending', CodeSha256: code.sha256Base64, Version: '$LATEST' });
    expect(call('GetFunctionConfiguration', { FunctionName: 'fn' }).State).toBe('Pending');
    expect(call('GetFunctionConfiguration', { FunctionName: 'fn' }).State).toBe('Pending');
    const active = call('GetFunction', { FunctionName: 'fn' });
    expect(active.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
    expect(active.Tags).toEqual({ 'mlship:app': 'iris' });
    expect(failure(() => create()).code).toBe('ResourceConflictException');
  });

  it('refuses updates while Pending or InProgress (ResourceConflictException), then accepts them', () => {
    create();
    const pending = failure(() =>
      call('UpdateFunctionCode', { FunctionName: 'fn', ZipFile: zip('v2').bytes }),
    );
    expect(pending.code).toBe('ResourceConflictException');
    expect(pending.message).toContain('following state: Pending');
    for (let i = 0; i < 3; i++) call('GetFunctionConfiguration', { FunctionName: 'fn' });
    const updated = call('UpdateFunctionConfiguration', { FunctionName: 'fn', MemorySize: 1024 });
    expect(updated.LastUpdateStatus).toBe('InProgress');
    const busy = failure(() => call('PublishVersion', { FunctionName: 'fn' }));
    expect(busy.message).toContain(
      'An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:fn',
    );
    for (let i = 0; i < 3; i++) call('GetFunctionConfiguration', { FunctionName: 'fn' });
    expect(call('PublishVersion', { FunctionName: 'fn' }).Version).toBe('1');
  });

  it('publishes a new version only when $LATEST changed, and checks CodeSha256', () => {
    create();
    lambda.transitionAfterPolls = 0;
    call('GetFunction', { FunctionName: 'fn' });
    call('GetFunction', { FunctionName: 'fn' });
    call('GetFunction', { FunctionName: 'fn' });
    expect(call('PublishVersion', { FunctionName: 'fn' }).Version).toBe('1');
    expect(call('PublishVersion', { FunctionName: 'fn' }).Version).toBe('1');
    const v2 = zip('v2');
    call('UpdateFunctionCode', { FunctionName: 'fn', ZipFile: v2.bytes });
    const wrong = failure(() =>
      call('PublishVersion', { FunctionName: 'fn', CodeSha256: zip('v1').sha256Base64 }),
    );
    expect(wrong.code).toBe('InvalidParameterValueException');
    expect(call('PublishVersion', { FunctionName: 'fn', CodeSha256: v2.sha256Base64 }).Version).toBe('2');
    const versions = call('ListVersionsByFunction', { FunctionName: 'fn' }).Versions.map(
      (v: Any) => v.Version,
    );
    expect(versions).toEqual(['$LATEST', '1', '2']);
  });

  it('keeps aliases on existing versions and refuses to delete a version an alias uses', () => {
    create();
    lambda.transitionAfterPolls = 0;
    for (let i = 0; i < 3; i++) call('GetFunction', { FunctionName: 'fn' });
    call('PublishVersion', { FunctionName: 'fn' });
    expect(
      failure(() => call('CreateAlias', { FunctionName: 'fn', Name: 'live', FunctionVersion: '7' })).code,
    ).toBe('ResourceNotFoundException');
    const alias = call('CreateAlias', { FunctionName: 'fn', Name: 'live', FunctionVersion: '1' });
    expect(alias.AliasArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn:live');
    expect(
      failure(() => call('CreateAlias', { FunctionName: 'fn', Name: 'live', FunctionVersion: '1' })).code,
    ).toBe('ResourceConflictException');
    const inUse = failure(() => call('DeleteFunction', { FunctionName: 'fn', Qualifier: '1' }));
    expect(inUse.message).toContain('[live]');
    expect(failure(() => call('GetAlias', { FunctionName: 'fn', Name: 'old' })).code).toBe(
      'ResourceNotFoundException',
    );
  });

  it('keeps resource policies per qualifier with SourceArn conditions; duplicate Sid and missing policy fail', () => {
    create();
    lambda.transitionAfterPolls = 0;
    for (let i = 0; i < 3; i++) call('GetFunction', { FunctionName: 'fn' });
    call('PublishVersion', { FunctionName: 'fn' });
    call('CreateAlias', { FunctionName: 'fn', Name: 'live', FunctionVersion: '1' });
    expect(failure(() => call('GetPolicy', { FunctionName: 'fn', Qualifier: 'live' })).code).toBe(
      'ResourceNotFoundException',
    );
    const permission = {
      FunctionName: 'fn',
      Qualifier: 'live',
      StatementId: 'apigw',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:abc/*/POST/predict',
    };
    const added = JSON.parse(call('AddPermission', permission).Statement);
    expect(added).toMatchObject({
      Principal: { Service: 'apigateway.amazonaws.com' },
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn:live',
      Condition: { ArnLike: { 'AWS:SourceArn': permission.SourceArn } },
    });
    expect(failure(() => call('AddPermission', permission)).code).toBe('ResourceConflictException');
    const policy = JSON.parse(call('GetPolicy', { FunctionName: 'fn', Qualifier: 'live' }).Policy);
    expect(policy.Statement.map((s: Any) => s.Sid)).toEqual(['apigw']);
    expect(failure(() => call('GetPolicy', { FunctionName: 'fn' })).code).toBe('ResourceNotFoundException');
    call('RemovePermission', { FunctionName: 'fn', Qualifier: 'live', StatementId: 'apigw' });
    expect(
      failure(() => call('RemovePermission', { FunctionName: 'fn', Qualifier: 'live', StatementId: 'apigw' }))
        .code,
    ).toBe('ResourceNotFoundException');
    expect(failure(() => call('AddPermission', { ...permission, Qualifier: 'nope' })).code).toBe(
      'ResourceNotFoundException',
    );
  });

  it('gives an alias one function URL; a second create conflicts', () => {
    create();
    lambda.transitionAfterPolls = 0;
    for (let i = 0; i < 3; i++) call('GetFunction', { FunctionName: 'fn' });
    call('PublishVersion', { FunctionName: 'fn' });
    call('CreateAlias', { FunctionName: 'fn', Name: 'live', FunctionVersion: '1' });
    const url = call('CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live', AuthType: 'NONE' });
    expect(url.FunctionUrl).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(
      failure(() =>
        call('CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live', AuthType: 'NONE' }),
      ).code,
    ).toBe('ResourceConflictException');
    expect(call('GetFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live' }).AuthType).toBe('NONE');
  });

  it('refuses a role Lambda cannot assume, a VPC without ENI permissions, a bad zip and a big environment', () => {
    let assumable = false;
    lambda.roles = { assumable: () => (assumable ? undefined : 'new'), allows: () => false };
    const refused = failure(() => create());
    expect(refused.code).toBe('InvalidParameterValueException');
    expect(refused.message).toBe('The role defined for the function cannot be assumed by Lambda.');
    assumable = true;
    const vpc = failure(() =>
      call('CreateFunction', {
        FunctionName: 'v',
        Role: ROLE,
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Code: { ZipFile: zip('x').bytes },
        VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
      }),
    );
    expect(vpc.message).toContain('CreateNetworkInterface');
    const bad = failure(() => create('b', { bytes: new TextEncoder().encode('not a zip') } as Any));
    expect(bad.message).toContain('Could not unzip');
    create();
    lambda.transitionAfterPolls = 0;
    for (let i = 0; i < 3; i++) call('GetFunction', { FunctionName: 'fn' });
    const big = failure(() =>
      call('UpdateFunctionConfiguration', {
        FunctionName: 'fn',
        Environment: { Variables: { A: 'x'.repeat(5000) } },
      }),
    );
    expect(big.message).toContain('exceeded the 4KB limit');
    const reserved = failure(() =>
      call('UpdateFunctionConfiguration', {
        FunctionName: 'fn',
        Environment: { Variables: { AWS_REGION: 'x' } },
      }),
    );
    expect(reserved.message).toContain('reserved keys');
    expect(failure(() => create('f'.repeat(65))).code).toBe('ValidationException');
    const timeout = failure(() => call('UpdateFunctionConfiguration', { FunctionName: 'fn', Timeout: 901 }));
    expect(timeout.code).toBe('ValidationException');
  });
});
