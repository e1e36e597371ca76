import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import type { DeployContext, ResolvedEnvironment } from '@mlship/core';
import { clientsFor } from './clients.js';
import type { DesiredScaling, Tag } from './desired.js';
import { scalingPolicyName } from './names.js';

export const NAMESPACE = 'sagemaker';
export const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
export const METRIC = 'SageMakerVariantInvocationsPerInstance';

export interface ScalingState {
  resourceId: string;
  min: number;
  max: number;
  policy?: { name: string; targetValue?: number; scaleInCooldown?: number; scaleOutCooldown?: number };
}

export async function readScaling(ctx: DeployContext, resourceId: string): Promise<ScalingState | undefined> {
  const { autoscaling } = clientsFor(ctx);
  const targets = await autoscaling.send(
    new DescribeScalableTargetsCommand({
      ServiceNamespace: NAMESPACE,
      ResourceIds: [resourceId],
      ScalableDimension: DIMENSION,
    }),
  );
  const target = targets.ScalableTargets?.[0];
  if (!target) return undefined;
  const policies = await autoscaling.send(
    new DescribeScalingPoliciesCommand({
      ServiceNamespace: NAMESPACE,
      ResourceId: resourceId,
      ScalableDimension: DIMENSION,
    }),
  );
  const policy = policies.ScalingPolicies?.find((p) => p.PolicyType === 'TargetTrackingScaling');
  const tracking = policy?.TargetTrackingScalingPolicyConfiguration;
  return {
    resourceId,
    min: target.MinCapacity ?? 0,
    max: target.MaxCapacity ?? 0,
    ...(policy?.PolicyName
      ? {
          policy: {
            name: policy.PolicyName,
            ...(tracking?.TargetValue === undefined ? {} : { targetValue: tracking.TargetValue }),
            ...(tracking?.ScaleInCooldown === undefined ? {} : { scaleInCooldown: tracking.ScaleInCooldown }),
            ...(tracking?.ScaleOutCooldown === undefined
              ? {}
              : { scaleOutCooldown: tracking.ScaleOutCooldown }),
          },
        }
      : {}),
  };
}

/** A registration to restore: its own range and policy values, release.yaml's where the policy is gone. */
export function restorable(
  previous: ScalingState,
  fallback: ResolvedEnvironment['sagemaker']['autoscaling'],
): DesiredScaling {
  return {
    resourceId: previous.resourceId,
    min: previous.min,
    max: previous.max,
    targetValue: previous.policy?.targetValue ?? fallback.targetInvocationsPerInstance,
    scaleInCooldown: previous.policy?.scaleInCooldown ?? fallback.scaleInCooldownSeconds,
    scaleOutCooldown: previous.policy?.scaleOutCooldown ?? fallback.scaleOutCooldownSeconds,
  };
}

export async function registerScaling(
  ctx: DeployContext,
  endpoint: string,
  scaling: DesiredScaling,
  tags: Tag[],
): Promise<void> {
  const { autoscaling } = clientsFor(ctx);
  await autoscaling.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: NAMESPACE,
      ResourceId: scaling.resourceId,
      ScalableDimension: DIMENSION,
      MinCapacity: scaling.min,
      MaxCapacity: scaling.max,
      Tags: Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])),
    }),
  );
  await putPolicy(ctx, endpoint, scaling);
}

export async function putPolicy(
  ctx: DeployContext,
  endpoint: string,
  scaling: DesiredScaling,
): Promise<void> {
  await clientsFor(ctx).autoscaling.send(
    new PutScalingPolicyCommand({
      PolicyName: scalingPolicyName(endpoint),
      ServiceNamespace: NAMESPACE,
      ResourceId: scaling.resourceId,
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: scaling.targetValue,
        PredefinedMetricSpecification: { PredefinedMetricType: METRIC },
        ScaleInCooldown: scaling.scaleInCooldown,
        ScaleOutCooldown: scaling.scaleOutCooldown,
      },
    }),
  );
}

/** Deregistering a scalable target deletes its policies too. */
export async function deregisterScaling(ctx: DeployContext, resourceId: string): Promise<void> {
  await clientsFor(ctx).autoscaling.send(
    new DeregisterScalableTargetCommand({
      ServiceNamespace: NAMESPACE,
      ResourceId: resourceId,
      ScalableDimension: DIMENSION,
    }),
  );
}
