import type { DeployContext, Permission } from '@mlship/core';
import { ALIAS, arnParts, cacheName, functionName, logGroupName, roleName } from './names.js';

/**
 * What a call acts on. `version` is the function qualified by a published version, `alias` by `live`;
 * `any` for calls without resource-level permissions.
 */
type Kind = 'function' | 'alias' | 'version' | 'role' | 'cache' | 'log-group' | 'linked-role' | 'any';
type Context = 'passed-to-lambda' | 'url-auth-none' | 'elasticache-service';

interface Call {
  action: string;
  on: Kind[];
  sid: string;
  context?: Context;
  /** Actions the call needs besides its own (tags sent with a create, the role a function runs as, …). */
  implies?: Array<{ action: string; on: Kind; sid: string; context?: Context }>;
}

const fn = (action: string, on: Kind[] = ['function'], sid = 'ProxyFunction'): Call => ({ action, on, sid });
const PASS_ROLE = {
  action: 'iam:PassRole',
  on: 'role',
  sid: 'PassProxyRole',
  context: 'passed-to-lambda',
} as const;
/** A statement's condition applies to all its actions: only the calls that carry `NONE` are in `FunctionUrl`. */
/** A function in a VPC (with a provisioned cache): Lambda checks the caller may see the subnets and groups. */
const VPC_READS = ['ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'].map((action) => ({
  action,
  on: 'any' as const,
  sid: 'VpcLookups',
}));
const url = (action: string): Call => ({
  action,
  on: ['alias'],
  sid: 'ProxyFunctionUrl',
  context: 'url-auth-none',
});
const role = (action: string): Call => ({ action, on: ['role'], sid: 'ProxyRole' });
const cache = (action: string): Call => ({ action, on: ['cache'], sid: 'ProvisionedCache' });
const logs = (action: string): Call => ({ action, on: ['log-group'], sid: 'ProxyLogGroup' });

/**
 * Every AWS call this deployer makes, keyed `<SDK client>/<Command>`, with the IAM action it needs. A test fails
 * when a `new <Name>Command(` in src/ has no entry here, so the declared permissions cannot drift from the calls.
 */
export const CALLS: Record<string, Call> = {
  'lambda/GetFunction': fn('lambda:GetFunction'),
  'lambda/GetFunctionConfiguration': fn('lambda:GetFunctionConfiguration'),
  'lambda/ListVersionsByFunction': fn('lambda:ListVersionsByFunction'),
  'lambda/GetAlias': fn('lambda:GetAlias'),
  'lambda/GetFunctionUrlConfig': fn('lambda:GetFunctionUrlConfig', ['alias']),
  'lambda/GetPolicy': fn('lambda:GetPolicy', ['alias']),
  'lambda/CreateFunction': {
    ...fn('lambda:CreateFunction'),
    implies: [
      PASS_ROLE,
      { action: 'lambda:TagResource', on: 'function', sid: 'ProxyFunction' },
      ...VPC_READS,
    ],
  },
  'lambda/UpdateFunctionCode': fn('lambda:UpdateFunctionCode'),
  'lambda/UpdateFunctionConfiguration': {
    ...fn('lambda:UpdateFunctionConfiguration'),
    implies: [PASS_ROLE, ...VPC_READS],
  },
  'lambda/TagResource': fn('lambda:TagResource'),
  'lambda/PutFunctionConcurrency': fn('lambda:PutFunctionConcurrency'),
  'lambda/DeleteFunctionConcurrency': fn('lambda:DeleteFunctionConcurrency'),
  'lambda/PublishVersion': fn('lambda:PublishVersion'),
  'lambda/CreateAlias': fn('lambda:CreateAlias'),
  'lambda/UpdateAlias': fn('lambda:UpdateAlias'),
  'lambda/DeleteAlias': fn('lambda:DeleteAlias'),
  'lambda/DeleteFunction': fn('lambda:DeleteFunction', ['function', 'version']),
  'lambda/CreateFunctionUrlConfig': url('lambda:CreateFunctionUrlConfig'),
  'lambda/UpdateFunctionUrlConfig': url('lambda:UpdateFunctionUrlConfig'),
  'lambda/DeleteFunctionUrlConfig': fn('lambda:DeleteFunctionUrlConfig', ['alias']),
  'lambda/AddPermission': url('lambda:AddPermission'),
  'lambda/RemovePermission': fn('lambda:RemovePermission', ['alias']),
  'iam/GetRole': role('iam:GetRole'),
  'iam/GetRolePolicy': role('iam:GetRolePolicy'),
  'iam/CreateRole': {
    ...role('iam:CreateRole'),
    implies: [{ action: 'iam:TagRole', on: 'role', sid: 'ProxyRole' }],
  },
  'iam/PutRolePolicy': role('iam:PutRolePolicy'),
  'iam/ListRolePolicies': role('iam:ListRolePolicies'),
  'iam/ListAttachedRolePolicies': role('iam:ListAttachedRolePolicies'),
  'iam/DeleteRolePolicy': role('iam:DeleteRolePolicy'),
  'iam/DetachRolePolicy': role('iam:DetachRolePolicy'),
  'iam/DeleteRole': role('iam:DeleteRole'),
  'elasticache/DescribeServerlessCaches': cache('elasticache:DescribeServerlessCaches'),
  'elasticache/ListTagsForResource': cache('elasticache:ListTagsForResource'),
  'elasticache/CreateServerlessCache': {
    ...cache('elasticache:CreateServerlessCache'),
    implies: [
      { action: 'elasticache:AddTagsToResource', on: 'cache', sid: 'ProvisionedCache' },
      // The first cache of an account creates ElastiCache's service-linked role; it then makes the VPC endpoint.
      {
        action: 'iam:CreateServiceLinkedRole',
        on: 'linked-role',
        sid: 'ElastiCacheServiceLinkedRole',
        context: 'elasticache-service',
      },
      ...['ec2:CreateVpcEndpoint', ...VPC_READS.map((r) => r.action)].map((action) => ({
        action,
        on: 'any' as const,
        sid: 'ElastiCacheVpcEndpoint',
      })),
    ],
  },
  'elasticache/DeleteServerlessCache': cache('elasticache:DeleteServerlessCache'),
  'cloudwatch-logs/DescribeLogGroups': {
    action: 'logs:DescribeLogGroups',
    on: ['any'],
    sid: 'DescribeLogGroups',
  },
  'cloudwatch-logs/CreateLogGroup': {
    ...logs('logs:CreateLogGroup'),
    implies: [{ action: 'logs:TagResource', on: 'log-group', sid: 'ProxyLogGroup' }],
  },
  'cloudwatch-logs/PutRetentionPolicy': logs('logs:PutRetentionPolicy'),
  'cloudwatch-logs/ListTagsForResource': logs('logs:ListTagsForResource'),
  'cloudwatch-logs/DeleteLogGroup': logs('logs:DeleteLogGroup'),
  'cloudwatch-logs/FilterLogEvents': logs('logs:FilterLogEvents'),
};

/** Published versions the calls name (DeleteFunction of stale versions); `*` for any. */
export interface Names {
  versions: string[];
}

/** The permissions for the given calls on this environment's proxy resources. */
export function permissionsOf(
  ctx: DeployContext,
  calls: string[],
  names: Names = { versions: ['*'] },
): Permission[] {
  const { config, env } = ctx.resolved;
  const parts = arnParts(config.proxy.roleArn) ?? arnParts(config.sagemaker.executionRoleArn);
  const account = config.accountId ?? parts?.account ?? '*';
  const partition = parts?.partition ?? (config.region.startsWith('cn-') ? 'aws-cn' : 'aws');
  const name = functionName(config.name, env);
  const functionArn = `arn:${partition}:lambda:${config.region}:${account}:function:${name}`;
  const group = `arn:${partition}:logs:${config.region}:${account}:log-group:${logGroupName(name)}`;
  const resources: Record<Kind, string[]> = {
    function: [functionArn],
    alias: [`${functionArn}:${ALIAS}`],
    version: names.versions.map((v) => `${functionArn}:${v}`),
    role: [config.proxy.roleArn ?? `arn:${partition}:iam::${account}:role/${roleName(config.name, env)}`],
    cache: [
      `arn:${partition}:elasticache:${config.region}:${account}:serverlesscache:${cacheName(config.name, env)}`,
    ],
    // Some Logs actions are authorized on the group's ARN as DescribeLogGroups reports it (with `:*`).
    'log-group': [group, `${group}:*`],
    'linked-role': [
      `arn:${partition}:iam::${account}:role/aws-service-role/elasticache.amazonaws.com/AWSServiceRoleForElastiCache`,
    ],
    any: ['*'],
  };
  const contexts: Record<Context, Record<string, string>> = {
    'passed-to-lambda': { 'iam:PassedToService': 'lambda.amazonaws.com' },
    'url-auth-none': { 'lambda:FunctionUrlAuthType': 'NONE' },
    'elasticache-service': { 'iam:AWSServiceName': 'elasticache.amazonaws.com' },
  };
  const vpc = Boolean(config.cache.vpc);
  const out: Permission[] = [];
  const add = (action: string, on: Kind[], sid: string, context?: Context) => {
    if (action.startsWith('ec2:Describe') && !vpc) return;
    for (const resource of on.flatMap((kind) => resources[kind])) {
      out.push({ action, resource, sid, ...(context ? { context: contexts[context] } : {}) });
    }
  };
  for (const key of calls) {
    const call = CALLS[key];
    if (!call) throw new Error(`deployer-lambda calls ${key} without declaring its IAM action in iam.ts`);
    add(call.action, call.on, call.sid, call.context);
    for (const implied of call.implies ?? []) add(implied.action, [implied.on], implied.sid, implied.context);
  }
  return out;
}
