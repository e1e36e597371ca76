import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeModelCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { type DeployContext, deployError } from '@mlship/core';
import {
  type AlarmSpec,
  type CaptureBucketState,
  endpointAlarmSpecs,
  needsCaptureBucket,
  readAlarms,
  readCaptureBucket,
} from '@mlship/deployer-monitoring';
import { clientsFor, isNotFound } from './clients.js';
import { type Desired, desiredState, guardedByAlarms } from './desired.js';
import { BUSY_STATUSES, describeEndpoint, waitForEndpoint } from './endpoint.js';
import { selectStale, type VersionInfo } from './gc.js';
import { imageRef, resolveImageTag, verifyImage } from './image.js';
import { scalingResourceId } from './names.js';
import { readScaling, type ScalingState } from './scaling.js';
import { type ConfigState, describeConfig, listVersions } from './versions.js';

export interface EndpointState {
  name: string;
  arn: string;
  status: string;
  configName?: string;
  failureReason?: string;
  variants: Array<{ name: string; currentCount?: number; desiredCount?: number }>;
  tags: Record<string, string>;
}

export interface CurrentState {
  desired: Desired;
  /** The endpoint alarms a canary or linear update uses for rollback, and those of them in CloudWatch. */
  alarmSpecs: AlarmSpec[];
  alarms: Record<string, MetricAlarm>;
  /** The data-capture bucket mlship manages (capture on, no destination in release.yaml). */
  captureBucket?: CaptureBucketState;
  endpoint?: EndpointState;
  currentConfig?: ConfigState;
  /** The endpoint serves a config that no longer exists (deleted behind mlship's back; AWS allows that). */
  servingConfigMissing: boolean;
  desiredModelExists: boolean;
  desiredConfigExists: boolean;
  scaling?: ScalingState;
  /** Old versions to delete after a successful deploy (already checked to carry this app's and env's tags). */
  stale: { configs: string[]; models: string[] };
}

export async function listTags(ctx: DeployContext, arn: string): Promise<Record<string, string>> {
  const out = await clientsFor(ctx).sagemaker.send(
    new ListTagsCommand({ ResourceArn: arn, MaxResults: 100 }),
  );
  return Object.fromEntries((out.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

export function ownedBy(ctx: DeployContext, tags: Record<string, string>): boolean {
  return tags['mlship:app'] === ctx.resolved.config.name && tags['mlship:env'] === ctx.resolved.env;
}

export async function modelExists(ctx: DeployContext, name: string): Promise<boolean> {
  try {
    await clientsFor(ctx).sagemaker.send(new DescribeModelCommand({ ModelName: name }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export async function readEndpoint(ctx: DeployContext, name: string): Promise<EndpointState | undefined> {
  let out = await describeEndpoint(ctx, name);
  if (out && BUSY_STATUSES.has(out.EndpointStatus ?? '')) {
    if (!ctx.wait) {
      throw deployError(
        'ENDPOINT_BUSY',
        `Endpoint ${name} is ${out.EndpointStatus} (another deploy or a SageMaker update is in progress).`,
        'Run again without --no-wait to wait for it, or check it with `mlship status`.',
      );
    }
    ctx.host.notify({
      level: 'info',
      code: 'ENDPOINT_BUSY',
      message: `Endpoint ${name} is ${out.EndpointStatus}; waiting for it`,
    });
    out = await waitForEndpoint(ctx, name, `Waiting for ${name}`);
  }
  if (!out) return undefined;
  return {
    name,
    arn: out.EndpointArn ?? '',
    status: out.EndpointStatus ?? 'Unknown',
    ...(out.EndpointConfigName ? { configName: out.EndpointConfigName } : {}),
    ...(out.FailureReason ? { failureReason: out.FailureReason } : {}),
    variants: (out.ProductionVariants ?? []).map((variant) => ({
      name: variant.VariantName ?? '',
      ...(variant.CurrentInstanceCount === undefined ? {} : { currentCount: variant.CurrentInstanceCount }),
      ...(variant.DesiredInstanceCount === undefined ? {} : { desiredCount: variant.DesiredInstanceCount }),
    })),
    tags: out.EndpointArn ? await listTags(ctx, out.EndpointArn) : {},
  };
}

/** Reads everything the plan compares: image, endpoint, its config, autoscaling and old versions. No mutation. */
export async function readState(ctx: DeployContext): Promise<CurrentState> {
  const image = await verifyImage(ctx, imageRef(ctx, resolveImageTag(ctx)));
  const captureBucket = needsCaptureBucket(ctx) ? await readCaptureBucket(ctx) : undefined;
  const desired = desiredState(ctx.resolved, image, captureBucket && `s3://${captureBucket.name}/captures`);
  const endpoint = await readEndpoint(ctx, desired.endpointName);
  const currentConfig = endpoint?.configName ? await describeConfig(ctx, endpoint.configName) : undefined;
  const scaling = endpoint
    ? await readScaling(ctx, scalingResourceId(desired.endpointName, desired.variant.VariantName))
    : undefined;
  const versions = await listVersions(ctx);
  const alarmSpecs = endpoint && guardedByAlarms(desired) ? endpointAlarmSpecs(ctx.resolved) : [];
  const alarms =
    alarmSpecs.length > 0
      ? await readAlarms(
          ctx,
          alarmSpecs.map((s) => s.AlarmName),
        )
      : {};
  const candidates = selectStale(
    versions.configs,
    versions.models,
    ctx.resolved.config.sagemaker.keepVersions,
    {
      configs: [desired.configName, ...(endpoint?.configName ? [endpoint.configName] : [])],
      models: [desired.model.ModelName, ...(currentConfig?.modelName ? [currentConfig.modelName] : [])],
    },
  );
  const owned = async (items: VersionInfo[], names: string[]) => {
    const result: string[] = [];
    for (const item of items.filter((candidate) => names.includes(candidate.name))) {
      if (item.arn && ownedBy(ctx, await listTags(ctx, item.arn))) result.push(item.name);
    }
    return result;
  };
  return {
    desired,
    alarmSpecs,
    alarms,
    ...(captureBucket ? { captureBucket } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(currentConfig ? { currentConfig } : {}),
    servingConfigMissing: Boolean(endpoint?.configName && !currentConfig),
    desiredModelExists:
      versions.models.some((m) => m.name === desired.model.ModelName) ||
      (await modelExists(ctx, desired.model.ModelName)),
    desiredConfigExists: versions.configs.some((c) => c.name === desired.configName),
    ...(scaling ? { scaling } : {}),
    stale: {
      configs: await owned(versions.configs, candidates.configs),
      models: await owned(versions.models, candidates.models),
    },
  };
}
