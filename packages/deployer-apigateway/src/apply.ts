import type { DeployContext, DeployPlan, Outputs } from '@mlship/core';
import { applyRestApi, applyUsagePlan } from './apply-api.js';
import { applyCognito } from './apply-cognito.js';
import { clientsFor } from './clients.js';
import { decide } from './decide.js';
import { aliasParts, desiredFor } from './desired.js';
import { ensureLogGroup } from './log-group.js';
import { outputsFor } from './outputs.js';
import { desiredPermission, lambdaPermissions, type PermissionStore } from './permission.js';
import type { ApiGatewayDetail } from './plan.js';

/**
 * Converges Cognito, the REST API, the Lambda permission and the usage plan on what release.yaml asks for.
 * Decisions come from the state the plan read; with nothing to change it makes no mutating call.
 */
export async function applyApiGateway(
  plan: DeployPlan<ApiGatewayDetail>,
  ctx: DeployContext,
  store?: PermissionStore,
): Promise<Outputs> {
  const desired = desiredFor(ctx, { requireAlias: true });
  const aliasArn = desired.aliasArn as string;
  const { accountId } = aliasParts(aliasArn);
  const { current } = plan.detail;
  const d = decide(current, desired);
  const clients = clientsFor(ctx);
  for (const duplicate of [
    ...(current.cognito.pool?.duplicates ?? []),
    ...(current.api.api?.duplicates ?? []),
  ]) {
    ctx.host.notify({
      level: 'warn',
      code: 'APIGW_DUPLICATES',
      message: `${duplicate} also carries the mlship tags of ${desired.names.base}; mlship uses the oldest and leaves it alone.`,
    });
  }
  const cognito = await applyCognito(clients.cognito, d, current.cognito, desired, accountId);
  if (desired.managedLogGroup && d.logGroup !== 'noop') {
    await ensureLogGroup(
      clients.logs,
      current.logGroup,
      desired.names,
      desired.managedLogGroup.retentionInDays,
    );
  }
  const apiId = await applyRestApi(clients.apigw, d, current.api, desired, cognito.poolArn, aliasArn);
  const permission = desiredPermission(aliasArn, desired.region, apiId);
  const permissions = store ?? lambdaPermissions(clients.lambda);
  const readBefore =
    current.api.api?.id === apiId &&
    current.permissionAliasArn === aliasArn &&
    current.permissionSourceArn === permission.sourceArn;
  if (!readBefore) {
    const existing = await permissions.sourceArnOf(aliasArn, permission.sid);
    if (existing !== permission.sourceArn) {
      if (existing !== undefined) await permissions.remove(aliasArn, permission.sid);
      await permissions.add(permission);
    }
  }
  if (!desired.accessLogArn && !desired.managedLogGroup) {
    ctx.host.notify({
      level: 'info',
      code: 'APIGW_ACCESS_LOGS_OFF',
      message:
        'Stage access logging is off: set api.apigateway.accessLogs.destinationArn to a log group ARN to turn it on.',
    });
  }
  const apiKeyId = await applyUsagePlan(clients.apigw, d, current.api, desired, apiId);
  return outputsFor(ctx, desired, {
    restApiId: apiId,
    userPoolId: cognito.poolId,
    clientId: cognito.clientId,
    apiKeyId,
  });
}
