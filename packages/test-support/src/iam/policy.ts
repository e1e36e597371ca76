import { AwsError } from '../server/aws-error.js';

export interface PolicyDocument {
  Version?: string;
  Statement: Array<{
    Effect: 'Allow' | 'Deny';
    Action?: string | string[];
    Resource?: string | string[];
    Principal?: '*' | Record<string, string | string[]>;
    Condition?: unknown;
  }>;
}

const malformed = (message: string) => new AwsError('MalformedPolicyDocument', message, 400);

/** Parses a policy as IAM checks it on write: valid JSON, a Statement with Effect, Action on each. */
export function parsePolicy(text: string, kind: 'trust' | 'identity'): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  if (list.length === 0) throw malformed('Syntax errors in policy.');
  for (const statement of list as PolicyDocument['Statement']) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      throw malformed('Syntax errors in policy.');
    if (!statement.Action) throw malformed('Policy statement must contain actions.');
    if (kind === 'trust' && !statement.Principal) throw malformed('Missing required field Principal');
    if (kind === 'identity' && statement.Principal)
      throw malformed('Policy document should not specify a principal.');
    if (kind === 'identity' && !statement.Resource)
      throw malformed('Policy statement must contain resources.');
  }
  return { ...(doc as PolicyDocument), Statement: list as PolicyDocument['Statement'] };
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function wildcard(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return regex.test(value);
}

/** True when an Allow statement (and no Deny) of the documents grants `action` (on any resource). */
export function grants(documents: PolicyDocument[], action: string): boolean {
  const statements = documents.flatMap((d) => d.Statement);
  const matches = (s: PolicyDocument['Statement'][number]) =>
    asList(s.Action).some((a) => wildcard(a, action));
  return (
    statements.some((s) => s.Effect === 'Allow' && matches(s)) &&
    !statements.some((s) => s.Effect === 'Deny' && matches(s))
  );
}

/** True when the trust policy lets `service` call sts:AssumeRole. */
export function trusts(trust: PolicyDocument, service: string): boolean {
  return trust.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      asList(s.Action).some((a) => wildcard(a, 'sts:AssumeRole')) &&
      typeof s.Principal === 'object' &&
      asList(s.Principal.Service).includes(service),
  );
}

/** The AWS managed policies the fake knows the content of (others grant nothing). */
export const MANAGED_POLICIES: Record<string, PolicyDocument> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole': {
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      },
    ],
  },
};
