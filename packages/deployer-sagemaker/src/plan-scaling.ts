import type { Change } from '@mlship/core';
import { diffs } from './field-diff.js';
import type { EndpointAction, SageMakerDetail } from './plan.js';
import type { CurrentState } from './read.js';

/**
 * Autoscaling changes. AWS refuses an instance-type change on a registered variant, so that case (and a recreated
 * endpoint, or scaling turned off) deregisters first; the target is then registered again after the endpoint.
 */
export function planScaling(
  current: CurrentState,
  action: EndpointAction,
  changes: Change[],
): Omit<SageMakerDetail['scaling'], 'previous'> {
  const { desired, scaling: registered, currentConfig } = current;
  const want = desired.scaling;
  const id = want?.resourceId ?? registered?.resourceId ?? '';
  const typeChange = action === 'update' && currentConfig?.instanceType !== desired.variant.InstanceType;
  const deregisterFirst = Boolean(registered && (!want || typeChange || action === 'recreate'));
  if (deregisterFirst) {
    changes.push({
      action: 'delete',
      resource: 'ApplicationAutoScaling::ScalableTarget',
      id,
      reason: !want
        ? 'autoscaling disabled'
        : typeChange
          ? 'instance type change needs it deregistered first'
          : 'endpoint recreated',
    });
  }
  if (!want) return { deregisterFirst, register: false, putPolicy: false };
  const policy = registered?.policy;
  const policyDiff = diffs([
    ['targetInvocationsPerInstance', policy?.targetValue, want.targetValue],
    ['scaleInCooldownSeconds', policy?.scaleInCooldown, want.scaleInCooldown],
    ['scaleOutCooldownSeconds', policy?.scaleOutCooldown, want.scaleOutCooldown],
  ]);
  if (!registered || deregisterFirst) {
    changes.push({
      action: 'create',
      resource: 'ApplicationAutoScaling::ScalableTarget',
      id,
      reason: `${want.min}-${want.max} instances, target ${want.targetValue} invocations/instance`,
    });
    return { deregisterFirst, register: true, putPolicy: true };
  }
  const rangeDiff = diffs([
    ['minInstances', registered.min, want.min],
    ['maxInstances', registered.max, want.max],
  ]);
  if (rangeDiff.length > 0) {
    changes.push({
      action: 'update',
      resource: 'ApplicationAutoScaling::ScalableTarget',
      id,
      reason: 'capacity range',
      diff: rangeDiff,
    });
  }
  if (!policy) {
    changes.push({
      action: 'create',
      resource: 'ApplicationAutoScaling::ScalingPolicy',
      id,
      reason: `drift: the scalable target has no target-tracking policy; target ${want.targetValue} invocations/instance`,
    });
  } else if (policyDiff.length > 0) {
    changes.push({
      action: 'update',
      resource: 'ApplicationAutoScaling::ScalingPolicy',
      id,
      reason: 'target tracking',
      diff: policyDiff,
    });
  }
  return { deregisterFirst, register: rangeDiff.length > 0, putPolicy: policyDiff.length > 0 };
}
