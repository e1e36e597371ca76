import { type DeployContext, proxyTimeoutSeconds } from '@mlship/core';
import { arnParts, functionName, logGroupName } from './names.js';
import type { Upstream } from './upstream.js';

/** What the handler runs with (the artifact's metadata; its bytes are loaded again at apply). */
export interface ArtifactInfo {
  sha256Base64: string;
  size: number;
  handler: string;
}

export interface FunctionSpec {
  FunctionName: string;
  Runtime: string;
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Architecture: 'arm64' | 'x86_64';
  Environment: Record<string, string>;
  /** Absent: no VPC. */
  VpcConfig?: { SubnetIds: string[]; SecurityGroupIds: string[] };
  Description: string;
  CodeSha256: string;
}

/** Request bodies above this are refused by the handler (Lambda's own limit for synchronous payloads is 6 MB). */
export const MAX_BODY_BYTES = 6_291_456;

export function mlshipTags(ctx: DeployContext): Record<string, string> {
  const { config, env } = ctx.resolved;
  const extra = Object.fromEntries(Object.entries(config.tags).filter(([key]) => !key.startsWith('mlship:')));
  return { ...extra, 'mlship:app': config.name, 'mlship:env': env };
}

export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function ownedBy(ctx: DeployContext, tags: Record<string, string> | undefined): boolean {
  return tags?.['mlship:app'] === ctx.resolved.config.name && tags?.['mlship:env'] === ctx.resolved.env;
}

/** The function's VPC: the cache's subnets and security groups, when the cache is on and has them. */
export function vpcOf(ctx: DeployContext): FunctionSpec['VpcConfig'] {
  const { cache } = ctx.resolved.config;
  if (!cache.enabled || !cache.vpc) return undefined;
  return { SubnetIds: [...cache.vpc.subnetIds], SecurityGroupIds: [...cache.vpc.securityGroupIds] };
}

/**
 * How long the handler waits for the endpoint: the model's timeout, but a second short of the function's own, so a
 * slow model gets the handler's JSON 504 instead of Lambda killing the invocation.
 */
export function invokeTimeoutMs(ctx: DeployContext): number {
  const { config } = ctx.resolved;
  return Math.max(
    1000,
    Math.min(Math.ceil(config.model.timeoutSeconds * 1000), (proxyTimeoutSeconds(config) - 1) * 1000),
  );
}

export interface SpecInputs {
  upstream: Upstream;
  artifact: ArtifactInfo;
  /** The Redis URL the handler uses (release.yaml's, or the provisioned cache's); undefined = no cache. */
  redisUrl: string | undefined;
  /** Apigee fronts only: the origin secret kept in the function's environment. */
  originSecret: string | undefined;
}

/** The handler's environment (the contract @mlship/lambda-proxy reads), from release.yaml and the SageMaker outputs. */
export function handlerEnvironment(ctx: DeployContext, inputs: SpecInputs): Record<string, string> {
  const { cache } = ctx.resolved.config;
  const env: Record<string, string> = {
    ENDPOINT_NAME: inputs.upstream.endpointName,
    MODEL_VERSION: inputs.upstream.modelVersion,
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    INVOKE_TIMEOUT_MS: String(invokeTimeoutMs(ctx)),
  };
  if (inputs.redisUrl) {
    Object.assign(env, {
      REDIS_URL: inputs.redisUrl,
      CACHE_TTL_SECONDS: String(cache.ttl),
      CACHE_MAX_ENTRY_BYTES: String(cache.maxEntryBytes),
      REDIS_CONNECT_TIMEOUT_MS: String(cache.connectTimeoutMs),
      REDIS_COMMAND_TIMEOUT_MS: String(cache.commandTimeoutMs),
    });
  }
  if (inputs.originSecret) env.ORIGIN_SECRET = inputs.originSecret;
  return env;
}

export function functionSpec(ctx: DeployContext, inputs: SpecInputs): FunctionSpec {
  const { config, env } = ctx.resolved;
  const vpc = vpcOf(ctx);
  return {
    FunctionName: functionName(config.name, env),
    Runtime: config.proxy.runtime,
    Handler: inputs.artifact.handler,
    MemorySize: config.proxy.memoryMb,
    Timeout: proxyTimeoutSeconds(config),
    Architecture: config.proxy.architecture,
    Environment: handlerEnvironment(ctx, inputs),
    ...(vpc ? { VpcConfig: vpc } : {}),
    Description: `mlship cached proxy for SageMaker endpoint ${inputs.upstream.endpointName}`,
    CodeSha256: inputs.artifact.sha256Base64,
  };
}

export const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** The ENI permissions of AWSLambdaVPCAccessExecutionRole (EC2 offers no resource-level scoping for them). */
const VPC_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * The created role's inline policy: InvokeEndpoint on this endpoint only, writing to this function's log group,
 * and the VPC permissions only with subnets. Undefined while the endpoint ARN is not known yet (first plan).
 */
export function rolePolicy(ctx: DeployContext, upstream: Upstream): Record<string, unknown> | undefined {
  const parts = arnParts(upstream.endpointArn);
  if (!parts || !upstream.endpointArn) return undefined;
  const { config, env } = ctx.resolved;
  const logGroup = `arn:${parts.partition}:logs:${config.region}:${parts.account}:log-group:${logGroupName(functionName(config.name, env))}`;
  const statements: Array<Record<string, unknown>> = [
    {
      Sid: 'InvokeEndpoint',
      Effect: 'Allow',
      Action: 'sagemaker:InvokeEndpoint',
      Resource: upstream.endpointArn,
    },
    {
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroup}:*`,
    },
  ];
  if (vpcOf(ctx))
    statements.push({ Sid: 'VpcNetworkInterfaces', Effect: 'Allow', Action: VPC_ACTIONS, Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

/** `redis://user:secret@host:6379/0` → `redis://user:****@host:6379/0`, for plans and logs. */
export function maskRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/)([^@/]*)@/, (_all, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return colon >= 0 ? `${scheme}${auth.slice(0, colon)}:****@` : `${scheme}****@`;
  });
}

/** The host:port of a Redis URL, never its credentials. */
export function redisEndpoint(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return undefined;
  }
}
