import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServerlessCachesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-elasticache';
import { GetRoleCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import type { DeployContext } from '@mlship/core';
import { loadProxyArtifact } from '@mlship/lambda-proxy/artifact';
import { clientsFor, orMissing } from './clients.js';
import type { ArtifactInfo } from './desired.js';
import { cacheName, functionName, logGroupName, ROLE_POLICY, roleName } from './names.js';
import { type FunctionState, readFunction } from './read-function.js';
import { type Upstream, upstreamOf } from './upstream.js';

export interface RoleState {
  name: string;
  arn: string;
  tags: Record<string, string>;
  /** The inline policy mlship keeps on it, parsed. */
  policy?: unknown;
}

export interface CacheState {
  name: string;
  arn: string;
  status: string;
  endpoint?: { address: string; port: number };
  tags: Record<string, string>;
}

export interface CurrentState {
  upstream: Upstream;
  artifact: ArtifactInfo;
  function?: FunctionState;
  /** Only when mlship manages the role (no proxy.roleArn). */
  role?: RoleState;
  /** Only with cache.provision. */
  cache?: CacheState;
  logGroup?: { name: string; retentionDays?: number };
}

export async function readRole(ctx: DeployContext, name: string): Promise<RoleState | undefined> {
  const { iam } = clientsFor(ctx);
  const role = (await orMissing(() => iam.send(new GetRoleCommand({ RoleName: name }))))?.Role;
  if (!role?.Arn) return undefined;
  const inline = await orMissing(() =>
    iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: ROLE_POLICY })),
  );
  return {
    name,
    arn: role.Arn,
    tags: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    // IAM returns policy documents URL-encoded.
    ...(inline?.PolicyDocument ? { policy: JSON.parse(decodeURIComponent(inline.PolicyDocument)) } : {}),
  };
}

export async function readCache(ctx: DeployContext, name: string): Promise<CacheState | undefined> {
  const { elasticache } = clientsFor(ctx);
  const out = await orMissing(() =>
    elasticache.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: name })),
  );
  const cache = out?.ServerlessCaches?.[0];
  if (!cache?.ARN) return undefined;
  const tags = await elasticache.send(new ListTagsForResourceCommand({ ResourceName: cache.ARN }));
  return {
    name,
    arn: cache.ARN,
    status: cache.Status ?? 'unknown',
    ...(cache.Endpoint?.Address
      ? { endpoint: { address: cache.Endpoint.Address, port: cache.Endpoint.Port ?? 6379 } }
      : {}),
    tags: Object.fromEntries((tags.TagList ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}

export async function readLogGroup(ctx: DeployContext, name: string): Promise<CurrentState['logGroup']> {
  const out = await clientsFor(ctx).logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const group = out.logGroups?.find((g) => g.logGroupName === name);
  if (!group) return undefined;
  return { name, ...(group.retentionInDays === undefined ? {} : { retentionDays: group.retentionInDays }) };
}

/** Reads everything the plan compares. No mutation (it may wait for an update in progress). */
export async function readState(ctx: DeployContext): Promise<CurrentState> {
  const { config, env } = ctx.resolved;
  const upstream = upstreamOf(ctx);
  const artifact = await loadProxyArtifact();
  const fn = functionName(config.name, env);
  const fnState = await readFunction(ctx, fn);
  const role = config.proxy.roleArn ? undefined : await readRole(ctx, roleName(config.name, env));
  const cache =
    config.cache.enabled && config.cache.provision
      ? await readCache(ctx, cacheName(config.name, env))
      : undefined;
  const logGroup = await readLogGroup(ctx, logGroupName(fn));
  return {
    upstream,
    artifact: { sha256Base64: artifact.sha256Base64, size: artifact.size, handler: artifact.handler },
    ...(fnState ? { function: fnState } : {}),
    ...(role ? { role } : {}),
    ...(cache ? { cache } : {}),
    ...(logGroup ? { logGroup } : {}),
  };
}
