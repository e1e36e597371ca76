import { validationError } from '../server/aws-error.js';

export interface Tag {
  Key: string;
  Value: string;
}

// biome-ignore lint/suspicious/noExplicitAny: API structures are kept as the JSON the SDK sent
type Json = any;

export interface ModelRecord {
  ModelName: string;
  ModelArn: string;
  CreationTime: Date;
  PrimaryContainer?: Json;
  Containers?: Json[];
  ExecutionRoleArn?: string;
  VpcConfig?: Json;
  EnableNetworkIsolation?: boolean;
  InferenceExecutionConfig?: Json;
}

export interface ProductionVariant {
  VariantName: string;
  ModelName?: string;
  InstanceType?: string;
  InitialInstanceCount?: number;
  InitialVariantWeight?: number;
  VolumeSizeInGB?: number;
  ContainerStartupHealthCheckTimeoutInSeconds?: number;
  ServerlessConfig?: Json;
  [member: string]: unknown;
}

export interface EndpointConfigRecord {
  EndpointConfigName: string;
  EndpointConfigArn: string;
  ProductionVariants: ProductionVariant[];
  CreationTime: Date;
  DataCaptureConfig?: Json;
  [member: string]: unknown;
}

/** What DescribeEndpoint reports per variant (ProductionVariantSummary), plus the deployed instance type. */
export interface VariantState {
  VariantName: string;
  InstanceType?: string;
  ModelName?: string;
  CurrentWeight: number;
  DesiredWeight: number;
  CurrentInstanceCount: number;
  DesiredInstanceCount: number;
  DeployedImages: { SpecifiedImage: string; ResolvedImage: string; ResolutionTime: Date }[];
}

export type Outcome =
  | { type: 'succeed' }
  | { type: 'fail'; reason: string }
  | { type: 'rollback'; alarm: string };

/** A transition in flight, completed by DescribeEndpoint polls. */
export interface PendingTransition {
  kind: 'create' | 'update' | 'delete' | 'system';
  describesLeft: number;
  outcome: Outcome;
  startTime: Date;
  /** For updates: the config being deployed, its variants, and the DeploymentConfig to record. */
  configName?: string;
  variants?: VariantState[];
  deploymentConfig?: Json;
}

export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

export interface EndpointRecord {
  EndpointName: string;
  EndpointArn: string;
  EndpointConfigName: string;
  EndpointStatus: EndpointStatus;
  FailureReason?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
  ProductionVariants: VariantState[];
  DataCaptureConfig?: Json;
  LastDeploymentConfig?: Json;
  pending?: PendingTransition;
}

export type ResourceKind = 'model' | 'endpoint-config' | 'endpoint';

const KIND_LABEL: Record<ResourceKind, string> = {
  model: 'model',
  'endpoint-config': 'endpoint configuration',
  endpoint: 'endpoint',
};

export function notFound(kind: ResourceKind, arn: string) {
  return validationError(`Could not find ${KIND_LABEL[kind]} "${arn}".`);
}

export function alreadyExists(kind: ResourceKind, arn: string) {
  return validationError(`Cannot create already existing ${KIND_LABEL[kind]} "${arn}".`);
}

/** SageMaker names are case-insensitive: ARNs carry them lower-cased. */
export function findByName<T>(map: Map<string, T>, name: string): T | undefined {
  const exact = map.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of map) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function deleteByName<T>(map: Map<string, T>, name: string): void {
  const lower = name.toLowerCase();
  for (const key of [...map.keys()]) if (key.toLowerCase() === lower) map.delete(key);
}

/** Strictly increasing timestamps, so sorting by CreationTime is deterministic. */
export class Clock {
  private last = 0;
  now(): Date {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last);
  }
}
