import { type Change, type DeployContext, type DeployPlan, userError } from '@mlship/core';
import {
  type AlarmPlan,
  type CaptureBucketPlan,
  planAlarms,
  planCaptureBucket,
} from '@mlship/deployer-monitoring';
import type { Desired, Tag } from './desired.js';
import { diffs } from './field-diff.js';
import { planScaling } from './plan-scaling.js';
import type { CurrentState } from './read.js';
import type { ScalingState } from './scaling.js';

export type EndpointAction = 'create' | 'update' | 'recreate' | 'none';

export interface SageMakerDetail {
  desired: Desired;
  createModel: boolean;
  createConfig: boolean;
  /** Instance count of the new endpoint config: release.yaml's, or the one autoscaling chose. */
  instanceCount: number;
  endpoint: EndpointAction;
  previousConfig?: string;
  scaling: {
    /** Deregister before touching the endpoint (instance-type change, recreate, or scaling turned off). */
    deregisterFirst: boolean;
    register: boolean;
    putPolicy: boolean;
    /** What was registered before, to restore it if the update fails. */
    previous?: ScalingState;
  };
  addTags: Tag[];
  /** Endpoint alarms to create or update before a canary or linear UpdateEndpoint names them for rollback. */
  alarms: Pick<AlarmPlan, 'put' | 'create'>;
  /** The data-capture bucket to create or adjust before the endpoint config that writes to it. */
  captureBucket?: CaptureBucketPlan;
  stale: { configs: string[]; models: string[] };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function endpointAction(current: CurrentState): EndpointAction {
  const { endpoint, desired } = current;
  if (!endpoint) return 'create';
  if (endpoint.status === 'Failed') return 'recreate';
  return endpoint.configName === desired.configName ? 'none' : 'update';
}

function trafficRouting(desired: Desired): string {
  return (desired.deploymentConfig.BlueGreenUpdatePolicy as { TrafficRoutingConfiguration: { Type: string } })
    .TrafficRoutingConfiguration.Type;
}

function instanceCountFor(current: CurrentState, action: EndpointAction): number {
  const { desired, endpoint } = current;
  const fromConfig = desired.variant.InitialInstanceCount;
  if (!desired.scaling) return fromConfig;
  const variant = endpoint?.variants.find((v) => v.name === desired.variant.VariantName);
  const chosen = action === 'update' ? (variant?.currentCount ?? variant?.desiredCount) : undefined;
  // A canary or linear step may take at most half of the new fleet, so it needs two instances even when
  // autoscaling has scaled the old fleet down to one.
  const floor =
    trafficRouting(desired) === 'ALL_AT_ONCE' ? desired.scaling.min : Math.max(2, desired.scaling.min);
  return clamp(chosen ?? fromConfig, floor, desired.scaling.max);
}

/** mlship never takes over an endpoint it did not create (it would replace its config). */
function assertOwned(ctx: DeployContext, name: string, tags: Record<string, string>): void {
  const { config, env } = ctx.resolved;
  if (tags['mlship:app'] === config.name && tags['mlship:env'] === env) return;
  throw userError(
    'ENDPOINT_NOT_OURS',
    `Endpoint ${name} exists but is not tagged mlship:app=${config.name}, mlship:env=${env}; mlship will not update an endpoint it did not create.`,
    `Delete it, rename the app in release.yaml, or adopt it by tagging it: aws sagemaker add-tags --resource-arn <endpoint-arn> --tags Key=mlship:app,Value=${config.name} Key=mlship:env,Value=${env}`,
  );
}

/** Pure: compares what is deployed with what release.yaml asks for and lists the changes. */
export function planSageMaker(ctx: DeployContext, current: CurrentState): DeployPlan<SageMakerDetail> {
  const { desired, endpoint, currentConfig, scaling } = current;
  if (endpoint) assertOwned(ctx, endpoint.name, endpoint.tags);
  const changes: Change[] = [];
  const action = endpointAction(current);
  const instanceCount = instanceCountFor(current, action);
  const createModel = !current.desiredModelExists;
  // Drift: the config the endpoint serves was deleted; it is recreated under the same name so that later updates,
  // rollbacks and status keep working.
  const configDrift = action === 'none' && current.servingConfigMissing;
  const createConfig = !current.desiredConfigExists && (action !== 'none' || configDrift);
  const modelDrift = createModel && action === 'none';
  const alarmPlan = planAlarms(current.alarmSpecs, current.alarms);
  const bucket = current.captureBucket && planCaptureBucket(ctx, current.captureBucket);
  if (bucket) changes.push(...bucket.changes);

  changes.push(
    createModel
      ? {
          action: 'create',
          resource: 'SageMaker::Model',
          id: desired.model.ModelName,
          reason: modelDrift
            ? `drift: deleted outside mlship while ${desired.configName} uses it`
            : `image ${desired.image.repository}:${desired.image.tag}`,
        }
      : { action: 'noop', resource: 'SageMaker::Model', id: desired.model.ModelName, reason: 'exists' },
  );
  changes.push(
    createConfig
      ? {
          action: 'create',
          resource: 'SageMaker::EndpointConfig',
          id: desired.configName,
          reason: configDrift
            ? `drift: deleted outside mlship while ${desired.endpointName} serves it`
            : `${instanceCount} x ${desired.variant.InstanceType}`,
        }
      : { action: 'noop', resource: 'SageMaker::EndpointConfig', id: desired.configName, reason: 'exists' },
  );

  if (action === 'recreate') {
    changes.push({
      action: 'delete',
      resource: 'SageMaker::Endpoint',
      id: desired.endpointName,
      reason: `left Failed by an earlier deploy: ${endpoint?.failureReason ?? 'no reason given'}`,
    });
  }
  if (action === 'create' || action === 'recreate') {
    changes.push({
      action: 'create',
      resource: 'SageMaker::Endpoint',
      id: desired.endpointName,
      reason: desired.configName,
    });
  } else if (action === 'update') {
    const strategy = trafficRouting(desired);
    changes.push(...alarmPlan.changes);
    changes.push({
      action: 'update',
      resource: 'SageMaker::Endpoint',
      id: desired.endpointName,
      reason: `blue/green ${strategy}`,
      diff: diffs([
        ['endpointConfig', endpoint?.configName, desired.configName],
        ['model', currentConfig?.modelName, desired.model.ModelName],
        ['instanceType', currentConfig?.instanceType, desired.variant.InstanceType],
        ['instanceCount', currentConfig?.instanceCount, instanceCount],
        ...desired.tags.map((tag): [string, unknown, unknown] => [
          `tags.${tag.Key}`,
          endpoint?.tags[tag.Key],
          tag.Value,
        ]),
      ]),
    });
  }

  const addTags =
    endpoint && action !== 'recreate'
      ? desired.tags.filter((tag) => endpoint.tags[tag.Key] !== tag.Value)
      : [];
  if (action === 'none' && addTags.length > 0) {
    changes.push({
      action: 'update',
      resource: 'SageMaker::Endpoint',
      id: desired.endpointName,
      reason: 'tags',
      diff: addTags.map((tag) => ({
        field: `tags.${tag.Key}`,
        before: endpoint?.tags[tag.Key],
        after: tag.Value,
      })),
    });
  }

  const scalingPlan = planScaling(current, action, changes);
  for (const name of current.stale.configs) {
    changes.push({
      action: 'delete',
      resource: 'SageMaker::EndpointConfig',
      id: name,
      reason: 'older than keepVersions',
    });
  }
  for (const name of current.stale.models) {
    changes.push({
      action: 'delete',
      resource: 'SageMaker::Model',
      id: name,
      reason: 'older than keepVersions',
    });
  }

  return {
    target: 'sagemaker',
    changes,
    detail: {
      desired,
      createModel,
      createConfig,
      instanceCount,
      endpoint: action,
      ...(endpoint?.configName ? { previousConfig: endpoint.configName } : {}),
      scaling: { ...scalingPlan, ...(scaling ? { previous: scaling } : {}) },
      addTags,
      ...(bucket ? { captureBucket: bucket.plan } : {}),
      alarms:
        action === 'update' ? { put: alarmPlan.put, create: alarmPlan.create } : { put: [], create: [] },
      stale: current.stale,
    },
    plannedOutputs: {
      endpointName: desired.endpointName,
      ...(endpoint?.arn ? { endpointArn: endpoint.arn } : {}),
      endpointConfigName: desired.configName,
      modelName: desired.model.ModelName,
      modelVersion: desired.modelVersion,
      variantName: desired.variant.VariantName,
      imageUri: desired.image.uri,
      // Plan-time only (apply does not return it): the monitoring target leaves these alarms to this one.
      ...(action === 'update' && alarmPlan.put.length > 0
        ? { endpointAlarmsPut: alarmPlan.put.map((spec) => spec.AlarmName) }
        : {}),
    },
  };
}
