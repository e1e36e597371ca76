import { describe, expect, it } from 'vitest';
import { engine, ops, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();
const RESOURCE = 'endpoint/iris-dev/variant/AllTraffic';
const scaling = { enabled: true, minInstances: 1, maxInstances: 4, targetInvocationsPerInstance: 70 };

describe('autoscaling', () => {
  it('registers a scalable target and a target-tracking policy after the endpoint is InService', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    expect(ops(h.aws)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
    ]);
    const register = h.aws.calls.find((c) => c.operation === 'RegisterScalableTarget')?.input;
    expect(register).toMatchObject({
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: 1,
      MaxCapacity: 4,
    });
    const policy = h.aws.calls.find((c) => c.operation === 'PutScalingPolicy')?.input;
    expect(policy).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
      },
    });
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('an update keeps the instance count autoscaling chose', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    h.aws.autoscaling.scaleTo(RESOURCE, 3);
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { autoscaling: scaling }), { imageTag: 'v2' }).deploy();
    const config = h.aws.calls.find((c) => c.operation === 'CreateEndpointConfig')?.input as {
      ProductionVariants: Array<{ InitialInstanceCount: number }>;
    };
    expect(config.ProductionVariants[0]?.InitialInstanceCount).toBe(3);
    expect(ops(h.aws)).not.toContain('DeregisterScalableTarget');
  });

  it('an instance-type change on an autoscaled variant deregisters, updates, then registers again', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    h.aws.calls.length = 0;
    const bigger = resolved(h.dir.path, { autoscaling: scaling, instance: { type: 'ml.c5.xlarge' } });
    const e = engine(h, bigger);
    await e.deploy();
    expect(ops(h.aws)).toEqual([
      'DeregisterScalableTarget',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
    ]);
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').ProductionVariants[0]?.InstanceType).toBe(
      'ml.c5.xlarge',
    );
    expect(e.host.messages().join('\n')).toContain('instanceType: ml.m5.large → ml.c5.xlarge');
  });

  it('changing only the scaling range updates the scalable target, not the endpoint', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { autoscaling: { ...scaling, maxInstances: 8 } })).deploy();
    expect(ops(h.aws)).toEqual(['RegisterScalableTarget', 'PutScalingPolicy']);
  });

  it('disabling autoscaling deregisters the target', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path)).deploy();
    expect(ops(h.aws)).toContain('DeregisterScalableTarget');
    expect(h.aws.autoscaling.registeredVariants('iris-dev')).toEqual([]);
  });

  it('when that update fails, autoscaling is registered again on the config that still serves', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    h.aws.sagemaker.failNextUpdate('Insufficient capacity for ml.c5.xlarge');
    h.aws.calls.length = 0;
    const bigger = resolved(h.dir.path, { autoscaling: scaling, instance: { type: 'ml.c5.xlarge' } });
    await expect(engine(h, bigger).deploy()).rejects.toMatchObject({ code: 'UPDATE_FAILED', exitCode: 1 });
    expect(ops(h.aws)).toEqual([
      'DeregisterScalableTarget',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
    ]);
    expect(h.aws.autoscaling.registeredVariants('iris-dev')).toEqual(['AllTraffic']);
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').ProductionVariants[0]?.InstanceType).toBe(
      'ml.m5.large',
    );
  });

  it('when an update that turns autoscaling off fails, the previous target and policy come back', async () => {
    await engine(h, resolved(h.dir.path, { autoscaling: scaling })).deploy();
    h.aws.sagemaker.failNextUpdate('Insufficient capacity');
    await expect(engine(h, resolved(h.dir.path), { imageTag: 'v2' }).deploy()).rejects.toMatchObject({
      code: 'UPDATE_FAILED',
      exitCode: 1,
    });
    expect(h.aws.autoscaling.registeredVariants('iris-dev')).toEqual(['AllTraffic']);
    const [policy] = [...h.aws.autoscaling.policies.values()];
    expect(policy?.TargetTrackingScalingPolicyConfiguration).toMatchObject({
      TargetValue: 70,
      ScaleInCooldown: 300,
      ScaleOutCooldown: 60,
    });
  });
});
