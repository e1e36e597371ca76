import { validationError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import { checkDeploymentConfig } from './deployment-config.js';
import type { FakeSageMaker } from './fake-sagemaker.js';
import { listPage } from './list.js';
import { alreadyExists, type EndpointRecord, findByName, notFound, type VariantState } from './state.js';
import { checkScalableVariants, variantsFor } from './variants.js';

const STATUS_ORDER = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
];

/** CreateEndpoint, DescribeEndpoint, UpdateEndpoint, DeleteEndpoint, ListEndpoints. */
export function endpointOperations(sm: FakeSageMaker): Record<string, Handler> {
  return {
    CreateEndpoint: (input) => {
      const arn = sm.arn('endpoint', input.EndpointName);
      if (findByName(sm.endpoints, input.EndpointName)) throw alreadyExists('endpoint', arn);
      const config = sm.requireEndpointConfig(input.EndpointConfigName);
      checkDeploymentConfig(input.DeploymentConfig, config);
      sm.checkCountLimit('Number of endpoints', 'Endpoints', sm.endpoints.size, sm.limits.endpoints);
      const variants = variantsFor(sm, config);
      sm.checkInstanceLimits(variants);
      const now = sm.clock.now();
      const record: EndpointRecord = {
        EndpointName: input.EndpointName,
        EndpointArn: arn,
        EndpointConfigName: config.EndpointConfigName,
        EndpointStatus: 'Creating',
        CreationTime: now,
        LastModifiedTime: now,
        ProductionVariants: [],
        DataCaptureConfig: dataCaptureSummary(config.DataCaptureConfig),
        LastDeploymentConfig: input.DeploymentConfig,
        pending: {
          kind: 'create',
          describesLeft: sm.transitionAfterDescribes,
          outcome: sm.takeOutcome('create'),
          startTime: now,
          configName: config.EndpointConfigName,
          variants,
        },
      };
      sm.endpoints.set(input.EndpointName, record);
      sm.putTags(arn, input.Tags);
      return { EndpointArn: arn };
    },
    DescribeEndpoint: (input) => {
      const endpoint = sm.requireEndpoint(input.EndpointName);
      sm.advance(endpoint);
      if (!sm.endpoints.has(endpoint.EndpointName)) throw notFound('endpoint', endpoint.EndpointArn);
      return describe(endpoint);
    },
    UpdateEndpoint: (input) => {
      const endpoint = sm.requireEndpoint(input.EndpointName);
      // "DeleteEndpoint is the only operation that can be performed on a failed endpoint" (EndpointStatus).
      if (endpoint.EndpointStatus === 'Failed') {
        throw validationError(`Cannot update failed endpoint "${endpoint.EndpointArn}"; delete it first.`);
      }
      if (endpoint.EndpointStatus !== 'InService') {
        throw validationError(`Cannot update in-progress endpoint "${endpoint.EndpointArn}".`);
      }
      const config = sm.requireEndpointConfig(input.EndpointConfigName);
      checkDeploymentConfig(input.DeploymentConfig, config);
      checkScalableVariants(sm, endpoint, config);
      const variants = variantsFor(sm, config, endpoint, input);
      sm.checkInstanceLimits(variants);
      const now = sm.clock.now();
      endpoint.EndpointStatus = 'Updating';
      endpoint.LastModifiedTime = now;
      endpoint.pending = {
        kind: 'update',
        describesLeft: sm.transitionAfterDescribes,
        outcome: sm.takeOutcome('update'),
        startTime: now,
        configName: config.EndpointConfigName,
        variants,
        deploymentConfig:
          input.DeploymentConfig ??
          (input.RetainDeploymentConfig ? endpoint.LastDeploymentConfig : undefined),
      };
      return { EndpointArn: endpoint.EndpointArn };
    },
    DeleteEndpoint: (input) => {
      const endpoint = sm.requireEndpoint(input.EndpointName);
      if (endpoint.EndpointStatus === 'Deleting') return;
      sm.scaling?.forgetEndpoint(endpoint.EndpointName);
      const now = sm.clock.now();
      endpoint.EndpointStatus = 'Deleting';
      endpoint.LastModifiedTime = now;
      endpoint.pending = {
        kind: 'delete',
        describesLeft: sm.transitionAfterDescribes,
        outcome: { type: 'succeed' },
        startTime: now,
      };
    },
    ListEndpoints: (input) => {
      const candidates = [...sm.endpoints.values()].filter(
        (e) => !input.StatusEquals || e.EndpointStatus === input.StatusEquals,
      );
      const { page, NextToken } = listPage(candidates, input, (e) => e.EndpointName, {
        Status: (e) => STATUS_ORDER.indexOf(e.EndpointStatus),
      });
      return {
        Endpoints: page.map((e) => ({
          EndpointName: e.EndpointName,
          EndpointArn: e.EndpointArn,
          CreationTime: e.CreationTime,
          LastModifiedTime: e.LastModifiedTime,
          EndpointStatus: e.EndpointStatus,
        })),
        NextToken,
      };
    },
  };
}

function describe(endpoint: EndpointRecord) {
  const pending = endpoint.pending;
  return {
    EndpointName: endpoint.EndpointName,
    EndpointArn: endpoint.EndpointArn,
    EndpointConfigName: endpoint.EndpointConfigName,
    ProductionVariants:
      endpoint.ProductionVariants.length > 0 ? endpoint.ProductionVariants.map(summary) : undefined,
    DataCaptureConfig: endpoint.DataCaptureConfig,
    EndpointStatus: endpoint.EndpointStatus,
    FailureReason: endpoint.FailureReason,
    CreationTime: endpoint.CreationTime,
    LastModifiedTime: endpoint.LastModifiedTime,
    LastDeploymentConfig: endpoint.LastDeploymentConfig,
    PendingDeploymentSummary:
      pending?.kind === 'update'
        ? {
            EndpointConfigName: pending.configName,
            ProductionVariants: pending.variants?.map((v) => ({
              ...summary(v),
              CurrentWeight: 0,
              CurrentInstanceCount: 0,
              InstanceType: v.InstanceType,
              VariantStatus: [{ Status: 'Creating', StartTime: pending.startTime }],
            })),
            StartTime: pending.startTime,
          }
        : undefined,
  };
}

function summary(v: VariantState) {
  return {
    VariantName: v.VariantName,
    DeployedImages: v.DeployedImages,
    CurrentWeight: v.CurrentWeight,
    DesiredWeight: v.DesiredWeight,
    CurrentInstanceCount: v.CurrentInstanceCount,
    DesiredInstanceCount: v.DesiredInstanceCount,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: DataCaptureConfig as sent by the SDK
export function dataCaptureSummary(config: any) {
  if (!config) return undefined;
  const enabled = config.EnableCapture ?? true;
  return {
    EnableCapture: enabled,
    CaptureStatus: enabled ? 'Started' : 'Stopped',
    CurrentSamplingPercentage: config.InitialSamplingPercentage,
    DestinationS3Uri: config.DestinationS3Uri,
    KmsKeyId: config.KmsKeyId ?? '',
  };
}
