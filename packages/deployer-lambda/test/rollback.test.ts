import { MlshipError } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { rollbackLambda } from '../src/rollback.js';
import { statusLambda } from '../src/status.js';
import { context, deployOnce, mutating, resolved, SAGEMAKER_OUTPUTS, useFakeAws } from './harness.js';

const h = useFakeAws();

const modelV2 = { ...SAGEMAKER_OUTPUTS, modelName: 'iris-dev-ffff0000', modelVersion: 'ffff0000' };
const rollback = (upstream: Record<string, unknown> | undefined, to?: string) =>
  rollbackLambda(context(resolved(), { upstream: upstream ? { sagemaker: upstream } : {} }), to);

/** Version 1 serves model abcd1234, version 2 model ffff0000 (live). */
async function twoVersions(): Promise<void> {
  await deployOnce(context(resolved()));
  await deployOnce(context(resolved(), { upstream: { sagemaker: modelV2 } }));
  expect(h.aws.lambda.functions.get('iris-dev-proxy')?.aliases.get('live')?.FunctionVersion).toBe('2');
  h.aws.calls.length = 0;
}

describe('lambda rollback', () => {
  it('follows SageMaker back: live moves to the version whose MODEL_VERSION is the model now served', async () => {
    await twoVersions();
    const report = await rollback(SAGEMAKER_OUTPUTS, 'iris-dev-0a1b2c3d');
    expect(report).toMatchObject({ target: 'lambda', from: '2', to: '1' });
    expect(report.outputs).toMatchObject({ version: '1', modelVersion: 'abcd1234', aliasName: 'live' });
    expect(mutating(h.aws)).toEqual(['lambda.UpdateAlias']);
    const status = await statusLambda(context(resolved()));
    expect(status.summary).toContain('live → version 1 ($LATEST differs from live: after a rollback');
    expect(status.detail).toMatchObject({ liveVersion: '1', modelVersion: 'abcd1234' });
  });

  it('changes nothing when live already serves the model SageMaker serves', async () => {
    await twoVersions();
    const report = await rollback(modelV2);
    expect(report).toMatchObject({ from: '2', to: '2' });
    expect(mutating(h.aws)).toEqual([]);
  });

  it('without SageMaker outputs goes to the version before live; --to <n> picks a version', async () => {
    await twoVersions();
    expect((await rollback(undefined)).to).toBe('1');
    expect((await rollback(undefined, '2')).to).toBe('2');
  });

  it('fails with LAMBDA_ROLLBACK_NONE when no kept version serves the model', async () => {
    await twoVersions();
    const error = await rollback({ ...SAGEMAKER_OUTPUTS, modelVersion: '99999999' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlshipError);
    expect((error as MlshipError).code).toBe('LAMBDA_ROLLBACK_NONE');
    expect((error as MlshipError).message).toContain('a version serving model 99999999');
    expect(mutating(h.aws)).toEqual([]);
  });
});
