import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClient, type DeployContext } from '@mlship/core';
import { credentialSource } from './credential-source.js';
import { type CheckRow, errorMessage, errorName, fail, ok } from './types.js';

export interface Identity {
  account: string;
  arn: string;
}

const TITLE = 'Identity';

/** STS GetCallerIdentity, the region, where the credentials came from, and the accountId pin. */
export async function checkIdentity(ctx: DeployContext): Promise<{ row: CheckRow; identity?: Identity }> {
  const sts = awsClient(ctx, STSClient);
  const { region, accountId } = ctx.resolved.config;
  const source = await credentialSource(sts.config.credentials as () => Promise<unknown>, ctx.env);
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    const identity = { account: out.Account ?? '', arn: out.Arn ?? '' };
    const fact = `${identity.arn} in account ${identity.account}, region ${region}, credentials from ${source}`;
    const data = { ...identity, region, credentialSource: source };
    if (accountId && accountId !== identity.account) {
      return {
        identity,
        row: fail(
          'identity',
          TITLE,
          `${fact}; release.yaml pins environment ${ctx.resolved.env} to account ${accountId}`,
          `Use credentials of account ${accountId} (e.g. AWS_PROFILE=<a profile of that account>), or correct accountId in release.yaml.`,
          data,
        ),
      };
    }
    return { identity, row: ok('identity', TITLE, fact, data) };
  } catch (error) {
    return {
      row: fail(
        'identity',
        TITLE,
        `No working AWS credentials (${errorName(error) || 'error'}: ${errorMessage(error)}); credentials from ${source}`,
        'Sign in (`aws sso login --profile <p>`), export AWS_PROFILE, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; `aws sts get-caller-identity` must work.',
      ),
    };
  }
}

/** The IAM ARN SimulatePrincipalPolicy takes: an assumed-role session becomes its role (path looked up later). */
export function principalArn(arn: string): { arn: string; roleName?: string } {
  const assumed = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  if (!assumed) return { arn };
  return { arn: `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`, roleName: assumed[3]! };
}
