import type { Handler } from '../server/service.js';
import type { FakeLambda } from './fake-lambda.js';
import {
  conflict,
  type FunctionRecord,
  invalidParameter,
  notFound,
  type PolicyStatement,
  preconditionFailed,
  revisionId,
} from './state.js';

// biome-ignore lint/suspicious/noExplicitAny: the model-validated request
function principalOf(input: any): PolicyStatement['Principal'] {
  const principal: string = input.Principal;
  if (principal === '*') return '*';
  if (/^[\w.-]+\.amazonaws\.com$/.test(principal)) return { Service: principal };
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/^arn:aws[\w-]*:iam::\d{12}:/.test(principal)) return { AWS: principal };
  throw invalidParameter('The provided principal was invalid. Please check the principal and try again.');
}

// biome-ignore lint/suspicious/noExplicitAny: the model-validated request
function conditionOf(input: any): PolicyStatement['Condition'] {
  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string | undefined) => {
    if (value === undefined) return;
    condition[operator] = { ...(condition[operator] ?? {}), [key]: value };
  };
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  return Object.keys(condition).length > 0 ? condition : undefined;
}

/** The qualifier a policy call targets: the Qualifier parameter or the one in the function ARN; it must exist. */
function qualifierOf(
  lambda: FakeLambda,
  record: FunctionRecord,
  explicit: string | undefined,
  fromArn?: string,
) {
  const qualifier = explicit ?? fromArn ?? '';
  if (qualifier && qualifier !== '$LATEST') lambda.resolveQualifier(record, qualifier);
  return qualifier === '$LATEST' ? '' : qualifier;
}

/** AddPermission, RemovePermission, GetPolicy: the function's (or an alias's/version's) resource policy. */
export function permissionOperations(lambda: FakeLambda): Record<string, Handler> {
  return {
    AddPermission: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const qualifier = qualifierOf(lambda, record, input.Qualifier, fromArn);
      if (input.RevisionId && input.RevisionId !== record.latest.RevisionId) throw preconditionFailed();
      if (input.FunctionUrlAuthType && !/^lambda:(InvokeFunctionUrl|\*)$/.test(input.Action)) {
        throw invalidParameter(
          'FunctionUrlAuthType is only supported with the lambda:InvokeFunctionUrl action.',
        );
      }
      const statements = record.policies.get(qualifier) ?? [];
      if (statements.some((s) => s.Sid === input.StatementId)) {
        throw conflict(
          `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        );
      }
      const condition = conditionOf(input);
      const statement: PolicyStatement = {
        Sid: input.StatementId,
        Effect: 'Allow',
        Principal: principalOf(input),
        Action: input.Action,
        Resource: lambda.functionArn(record.latest.FunctionName, qualifier || undefined),
        ...(condition ? { Condition: condition } : {}),
      };
      record.policies.set(qualifier, [...statements, statement]);
      return { Statement: JSON.stringify(statement) };
    },
    RemovePermission: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const qualifier = qualifierOf(lambda, record, input.Qualifier, fromArn);
      if (input.RevisionId && input.RevisionId !== record.latest.RevisionId) throw preconditionFailed();
      const statements = record.policies.get(qualifier);
      if (!statements || statements.length === 0)
        throw notFound('No policy is associated with the given resource.');
      if (!statements.some((s) => s.Sid === input.StatementId)) {
        throw notFound(`Statement ${input.StatementId} is not found in resource policy.`);
      }
      const left = statements.filter((s) => s.Sid !== input.StatementId);
      if (left.length > 0) record.policies.set(qualifier, left);
      else record.policies.delete(qualifier);
      return {};
    },
    GetPolicy: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const qualifier = qualifierOf(lambda, record, input.Qualifier, fromArn);
      const statements = record.policies.get(qualifier);
      if (!statements || statements.length === 0)
        throw notFound('The resource you requested does not exist.');
      return {
        Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }),
        RevisionId: revisionId(),
      };
    },
  };
}
