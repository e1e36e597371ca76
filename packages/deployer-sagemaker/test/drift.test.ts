import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DeleteEndpointConfigCommand, DeleteModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { StatusReport } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { engine, ops, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();
const region = 'us-east-1';
const autoscaling = { enabled: true, minInstances: 1, maxInstances: 3 };

/** Someone deletes a resource with the AWS SDK (console, script), behind mlship's back. */
const sagemaker = () => new SageMakerClient({ region });
const scaling = () => new ApplicationAutoScalingClient({ region });

async function deployed(sm: Record<string, unknown> = {}) {
  const result = await engine(h, resolved(h.dir.path, sm)).deploy();
  h.aws.calls.length = 0;
  return result.outputs.sagemaker as Record<string, string>;
}

async function statusOf(sm: Record<string, unknown> = {}): Promise<StatusReport> {
  const [report] = await engine(h, resolved(h.dir.path, sm)).status();
  return report!;
}

describe('a re-deploy repairs what was deleted behind mlship’s back, and status names it', () => {
  it('endpoint config deleted while the endpoint serves it → recreated under the same name', async () => {
    const out = await deployed();
    await sagemaker().send(new DeleteEndpointConfigCommand({ EndpointConfigName: out.endpointConfigName }));
    const before = await statusOf();
    expect(before.summary).toContain(
      `drift: endpoint config ${out.endpointConfigName} was deleted while the endpoint serves it`,
    );
    h.aws.calls.length = 0;

    const e = engine(h, resolved(h.dir.path));
    const result = await e.deploy();
    expect(result.changed).toBe(true);
    expect(result.plans[0]?.changes).toContainEqual(
      expect.objectContaining({
        action: 'create',
        resource: 'SageMaker::EndpointConfig',
        id: out.endpointConfigName,
      }),
    );
    expect(ops(h.aws)).toEqual(['CreateEndpointConfig']);
    expect(h.aws.sagemaker.endpointConfigs.has(out.endpointConfigName!)).toBe(true);
    expect((await statusOf()).detail.drift).toEqual([]);
    h.aws.calls.length = 0;
    expect((await engine(h, resolved(h.dir.path)).deploy()).changed).toBe(false);
  });

  it('model deleted while its config serves it → recreated', async () => {
    const out = await deployed();
    await sagemaker().send(new DeleteModelCommand({ ModelName: out.modelName }));
    expect((await statusOf()).detail.drift).toEqual([
      `model ${out.modelName} was deleted while ${out.endpointConfigName} uses it`,
    ]);
    h.aws.calls.length = 0;
    const result = await engine(h, resolved(h.dir.path)).deploy();
    expect(result.plans[0]?.changes).toContainEqual(
      expect.objectContaining({
        action: 'create',
        resource: 'SageMaker::Model',
        reason: expect.stringContaining('drift'),
      }),
    );
    expect(ops(h.aws)).toEqual(['CreateModel']);
    expect(h.aws.sagemaker.models.has(out.modelName!)).toBe(true);
  });

  it('endpoint deleted → recreated', async () => {
    const out = await deployed();
    h.aws.sagemaker.endpoints.delete(out.endpointName!);
    expect((await statusOf()).exists).toBe(false);
    await engine(h, resolved(h.dir.path)).deploy();
    expect(ops(h.aws)).toEqual(['CreateEndpoint']);
    expect(h.aws.sagemaker.requireEndpoint(out.endpointName!).EndpointStatus).toBe('InService');
  });

  it('scalable target deregistered → registered again with its policy', async () => {
    await deployed({ autoscaling });
    const resourceId = 'endpoint/iris-dev/variant/AllTraffic';
    await scaling().send(
      new DeregisterScalableTargetCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: resourceId,
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      }),
    );
    expect((await statusOf({ autoscaling })).detail.drift).toEqual([
      'autoscaling is enabled in release.yaml but not registered',
    ]);
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { autoscaling })).deploy();
    expect(ops(h.aws)).toEqual(['RegisterScalableTarget', 'PutScalingPolicy']);
  });

  it('scaling policy deleted → put again', async () => {
    await deployed({ autoscaling });
    const [policy] = [...h.aws.autoscaling.policies.values()];
    await scaling().send(
      new DeleteScalingPolicyCommand({
        PolicyName: policy!.PolicyName,
        ServiceNamespace: 'sagemaker',
        ResourceId: policy!.ResourceId,
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      }),
    );
    expect((await statusOf({ autoscaling })).detail.drift).toEqual([
      'the scalable target endpoint/iris-dev/variant/AllTraffic has no scaling policy',
    ]);
    h.aws.calls.length = 0;
    const result = await engine(h, resolved(h.dir.path, { autoscaling })).deploy();
    expect(result.plans[0]?.changes).toContainEqual(
      expect.objectContaining({ action: 'create', resource: 'ApplicationAutoScaling::ScalingPolicy' }),
    );
    expect(ops(h.aws)).toEqual(['PutScalingPolicy']);
  });
});
