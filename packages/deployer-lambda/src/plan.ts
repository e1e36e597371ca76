import type { Change, DeployContext, DeployPlan, Outputs } from '@mlship/core';
import { PENDING_CACHE_URL } from './config-diff.js';
import { redisEndpoint } from './desired.js';
import { ALIAS, functionName, logGroupName, roleName } from './names.js';
import type { CurrentState } from './read.js';
import { computeSteps, type Steps } from './steps.js';

export interface LambdaDetail {
  /** What read found; apply recomputes the steps from it with the upstream outputs it actually gets. */
  current: CurrentState;
}

function changesOf(ctx: DeployContext, current: CurrentState, steps: Steps): Change[] {
  const { config, env } = ctx.resolved;
  const fn = functionName(config.name, env);
  const changes: Change[] = [];
  const add = (change: Change) => changes.push(change);
  if (steps.role.action === 'create') {
    add({
      action: 'create',
      resource: 'IAM::Role',
      id: roleName(config.name, env),
      reason: 'least-privilege execution role',
    });
  } else if (steps.role.action === 'update-policy') {
    add({ action: 'update', resource: 'IAM::Role', id: roleName(config.name, env), reason: 'inline policy' });
  }
  if (steps.cache.action === 'create') {
    add({
      action: 'create',
      resource: 'ElastiCache::ServerlessCache',
      id: steps.cache.name,
      reason: 'cache.provision',
    });
  }
  if (steps.logGroup !== 'none') {
    add({
      action: steps.logGroup === 'create' ? 'create' : 'update',
      resource: 'Logs::LogGroup',
      id: logGroupName(fn),
      reason: `retention ${config.proxy.logRetentionDays} days`,
      ...(steps.logGroup === 'retention'
        ? {
            diff: [
              {
                field: 'retentionDays',
                before: current.logGroup?.retentionDays ?? null,
                after: config.proxy.logRetentionDays,
              },
            ],
          }
        : {}),
    });
  }
  if (steps.recreate) {
    add({
      action: 'delete',
      resource: 'Lambda::Function',
      id: fn,
      reason: 'State Failed: its creation failed',
    });
  }
  if (steps.fn.action === 'create') {
    add({
      action: 'create',
      resource: 'Lambda::Function',
      id: fn,
      reason: `${steps.spec.Runtime} ${steps.spec.Architecture}, ${steps.spec.MemorySize} MB`,
    });
  } else if (steps.fn.action === 'update') {
    const diff = [...steps.fn.config];
    if (steps.fn.code) {
      diff.unshift({
        field: 'codeSha256',
        before: current.function?.latest.CodeSha256,
        after: steps.spec.CodeSha256,
      });
      if (current.function?.latest.Architecture !== steps.spec.Architecture) {
        diff.unshift({
          field: 'architecture',
          before: current.function?.latest.Architecture,
          after: steps.spec.Architecture,
        });
      }
    }
    add({
      action: 'update',
      resource: 'Lambda::Function',
      id: fn,
      reason: steps.fn.code ? 'code' : 'configuration',
      diff,
    });
  } else {
    add({ action: 'noop', resource: 'Lambda::Function', id: fn, reason: 'up to date' });
  }
  if (Object.keys(steps.addTags).length > 0) {
    add({
      action: 'update',
      resource: 'Lambda::Function',
      id: fn,
      reason: 'tags',
      diff: Object.entries(steps.addTags).map(([k, v]) => ({
        field: `tags.${k}`,
        before: current.function?.tags[k],
        after: v,
      })),
    });
  }
  if (steps.concurrency !== 'none') {
    add({
      action: 'update',
      resource: 'Lambda::Function',
      id: fn,
      reason: 'reserved concurrency',
      diff: [
        {
          field: 'reservedConcurrency',
          before: current.function?.reservedConcurrency ?? null,
          after: config.proxy.reservedConcurrency ?? null,
        },
      ],
    });
  }
  if (steps.publish)
    add({ action: 'create', resource: 'Lambda::Version', id: `${fn}:next`, reason: 'publish $LATEST' });
  if (steps.alias !== 'none') {
    add({
      action: steps.alias,
      resource: 'Lambda::Alias',
      id: `${fn}:${ALIAS}`,
      reason: 'points at the new version',
      ...(current.function?.alias
        ? { diff: [{ field: 'version', before: current.function.alias.version, after: 'next' }] }
        : {}),
    });
  }
  if (steps.url !== 'none') {
    add({
      action: steps.url,
      resource: 'Lambda::FunctionUrl',
      id: `${fn}:${ALIAS}`,
      reason: steps.url === 'delete' ? 'front is not apigee' : 'AuthType NONE, origin secret header',
    });
  }
  if (steps.urlPermission !== 'none') {
    add({
      action: steps.urlPermission === 'add' ? 'create' : 'delete',
      resource: 'Lambda::Permission',
      id: `${fn}:${ALIAS}`,
      reason: 'public lambda:InvokeFunctionUrl (FunctionUrlAuthType NONE)',
    });
  }
  for (const version of steps.staleVersions) {
    add({
      action: 'delete',
      resource: 'Lambda::Version',
      id: `${fn}:${version}`,
      reason: 'older than proxy.keepVersions',
    });
  }
  return changes;
}

/** The outputs as far as known before apply (downstream plans read them). */
function plannedOutputs(current: CurrentState, steps: Steps): Outputs {
  const fnState = current.function;
  const cacheEndpoint = redisEndpoint(
    steps.spec.Environment.REDIS_URL === PENDING_CACHE_URL ? undefined : steps.spec.Environment.REDIS_URL,
  );
  return {
    functionName: steps.spec.FunctionName,
    ...(fnState
      ? { functionArn: fnState.latest.FunctionArn, aliasArn: `${fnState.latest.FunctionArn}:${ALIAS}` }
      : {}),
    aliasName: ALIAS,
    ...(fnState?.alias && !steps.publish ? { version: fnState.alias.version } : {}),
    modelVersion: current.upstream.modelVersion,
    codeSha256: steps.spec.CodeSha256,
    ...(cacheEndpoint ? { cacheEndpoint } : {}),
    ...(fnState?.url && steps.url !== 'delete' ? { functionUrl: fnState.url.url } : {}),
  };
}

/** Pure: compares what is deployed with what release.yaml and the SageMaker outputs ask for. */
export function planLambda(ctx: DeployContext, current: CurrentState): DeployPlan<LambdaDetail> {
  const steps = computeSteps(ctx, current, { upstream: current.upstream });
  return {
    target: 'lambda',
    changes: changesOf(ctx, current, steps),
    detail: { current },
    plannedOutputs: plannedOutputs(current, steps),
  };
}
