import { resolvedEnvironmentSchema } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { deploymentConfig, desiredState } from '../src/desired.js';
import { selectStale } from '../src/gc.js';
import { planSageMaker } from '../src/plan.js';
import type { CurrentState } from '../src/read.js';

// biome-ignore lint/suspicious/noExplicitAny: overlay
function config(sagemaker: Record<string, any> = {}) {
  return {
    env: 'prod',
    file: 'release.yaml',
    config: resolvedEnvironmentSchema.parse({
      name: 'iris',
      model: { framework: 'onnx' },
      region: 'eu-central-1',
      image: { repository: 'iris' },
      sagemaker: { executionRoleArn: 'arn:aws:iam::123456789012:role/x', ...sagemaker },
    }),
  };
}
const image = {
  repository: 'iris',
  tag: 'v1',
  registryId: '123456789012',
  uri: 'acct/iris:v1',
  digest: 'sha256:1',
};
// biome-ignore lint/suspicious/noExplicitAny: the plan reads only ctx.resolved
const ctx = { resolved: config() } as any;

describe('desired state', () => {
  it('names are content-addressed: same inputs, same names; a new image, a new model and config', () => {
    const a = desiredState(config(), image);
    expect(desiredState(config(), image).configName).toBe(a.configName);
    const b = desiredState(config(), { ...image, tag: 'v2', uri: 'acct/iris:v2' });
    expect(b.model.ModelName).not.toBe(a.model.ModelName);
    expect(b.configName).not.toBe(a.configName);
    expect(a.model.ModelName).toMatch(/^iris-prod-[0-9a-f]{8}$/);
  });

  it('with autoscaling the instance count does not change the version', () => {
    const on = { autoscaling: { enabled: true } };
    const a = desiredState(config({ ...on, instance: { count: 1 } }), image);
    const b = desiredState(config({ ...on, instance: { count: 3 } }), image);
    expect(b.configName).toBe(a.configName);
    expect(desiredState(config({ instance: { count: 3 } }), image).configName).not.toBe(
      desiredState(config({ instance: { count: 1 } }), image).configName,
    );
  });

  it('linear deployment maps to LINEAR traffic routing with the step size and wait', () => {
    const dc = deploymentConfig(
      config({ deployment: { strategy: 'linear', linear: { stepPercent: 30, waitSeconds: 90 } } }),
    );
    expect(dc).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'LINEAR',
          LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 30 },
          WaitIntervalInSeconds: 90,
        },
        TerminationWaitInSeconds: 0,
      },
      // mlship's endpoint alarms guard canary and linear updates by default (docs/monitoring.md).
      AutoRollbackConfiguration: {
        Alarms: [
          'iris-prod-invocation-5xx-errors',
          'iris-prod-model-latency-p99',
          'iris-prod-invocation-4xx-errors',
        ].map((AlarmName) => ({ AlarmName })),
      },
    });
  });
});

describe('planSageMaker', () => {
  const desired = desiredState(
    config({ autoscaling: { enabled: true, minInstances: 2, maxInstances: 6 } }),
    image,
  );
  const base: CurrentState = {
    desired,
    alarmSpecs: [],
    alarms: {},
    desiredModelExists: false,
    servingConfigMissing: false,
    desiredConfigExists: false,
    stale: { configs: [], models: [] },
  };

  it('plans model, config and endpoint creation and autoscaling for a new endpoint', () => {
    const plan = planSageMaker(ctx, base);
    expect(plan.changes.map((c) => `${c.action} ${c.resource}`)).toEqual([
      'create SageMaker::Model',
      'create SageMaker::EndpointConfig',
      'create SageMaker::Endpoint',
      'create ApplicationAutoScaling::ScalableTarget',
    ]);
    expect(plan.detail.instanceCount).toBe(2); // count 1 raised to minInstances
  });

  it('keeps the count autoscaling chose, within min..max', () => {
    const plan = planSageMaker(ctx, {
      ...base,
      endpoint: {
        name: desired.endpointName,
        arn: 'arn',
        status: 'InService',
        configName: 'old',
        variants: [{ name: 'AllTraffic', currentCount: 9 }],
        tags: { 'mlship:app': 'iris', 'mlship:env': 'prod' },
      },
      currentConfig: {
        name: 'old',
        instanceType: desired.variant.InstanceType,
        instanceCount: 2,
        modelName: 'm',
      },
      scaling: {
        resourceId: desired.scaling!.resourceId,
        min: 2,
        max: 6,
        policy: { name: 'p', targetValue: 100, scaleInCooldown: 300, scaleOutCooldown: 60 },
      },
    });
    expect(plan.detail.instanceCount).toBe(6);
    expect(plan.detail.scaling).toMatchObject({ deregisterFirst: false, register: false, putPolicy: false });
  });

  it('a canary update gets at least two instances even when autoscaling scaled the fleet down to one', () => {
    const canary = config({
      instance: { count: 2 },
      autoscaling: { enabled: true, minInstances: 1, maxInstances: 4 },
      deployment: { strategy: 'canary', rollbackAlarms: ['a'] },
    });
    const current = (d: typeof desired): CurrentState => ({
      ...base,
      desired: d,
      endpoint: {
        name: d.endpointName,
        arn: 'arn',
        status: 'InService',
        configName: 'old',
        variants: [{ name: 'AllTraffic', currentCount: 1 }],
        tags: { 'mlship:app': 'iris', 'mlship:env': 'prod' },
      },
      currentConfig: { name: 'old', instanceType: d.variant.InstanceType, instanceCount: 2, modelName: 'm' },
    });
    const withCanary = desiredState(canary, image);
    expect(planSageMaker({ resolved: canary } as never, current(withCanary)).detail.instanceCount).toBe(2);
    const allAtOnce = config({ autoscaling: { enabled: true, minInstances: 1, maxInstances: 4 } });
    const plain = desiredState(allAtOnce, image);
    expect(planSageMaker({ resolved: allAtOnce } as never, current(plain)).detail.instanceCount).toBe(1);
  });
});

describe('selectStale', () => {
  const v = (name: string, created: number, models: string[] = []) => ({ name, created, modelNames: models });
  it('keeps desired, in-use and the newest up to keep; models stay while a kept config uses them', () => {
    const configs = [v('c1', 1, ['m1']), v('c2', 2, ['m2']), v('c3', 3, ['m3']), v('c4', 4, ['m4'])];
    const models = [v('m1', 1), v('m2', 2), v('m3', 3), v('m4', 4), v('m5', 5)];
    const stale = selectStale(configs, models, 3, { configs: ['c5', 'c1'], models: ['m5'] });
    expect(stale.configs.sort()).toEqual(['c2', 'c3']);
    expect(stale.models.sort()).toEqual(['m2', 'm3']);
  });
});

describe('SageMaker limits applied before any call', () => {
  it('omits VolumeSizeInGB for instance types with local NVMe storage', () => {
    expect(
      desiredState(config({ instance: { type: 'ml.g4dn.xlarge' } }), image).variant.VolumeSizeInGB,
    ).toBeUndefined();
    expect(
      desiredState(config({ instance: { type: 'ml.m5d.large' } }), image).variant.VolumeSizeInGB,
    ).toBeUndefined();
    expect(desiredState(config({ instance: { type: 'ml.m5.large' } }), image).variant.VolumeSizeInGB).toBe(
      30,
    );
  });

  it('rejects a canary over 50 % and linear steps outside 10-50 % even when the schema was bypassed', () => {
    const canary = config();
    canary.config.sagemaker.deployment = {
      ...canary.config.sagemaker.deployment,
      strategy: 'canary',
      canary: { percent: 60, waitSeconds: 60 },
    };
    expect(() => deploymentConfig(canary)).toThrow(/canary.percent is 60; SageMaker accepts 1 to 50/);
    const linear = config();
    linear.config.sagemaker.deployment = {
      ...linear.config.sagemaker.deployment,
      strategy: 'linear',
      linear: { stepPercent: 5, waitSeconds: 60 },
    };
    expect(() => deploymentConfig(linear)).toThrow(/linear.stepPercent is 5; SageMaker accepts 10 to 50/);
  });
});
