import { type ContextEntry, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { awsClient, type DeployContext, type Permission } from '@mlship/core';

export interface Denied {
  action: string;
  resource: string;
  decision: string;
  missingContext: string[];
}

const key = (p: Permission) => `${p.resource}\n${JSON.stringify(p.context ?? {})}`;

/**
 * Simulates the principal's identity policies for each permission: one call per resource and condition context,
 * every page read. Returns the denied ones.
 */
export async function simulate(
  ctx: DeployContext,
  principalArn: string,
  permissions: readonly Permission[],
): Promise<Denied[]> {
  const iam = awsClient(ctx, IAMClient);
  const groups = new Map<string, Permission[]>();
  for (const p of permissions) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
  const denied: Denied[] = [];
  for (const members of groups.values()) {
    const { resource, context = {} } = members[0]!;
    const ContextEntries: ContextEntry[] = Object.entries(context).map(([name, value]) => ({
      ContextKeyName: name,
      ContextKeyValues: [value],
      ContextKeyType: 'string',
    }));
    let Marker: string | undefined;
    do {
      const out = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: principalArn,
          ActionNames: [...new Set(members.map((m) => m.action))],
          ResourceArns: [resource],
          ...(ContextEntries.length > 0 ? { ContextEntries } : {}),
          ...(Marker ? { Marker } : {}),
        }),
      );
      for (const result of out.EvaluationResults ?? []) {
        if (result.EvalDecision === 'allowed') continue;
        denied.push({
          action: result.EvalActionName ?? '',
          resource: result.EvalResourceName ?? resource,
          decision: result.EvalDecision ?? 'implicitDeny',
          missingContext: result.MissingContextValues ?? [],
        });
      }
      Marker = out.IsTruncated ? out.Marker : undefined;
    } while (Marker);
  }
  return denied;
}

/** `sagemaker:CreateEndpoint on arn:…` lines, one per action with its resources. */
export function describeDenied(denied: readonly Denied[]): string {
  const byAction = new Map<string, string[]>();
  for (const d of denied) byAction.set(d.action, [...(byAction.get(d.action) ?? []), d.resource]);
  return [...byAction]
    .map(([action, resources]) => `${action} on ${[...new Set(resources)].join(', ')}`)
    .join('; ');
}
