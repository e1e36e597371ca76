import {
  type APIGatewayClient,
  DeleteApiKeyCommand,
  DeleteRestApiCommand,
  DeleteUsagePlanCommand,
  GetResourcesCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import {
  DeleteResourceServerCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DeployContext, DestroyReport } from '@mlship/core';
import { clientsFor } from './clients.js';
import { desiredFor } from './desired.js';
import { deleteLogGroup, readLogGroup } from './log-group.js';
import { statementId } from './names.js';
import { lambdaPermissions, type PermissionStore } from './permission.js';
import { readApi } from './read-api.js';
import { readCognito } from './read-cognito.js';

const FUNCTION_IN_URI = /\/functions\/(arn:[^/]+)\/invocations$/;

/** The alias the API invokes: from the upstream outputs, else recorded in the API's own integration. */
async function aliasOf(
  ctx: DeployContext,
  apigw: APIGatewayClient,
  restApiId: string,
): Promise<string | undefined> {
  const upstream = ctx.upstream.lambda?.aliasArn;
  if (typeof upstream === 'string') return upstream;
  const resources = await apigw.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500 }));
  const predict = resources.items?.find((r) => r.path === '/predict');
  return FUNCTION_IN_URI.exec(predict?.resourceMethods?.POST?.methodIntegration?.uri ?? '')?.[1];
}

/** Deletes only what carries this app's and environment's mlship tags, downstream pieces first. */
export async function destroyApiGateway(ctx: DeployContext, store?: PermissionStore): Promise<DestroyReport> {
  const desired = desiredFor(ctx, { requireAlias: false, requireUpstream: false });
  const { apigw, cognito, lambda, logs } = clientsFor(ctx);
  const report: DestroyReport = { target: 'apigateway', deleted: [], skipped: [] };
  const deleted = (resource: string, id: string) => report.deleted.push({ resource, id });
  const api = await readApi(apigw, desired.names, desired.stageName);
  const pool = await readCognito(cognito, desired.names, desired.domainPrefix);

  if (api.api) {
    const aliasArn = await aliasOf(ctx, apigw, api.api.id);
    const sid = statementId(api.api.id);
    const permissions = store ?? lambdaPermissions(lambda);
    if (aliasArn && (await permissions.sourceArnOf(aliasArn, sid)) !== undefined) {
      await permissions.remove(aliasArn, sid);
      deleted('Lambda::Permission', `${aliasArn} ${sid}`);
    }
  }
  if (api.usagePlan) {
    const patch = api.usagePlan.apiStages.map((s) => ({
      op: 'remove' as const,
      path: '/apiStages',
      value: `${s.apiId}:${s.stage}`,
    }));
    if (patch.length > 0)
      await apigw.send(new UpdateUsagePlanCommand({ usagePlanId: api.usagePlan.id, patchOperations: patch }));
    await apigw.send(new DeleteUsagePlanCommand({ usagePlanId: api.usagePlan.id }));
    deleted('ApiGateway::UsagePlan', api.usagePlan.id);
  }
  if (api.apiKey) {
    await apigw.send(new DeleteApiKeyCommand({ apiKey: api.apiKey.id }));
    deleted('ApiGateway::ApiKey', api.apiKey.id);
  }
  if (api.api) {
    await apigw.send(new DeleteRestApiCommand({ restApiId: api.api.id }));
    deleted('ApiGateway::RestApi', `${api.api.id} (with stage ${desired.stageName})`);
    for (const id of api.api.duplicates)
      report.skipped.push({
        resource: 'ApiGateway::RestApi',
        id,
        reason: 'a second API with the same tags; delete it by hand',
      });
  }
  if (pool.pool) {
    const UserPoolId = pool.pool.id;
    if (pool.pool.domain) {
      await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain: pool.pool.domain }));
      deleted('Cognito::UserPoolDomain', pool.pool.domain);
    }
    if (pool.client) {
      await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId: pool.client.id }));
      deleted('Cognito::UserPoolClient', pool.client.id);
    }
    if (pool.resourceServer) {
      await cognito.send(
        new DeleteResourceServerCommand({ UserPoolId, Identifier: desired.names.resourceServer }),
      );
      deleted('Cognito::ResourceServer', desired.names.resourceServer);
    }
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
    deleted('Cognito::UserPool', UserPoolId);
    for (const id of pool.pool.duplicates)
      report.skipped.push({
        resource: 'Cognito::UserPool',
        id,
        reason: 'a second pool with the same tags; delete it by hand',
      });
  }
  if (desired.managedLogGroup) {
    const group = await readLogGroup(logs, desired.names);
    if (group?.ours) {
      await deleteLogGroup(logs, group.name);
      deleted('Logs::LogGroup', group.name);
    } else if (group) {
      report.skipped.push({ resource: 'Logs::LogGroup', id: group.name, reason: 'not tagged by mlship' });
    }
  }
  if (report.deleted.length === 0) {
    ctx.host.notify({
      level: 'info',
      code: 'APIGW_NOT_DEPLOYED',
      message: `No API Gateway or Cognito resources tagged for ${desired.names.base}.`,
    });
  }
  return report;
}
