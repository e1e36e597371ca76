import { describe, expect, it } from 'vitest';
import { FakeElastiCache } from '../src/elasticache/fake-elasticache.js';
import { FakeIam } from '../src/iam/fake-iam.js';
import type { AwsError } from '../src/server/aws-error.js';

// biome-ignore lint/suspicious/noExplicitAny: handler outputs are plain JSON
type Any = any;

function caller(ops: Record<string, (input: Any) => unknown>) {
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

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('IAM fake (state and handlers)', () => {
  it('creates roles, returns URL-encoded documents, refuses duplicates and deletes only bare roles', () => {
    const iam = new FakeIam('123456789012');
    const call = caller(iam.operations());
    const { Role } = call('CreateRole', {
      RoleName: 'proxy',
      AssumeRolePolicyDocument: TRUST,
      Tags: [{ Key: 'a', Value: 'b' }],
    });
    expect(Role.Arn).toBe('arn:aws:iam::123456789012:role/proxy');
    expect(decodeURIComponent(call('GetRole', { RoleName: 'proxy' }).Role.AssumeRolePolicyDocument)).toBe(
      TRUST,
    );
    expect(
      failure(() => call('CreateRole', { RoleName: 'proxy', AssumeRolePolicyDocument: TRUST })).code,
    ).toBe('EntityAlreadyExists');
    expect(failure(() => call('GetRole', { RoleName: 'nope' })).code).toBe('NoSuchEntity');
    expect(
      failure(() => call('PutRolePolicy', { RoleName: 'proxy', PolicyName: 'p', PolicyDocument: '{' })).code,
    ).toBe('MalformedPolicyDocument');
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ec2:CreateNetworkInterface', Resource: '*' }],
    };
    call('PutRolePolicy', { RoleName: 'proxy', PolicyName: 'p', PolicyDocument: JSON.stringify(policy) });
    expect(iam.allows(Role.Arn, 'ec2:CreateNetworkInterface')).toBe(true);
    expect(iam.allows(Role.Arn, 'sagemaker:InvokeEndpoint')).toBe(false);
    expect(failure(() => call('DeleteRole', { RoleName: 'proxy' })).code).toBe('DeleteConflict');
    call('DeleteRolePolicy', { RoleName: 'proxy', PolicyName: 'p' });
    call('DeleteRole', { RoleName: 'proxy' });
    expect(iam.roles.size).toBe(0);
  });

  it('lets Lambda assume a new role only after the propagation refusals, and only when it trusts lambda', () => {
    const iam = new FakeIam('123456789012');
    iam.propagationRefusals = 2;
    const call = caller(iam.operations());
    const { Role } = call('CreateRole', { RoleName: 'proxy', AssumeRolePolicyDocument: TRUST });
    expect(iam.assumable(Role.Arn)).toBe('not yet propagated');
    expect(iam.assumable(Role.Arn)).toBe('not yet propagated');
    expect(iam.assumable(Role.Arn)).toBeUndefined();
    const other = iam.seedRole('ec2-role', { trustService: 'ec2.amazonaws.com' });
    expect(iam.assumable(other.Arn)).toContain('not trusted');
    expect(iam.assumable('arn:aws:iam::123456789012:role/missing')).toBe('no such role');
  });
});

describe('ElastiCache fake (serverless caches)', () => {
  it('goes creating → available after the polls, shows the endpoint only then, and deletes', () => {
    const cache = new FakeElastiCache('us-east-1', '123456789012', 1);
    const call = caller(cache.operations());
    const created = call('CreateServerlessCache', {
      ServerlessCacheName: 'iris-dev',
      Engine: 'redis',
      SubnetIds: ['subnet-1', 'subnet-2'],
      SecurityGroupIds: ['sg-1'],
      Tags: [{ Key: 'mlship:app', Value: 'iris' }],
    });
    expect(created.ServerlessCache).toMatchObject({ Status: 'creating' });
    expect(created.ServerlessCache.Endpoint).toBeUndefined();
    expect(failure(() => call('DeleteServerlessCache', { ServerlessCacheName: 'iris-dev' })).code).toBe(
      'InvalidServerlessCacheStateFault',
    );
    expect(
      call('DescribeServerlessCaches', { ServerlessCacheName: 'iris-dev' }).ServerlessCaches[0].Status,
    ).toBe('creating');
    const ready = call('DescribeServerlessCaches', { ServerlessCacheName: 'iris-dev' }).ServerlessCaches[0];
    expect(ready).toMatchObject({ Status: 'available', Endpoint: { Port: 6379 } });
    expect(call('ListTagsForResource', { ResourceName: ready.ARN }).TagList).toEqual([
      { Key: 'mlship:app', Value: 'iris' },
    ]);
    expect(
      failure(() => call('CreateServerlessCache', { ServerlessCacheName: 'iris-dev', Engine: 'redis' })).code,
    ).toBe('ServerlessCacheAlreadyExistsFault');
    expect(
      failure(() => call('CreateServerlessCache', { ServerlessCacheName: 'Bad--', Engine: 'redis' })).code,
    ).toBe('InvalidParameterValue');
    call('DeleteServerlessCache', { ServerlessCacheName: 'iris-dev' });
    call('DescribeServerlessCaches', {});
    call('DescribeServerlessCaches', {});
    expect(failure(() => call('DescribeServerlessCaches', { ServerlessCacheName: 'iris-dev' })).code).toBe(
      'ServerlessCacheNotFoundFault',
    );
  });
});
