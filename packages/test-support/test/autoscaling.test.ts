import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { createConfig, createModel, deployEndpoint, pollEndpoint, rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
const RESOURCE = 'endpoint/ep/variant/AllTraffic';
const target = {
  ServiceNamespace: 'sagemaker',
  ResourceId: RESOURCE,
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
} as const;

async function register(min = 1, max = 4) {
  await h.aas.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: min, MaxCapacity: max }));
}

async function putPolicy(name = 'ep-invocations') {
  return h.aas.send(
    new PutScalingPolicyCommand({
      ...target,
      PolicyName: name,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      },
    }),
  );
}

describe('Application Auto Scaling targets and policies', () => {
  it('registers (idempotently updating), describes and deregisters a variant target', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register(1, 4);
    await h.aas.send(new RegisterScalableTargetCommand({ ...target, MaxCapacity: 6 }));
    const out = await h.aas.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [RESOURCE] }),
    );
    expect(out.ScalableTargets).toHaveLength(1);
    expect(out.ScalableTargets?.[0]).toMatchObject({ ...target, MinCapacity: 1, MaxCapacity: 6 });
    expect(out.ScalableTargets?.[0]?.CreationTime).toBeInstanceOf(Date);
    await h.aas.send(new DeregisterScalableTargetCommand(target));
    const error = await rejection(h.aas.send(new DeregisterScalableTargetCommand(target)));
    expect(error.name).toBe('ObjectNotFoundException');
    expect(error.message).toBe(
      'No scalable target registered for service namespace: sagemaker, resource ID: endpoint/ep/variant/AllTraffic, ' +
        'scalable dimension: sagemaker:variant:DesiredInstanceCount',
    );
  });

  it('clamps the variant into [min, max] when registering', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register(2, 4);
    const ep = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    expect(ep.ProductionVariants?.[0]?.DesiredInstanceCount).toBe(2);
  });

  it('refuses targets for missing variants, bad dimensions, min > max and burstable instances', async () => {
    const missing = await rejection(register());
    expect(missing.name).toBe('ValidationException');
    await deployEndpoint(h.sm, 'ep');
    const dim = await rejection(
      h.aas.send(
        new RegisterScalableTargetCommand({
          ...target,
          ScalableDimension: 'ecs:service:DesiredCount',
          MinCapacity: 1,
          MaxCapacity: 2,
        }),
      ),
    );
    expect(dim.message).toBe('Unsupported service namespace, resource type or scalable dimension');
    expect((await rejection(register(3, 2))).name).toBe('ValidationException');
    const fresh = await rejection(h.aas.send(new RegisterScalableTargetCommand(target)));
    expect(fresh.name).toBe('ValidationException');
    await deployEndpoint(h.sm, 'tiny', { instanceType: 'ml.t2.medium' });
    const burst = await rejection(
      h.aas.send(
        new RegisterScalableTargetCommand({
          ...target,
          ResourceId: 'endpoint/tiny/variant/AllTraffic',
          MinCapacity: 1,
          MaxCapacity: 2,
        }),
      ),
    );
    expect(burst.message).toContain('ml.t2.medium');
  });

  it('puts, describes and deletes a target-tracking policy', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register();
    const put = await putPolicy();
    expect(put.PolicyARN).toMatch(
      /^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}:resource\/sagemaker\/endpoint\/ep\/variant\/AllTraffic:policyName\/ep-invocations$/,
    );
    expect(put.Alarms?.map((a) => a.AlarmName?.split('-')[0])).toEqual(['TargetTracking', 'TargetTracking']);
    expect((await putPolicy()).PolicyARN).toBe(put.PolicyARN);
    const described = await h.aas.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: RESOURCE }),
    );
    expect(described.ScalingPolicies).toHaveLength(1);
    expect(described.ScalingPolicies?.[0]?.TargetTrackingScalingPolicyConfiguration).toMatchObject({
      TargetValue: 70,
      ScaleInCooldown: 300,
    });
    await h.aas.send(new DeleteScalingPolicyCommand({ ...target, PolicyName: 'ep-invocations' }));
    const again = await rejection(
      h.aas.send(new DeleteScalingPolicyCommand({ ...target, PolicyName: 'ep-invocations' })),
    );
    expect(again.name).toBe('ObjectNotFoundException');
  });

  it('refuses a policy without a scalable target, and deregistering deletes the policies', async () => {
    await deployEndpoint(h.sm, 'ep');
    const error = await rejection(putPolicy());
    expect(error.name).toBe('ObjectNotFoundException');
    expect(error.message).toContain('No scalable target registered for service namespace: sagemaker');
    await register();
    await putPolicy();
    await h.aas.send(new DeregisterScalableTargetCommand(target));
    const described = await h.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }));
    expect(described.ScalingPolicies).toEqual([]);
  });
});

describe('the SageMaker rule for autoscaled variants', () => {
  it('refuses an instance-type change while the variant is registered, allows it after deregistering', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register();
    await createConfig(h.sm, 'c2', 'ep-m1', 'ml.m5.xlarge');
    const error = await rejection(
      h.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'c2' })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'The variant(s) "[AllTraffic]" must be deregistered as scalable targets with AWS Application Auto Scaling ' +
        'before they can be removed or have their instance types updated.',
    );
    await h.aas.send(new DeregisterScalableTargetCommand(target));
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'c2' }));
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)?.EndpointConfigName).toBe('c2');
    await register();
    expect(
      h.fake
        .mutatingCalls()
        .map((c) => c.operation)
        .slice(-4),
    ).toEqual(['UpdateEndpoint', 'DeregisterScalableTarget', 'UpdateEndpoint', 'RegisterScalableTarget']);
  });

  it('allows a model change on an autoscaled variant', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register();
    await createModel(h.sm, 'm2');
    await createConfig(h.sm, 'c2', 'm2');
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'c2' }));
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)?.EndpointConfigName).toBe('c2');
  });

  it('scaleTo() simulates autoscaling; RetainAllVariantProperties keeps that count through an update', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register(1, 5);
    h.fake.autoscaling.scaleTo(RESOURCE, 3);
    const ep = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    expect(ep.ProductionVariants?.[0]).toMatchObject({ DesiredInstanceCount: 3, CurrentInstanceCount: 3 });
    await createModel(h.sm, 'm2');
    await createConfig(h.sm, 'c2', 'm2');
    await h.sm.send(
      new UpdateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'c2',
        RetainAllVariantProperties: true,
      }),
    );
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)?.ProductionVariants?.[0]?.DesiredInstanceCount).toBe(3);
  });

  it('DeleteEndpoint deregisters the endpoint variants', async () => {
    await deployEndpoint(h.sm, 'ep');
    await register();
    await putPolicy();
    await h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    const out = await h.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
    expect(out.ScalableTargets).toEqual([]);
  });
});
