import { randomBytes } from 'node:crypto';
import { AwsError } from '../server/aws-error.js';

// biome-ignore lint/suspicious/noExplicitAny: API structures are kept as the JSON the SDK sent
export type Json = any;

export interface MethodRecord {
  httpMethod: string;
  authorizationType: 'NONE' | 'COGNITO_USER_POOLS' | 'AWS_IAM' | 'CUSTOM';
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  methodIntegration?: Json;
  methodResponses?: Json;
}

export interface ResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  resourceMethods: Record<string, MethodRecord>;
}

export interface AuthorizerRecord {
  id: string;
  name: string;
  type: 'COGNITO_USER_POOLS' | 'TOKEN' | 'REQUEST';
  providerARNs?: string[];
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  authorizerResultTtlInSeconds?: number;
}

export interface GatewayResponseRecord {
  responseType: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

/** What a deployment froze: the API definition at CreateDeployment time. */
export interface Definition {
  resources: ResourceRecord[];
  authorizers: AuthorizerRecord[];
  gatewayResponses: GatewayResponseRecord[];
}

export interface DeploymentRecord {
  id: string;
  description?: string;
  createdDate: Date;
  snapshot: Definition;
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  methodSettings: Record<string, Record<string, unknown>>;
  accessLogSettings?: { format?: string; destinationArn?: string };
  tracingEnabled: boolean;
  cacheClusterEnabled: boolean;
  tags: Record<string, string>;
  createdDate: Date;
  lastUpdatedDate: Date;
}

export interface RestApiRecord {
  id: string;
  name: string;
  description?: string;
  createdDate: Date;
  apiKeySource: 'HEADER' | 'AUTHORIZER';
  endpointConfiguration: { types: string[] };
  tags: Record<string, string>;
  rootResourceId: string;
  resources: Map<string, ResourceRecord>;
  authorizers: Map<string, AuthorizerRecord>;
  gatewayResponses: Map<string, GatewayResponseRecord>;
  deployments: Map<string, DeploymentRecord>;
  stages: Map<string, StageRecord>;
}

export interface UsagePlanRecord {
  id: string;
  name: string;
  description?: string;
  apiStages: Array<{ apiId: string; stage: string }>;
  throttle?: { burstLimit?: number; rateLimit?: number };
  quota?: { limit?: number; offset?: number; period?: string };
  tags: Record<string, string>;
  keyIds: string[];
}

export interface ApiKeyRecord {
  id: string;
  value: string;
  name?: string;
  description?: string;
  enabled: boolean;
  createdDate: Date;
  lastUpdatedDate: Date;
  tags: Record<string, string>;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length: number, alphabet = ALNUM): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const conflict = (message: string) => new AwsError('ConflictException', message, 409);

/** `limit` (1–500, default 25) and an opaque `position`, as every API Gateway Get* list takes them. */
export function page<T>(
  items: T[],
  input: { position?: string; limit?: number },
): { items: T[]; position?: string } {
  const limit = input.limit ?? 25;
  if (limit < 1 || limit > 500) throw badRequest('Invalid limit: must be between 1 and 500.');
  const start = input.position ? Number(input.position) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw badRequest('Invalid position');
  const slice = items.slice(start, start + limit);
  const next = start + slice.length;
  return { items: slice, ...(next < items.length ? { position: String(next) } : {}) };
}
