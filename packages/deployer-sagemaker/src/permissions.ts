import type { DeployContext, DeployPlan, Permission } from '@mlship/core';
import { CALLS, permissionsOf } from './iam.js';
import type { SageMakerDetail } from './plan.js';

const READS = [
  'DescribeImages',
  'DescribeEndpoint',
  'DescribeEndpointConfig',
  'DescribeModel',
  'ListEndpointConfigs',
  'ListModels',
  'ListTags',
  'DescribeScalableTargets',
  'DescribeScalingPolicies',
];

/**
 * Without a plan: every call of deploy, status, rollback and destroy for this release.yaml, on this app's
 * resources (`<name>-*`).
 * With a plan: the calls its apply makes, on the resources it names.
 */
export function permissionsSageMaker(ctx: DeployContext, plan?: DeployPlan<SageMakerDetail>): Permission[] {
  if (!plan) {
    const pattern = `${ctx.resolved.config.name}-*`;
    // Without autoscaling, mlship only reads and removes a registration (e.g. one left from an earlier release).
    const unused = ctx.resolved.config.sagemaker.autoscaling.enabled
      ? []
      : ['RegisterScalableTarget', 'PutScalingPolicy'];
    return permissionsOf(
      ctx,
      Object.keys(CALLS).filter((call) => !unused.includes(call)),
      {
        models: [pattern],
        configs: [pattern],
        endpoints: [pattern],
      },
    );
  }
  const { detail } = plan;
  const { desired } = detail;
  const endpoint = desired.endpointName;
  const calls = (names: string[], on: { models?: string[]; configs?: string[]; endpoints?: string[] }) =>
    permissionsOf(ctx, names, { models: [], configs: [], endpoints: [], ...on });
  const out = calls(READS, {});
  if (detail.createModel)
    out.push(...calls(['CreateModel', 'AddTags'], { models: [desired.model.ModelName] }));
  if (detail.createConfig) {
    out.push(...calls(['CreateEndpointConfig', 'AddTags'], { configs: [desired.configName] }));
  }
  if (detail.endpoint === 'create' || detail.endpoint === 'recreate') {
    out.push(...calls(['CreateEndpoint', 'AddTags'], { endpoints: [endpoint] }));
  }
  if (detail.endpoint === 'recreate') out.push(...calls(['DeleteEndpoint'], { endpoints: [endpoint] }));
  if (detail.endpoint === 'update') {
    out.push(...calls(['UpdateEndpoint'], { endpoints: [endpoint], configs: [desired.configName] }));
  }
  if (detail.addTags.length > 0) out.push(...calls(['AddTags'], { endpoints: [endpoint] }));
  if (detail.scaling.deregisterFirst) out.push(...calls(['DeregisterScalableTarget'], {}));
  if (detail.scaling.register)
    out.push(...calls(['RegisterScalableTarget', 'PutScalingPolicy'], { endpoints: [endpoint] }));
  else if (detail.scaling.putPolicy) out.push(...calls(['PutScalingPolicy'], { endpoints: [endpoint] }));
  if (detail.stale.configs.length > 0) {
    out.push(...calls(['DeleteEndpointConfig'], { configs: detail.stale.configs }));
  }
  if (detail.stale.models.length > 0) out.push(...calls(['DeleteModel'], { models: detail.stale.models }));
  return out;
}
