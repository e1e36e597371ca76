/**
 * What a deployer's calls need from IAM, declared next to the calls (each deployer's `iam.ts`): the source of
 * `mlship doctor`'s permission check, of `--print-policy` and of the IAM policy in the docs.
 */
export interface Permission {
  /** The IAM action, e.g. `sagemaker:CreateModel`. */
  action: string;
  /** The ARN (or pattern, or `*`) the call acts on. */
  resource: string;
  /**
   * Condition keys and the values the call carries (`aws:RequestTag/mlship:app` → the app): the printed policy
   * requires them (StringEquals, StringLike for a value with `*`) and the simulation passes them as context.
   */
  context?: Record<string, string>;
  /** The statement of the printed policy this permission belongs to. */
  sid: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0]! : values);

/** The least-privilege policy for these permissions: one statement per sid, in first-seen order. */
export function policyDocument(permissions: readonly Permission[]): PolicyDocument {
  const groups = new Map<string, Permission[]>();
  for (const permission of permissions) {
    groups.set(permission.sid, [...(groups.get(permission.sid) ?? []), permission]);
  }
  const Statement = [...groups].map(([Sid, members]): PolicyStatement => {
    const actions = [...new Set(members.map((m) => m.action))];
    const resources = [...new Set(members.map((m) => m.resource))];
    const context = Object.assign({}, ...members.map((m) => m.context ?? {})) as Record<string, string>;
    const condition: Record<string, Record<string, string>> = {};
    for (const [key, value] of Object.entries(context)) {
      const operator = value.includes('*') ? 'StringLike' : 'StringEquals';
      condition[operator] = { ...condition[operator], [key]: value };
    }
    return {
      Sid,
      Effect: 'Allow',
      Action: one(actions),
      Resource: resources.includes('*') ? '*' : one(resources),
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
  });
  return { Version: '2012-10-17', Statement };
}

/** The policy as printed and as in the docs: two-space JSON. */
export function renderPolicy(permissions: readonly Permission[]): string {
  return JSON.stringify(policyDocument(permissions), null, 2);
}
