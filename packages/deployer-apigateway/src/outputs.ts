import type { DeployContext, Outputs } from '@mlship/core';
import type { Desired } from './desired.js';

export interface Ids {
  restApiId: string;
  userPoolId: string;
  clientId: string;
  apiKeyId: string;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * `https://<apiId>.execute-api.<region>.amazonaws.com/<stage>`, or the MLSHIP_APIGATEWAY_INVOKE_URL template
 * (`{restApiId}`, `{region}`, `{stage}`) for emulators and tests.
 */
export function invokeUrl(
  env: DeployContext['env'],
  restApiId: string,
  region: string,
  stage: string,
): string {
  const template =
    env.MLSHIP_APIGATEWAY_INVOKE_URL ?? 'https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}';
  return fill(template, { restApiId, region, stage });
}

/**
 * `https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token`, or the MLSHIP_COGNITO_TOKEN_URL template
 * (`{domain}`, `{region}`).
 */
export function tokenUrl(env: DeployContext['env'], domain: string, region: string): string {
  const template =
    env.MLSHIP_COGNITO_TOKEN_URL ?? 'https://{domain}.auth.{region}.amazoncognito.com/oauth2/token';
  return fill(template, { domain, region });
}

/** The target's outputs; no secret ever (the client secret and the key value stay in Cognito and API Gateway). */
export function outputsFor(ctx: Pick<DeployContext, 'env'>, desired: Desired, ids: Ids): Outputs {
  return {
    restApiId: ids.restApiId,
    stageName: desired.stageName,
    invokeUrl: invokeUrl(ctx.env, ids.restApiId, desired.region, desired.stageName),
    tokenUrl: tokenUrl(ctx.env, desired.domainPrefix, desired.region),
    userPoolId: ids.userPoolId,
    clientId: ids.clientId,
    apiKeyId: ids.apiKeyId,
    scope: desired.scopes.join(' '),
  };
}
