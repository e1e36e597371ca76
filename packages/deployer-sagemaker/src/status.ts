import type { DeployContext, StatusReport } from '@mlship/core';
import { describeEndpoint } from './endpoint.js';
import { endpointName, scalingResourceId } from './names.js';
import { modelExists } from './read.js';
import { readScaling, type ScalingState } from './scaling.js';
import { type ConfigState, describeConfig, listVersions } from './versions.js';

export async function statusSageMaker(ctx: DeployContext): Promise<StatusReport> {
  const { config, env } = ctx.resolved;
  const name = endpointName(config.name, env);
  const endpoint = await describeEndpoint(ctx, name);
  if (!endpoint) {
    return {
      target: 'sagemaker',
      exists: false,
      summary: `endpoint ${name} does not exist`,
      detail: { endpointName: name },
    };
  }
  const current = endpoint.EndpointConfigName
    ? await describeConfig(ctx, endpoint.EndpointConfigName)
    : undefined;
  const scaling = await readScaling(ctx, scalingResourceId(name, config.sagemaker.variantName));
  const versions = await listVersions(ctx);
  const variants = (endpoint.ProductionVariants ?? []).map((v) => ({
    name: v.VariantName,
    currentInstanceCount: v.CurrentInstanceCount,
    desiredInstanceCount: v.DesiredInstanceCount,
    image: v.DeployedImages?.[0]?.SpecifiedImage,
  }));
  const count = variants.map((v) => v.currentInstanceCount ?? '?').join('+');
  const drift = await driftOf(ctx, endpoint.EndpointConfigName, current, scaling);
  const summary =
    `${name} ${endpoint.EndpointStatus} on ${endpoint.EndpointConfigName} (${count} x ${current?.instanceType ?? '?'})` +
    (scaling ? `, autoscaling ${scaling.min}-${scaling.max}` : '') +
    (endpoint.FailureReason ? `, last failure: ${endpoint.FailureReason}` : '') +
    (drift.length > 0 ? `\n  drift: ${drift.join('; ')} (\`mlship deploy\` repairs it)` : '');
  return {
    target: 'sagemaker',
    exists: true,
    summary,
    detail: {
      endpointName: name,
      endpointArn: endpoint.EndpointArn,
      status: endpoint.EndpointStatus,
      endpointConfigName: endpoint.EndpointConfigName,
      modelName: current?.modelName,
      instanceType: current?.instanceType,
      failureReason: endpoint.FailureReason,
      lastModified: endpoint.LastModifiedTime?.toISOString(),
      variants,
      autoscaling: scaling ?? null,
      drift,
      versions: versions.configs
        .sort((a, b) => b.created - a.created)
        .map((c) => ({
          endpointConfigName: c.name,
          created: new Date(c.created).toISOString(),
          models: c.modelNames,
        })),
    },
  };
}

/** What release.yaml needs that no longer exists (deleted behind mlship's back); a deploy recreates it. */
async function driftOf(
  ctx: DeployContext,
  configName: string | undefined,
  current: ConfigState | undefined,
  scaling: ScalingState | undefined,
): Promise<string[]> {
  const drift: string[] = [];
  if (configName && !current)
    drift.push(`endpoint config ${configName} was deleted while the endpoint serves it`);
  if (current?.modelName && !(await modelExists(ctx, current.modelName))) {
    drift.push(`model ${current.modelName} was deleted while ${current.name} uses it`);
  }
  if (ctx.resolved.config.sagemaker.autoscaling.enabled) {
    if (!scaling) drift.push('autoscaling is enabled in release.yaml but not registered');
    else if (!scaling.policy) drift.push(`the scalable target ${scaling.resourceId} has no scaling policy`);
  }
  return drift;
}
