import { type DeployContext, deployError, type FieldDiff, userError } from '@mlship/core';
import { canonical, configDiffs, PENDING_CACHE_URL, PENDING_ROLE, PENDING_SECRET } from './config-diff.js';
import { type FunctionSpec, functionSpec, mlshipTags, ownedBy, rolePolicy } from './desired.js';
import { cacheName, functionName, HANDLER_ENV_ORIGIN_SECRET } from './names.js';
import type { CurrentState } from './read.js';
import type { Upstream } from './upstream.js';

export interface Steps {
  spec: FunctionSpec;
  tags: Record<string, string>;
  role: { action: 'given' | 'create' | 'update-policy' | 'none'; policy?: Record<string, unknown> };
  cache: { action: 'none' | 'create' | 'wait' | 'ready'; name: string };
  logGroup: 'create' | 'retention' | 'none';
  fn: { action: 'create' | 'update' | 'none'; code: boolean; config: FieldDiff[] };
  /** The function exists in State Failed (its creation failed): delete it before creating it. */
  recreate: boolean;
  addTags: Record<string, string>;
  concurrency: 'put' | 'delete' | 'none';
  publish: boolean;
  alias: 'create' | 'update' | 'none';
  url: 'create' | 'update' | 'delete' | 'none';
  urlPermission: 'add' | 'remove' | 'none';
  staleVersions: string[];
}

/** Why mlship leaves a resource of the same name alone: it lacks this app's and environment's tags. */
function notOurs(ctx: DeployContext, what: string): [string, string] {
  const { config, env } = ctx.resolved;
  return [
    `${what} exists but is not tagged mlship:app=${config.name}, mlship:env=${env}; mlship will not change what it did not create.`,
    'Delete or rename it, or adopt it by adding those two tags to it.',
  ];
}

export interface KnownValues {
  upstream: Upstream;
  /** The role's ARN once known (given, existing or just created). */
  roleArn?: string;
  /** The Redis URL once known. */
  redisUrl?: string;
  originSecret?: string;
}

/** Pure: what must happen to get from `current` to release.yaml, given the values known at this point. */
export function computeSteps(ctx: DeployContext, current: CurrentState, known: KnownValues): Steps {
  const { config, env } = ctx.resolved;
  const existing = current.function;
  if (existing && !ownedBy(ctx, existing.tags)) {
    throw userError(
      'LAMBDA_FUNCTION_NOT_OURS',
      ...notOurs(ctx, `Lambda function ${functionName(config.name, env)}`),
    );
  }
  if (current.role && !ownedBy(ctx, current.role.tags)) {
    throw userError('LAMBDA_ROLE_NOT_OURS', ...notOurs(ctx, `IAM role ${current.role.name}`));
  }
  if (current.cache && !ownedBy(ctx, current.cache.tags)) {
    throw userError('LAMBDA_CACHE_NOT_OURS', ...notOurs(ctx, `ElastiCache cache ${current.cache.name}`));
  }
  if (current.cache?.status === 'create-failed') {
    throw deployError(
      'LAMBDA_CACHE_FAILED',
      `ElastiCache cache ${current.cache.name} is create-failed.`,
      'Delete it (aws elasticache delete-serverless-cache) and deploy again.',
    );
  }

  // A function whose creation failed cannot be repaired in place: it is deleted and created again.
  const recreate = existing?.state === 'Failed';
  const fnState = recreate ? undefined : existing;
  const apigee = config.front === 'apigee';
  const redisUrl = !config.cache.enabled
    ? undefined
    : (config.cache.redisUrl ??
      known.redisUrl ??
      (current.cache?.endpoint
        ? `rediss://${current.cache.endpoint.address}:${current.cache.endpoint.port}`
        : PENDING_CACHE_URL));
  const originSecret = apigee
    ? (known.originSecret ?? existing?.latest.Environment[HANDLER_ENV_ORIGIN_SECRET] ?? PENDING_SECRET)
    : undefined;
  const spec = functionSpec(ctx, {
    upstream: known.upstream,
    artifact: current.artifact,
    redisUrl,
    originSecret,
  });
  const policy = config.proxy.roleArn ? undefined : rolePolicy(ctx, known.upstream);
  const roleArn = known.roleArn ?? config.proxy.roleArn ?? current.role?.arn ?? PENDING_ROLE;
  const role: Steps['role'] = config.proxy.roleArn
    ? { action: 'given' }
    : !current.role
      ? { action: 'create', ...(policy ? { policy } : {}) }
      : policy === undefined || canonical(current.role.policy) !== canonical(policy)
        ? { action: 'update-policy', ...(policy ? { policy } : {}) }
        : { action: 'none' };

  const wantCache = config.cache.enabled && config.cache.provision;
  const cache: Steps['cache'] = {
    name: cacheName(config.name, env),
    action: !wantCache
      ? 'none'
      : !current.cache
        ? 'create'
        : current.cache.status === 'available'
          ? 'ready'
          : 'wait',
  };
  const logGroup = !current.logGroup
    ? 'create'
    : current.logGroup.retentionDays !== config.proxy.logRetentionDays
      ? 'retention'
      : 'none';

  const tags = mlshipTags(ctx);
  const latest = fnState?.latest;
  const code = latest
    ? latest.CodeSha256 !== spec.CodeSha256 || latest.Architecture !== spec.Architecture
    : true;
  const configChanges = latest ? configDiffs(latest, spec, roleArn) : [];
  // A failed update left $LATEST unusable: send the configuration again even when its values already match.
  if (fnState?.lastUpdateStatus === 'Failed' && !code && configChanges.length === 0) {
    configChanges.push({ field: 'lastUpdateStatus', before: 'Failed', after: 'Successful' });
  }
  const fn: Steps['fn'] = {
    action: !fnState ? 'create' : code || configChanges.length > 0 ? 'update' : 'none',
    code,
    config: configChanges,
  };
  const addTags = Object.fromEntries(
    Object.entries(tags).filter(([k, v]) => fnState && fnState.tags[k] !== v),
  );
  const reserved = config.proxy.reservedConcurrency;
  const concurrency =
    reserved === fnState?.reservedConcurrency
      ? 'none'
      : reserved === undefined
        ? fnState
          ? 'delete'
          : 'none'
        : 'put';

  const aliased = fnState?.alias
    ? fnState.versions.find((v) => v.Version === fnState.alias?.version)
    : undefined;
  const aliasCurrent =
    aliased !== undefined &&
    aliased.CodeSha256 === spec.CodeSha256 &&
    aliased.Architecture === spec.Architecture &&
    configDiffs(aliased, spec, roleArn).length === 0;
  const publish = fn.action !== 'none' || !aliasCurrent;
  const alias = !fnState?.alias ? 'create' : publish ? 'update' : 'none';

  const url = apigee
    ? !fnState?.url
      ? 'create'
      : fnState.url.authType !== 'NONE'
        ? 'update'
        : 'none'
    : fnState?.url
      ? 'delete'
      : 'none';
  const urlPermission = apigee
    ? fnState?.urlPermission
      ? 'none'
      : 'add'
    : fnState?.urlPermission
      ? 'remove'
      : 'none';

  const keep = Math.max(0, config.proxy.keepVersions - (publish ? 1 : 0));
  const published = fnState?.versions ?? [];
  const newest = new Set(published.slice(Math.max(0, published.length - keep)).map((v) => v.Version));
  const staleVersions = published
    .map((v) => v.Version)
    .filter((v) => !newest.has(v) && v !== fnState?.alias?.version);

  return {
    spec,
    tags,
    role,
    cache,
    logGroup,
    fn,
    recreate,
    addTags,
    concurrency,
    publish,
    alias,
    url,
    urlPermission,
    staleVersions,
  };
}
