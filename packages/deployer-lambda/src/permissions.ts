import type { DeployContext, DeployPlan, Permission } from '@mlship/core';
import { CALLS, permissionsOf } from './iam.js';
import type { LambdaDetail } from './plan.js';
import { computeSteps } from './steps.js';

const READS = [
  'lambda/GetFunction',
  'lambda/GetFunctionConfiguration',
  'lambda/ListVersionsByFunction',
  'lambda/GetAlias',
  'lambda/GetFunctionUrlConfig',
  'lambda/GetPolicy',
  'iam/GetRole',
  'iam/GetRolePolicy',
  'elasticache/DescribeServerlessCaches',
  'elasticache/ListTagsForResource',
  'cloudwatch-logs/DescribeLogGroups',
];

/** Calls a release.yaml never leads to: without a managed role, a cache or a front door that needs them. */
function unused(ctx: DeployContext): string[] {
  const { config } = ctx.resolved;
  const out: string[] = [];
  if (config.proxy.roleArn) out.push(...Object.keys(CALLS).filter((k) => k.startsWith('iam/')));
  if (!(config.cache.enabled && config.cache.provision)) {
    out.push(...Object.keys(CALLS).filter((k) => k.startsWith('elasticache/')));
  }
  if (config.front !== 'apigee') {
    out.push('lambda/CreateFunctionUrlConfig', 'lambda/UpdateFunctionUrlConfig', 'lambda/AddPermission');
  }
  return out;
}

/**
 * Without a plan: every call of deploy, status, rollback and destroy for this release.yaml, on this environment's
 * proxy resources. With a plan: the calls its apply makes, on the resources it names.
 */
export function permissionsLambda(ctx: DeployContext, plan?: DeployPlan<LambdaDetail>): Permission[] {
  if (!plan) {
    const skip = unused(ctx);
    return permissionsOf(
      ctx,
      Object.keys(CALLS).filter((call) => !skip.includes(call)),
    );
  }
  const { current } = plan.detail;
  const steps = computeSteps(ctx, current, { upstream: current.upstream });
  const skip = unused(ctx);
  const calls = READS.filter((call) => !skip.includes(call));
  if (steps.role.action === 'create') calls.push('iam/CreateRole', 'iam/PutRolePolicy');
  if (steps.role.action === 'update-policy') calls.push('iam/PutRolePolicy');
  if (steps.cache.action === 'create') calls.push('elasticache/CreateServerlessCache');
  if (steps.logGroup === 'create')
    calls.push('cloudwatch-logs/CreateLogGroup', 'cloudwatch-logs/PutRetentionPolicy');
  if (steps.logGroup === 'retention') calls.push('cloudwatch-logs/PutRetentionPolicy');
  if (steps.recreate) calls.push('lambda/DeleteFunction');
  if (steps.fn.action === 'create') calls.push('lambda/CreateFunction');
  if (steps.fn.action === 'update' && steps.fn.code) calls.push('lambda/UpdateFunctionCode');
  if (steps.fn.action === 'update' && steps.fn.config.length > 0)
    calls.push('lambda/UpdateFunctionConfiguration');
  if (Object.keys(steps.addTags).length > 0) calls.push('lambda/TagResource');
  if (steps.concurrency === 'put') calls.push('lambda/PutFunctionConcurrency');
  if (steps.concurrency === 'delete') calls.push('lambda/DeleteFunctionConcurrency');
  if (steps.publish) calls.push('lambda/PublishVersion');
  if (steps.alias === 'create') calls.push('lambda/CreateAlias');
  if (steps.alias === 'update') calls.push('lambda/UpdateAlias');
  if (steps.url === 'create') calls.push('lambda/CreateFunctionUrlConfig');
  if (steps.url === 'update') calls.push('lambda/UpdateFunctionUrlConfig');
  if (steps.url === 'delete') calls.push('lambda/DeleteFunctionUrlConfig');
  if (steps.urlPermission === 'add') calls.push('lambda/AddPermission');
  if (steps.urlPermission === 'remove') calls.push('lambda/RemovePermission');
  const out = permissionsOf(ctx, [...new Set(calls)], { versions: [] });
  if (steps.staleVersions.length > 0) {
    out.push(
      ...permissionsOf(ctx, ['lambda/DeleteFunction'], { versions: steps.staleVersions }).filter((p) =>
        steps.staleVersions.some((v) => p.resource.endsWith(`:${v}`)),
      ),
    );
  }
  return out;
}
