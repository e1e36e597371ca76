import {
  type APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  PutRestApiCommand,
  UpdateApiKeyCommand,
  UpdateStageCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { type Decisions, stagePatch } from './decide.js';
import { buildDefinition, HASH_PREFIX } from './definition.js';
import type { Desired } from './desired.js';
import type { ApiState } from './read-api.js';

/** Creates the REST API if needed, imports and deploys its definition when it changed, and sets the stage up. */
export async function applyRestApi(
  apigw: APIGatewayClient,
  d: Decisions,
  current: ApiState,
  desired: Desired,
  poolArn: string,
  aliasArn: string,
): Promise<string> {
  let apiId = current.api?.id;
  if (!apiId) {
    const created = await apigw.send(
      new CreateRestApiCommand({
        name: desired.names.base,
        description: `mlship front door for ${desired.names.base}`,
        endpointConfiguration: { types: ['REGIONAL'] },
        apiKeySource: 'HEADER',
        tags: desired.names.tags,
      }),
    );
    apiId = created.id as string;
  }
  const definition = buildDefinition(desired, poolArn, aliasArn);
  // The plan may not have known the pool or alias ARN; the hash is decided again here with the real ones.
  if (!current.stage || current.deployedHash !== definition.hash) {
    await apigw.send(
      new PutRestApiCommand({
        restApiId: apiId,
        mode: 'overwrite',
        failOnWarnings: true,
        body: new TextEncoder().encode(JSON.stringify(definition.document)),
      }),
    );
    const deployment = await apigw.send(
      new CreateDeploymentCommand({ restApiId: apiId, description: `${HASH_PREFIX}${definition.hash}` }),
    );
    if (current.stage) {
      await apigw.send(
        new UpdateStageCommand({
          restApiId: apiId,
          stageName: desired.stageName,
          patchOperations: [{ op: 'replace', path: '/deploymentId', value: deployment.id as string }],
        }),
      );
    } else {
      await apigw.send(
        new CreateStageCommand({
          restApiId: apiId,
          stageName: desired.stageName,
          deploymentId: deployment.id as string,
          description: `mlship ${desired.names.base}`,
          tags: desired.names.tags,
        }),
      );
    }
  }
  const patch = current.stage ? d.stagePatch : stagePatch({ cognito: {}, api: {} }, desired);
  if (patch.length > 0) {
    await apigw.send(
      new UpdateStageCommand({ restApiId: apiId, stageName: desired.stageName, patchOperations: patch }),
    );
  }
  return apiId;
}

/** Creates or patches the usage plan, creates or enables the API key and attaches it to the plan. */
export async function applyUsagePlan(
  apigw: APIGatewayClient,
  d: Decisions,
  current: ApiState,
  desired: Desired,
  apiId: string,
): Promise<string> {
  let planId = current.usagePlan?.id;
  if (!planId) {
    const created = await apigw.send(
      new CreateUsagePlanCommand({
        name: desired.names.base,
        description: `mlship usage plan for ${desired.names.base}`,
        apiStages: [{ apiId, stage: desired.stageName }],
        throttle: desired.throttle,
        quota: { ...desired.quota, offset: 0 },
        tags: desired.names.tags,
      }),
    );
    planId = created.id as string;
  } else {
    const patch =
      current.api?.id === apiId && current.stage
        ? d.usagePlanPatch
        : recomputeStages(d, current, desired, apiId);
    if (patch.length > 0)
      await apigw.send(new UpdateUsagePlanCommand({ usagePlanId: planId, patchOperations: patch }));
  }
  let keyId = current.apiKey?.id;
  if (!keyId) {
    const created = await apigw.send(
      new CreateApiKeyCommand({
        name: desired.names.base,
        description: `mlship ${desired.names.base}`,
        enabled: true,
        tags: desired.names.tags,
      }),
    );
    keyId = created.id as string;
  } else if (!current.apiKey?.enabled) {
    await apigw.send(
      new UpdateApiKeyCommand({
        apiKey: keyId,
        patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }],
      }),
    );
  }
  if (!current.usagePlan?.keyIds.includes(keyId)) {
    await apigw.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId, keyType: 'API_KEY' }));
  }
  return keyId;
}

/** The plan's patch with the stage operations it could not know (the API or the stage did not exist yet). */
function recomputeStages(d: Decisions, current: ApiState, desired: Desired, apiId: string) {
  const limits = d.usagePlanPatch.filter((op) => op.path !== '/apiStages');
  const stages = current.usagePlan?.apiStages ?? [];
  const stale = stages
    .filter((s) => s.apiId === apiId && s.stage !== desired.stageName)
    .map((s) => ({ op: 'remove' as const, path: '/apiStages', value: `${s.apiId}:${s.stage}` }));
  const linked = stages.some((s) => s.apiId === apiId && s.stage === desired.stageName);
  const add = linked
    ? []
    : [{ op: 'add' as const, path: '/apiStages', value: `${apiId}:${desired.stageName}` }];
  return [...limits, ...stale, ...add];
}
