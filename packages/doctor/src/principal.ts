import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { awsClient, type DeployContext, type Permission } from '@mlship/core';
import { type Identity, principalArn } from './identity.js';
import { describeDenied, simulate } from './simulate.js';
import { type CheckRow, errorMessage, fail, isAccessDenied, ok, warn } from './types.js';

const TITLE = 'Deploying principal';

/** The IAM ARN of the caller: an assumed-role session's role, with its path from GetRole. */
async function policySource(ctx: DeployContext, identity: Identity): Promise<string> {
  const { arn, roleName } = principalArn(identity.arn);
  if (!roleName) return arn;
  const out = await awsClient(ctx, IAMClient).send(new GetRoleCommand({ RoleName: roleName }));
  return out.Role?.Arn ?? arn;
}

/** SimulatePrincipalPolicy for every action the targets' calls need, on the resources they name. */
export async function checkPrincipal(
  ctx: DeployContext,
  identity: Identity | undefined,
  permissions: readonly Permission[],
  undeclared: string[],
): Promise<CheckRow> {
  const note = undeclared.length > 0 ? ` (not declared, so not checked: ${undeclared.join(', ')})` : '';
  if (!identity) return warn('principal', TITLE, 'Not checked: no caller identity');
  let source = identity.arn;
  try {
    source = await policySource(ctx, identity);
    const denied = await simulate(ctx, source, permissions);
    if (denied.length > 0) {
      return fail(
        'principal',
        TITLE,
        `${source} may not: ${describeDenied(denied)}${note}`,
        `Attach the least-privilege policy: mlship doctor --env ${ctx.resolved.env} --print-policy`,
        { principal: source, denied },
      );
    }
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    return warn(
      'principal',
      TITLE,
      `Cannot simulate the policies of ${source}: ${errorMessage(error)}`,
      'Allow iam:SimulatePrincipalPolicy (and iam:GetRole for a role) on yourself, or compare with `mlship doctor --print-policy`; `mlship deploy --skip-preflight` skips this check.',
    );
  }
  const actions = new Set(permissions.map((p) => p.action)).size;
  return ok(
    'principal',
    TITLE,
    `${source} may make all ${actions} calls (${permissions.length} action × resource pairs)${note}`,
    {
      principal: source,
    },
  );
}
