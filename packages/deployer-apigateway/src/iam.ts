import type { DeployContext, Permission } from '@mlship/core';
import { logGroupArn, logGroupName } from './log-group.js';
import { namesFor } from './names.js';

/**
 * What a call acts on. API Gateway authorizes by HTTP verb on the path of the resource
 * (`arn:aws:apigateway:<region>::/restapis/<id>/stages/<name>`), so each path is its own kind.
 */
type Kind =
  | 'restapis'
  | 'restapi'
  | 'deployments'
  | 'deployment'
  | 'stages'
  | 'stage'
  | 'resources'
  | 'usageplans'
  | 'usageplan'
  | 'usageplan-keys'
  | 'apikeys'
  | 'apikey'
  | 'tags'
  | 'userpool'
  | 'log-group'
  | 'alias'
  | 'any';
/** Condition keys a call carries: the tags a create must send, the tags a resource must have, … */
type Context = 'request-tag' | 'resource-tag' | 'invoked-by-apigateway';

interface Call {
  action: string;
  on: Kind[];
  sid: string;
  context?: Context;
  implies?: Array<{ action: string; on: Kind; sid: string; context?: Context }>;
}

/**
 * Ids of REST APIs, usage plans, keys and pools are assigned by AWS, so resources cannot be scoped by name: a create
 * must send this app's tag and every later change needs it on the resource. A statement's condition applies to all
 * its actions, hence one statement per condition.
 */
const READ = 'ApiGatewayRead';
const CREATE = 'ApiGatewayCreateTagged';
const MANAGE = 'ApiGatewayManageOwn';
/** Tags sent with a create are authorized as TagResource (`PUT /tags/<arn>`). */
const TAGS = { action: 'apigateway:PUT', on: 'tags', sid: CREATE, context: 'request-tag' } as const;
const get = (on: Kind): Call => ({ action: 'apigateway:GET', on: [on], sid: READ });
const create = (on: Kind): Call => ({
  action: 'apigateway:POST',
  on: [on],
  sid: CREATE,
  context: 'request-tag',
  implies: [TAGS],
});
const manage = (verb: string, on: Kind): Call => ({
  action: `apigateway:${verb}`,
  on: [on],
  sid: MANAGE,
  context: 'resource-tag',
});
const pool = (action: string): Call => ({
  action: `cognito-idp:${action}`,
  on: ['userpool'],
  sid: 'CognitoManageOwnPools',
  context: 'resource-tag',
});
const find = (action: string): Call => ({ action: `cognito-idp:${action}`, on: ['any'], sid: 'CognitoFind' });
const logs = (action: string): Call => ({
  action: `logs:${action}`,
  on: ['log-group'],
  sid: 'AccessLogGroup',
});
const invoke = (action: string): Call => ({
  action: `lambda:${action}`,
  on: ['alias'],
  sid: 'InvokePermission',
});

/**
 * Every AWS call this deployer makes, keyed `<SDK client>/<Command>`, with the IAM action it needs. A test fails
 * when a `new <Name>Command(` in src/ has no entry here, so the declared permissions cannot drift from the calls.
 */
export const CALLS: Record<string, Call> = {
  'api-gateway/GetRestApis': get('restapis'),
  'api-gateway/CreateRestApi': create('restapis'),
  'api-gateway/PutRestApi': manage('PUT', 'restapi'),
  'api-gateway/DeleteRestApi': manage('DELETE', 'restapi'),
  'api-gateway/GetResources': get('resources'),
  'api-gateway/CreateDeployment': manage('POST', 'deployments'),
  'api-gateway/GetDeployment': get('deployment'),
  'api-gateway/GetStage': get('stage'),
  'api-gateway/CreateStage': {
    ...manage('POST', 'stages'),
    implies: [{ ...TAGS, sid: MANAGE, context: 'resource-tag' }],
  },
  'api-gateway/UpdateStage': manage('PATCH', 'stage'),
  'api-gateway/GetUsagePlans': get('usageplans'),
  'api-gateway/CreateUsagePlan': create('usageplans'),
  'api-gateway/UpdateUsagePlan': manage('PATCH', 'usageplan'),
  'api-gateway/DeleteUsagePlan': manage('DELETE', 'usageplan'),
  'api-gateway/GetUsagePlanKeys': get('usageplan-keys'),
  'api-gateway/CreateUsagePlanKey': manage('POST', 'usageplan-keys'),
  'api-gateway/GetApiKeys': get('apikeys'),
  'api-gateway/GetApiKey': get('apikey'),
  'api-gateway/CreateApiKey': create('apikeys'),
  'api-gateway/UpdateApiKey': manage('PATCH', 'apikey'),
  'api-gateway/DeleteApiKey': manage('DELETE', 'apikey'),
  'cognito-identity-provider/ListUserPools': find('ListUserPools'),
  'cognito-identity-provider/DescribeUserPoolDomain': find('DescribeUserPoolDomain'),
  'cognito-identity-provider/CreateUserPool': {
    action: 'cognito-idp:CreateUserPool',
    on: ['any'],
    sid: 'CognitoCreatePool',
    context: 'request-tag',
    implies: [
      { action: 'cognito-idp:TagResource', on: 'any', sid: 'CognitoCreatePool', context: 'request-tag' },
    ],
  },
  'cognito-identity-provider/DescribeUserPool': pool('DescribeUserPool'),
  'cognito-identity-provider/DeleteUserPool': pool('DeleteUserPool'),
  'cognito-identity-provider/DescribeResourceServer': pool('DescribeResourceServer'),
  'cognito-identity-provider/CreateResourceServer': pool('CreateResourceServer'),
  'cognito-identity-provider/UpdateResourceServer': pool('UpdateResourceServer'),
  'cognito-identity-provider/DeleteResourceServer': pool('DeleteResourceServer'),
  'cognito-identity-provider/ListUserPoolClients': pool('ListUserPoolClients'),
  'cognito-identity-provider/DescribeUserPoolClient': pool('DescribeUserPoolClient'),
  'cognito-identity-provider/CreateUserPoolClient': pool('CreateUserPoolClient'),
  'cognito-identity-provider/UpdateUserPoolClient': pool('UpdateUserPoolClient'),
  'cognito-identity-provider/DeleteUserPoolClient': pool('DeleteUserPoolClient'),
  'cognito-identity-provider/CreateUserPoolDomain': pool('CreateUserPoolDomain'),
  'cognito-identity-provider/DeleteUserPoolDomain': pool('DeleteUserPoolDomain'),
  'lambda/GetPolicy': invoke('GetPolicy'),
  'lambda/AddPermission': {
    ...invoke('AddPermission'),
    sid: 'AddInvokePermission',
    context: 'invoked-by-apigateway',
  },
  'lambda/RemovePermission': invoke('RemovePermission'),
  'cloudwatch-logs/DescribeLogGroups': {
    action: 'logs:DescribeLogGroups',
    on: ['any'],
    sid: 'DescribeLogGroups',
  },
  'cloudwatch-logs/ListTagsForResource': logs('ListTagsForResource'),
  'cloudwatch-logs/CreateLogGroup': {
    ...logs('CreateLogGroup'),
    implies: [{ action: 'logs:TagResource', on: 'log-group', sid: 'AccessLogGroup' }],
  },
  'cloudwatch-logs/PutRetentionPolicy': logs('PutRetentionPolicy'),
  'cloudwatch-logs/DeleteLogGroup': logs('DeleteLogGroup'),
};

/** The ids the calls name; `*` where they are not known yet (created by this apply) or not known at all. */
export interface Ids {
  restApiId?: string;
  usagePlanId?: string;
  apiKeyId?: string;
  deploymentId?: string;
  userPoolId?: string;
}

/** The permissions for the given calls on this environment's front-door resources. */
export function permissionsOf(ctx: DeployContext, calls: string[], ids: Ids = {}): Permission[] {
  const { config, env } = ctx.resolved;
  const lambda = ctx.upstream?.lambda ?? {};
  const aliasArn = typeof lambda.aliasArn === 'string' ? lambda.aliasArn : undefined;
  const fromArn = (aliasArn ?? config.sagemaker.executionRoleArn).split(':');
  const partition = fromArn[1] || 'aws';
  const account = config.accountId ?? (fromArn[4] || '*');
  const { region } = config;
  // The lambda target's function (`<name>-<env>-proxy`, its `live` alias) when it has not reported it yet.
  const functionName =
    typeof lambda.functionName === 'string' ? lambda.functionName : `${config.name}-${env}-proxy`;
  const alias = aliasArn ?? `arn:${partition}:lambda:${region}:${account}:function:${functionName}:live`;
  const gateway = (path: string) => `arn:${partition}:apigateway:${region}::${path}`;
  const restApi = `/restapis/${ids.restApiId ?? '*'}`;
  const stageName = config.api.apigateway?.stageName ?? 'v1';
  const usagePlan = `/usageplans/${ids.usagePlanId ?? '*'}`;
  const group = logGroupArn(partition, region, account, logGroupName(namesFor(ctx.resolved)));
  const resources: Record<Kind, string[]> = {
    restapis: [gateway('/restapis')],
    restapi: [gateway(restApi)],
    deployments: [gateway(`${restApi}/deployments`)],
    deployment: [gateway(`${restApi}/deployments/${ids.deploymentId ?? '*'}`)],
    stages: [gateway(`${restApi}/stages`)],
    stage: [gateway(`${restApi}/stages/${stageName}`)],
    resources: [gateway(`${restApi}/resources`)],
    usageplans: [gateway('/usageplans')],
    usageplan: [gateway(usagePlan)],
    'usageplan-keys': [gateway(`${usagePlan}/keys`)],
    apikeys: [gateway('/apikeys')],
    apikey: [gateway(`/apikeys/${ids.apiKeyId ?? '*'}`)],
    tags: [gateway('/tags/*')],
    userpool: [`arn:${partition}:cognito-idp:${region}:${account}:userpool/${ids.userPoolId ?? '*'}`],
    // Some Logs actions are authorized on the group's ARN as DescribeLogGroups reports it (with `:*`).
    'log-group': [group, `${group}:*`],
    alias: [alias],
    any: ['*'],
  };
  const contexts: Record<Context, Record<string, string>> = {
    'request-tag': { 'aws:RequestTag/mlship:app': config.name },
    'resource-tag': { 'aws:ResourceTag/mlship:app': config.name },
    'invoked-by-apigateway': { 'lambda:Principal': 'apigateway.amazonaws.com' },
  };
  const out: Permission[] = [];
  const add = (action: string, on: Kind[], sid: string, context?: Context) => {
    for (const resource of on.flatMap((kind) => resources[kind])) {
      out.push({ action, resource, sid, ...(context ? { context: contexts[context] } : {}) });
    }
  };
  for (const name of calls) {
    const call = CALLS[name];
    if (!call)
      throw new Error(`deployer-apigateway calls ${name} without declaring its IAM action in iam.ts`);
    add(call.action, call.on, call.sid, call.context);
    for (const implied of call.implies ?? []) add(implied.action, [implied.on], implied.sid, implied.context);
  }
  return out;
}
