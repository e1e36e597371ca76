import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import type { FakeIam } from './fake-iam.js';
import type { PolicyDocument } from './policy.js';

type Statement = PolicyDocument['Statement'][number] & { NotAction?: string | string[] };
type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface ContextEntry {
  ContextKeyName: string;
  ContextKeyValues: string[];
  ContextKeyType?: string;
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** IAM's wildcard match (`*` any run, `?` one character), case-insensitive for actions, exact for ARNs. */
export function matches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const OPERATORS: Record<string, (expected: string, actual: string) => boolean> = {
  StringEquals: (expected, actual) => expected === actual,
  StringLike: (expected, actual) => matches(expected, actual, false),
  ArnEquals: (expected, actual) => expected === actual,
  ArnLike: (expected, actual) => matches(expected, actual, false),
};

/** A condition block holds when every operator's every key has a context value matching one of its values. */
function conditionHolds(condition: unknown, context: Map<string, string[]>, missing: Set<string>): boolean {
  if (!condition) return true;
  let holds = true;
  for (const [operator, keys] of Object.entries(condition as Record<string, Record<string, unknown>>)) {
    const test = OPERATORS[operator];
    for (const [key, expected] of Object.entries(keys)) {
      const actual = context.get(key.toLowerCase());
      if (!actual) {
        // The simulator evaluates a condition on a key nobody supplied as not met and names the key.
        missing.add(key);
        holds = false;
        continue;
      }
      const wanted = asList(expected as string | string[]);
      if (!test || !actual.some((value) => wanted.some((w) => test(w, value)))) holds = false;
    }
  }
  return holds;
}

function statementApplies(statement: Statement, action: string, resource: string): boolean {
  const byAction = statement.NotAction
    ? !asList(statement.NotAction).some((a) => matches(a, action, true))
    : asList(statement.Action).some((a) => matches(a, action, true));
  return byAction && asList(statement.Resource).some((r) => matches(r, resource, false));
}

/** Evaluates identity policies the way the IAM policy simulator does for one action on one resource. */
export function evaluate(
  documents: PolicyDocument[],
  action: string,
  resource: string,
  context: Map<string, string[]>,
): { decision: Decision; missing: string[] } {
  const missing = new Set<string>();
  let decision: Decision = 'implicitDeny';
  for (const statement of documents.flatMap((d) => d.Statement) as Statement[]) {
    if (!statementApplies(statement, action, resource)) continue;
    if (!conditionHolds(statement.Condition, context, missing)) continue;
    if (statement.Effect === 'Deny') return { decision: 'explicitDeny', missing: [...missing] };
    decision = 'allowed';
  }
  return { decision, missing: decision === 'allowed' ? [] : [...missing] };
}

/** SimulatePrincipalPolicy over the identity policies `policiesOf` finds for the principal. */
export function simulateOperations(
  policiesOf: (principalArn: string) => PolicyDocument[],
): Record<string, Handler> {
  return {
    SimulatePrincipalPolicy: (input) => {
      const documents = policiesOf(input.PolicySourceArn);
      const context = new Map<string, string[]>(
        ((input.ContextEntries ?? []) as ContextEntry[]).map((entry) => [
          entry.ContextKeyName.toLowerCase(),
          entry.ContextKeyValues ?? [],
        ]),
      );
      const resources: string[] = input.ResourceArns?.length ? input.ResourceArns : ['*'];
      const results = (input.ActionNames as string[]).flatMap((action) =>
        resources.map((resource) => {
          const { decision, missing } = evaluate(documents, action, resource, context);
          return {
            EvalActionName: action,
            EvalResourceName: resource,
            EvalDecision: decision,
            MatchedStatements: [],
            MissingContextValues: missing,
          };
        }),
      );
      const start = input.Marker ? Number.parseInt(input.Marker, 10) : 0;
      if (!Number.isInteger(start) || start < 0 || start > results.length) {
        throw new AwsError('InvalidInput', 'Invalid Marker.', 400);
      }
      const size = input.MaxItems ?? 100;
      const page = results.slice(start, start + size);
      const more = start + size < results.length;
      return {
        EvaluationResults: page,
        IsTruncated: more,
        ...(more ? { Marker: String(start + size) } : {}),
      };
    },
  };
}

/** The principal's identity policies: set by a test, else a fake role's own; an unknown principal is NoSuchEntity. */
export function principalPolicies(iam: FakeIam, arn: string): PolicyDocument[] {
  const set = iam.principals.get(arn);
  if (set) return set;
  const role = [...iam.roles.values()].find((r) => r.Arn === arn);
  if (role) return iam.rolePolicies(role);
  const [, kind, name] = /^arn:aws[\w-]*:iam::\d{12}:(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn) ?? [];
  if (!kind) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`, 400);
  throw new AwsError('NoSuchEntity', `The ${kind} with name ${name} cannot be found.`, 404);
}
