import { MlshipError } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { context, deployOnce, mutating, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

async function failure(promise: Promise<unknown>): Promise<MlshipError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MlshipError);
  return error as MlshipError;
}

describe('lambda deployer: waits and retries', () => {
  it('waits out an update in progress (ResourceConflictException) and then applies its own', async () => {
    await deployOnce(context(resolved()));
    // Another deployer's update starts between our read and our update.
    const ctx = context(resolved({ proxy: { memoryMb: 1024 } }));
    const { deployer } = await import('../src/index.js');
    const plan = deployer.plan(ctx, await deployer.read(ctx));
    h.aws.lambda.startOutsideUpdate('iris-dev-proxy', 3);
    h.aws.calls.length = 0;
    const outputs = await deployer.apply(plan, ctx);
    const updates = h.aws.calls.filter((c) => c.operation === 'UpdateFunctionConfiguration');
    expect(updates.map((c) => c.error ?? 'ok')).toEqual(['ResourceConflictException', 'ok']);
    expect(
      ctx.host.events.some((e) => e.kind === 'notify' && e.message?.code === 'LAMBDA_UPDATE_IN_PROGRESS'),
    ).toBe(true);
    expect(h.aws.lambda.functions.get('iris-dev-proxy')?.latest.MemorySize).toBe(1024);
    expect(outputs.version).toBe('2');
  });

  it('with --no-wait fails with LAMBDA_BUSY instead of waiting', async () => {
    await deployOnce(context(resolved()));
    h.aws.lambda.startOutsideUpdate('iris-dev-proxy', 3);
    const error = await failure(deployOnce(context(resolved(), { wait: false })));
    expect(error.code).toBe('LAMBDA_BUSY');
    expect(error.exitCode).toBe(1);
  });

  it('retries CreateFunction while IAM has not propagated the new role, sleeping on the deploy clock', async () => {
    h.aws.iam.propagationRefusals = 2;
    const ctx = context(resolved());
    const { outputs } = await deployOnce(ctx);
    const creates = h.aws.calls.filter((c) => c.operation === 'CreateFunction');
    expect(creates.map((c) => c.errorMessage ?? 'ok')).toEqual([
      'The role defined for the function cannot be assumed by Lambda.',
      'The role defined for the function cannot be assumed by Lambda.',
      'ok',
    ]);
    expect(ctx.clock.sleeps.slice(0, 2)).toEqual([2000, 3000]);
    expect(outputs.version).toBe('1');
  });

  it('gives up on a role Lambda can never assume, with a hint about its trust policy', async () => {
    h.aws.iam.seedRole('hand-made', { trustService: 'ec2.amazonaws.com' });
    const ctx = context(resolved({ proxy: { roleArn: 'arn:aws:iam::123456789012:role/hand-made' } }));
    const error = await failure(deployOnce(ctx));
    expect(error.code).toBe('LAMBDA_ROLE_NOT_ASSUMABLE');
    expect(error.hint).toContain('lambda.amazonaws.com');
    expect(mutating(h.aws).filter((op) => op.startsWith('iam.'))).toEqual([]);
    expect(h.aws.lambda.functions.size).toBe(0);
  });

  it('does not publish or move the alias when the update ends Failed', async () => {
    await deployOnce(context(resolved()));
    h.aws.lambda.failNextUpdate('The subnet has no free IP addresses');
    h.aws.calls.length = 0;
    const error = await failure(deployOnce(context(resolved({ proxy: { memoryMb: 2048 } }))));
    expect(error.code).toBe('LAMBDA_UPDATE_FAILED');
    expect(error.message).toContain('The subnet has no free IP addresses');
    expect(mutating(h.aws)).toEqual(['lambda.UpdateFunctionConfiguration']);
    expect(h.aws.lambda.functions.get('iris-dev-proxy')?.aliases.get('live')?.FunctionVersion).toBe('1');

    // The same release.yaml again: the values already match, but the failed update is applied again, then published.
    h.aws.calls.length = 0;
    const { plan, outputs } = await deployOnce(context(resolved({ proxy: { memoryMb: 2048 } })));
    expect(plan.changes.find((c) => c.resource === 'Lambda::Function')?.diff).toEqual([
      { field: 'lastUpdateStatus', before: 'Failed', after: 'Successful' },
    ]);
    expect(mutating(h.aws)).toEqual([
      'lambda.UpdateFunctionConfiguration',
      'lambda.PublishVersion',
      'lambda.UpdateAlias',
    ]);
    expect(outputs.version).toBe('2');
  });

  it('deletes a function whose creation failed and creates it again on the next deploy', async () => {
    h.aws.lambda.failNextCreate('Lambda was unable to create ENIs in subnet subnet-0aaa1111');
    const error = await failure(deployOnce(context(resolved())));
    expect(error.code).toBe('LAMBDA_CREATE_FAILED');
    expect(error.hint).toContain('deletes the failed function and creates it again');
    h.aws.calls.length = 0;
    const { plan, outputs } = await deployOnce(context(resolved()));
    expect(plan.changes.slice(0, 2).map((c) => `${c.action} ${c.resource}`)).toEqual([
      'delete Lambda::Function',
      'create Lambda::Function',
    ]);
    expect(mutating(h.aws)).toEqual([
      'lambda.DeleteFunction',
      'lambda.CreateFunction',
      'lambda.PublishVersion',
      'lambda.CreateAlias',
    ]);
    expect(outputs.version).toBe('1');
  });

  it('lets the SDK retry a throttled call (failNext) without failing the deploy', async () => {
    h.aws.failNext('lambda', 'CreateAlias', {
      code: 'TooManyRequestsException',
      message: 'Rate exceeded',
      status: 429,
    });
    const { outputs } = await deployOnce(context(resolved()));
    expect(h.aws.calls.filter((c) => c.operation === 'CreateAlias').map((c) => c.error ?? 'ok')).toEqual([
      'TooManyRequestsException',
      'ok',
    ]);
    expect(outputs.aliasName).toBe('live');
  });

  it('refuses to take over a function mlship did not tag', async () => {
    await deployOnce(context(resolved()));
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    if (fn) fn.tags = { owner: 'someone-else' };
    h.aws.calls.length = 0;
    const error = await failure(deployOnce(context(resolved())));
    expect(error.code).toBe('LAMBDA_FUNCTION_NOT_OURS');
    expect(error.exitCode).toBe(2);
    expect(mutating(h.aws)).toEqual([]);
  });

  it('masks the Redis password and URL in an AWS error that quotes the environment (the 4 KB limit)', async () => {
    const redisUrl = `redis://:s3cret-pass@${'h'.repeat(4100)}.example.com:6379`;
    const error = await deployOnce(context(resolved({ cache: { enabled: true, redisUrl } }))).then(
      () => undefined,
      (thrown: Error) => thrown,
    );
    expect(error?.name).toBe('InvalidParameterValueException');
    expect(error?.message).toContain('exceeded the 4KB limit');
    expect(error?.message).not.toContain('s3cret-pass');
    expect(error?.message).toContain('****');
  });
});
