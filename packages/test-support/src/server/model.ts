import apigateway from '../models/apigateway.json' with { type: 'json' };
import autoscaling from '../models/autoscaling.json' with { type: 'json' };
import cloudwatch from '../models/cloudwatch.json' with { type: 'json' };
import cognitoIdp from '../models/cognito-idp.json' with { type: 'json' };
import ecr from '../models/ecr.json' with { type: 'json' };
import elasticache from '../models/elasticache.json' with { type: 'json' };
import iam from '../models/iam.json' with { type: 'json' };
import lambda from '../models/lambda.json' with { type: 'json' };
import logs from '../models/logs.json' with { type: 'json' };
import s3 from '../models/s3.json' with { type: 'json' };
import sagemaker from '../models/sagemaker.json' with { type: 'json' };
import sagemakerRuntime from '../models/sagemaker-runtime.json' with { type: 'json' };
import serviceQuotas from '../models/service-quotas.json' with { type: 'json' };
import sts from '../models/sts.json' with { type: 'json' };

/** The subset of a botocore service model the fakes serve (see scripts/extract-models.py). */
export interface ApiModel {
  metadata: {
    apiVersion: string;
    /** botocore's name: json | rest-json | query | rest-xml. */
    protocol: string;
    targetPrefix?: string;
    jsonVersion?: string;
    signingName?: string;
    endpointPrefix: string;
    serviceId: string;
    xmlNamespace?: string;
    awsQueryCompatible?: object;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export interface Operation {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  /** query protocol: the element the output is wrapped in (`<OpResult>`). */
  resultWrapper?: string;
  errors: string[];
}

/** A reference to a shape from a structure member (or a list member / map key / value). */
export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  jsonName?: string;
  xmlNamespace?: unknown;
  xmlAttribute?: boolean;
  flattened?: boolean;
  streaming?: boolean;
  idempotencyToken?: boolean;
  timestampFormat?: string;
  hostLabel?: boolean;
}

export interface Shape {
  type: string;
  required?: string[];
  members?: Record<string, MemberRef>;
  member?: string;
  memberTraits?: Omit<MemberRef, 'shape'>;
  key?: string;
  keyTraits?: Omit<MemberRef, 'shape'>;
  value?: string;
  valueTraits?: Omit<MemberRef, 'shape'>;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  payload?: string;
  streaming?: boolean;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: string;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

/** A service the fakes hold a model for (the file name in src/models/). */
export type ServiceName =
  | 'sagemaker'
  | 'ecr'
  | 'autoscaling'
  | 'lambda'
  | 'iam'
  | 'elasticache'
  | 'sts'
  | 'apigateway'
  | 'cognito-idp'
  | 'sagemaker-runtime'
  | 'service-quotas'
  | 'logs'
  | 'cloudwatch'
  | 's3';

// Typed as ApiModel, not as the JSON's literal types (which would inflate the declaration files).
const models = {
  sagemaker,
  ecr,
  autoscaling,
  lambda,
  iam,
  elasticache,
  sts,
  apigateway,
  'cognito-idp': cognitoIdp,
  'sagemaker-runtime': sagemakerRuntime,
  'service-quotas': serviceQuotas,
  logs,
  cloudwatch,
  s3,
} as unknown as Record<ServiceName, ApiModel>;

export const SERVICE_NAMES = Object.keys(models) as ServiceName[];

export function loadModel(service: ServiceName): ApiModel {
  const model = models[service];
  if (!model) throw new Error(`no API model for ${service}`);
  return model;
}

export function shapeOf(model: ApiModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is missing from the ${model.metadata.serviceId} model`);
  return shape;
}

/** The SDK's `AWS_ENDPOINT_URL_<SERVICE>` variable for a model (serviceId upper-cased, spaces → `_`). */
export function endpointEnvName(model: ApiModel): string {
  return `AWS_ENDPOINT_URL_${model.metadata.serviceId.toUpperCase().replace(/[ -]/g, '_')}`;
}
