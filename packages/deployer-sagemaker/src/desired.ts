import { guardAlarms, MlshipError, type ResolvedConfig, userError } from '@mlship/core';
import type { ImageRef } from './image.js';
import { endpointConfigName, endpointName, hashOf, modelName, scalingResourceId } from './names.js';

export interface Tag {
  Key: string;
  Value: string;
}

export interface DesiredModel {
  ModelName: string;
  ExecutionRoleArn: string;
  PrimaryContainer: { Image: string; Environment?: Record<string, string>; ModelDataUrl?: string };
}

export interface DesiredVariant {
  VariantName: string;
  ModelName: string;
  InstanceType: string;
  /** From release.yaml; on update with autoscaling the plan keeps the count autoscaling chose. */
  InitialInstanceCount: number;
  /** Absent for instance types with local NVMe storage. */
  VolumeSizeInGB?: number;
  ContainerStartupHealthCheckTimeoutInSeconds: number;
}

export interface DesiredDataCapture {
  EnableCapture: boolean;
  InitialSamplingPercentage: number;
  DestinationS3Uri: string;
  CaptureOptions: Array<{ CaptureMode: 'Input' | 'Output' }>;
  CaptureContentTypeHeader: { JsonContentTypes: string[] };
}

export interface DesiredScaling {
  resourceId: string;
  min: number;
  max: number;
  targetValue: number;
  scaleInCooldown: number;
  scaleOutCooldown: number;
}

export interface Desired {
  endpointName: string;
  model: DesiredModel;
  /** The Model's content hash (image digest, environment, role): what the Lambda keys its cache on. */
  modelVersion: string;
  configName: string;
  variant: DesiredVariant;
  dataCapture?: DesiredDataCapture;
  deploymentConfig: Record<string, unknown>;
  scaling?: DesiredScaling;
  tags: Tag[];
  image: ImageRef;
}

export function mlshipTags(resolved: ResolvedConfig, version: string): Tag[] {
  const { config, env } = resolved;
  const own: Tag[] = [
    { Key: 'mlship:app', Value: config.name },
    { Key: 'mlship:env', Value: env },
    { Key: 'mlship:version', Value: version },
  ];
  const extra = Object.entries(config.tags)
    .filter(([key]) => !key.startsWith('mlship:'))
    .map(([Key, Value]) => ({ Key, Value }));
  return [...own, ...extra];
}

/** SageMaker accepts a canary of at most 50 % and linear steps of 10-50 % of the fleet. */
function checkStep(path: string, value: number, min: number, max: number): void {
  if (value < min || value > max) {
    throw userError(
      'DEPLOYMENT_INVALID',
      `${path} is ${value}; SageMaker accepts ${min} to ${max} (percent of the fleet).`,
      `Set ${path} between ${min} and ${max} in release.yaml.`,
    );
  }
}

/** Instance types with local NVMe storage, where SageMaker takes no VolumeSizeInGB. */
const INSTANCE_STORE = /^ml\.([a-z]+\d+[a-z]*d|g4dn|g5|g6|g6e|p3dn|p4de|p5|p5e|p5en|trn1|trn1n)\./;

export function supportsVolumeSize(instanceType: string): boolean {
  return !INSTANCE_STORE.test(instanceType);
}

/** SageMaker DeploymentConfig for UpdateEndpoint: blue/green with the release.yaml traffic shifting. */
export function deploymentConfig(resolved: ResolvedConfig): Record<string, unknown> {
  const { deployment } = resolved.config.sagemaker;
  let routing: Record<string, unknown>;
  if (deployment.strategy === 'canary') {
    const canary = deployment.canary ?? { percent: 10, waitSeconds: 600 };
    checkStep('sagemaker.deployment.canary.percent', canary.percent, 1, 50);
    routing = {
      Type: 'CANARY',
      CanarySize: { Type: 'CAPACITY_PERCENT', Value: Math.round(canary.percent) },
      WaitIntervalInSeconds: canary.waitSeconds,
    };
  } else if (deployment.strategy === 'linear') {
    const linear = deployment.linear ?? { stepPercent: 20, waitSeconds: 300 };
    checkStep('sagemaker.deployment.linear.stepPercent', linear.stepPercent, 10, 50);
    routing = {
      Type: 'LINEAR',
      LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: Math.round(linear.stepPercent) },
      WaitIntervalInSeconds: linear.waitSeconds,
    };
  } else {
    routing = { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 };
  }
  const alarms = guardAlarms(resolved);
  if (alarms.length > 10) {
    throw userError(
      'DEPLOYMENT_INVALID',
      `${alarms.length} alarms would guard the deploy (${alarms.join(', ')}); SageMaker accepts at most 10.`,
      'Name fewer alarms in monitoring.extraAlarms and sagemaker.deployment.rollbackAlarms.',
    );
  }
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: routing,
      TerminationWaitInSeconds: deployment.terminationWaitSeconds,
    },
    ...(alarms.length > 0
      ? { AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) } }
      : {}),
  };
}

/** Canary and linear deploys roll back on mlship's endpoint alarms plus the named ones (docs/monitoring.md). */
export function guardedByAlarms(desired: Pick<Desired, 'deploymentConfig'>): boolean {
  const policy = desired.deploymentConfig.BlueGreenUpdatePolicy as {
    TrafficRoutingConfiguration: { Type: string };
  };
  return policy.TrafficRoutingConfiguration.Type !== 'ALL_AT_ONCE';
}

/** Everything release.yaml and the image say the SageMaker side should be; names carry a content hash. */
function unresolvedCapture(): never {
  throw new MlshipError(
    'CAPTURE_BUCKET_UNRESOLVED',
    'Data capture has no destination and no mlship bucket was read.',
    {
      kind: 'internal',
      hint: 'Report a bug; meanwhile set sagemaker.dataCapture.destinationS3Uri.',
    },
  );
}

/** `captureUri`: where captures go when release.yaml names no destination (the bucket mlship manages). */
export function desiredState(resolved: ResolvedConfig, image: ImageRef, captureUri?: string): Desired {
  const { config, env } = resolved;
  const sm = config.sagemaker;
  const container = {
    Image: image.uri,
    ...(Object.keys(sm.environment).length > 0 ? { Environment: sm.environment } : {}),
    ...(config.model.dataUrl ? { ModelDataUrl: config.model.dataUrl } : {}),
  };
  const modelHash = hashOf({ container, digest: image.digest, role: sm.executionRoleArn });
  const model: DesiredModel = {
    ModelName: modelName(config.name, env, modelHash),
    ExecutionRoleArn: sm.executionRoleArn,
    PrimaryContainer: container,
  };
  const variant: DesiredVariant = {
    VariantName: sm.variantName,
    ModelName: model.ModelName,
    InstanceType: sm.instance.type,
    InitialInstanceCount: sm.instance.count,
    ...(supportsVolumeSize(sm.instance.type) ? { VolumeSizeInGB: sm.instance.volumeSizeInGB } : {}),
    ContainerStartupHealthCheckTimeoutInSeconds: sm.containerStartupTimeoutSeconds,
  };
  const capture = sm.dataCapture?.enabled ? sm.dataCapture : undefined;
  const dataCapture: DesiredDataCapture | undefined = capture && {
    EnableCapture: true,
    InitialSamplingPercentage: capture.samplingPercentage,
    DestinationS3Uri: capture.destinationS3Uri ?? captureUri ?? unresolvedCapture(),
    CaptureOptions: capture.capture.map((mode) => ({ CaptureMode: mode === 'input' ? 'Input' : 'Output' })),
    CaptureContentTypeHeader: { JsonContentTypes: capture.jsonContentTypes },
  };
  const autoscaled = sm.autoscaling.enabled;
  // With autoscaling the instance count belongs to autoscaling, so it does not define the version.
  const configHash = hashOf({
    variant: { ...variant, InitialInstanceCount: autoscaled ? 'autoscaled' : variant.InitialInstanceCount },
    dataCapture,
  });
  const name = endpointName(config.name, env);
  const scaling: DesiredScaling | undefined = autoscaled
    ? {
        resourceId: scalingResourceId(name, sm.variantName),
        min: sm.autoscaling.minInstances,
        max: sm.autoscaling.maxInstances,
        targetValue: sm.autoscaling.targetInvocationsPerInstance,
        scaleInCooldown: sm.autoscaling.scaleInCooldownSeconds,
        scaleOutCooldown: sm.autoscaling.scaleOutCooldownSeconds,
      }
    : undefined;
  return {
    endpointName: name,
    model,
    modelVersion: modelHash,
    configName: endpointConfigName(config.name, env, configHash),
    variant,
    ...(dataCapture ? { dataCapture } : {}),
    deploymentConfig: deploymentConfig(resolved),
    ...(scaling ? { scaling } : {}),
    tags: mlshipTags(resolved, image.tag),
    image,
  };
}
