import type { FakeSageMaker } from './fake-sagemaker.js';
import type { EndpointConfigRecord, EndpointRecord, EndpointStatus, ModelRecord, Tag } from './state.js';
import { variantsFor } from './variants.js';

export type Tags = Record<string, string> | Tag[];

export interface SeedModel {
  name: string;
  image?: string;
  executionRoleArn?: string;
  environment?: Record<string, string>;
  tags?: Tags;
}

export interface SeedEndpointConfig {
  name: string;
  modelName: string;
  instanceType?: string;
  instanceCount?: number;
  variantName?: string;
  tags?: Tags;
}

export interface SeedEndpoint {
  name: string;
  configName?: string;
  modelName?: string;
  image?: string;
  instanceType?: string;
  instanceCount?: number;
  variantName?: string;
  status?: EndpointStatus;
  failureReason?: string;
  tags?: Tags;
}

/** Puts resources straight into the fake's state (no calls recorded), e.g. untagged ones made by hand. */
export function seedHelpers(sm: FakeSageMaker) {
  const toTags = (tags: Tags | undefined): Tag[] =>
    Array.isArray(tags) ? tags : Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

  const model = (o: SeedModel): ModelRecord => {
    const record: ModelRecord = {
      ModelName: o.name,
      ModelArn: sm.arn('model', o.name),
      CreationTime: sm.clock.now(),
      PrimaryContainer: {
        Image: o.image ?? `${sm.accountId}.dkr.ecr.${sm.region}.amazonaws.com/model:latest`,
        Mode: 'SingleModel',
        Environment: o.environment ?? {},
      },
      ExecutionRoleArn: o.executionRoleArn ?? `arn:aws:iam::${sm.accountId}:role/SageMakerExecution`,
      EnableNetworkIsolation: false,
    };
    sm.models.set(o.name, record);
    sm.putTags(record.ModelArn, toTags(o.tags));
    return record;
  };

  const endpointConfig = (o: SeedEndpointConfig): EndpointConfigRecord => {
    const record: EndpointConfigRecord = {
      EndpointConfigName: o.name,
      EndpointConfigArn: sm.arn('endpoint-config', o.name),
      ProductionVariants: [
        {
          VariantName: o.variantName ?? 'AllTraffic',
          ModelName: o.modelName,
          InitialInstanceCount: o.instanceCount ?? 1,
          InstanceType: o.instanceType ?? 'ml.m5.large',
          InitialVariantWeight: 1,
        },
      ],
      CreationTime: sm.clock.now(),
      EnableNetworkIsolation: false,
    };
    sm.endpointConfigs.set(o.name, record);
    sm.putTags(record.EndpointConfigArn, toTags(o.tags));
    return record;
  };

  const endpoint = (o: SeedEndpoint): EndpointRecord => {
    const modelName = o.modelName ?? `${o.name}-model`;
    const configName = o.configName ?? `${o.name}-config`;
    if (!sm.models.has(modelName)) model({ name: modelName, image: o.image, tags: o.tags });
    const config =
      sm.endpointConfigs.get(configName) ??
      endpointConfig({ ...o, name: configName, modelName, tags: o.tags });
    const now = sm.clock.now();
    const record: EndpointRecord = {
      EndpointName: o.name,
      EndpointArn: sm.arn('endpoint', o.name),
      EndpointConfigName: configName,
      EndpointStatus: 'InService',
      CreationTime: now,
      LastModifiedTime: now,
      ProductionVariants: variantsFor(sm, config),
    };
    sm.endpoints.set(o.name, record);
    sm.putTags(record.EndpointArn, toTags(o.tags));
    if (o.status && o.status !== 'InService') sm.setEndpointStatus(o.name, o.status, o.failureReason);
    return record;
  };

  return { model, endpointConfig, endpoint };
}
