import type { DeployContext, DeployPlan, Permission } from '@mlship/core';
import { decide } from './decide.js';
import { desiredFor } from './desired.js';
import { CALLS, permissionsOf } from './iam.js';
import type { ApiGatewayDetail } from './plan.js';

const READS = [
  'cognito-identity-provider/ListUserPools',
  'cognito-identity-provider/DescribeUserPool',
  'cognito-identity-provider/DescribeUserPoolDomain',
  'cognito-identity-provider/DescribeResourceServer',
  'cognito-identity-provider/ListUserPoolClients',
  'cognito-identity-provider/DescribeUserPoolClient',
  'api-gateway/GetRestApis',
  'api-gateway/GetStage',
  'api-gateway/GetDeployment',
  'api-gateway/GetUsagePlans',
  'api-gateway/GetUsagePlanKeys',
  'api-gateway/GetApiKeys',
  'lambda/GetPolicy',
];
const LOG_GROUP = Object.keys(CALLS).filter((call) => call.startsWith('cloudwatch-logs/'));

/** mlship manages the access-log group only when accessLogs is on without a destinationArn. */
function managesLogGroup(ctx: DeployContext): boolean {
  const logs = ctx.resolved.config.api.apigateway?.accessLogs;
  return Boolean(logs && !logs.destinationArn);
}

/**
 * Without a plan: every call of deploy, status, call and destroy for this release.yaml, on this environment's
 * front-door resources (ids that AWS assigns are `*`). With a plan: the calls its apply makes, on what it names.
 */
export function permissionsApiGateway(ctx: DeployContext, plan?: DeployPlan<ApiGatewayDetail>): Permission[] {
  if (!plan) {
    const skip = managesLogGroup(ctx) ? [] : LOG_GROUP;
    return permissionsOf(
      ctx,
      Object.keys(CALLS).filter((call) => !skip.includes(call)),
    );
  }
  const { current } = plan.detail;
  const desired = desiredFor(ctx, { requireAlias: false, requireUpstream: false });
  const d = decide(current, desired);
  const ids = {
    ...(current.api.api ? { restApiId: current.api.api.id } : {}),
    ...(current.api.usagePlan ? { usagePlanId: current.api.usagePlan.id } : {}),
    ...(current.api.apiKey ? { apiKeyId: current.api.apiKey.id } : {}),
    ...(current.api.stage ? { deploymentId: current.api.stage.deploymentId } : {}),
    ...(current.cognito.pool ? { userPoolId: current.cognito.pool.id } : {}),
  };
  const calls = [...READS];
  if (managesLogGroup(ctx))
    calls.push('cloudwatch-logs/DescribeLogGroups', 'cloudwatch-logs/ListTagsForResource');
  const cognito = 'cognito-identity-provider';
  if (d.pool === 'create') calls.push(`${cognito}/CreateUserPool`);
  if (d.resourceServer === 'create') calls.push(`${cognito}/CreateResourceServer`);
  if (d.resourceServer === 'update') calls.push(`${cognito}/UpdateResourceServer`);
  if (d.client === 'update') calls.push(`${cognito}/UpdateUserPoolClient`);
  if (d.client === 'replace') calls.push(`${cognito}/DeleteUserPoolClient`);
  if (d.client === 'create' || d.client === 'replace') calls.push(`${cognito}/CreateUserPoolClient`);
  if (d.domain === 'replace') calls.push(`${cognito}/DeleteUserPoolDomain`);
  if (d.domain !== 'noop') calls.push(`${cognito}/CreateUserPoolDomain`);
  if (desired.managedLogGroup && d.logGroup === 'create') {
    calls.push('cloudwatch-logs/CreateLogGroup', 'cloudwatch-logs/PutRetentionPolicy');
  }
  if (desired.managedLogGroup && d.logGroup === 'update') calls.push('cloudwatch-logs/PutRetentionPolicy');
  if (d.api === 'create') calls.push('api-gateway/CreateRestApi');
  if (d.definition !== 'noop') calls.push('api-gateway/PutRestApi', 'api-gateway/CreateDeployment');
  if (d.stage === 'create') calls.push('api-gateway/CreateStage');
  if ((d.definition !== 'noop' && d.stage !== 'create') || d.stagePatch.length > 0) {
    calls.push('api-gateway/UpdateStage');
  }
  if (d.permission === 'replace') calls.push('lambda/RemovePermission');
  if (d.permission !== 'noop') calls.push('lambda/AddPermission');
  if (d.usagePlan === 'create') calls.push('api-gateway/CreateUsagePlan');
  // A new API or stage is linked to the existing usage plan by a patch apply computes then.
  const relink = d.api === 'create' || d.stage === 'create';
  if (d.usagePlan !== 'create' && (d.usagePlanPatch.length > 0 || relink)) {
    calls.push('api-gateway/UpdateUsagePlan');
  }
  if (d.apiKey === 'create') calls.push('api-gateway/CreateApiKey');
  if (d.apiKey === 'update') calls.push('api-gateway/UpdateApiKey');
  if (d.attachKey) calls.push('api-gateway/CreateUsagePlanKey');
  return permissionsOf(ctx, [...new Set(calls)], ids);
}
