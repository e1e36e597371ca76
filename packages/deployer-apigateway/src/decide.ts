import { buildDefinition } from './definition.js';
import type { Desired } from './desired.js';
import { desiredPermission } from './permission.js';
import type { CurrentState } from './read.js';

export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: string;
}

export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.resourcePath',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  apiKeyId: '$context.identity.apiKeyId',
  clientId: '$context.authorizer.claims.client_id',
  error: '$context.error.message',
});

export type Step = 'create' | 'update' | 'replace' | 'noop';

/** What the apply step must do, derived purely from the current state and the desired settings. */
export interface Decisions {
  pool: Step;
  resourceServer: Step;
  client: Step;
  domain: Step;
  api: Step;
  /** `update` when the API definition (hash) differs from the deployed one: PutRestApi + CreateDeployment. */
  definition: Step;
  definitionHash?: string;
  stage: Step;
  stagePatch: PatchOp[];
  permission: Step;
  usagePlan: Step;
  usagePlanPatch: PatchOp[];
  apiKey: Step;
  attachKey: boolean;
  logGroup: Step;
}

const sameList = (a: string[] | undefined, b: string[]) =>
  a !== undefined && a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

export function stagePatch(current: CurrentState, desired: Desired): PatchOp[] {
  const stage = current.api.stage;
  const logArn = desired.accessLogArn ?? (desired.managedLogGroup ? current.logGroup?.arn : undefined);
  const ops: PatchOp[] = [];
  if (stage?.rateLimit !== desired.throttle.rateLimit) {
    ops.push({ op: 'replace', path: '/*/*/throttling/rateLimit', value: String(desired.throttle.rateLimit) });
  }
  if (stage?.burstLimit !== desired.throttle.burstLimit) {
    ops.push({
      op: 'replace',
      path: '/*/*/throttling/burstLimit',
      value: String(desired.throttle.burstLimit),
    });
  }
  if (logArn) {
    if (stage?.accessLogArn !== logArn) {
      ops.push({ op: 'replace', path: '/accessLogSettings/destinationArn', value: logArn });
    }
    if (stage?.accessLogFormat !== ACCESS_LOG_FORMAT) {
      ops.push({ op: 'replace', path: '/accessLogSettings/format', value: ACCESS_LOG_FORMAT });
    }
  } else if (stage?.accessLogArn) {
    ops.push({ op: 'remove', path: '/accessLogSettings' });
  }
  return ops;
}

export function usagePlanPatch(
  current: CurrentState,
  desired: Desired,
  apiId: string | undefined,
): PatchOp[] {
  const plan = current.api.usagePlan;
  if (!plan) return [];
  const ops: PatchOp[] = [];
  const set = (path: string, now: unknown, want: number | string) => {
    if (now !== want) ops.push({ op: 'replace', path, value: String(want) });
  };
  set('/throttle/rateLimit', plan.rateLimit, desired.throttle.rateLimit);
  set('/throttle/burstLimit', plan.burstLimit, desired.throttle.burstLimit);
  set('/quota/limit', plan.quotaLimit, desired.quota.limit);
  set('/quota/period', plan.quotaPeriod, desired.quota.period);
  if (apiId && current.api.stage) {
    for (const s of plan.apiStages) {
      if (s.apiId === apiId && s.stage !== desired.stageName)
        ops.push({ op: 'remove', path: '/apiStages', value: `${s.apiId}:${s.stage}` });
    }
    if (!plan.apiStages.some((s) => s.apiId === apiId && s.stage === desired.stageName)) {
      ops.push({ op: 'add', path: '/apiStages', value: `${apiId}:${desired.stageName}` });
    }
  }
  return ops;
}

export function decide(current: CurrentState, desired: Desired): Decisions {
  const { cognito, api } = current;
  const pool = cognito.pool;
  const client = cognito.client;
  const clientOk =
    client?.hasSecret &&
    client.userPoolClient &&
    sameList(client.flows, ['client_credentials']) &&
    sameList(client.scopes, desired.scopes);
  const definition =
    pool && desired.aliasArn ? buildDefinition(desired, pool.arn, desired.aliasArn) : undefined;
  const apiId = api.api?.id;
  const permission =
    apiId && desired.aliasArn ? desiredPermission(desired.aliasArn, desired.region, apiId) : undefined;
  return {
    pool: pool ? 'noop' : 'create',
    resourceServer: !cognito.resourceServer
      ? 'create'
      : sameList(cognito.resourceServer.scopes, desired.scopeNames) &&
          cognito.resourceServer.name === desired.names.resourceServer
        ? 'noop'
        : 'update',
    client: !client ? 'create' : clientOk ? 'noop' : client.hasSecret ? 'update' : 'replace',
    domain: pool?.domain === desired.domainPrefix ? 'noop' : pool?.domain ? 'replace' : 'create',
    api: apiId ? 'noop' : 'create',
    definition: !api.stage
      ? 'create'
      : definition && api.deployedHash === definition.hash
        ? 'noop'
        : 'update',
    ...(definition ? { definitionHash: definition.hash } : {}),
    stage: api.stage ? 'noop' : 'create',
    stagePatch: stagePatch(current, desired),
    permission: !permission
      ? 'create'
      : current.permissionSourceArn === undefined
        ? 'create'
        : current.permissionSourceArn === permission.sourceArn
          ? 'noop'
          : 'replace',
    usagePlan: api.usagePlan ? 'noop' : 'create',
    usagePlanPatch: usagePlanPatch(current, desired, apiId),
    apiKey: !api.apiKey ? 'create' : api.apiKey.enabled ? 'noop' : 'update',
    attachKey: !api.usagePlan || !api.apiKey || !api.usagePlan.keyIds.includes(api.apiKey.id),
    logGroup: !desired.managedLogGroup
      ? 'noop'
      : !current.logGroup
        ? 'create'
        : current.logGroup.ours &&
            current.logGroup.retentionInDays !== desired.managedLogGroup.retentionInDays
          ? 'update'
          : 'noop',
  };
}
