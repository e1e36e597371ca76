import type { DeployContext, StatusReport } from '@mlship/core';
import { clientsFor } from './clients.js';
import { desiredFor } from './desired.js';
import { invokeUrl, tokenUrl } from './outputs.js';
import { readApi } from './read-api.js';
import { readCognito } from './read-cognito.js';

/** The API, its stage and last deployment, the usage plan's limits, the user pool and its client. Reads only. */
export async function statusApiGateway(ctx: DeployContext): Promise<StatusReport> {
  const desired = desiredFor(ctx, { requireAlias: false, requireUpstream: false });
  const clients = clientsFor(ctx);
  const cognito = await readCognito(clients.cognito, desired.names, desired.domainPrefix);
  const api = await readApi(clients.apigw, desired.names, desired.stageName);
  const exists = Boolean(api.api || cognito.pool);
  const plan = api.usagePlan;
  const limits = plan
    ? `${plan.rateLimit ?? '?'} req/s (burst ${plan.burstLimit ?? '?'}), quota ${plan.quotaLimit ?? '?'}/${plan.quotaPeriod ?? '?'}`
    : 'no usage plan';
  const summary = !exists
    ? `no API or user pool tagged for ${desired.names.base}`
    : [
        api.api ? `API ${api.api.id}` : 'no API',
        api.stage
          ? `stage ${desired.stageName} (deployment ${api.stage.deploymentId})`
          : `no stage ${desired.stageName}`,
        limits,
        cognito.pool ? `pool ${cognito.pool.id}` : 'no user pool',
        cognito.client ? `client ${cognito.client.id}` : 'no client',
      ].join(', ');
  return {
    target: 'apigateway',
    exists,
    summary,
    detail: {
      restApiId: api.api?.id ?? null,
      stage: api.stage ? { name: desired.stageName, ...api.stage } : null,
      lastDeployment: api.stage
        ? {
            id: api.stage.deploymentId,
            createdDate: api.deployedAt?.toISOString() ?? null,
            definitionHash: api.deployedHash ?? null,
          }
        : null,
      invokeUrl: api.api ? invokeUrl(ctx.env, api.api.id, desired.region, desired.stageName) : null,
      usagePlan: plan ?? null,
      apiKeyId: api.apiKey?.id ?? null,
      userPoolId: cognito.pool?.id ?? null,
      domain: cognito.pool?.domain ?? null,
      tokenUrl: cognito.pool?.domain ? tokenUrl(ctx.env, cognito.pool.domain, desired.region) : null,
      clientId: cognito.client?.id ?? null,
      scopes: cognito.client?.scopes ?? [],
    },
  };
}
