import {
  CognitoIdentityProviderClient,
  DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsClient, type DeployContext, type Outputs } from '@mlship/core';
import { type CheckRow, errorMessage, fail, isAccessDenied, ok, warn } from './types.js';

const TITLE = 'Front door';

/** API Gateway: the Cognito domain prefix is free (or already this app's); Apigee: not checked by this version. */
export async function checkFrontDoor(
  ctx: DeployContext,
  last: Record<string, Outputs>,
): Promise<CheckRow | undefined> {
  const { config, env } = ctx.resolved;
  if (config.front === 'apigee') {
    return warn(
      'front-door',
      TITLE,
      `Apigee ${config.api.apigee?.organization}/${config.api.apigee?.environment}: not checked (ADC and organization access are checked at deploy)`,
      'Run `gcloud auth application-default login` and check access with `gcloud apigee environments describe`.',
    );
  }
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
