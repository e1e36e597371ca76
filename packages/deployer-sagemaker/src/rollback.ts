import {
  AddTagsCommand,
  type DeploymentConfig,
  DescribeModelCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type DeployContext, deployError, type RollbackReport, userError } from '@mlship/core';
import { clientsFor, isNotFound } from './clients.js';
import { deploymentConfig } from './desired.js';
import { waitForEndpoint } from './endpoint.js';
import { endpointName, scalingResourceId, versionOf } from './names.js';
import { listTags, ownedBy, readEndpoint } from './read.js';
import { deregisterScaling, readScaling, registerScaling, restorable } from './scaling.js';
import { describeConfig, listVersions } from './versions.js';

/** Points the endpoint back at an earlier endpoint config (default: the newest one created before the current). */
export async function rollbackSageMaker(ctx: DeployContext, to?: string): Promise<RollbackReport> {
  const { config, env } = ctx.resolved;
  const sm = config.sagemaker;
  const { endpoint, name } = await requireEndpoint(ctx);
  const versions = await listVersions(ctx);
  const candidates = versions.configs
    .filter((c) => c.name !== endpoint.configName)
    .sort((a, b) => b.created - a.created);
  // Older than the serving config first, so a second rollback keeps going back instead of returning to the
  // version the first one left; the newest other config when the serving one is the oldest (a redeployed image).
  const servingCreated = versions.configs.find((c) => c.name === endpoint.configName)?.created;
  const earlier = candidates.find((c) => servingCreated !== undefined && c.created < servingCreated);
  const target = to ?? (earlier ?? candidates[0])?.name;
  if (!target) {
    throw userError(
      'NO_PREVIOUS_VERSION',
      `${name} has no earlier endpoint config to roll back to.`,
      'mlship keeps the last sagemaker.keepVersions configs; deploy at least twice first.',
    );
  }
  if (target === endpoint.configName) {
    throw userError('ALREADY_CURRENT', `${name} already serves ${target}.`);
  }
  // Only this app's and env's versions: another environment's config would serve its model from this endpoint.
  const known = versions.configs.some((c) => c.name === target);
  const targetConfig = known ? await describeConfig(ctx, target) : undefined;
  if (!targetConfig) {
    throw userError(
      'UNKNOWN_VERSION',
      `Endpoint config ${target} does not exist.`,
      `Available: ${candidates.map((c) => c.name).join(', ') || 'none'}`,
    );
  }
  const current = endpoint.configName ? await describeConfig(ctx, endpoint.configName) : undefined;
  const resourceId = scalingResourceId(name, sm.variantName);
  const scaling = await readScaling(ctx, resourceId);
  const typeChange = current?.instanceType !== targetConfig.instanceType;
  if (scaling && typeChange) {
    ctx.host.notify({
      level: 'info',
      message: `Deregistering autoscaling of ${resourceId} for the instance type change`,
    });
    await deregisterScaling(ctx, resourceId);
  }
  ctx.host.notify({
    level: 'info',
    code: 'ROLLBACK',
    message: `Rolling ${name} back from ${endpoint.configName} to ${target}`,
  });
  await clientsFor(ctx).sagemaker.send(
    new UpdateEndpointCommand({
      EndpointName: name,
      EndpointConfigName: target,
      DeploymentConfig: deploymentConfig(ctx.resolved) as DeploymentConfig,
    }),
  );
  const final = await waitForEndpoint(ctx, name, `Rolling back ${name} to ${target}`);
  if (scaling && typeChange) {
    await registerScaling(ctx, name, restorable(scaling, sm.autoscaling), [
      { Key: 'mlship:app', Value: config.name },
      { Key: 'mlship:env', Value: env },
    ]);
  }
  if (final?.EndpointStatus !== 'InService' || final.EndpointConfigName !== target) {
    throw deployError(
      'ROLLBACK_FAILED',
      `Rollback of ${name} to ${target} did not complete: ${final?.FailureReason ?? final?.EndpointStatus ?? 'endpoint gone'}. ${final?.EndpointConfigName ?? endpoint.configName} serves.`,
    );
  }
  const targetArn = versions.configs.find((c) => c.name === target)?.arn;
  const versionTag = targetArn ? (await listTags(ctx, targetArn))['mlship:version'] : undefined;
  if (versionTag) {
    await clientsFor(ctx).sagemaker.send(
      new AddTagsCommand({
        ResourceArn: endpoint.arn,
        Tags: [
          { Key: 'mlship:app', Value: config.name },
          { Key: 'mlship:env', Value: env },
          { Key: 'mlship:version', Value: versionTag },
        ],
      }),
    );
  }
  return {
    target: 'sagemaker',
    from: endpoint.configName,
    to: target,
    outputs: {
      endpointName: name,
      endpointArn: endpoint.arn,
      endpointConfigName: target,
      ...(await modelOutputs(ctx, targetConfig.modelName)),
      variantName: sm.variantName,
    },
  };
}

/** The rolled-back model's name, content hash and image, so the outputs file describes what now serves. */
async function modelOutputs(ctx: DeployContext, model: string | undefined): Promise<Record<string, string>> {
  if (!model) return {};
  const { name } = ctx.resolved.config;
  const version = versionOf(model, name, ctx.resolved.env);
  const described = await clientsFor(ctx)
    .sagemaker.send(new DescribeModelCommand({ ModelName: model }))
    .catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
  const image = described?.PrimaryContainer?.Image;
  return {
    modelName: model,
    ...(version ? { modelVersion: version } : {}),
    ...(image ? { imageUri: image } : {}),
  };
}

async function requireEndpoint(ctx: DeployContext) {
  const name = endpointName(ctx.resolved.config.name, ctx.resolved.env);
  const endpoint = await readEndpoint(ctx, name);
  if (!endpoint)
    throw userError(
      'ENDPOINT_NOT_FOUND',
      `Endpoint ${name} does not exist; nothing to roll back.`,
      'Run `mlship deploy` first.',
    );
  if (!ownedBy(ctx, endpoint.tags)) {
    throw userError(
      'ENDPOINT_NOT_OURS',
      `Endpoint ${name} is not tagged mlship:app=${ctx.resolved.config.name}, mlship:env=${ctx.resolved.env}; mlship did not create it.`,
    );
  }
  if (endpoint.status !== 'InService') {
    throw deployError(
      'ENDPOINT_NOT_READY',
      `Endpoint ${name} is ${endpoint.status}; it must be InService to roll back.`,
    );
  }
  return { endpoint, name };
}
