import type { Change, DeployContext, DeployPlan, Outputs } from '@mlship/core';
import { MlshipError } from '@mlship/core';
import { type Decisions, decide, type Step } from './decide.js';
import { type Desired, desiredFor } from './desired.js';
import { suggestPrefix } from './names.js';
import { outputsFor } from './outputs.js';
import type { CurrentState } from './read.js';

export interface ApiGatewayDetail {
  current: CurrentState;
}

export function domainTaken(prefix: string, accountId: string | undefined, region: string): MlshipError {
  const suggestion = suggestPrefix(prefix, accountId ?? '', region);
  return new MlshipError(
    'APIGW_DOMAIN_TAKEN',
    `The Cognito domain prefix "${prefix}" is already used by another user pool (prefixes are unique per region across all AWS accounts).`,
    { hint: `Set api.apigateway.domainPrefix in release.yaml, e.g. domainPrefix: ${suggestion}` },
  );
}

function change(step: Step, resource: string, id: string, reason: string, diff?: Change['diff']): Change {
  const action = step === 'replace' ? 'update' : step;
  return { action, resource, id, reason, ...(diff && diff.length > 0 ? { diff } : {}) };
}

export function changesOf(d: Decisions, desired: Desired, current: CurrentState): Change[] {
  const base = desired.names.base;
  const apiId = current.api.api?.id ?? base;
  const stage = current.api.stage;
  const plan = current.api.usagePlan;
  return [
    change(
      d.pool,
      'Cognito::UserPool',
      current.cognito.pool?.id ?? base,
      d.pool === 'create' ? 'new user pool' : 'unchanged',
    ),
    change(
      d.resourceServer,
      'Cognito::ResourceServer',
      desired.names.resourceServer,
      `scopes ${desired.scopes.join(' ')}`,
    ),
    change(
      d.client,
      'Cognito::UserPoolClient',
      current.cognito.client?.id ?? base,
      d.client === 'replace'
        ? 'recreated: the client has no secret'
        : 'client-credentials grant with a secret',
    ),
    change(
      d.domain,
      'Cognito::UserPoolDomain',
      desired.domainPrefix,
      d.domain === 'replace' ? `was ${current.cognito.pool?.domain}` : 'hosted domain for the token URL',
    ),
    ...(desired.managedLogGroup
      ? [
          change(
            d.logGroup,
            'Logs::LogGroup',
            desired.managedLogGroup.name,
            `access logs, ${desired.managedLogGroup.retentionInDays} days`,
          ),
        ]
      : []),
    change(d.api, 'ApiGateway::RestApi', apiId, 'regional REST API'),
    change(
      d.definition,
      'ApiGateway::Deployment',
      apiId,
      d.definition === 'noop'
        ? 'definition unchanged'
        : d.definition === 'create'
          ? 'import and deploy the API definition'
          : 'API definition changed: import and deploy',
      d.definitionHash
        ? [{ field: 'definition', before: current.api.deployedHash ?? null, after: d.definitionHash }]
        : undefined,
    ),
    change(
      d.stage === 'noop' && d.stagePatch.length > 0 ? 'update' : d.stage,
      'ApiGateway::Stage',
      desired.stageName,
      'method throttling and access logging',
      d.stagePatch.map((op) => ({
        field: op.path,
        before: stage
          ? ((op.path.endsWith('rateLimit')
              ? stage.rateLimit
              : op.path.endsWith('burstLimit')
                ? stage.burstLimit
                : stage.accessLogArn) ?? null)
          : null,
        after: op.value ?? null,
      })),
    ),
    change(d.permission, 'Lambda::Permission', apiId, 'API Gateway may invoke the live alias'),
    change(
      d.usagePlan === 'noop' && d.usagePlanPatch.length > 0 ? 'update' : d.usagePlan,
      'ApiGateway::UsagePlan',
      plan?.id ?? base,
      'throttle and quota per API key',
      d.usagePlanPatch.map((op) => ({
        field: op.path,
        before: null,
        after: `${op.op} ${op.value ?? ''}`.trim(),
      })),
    ),
    change(
      d.apiKey === 'noop' && d.attachKey ? 'update' : d.apiKey,
      'ApiGateway::ApiKey',
      current.api.apiKey?.id ?? base,
      d.attachKey ? 'attached to the usage plan' : 'enabled',
    ),
  ];
}

/** Pure: compares what was read with release.yaml and the upstream outputs. */
export function planApiGateway(ctx: DeployContext, current: CurrentState): DeployPlan<ApiGatewayDetail> {
  const desired = desiredFor(ctx, { requireAlias: false });
  const d = decide(current, desired);
  const owner = current.cognito.domainOwner;
  if (d.domain !== 'noop' && owner && owner !== current.cognito.pool?.id) {
    throw domainTaken(desired.domainPrefix, desired.aliasArn?.split(':')[4], desired.region);
  }
  const plannedOutputs: Outputs =
    current.api.api && current.cognito.pool && current.cognito.client && current.api.apiKey
      ? outputsFor(ctx, desired, {
          restApiId: current.api.api.id,
          userPoolId: current.cognito.pool.id,
          clientId: current.cognito.client.id,
          apiKeyId: current.api.apiKey.id,
        })
      : {};
  return {
    target: 'apigateway',
    changes: changesOf(d, desired, current),
    detail: { current },
    plannedOutputs,
  };
}
