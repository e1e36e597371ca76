import {
  CognitoIdentityProviderClient,
  DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsClient, type DeployContext, isMlshipError, type Outputs } from '@mlship/core';
import { type CheckRow, errorMessage, fail, isAccessDenied, ok, warn } from './types.js';

const TITLE = 'Front door';

/**
 * How the Apigee target's read went: it opens the management API with Google ADC and reads the organization and
 * environment (proxy revisions, deployments, target server, KVM entry), validating the bundle without importing it.
 */
export type ApigeeOutcome = 'readable' | 'not-reached' | 'not-installed' | { error: unknown };

function apigeeRow(ctx: DeployContext, outcome: ApigeeOutcome): CheckRow {
  const apigee = ctx.resolved.config.api.apigee;
  const where = `Apigee ${apigee?.organization}/${apigee?.environment}`;
  if (outcome === 'readable') {
    return ok('front-door', TITLE, `${where}: Google ADC found, organization and environment readable`);
  }
  if (typeof outcome === 'object') {
    const error = outcome.error;
    return fail(
      'front-door',
      TITLE,
      `${where}: ${errorMessage(error)}`,
      (isMlshipError(error) ? error.hint : undefined) ??
        'Check `gcloud auth application-default login` and the Apigee organization and environment names.',
    );
  }
  return warn(
    'front-door',
    TITLE,
    `${where}: not checked (${outcome === 'not-installed' ? '@mlship/deployer-apigee is not loaded' : 'an earlier target could not be planned'})`,
    'Run `gcloud auth application-default login`; the deploy checks the organization and environment.',
  );
}

/** API Gateway: the Cognito domain prefix is free (or already this app's); Apigee: ADC and the org/env readable. */
export async function checkFrontDoor(
  ctx: DeployContext,
  last: Record<string, Outputs>,
  apigee: ApigeeOutcome,
): Promise<CheckRow | undefined> {
  const { config, env } = ctx.resolved;
  if (config.front === 'apigee') return apigeeRow(ctx, apigee);
  if (config.front !== 'apigateway') return undefined;
  const gateway = config.api.apigateway as { domainPrefix?: string } | undefined;
  const prefix = gateway?.domainPrefix ?? `${config.name}-${env}`.toLowerCase();
  try {
    const out = await awsClient(ctx, CognitoIdentityProviderClient).send(
      new DescribeUserPoolDomainCommand({ Domain: prefix }),
    );
    const owner = out.DomainDescription?.UserPoolId;
    if (!owner) return ok('front-door', TITLE, `Cognito domain prefix "${prefix}" is free`);
    if (owner === last.apigateway?.userPoolId) {
      return ok(
        'front-door',
        TITLE,
        `Cognito domain prefix "${prefix}" belongs to this app's user pool ${owner}`,
      );
    }
    return fail(
      'front-door',
      TITLE,
      `Cognito domain prefix "${prefix}" is taken by user pool ${owner}`,
      'Set api.apigateway.domainPrefix in release.yaml to a free prefix (prefixes are global per region).',
    );
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    return warn(
      'front-door',
      TITLE,
      `Cannot check the Cognito domain: ${errorMessage(error)}`,
      'Allow cognito-idp:DescribeUserPoolDomain.',
    );
  }
}
