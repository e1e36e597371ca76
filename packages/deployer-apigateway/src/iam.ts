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
type Context = 'invoked-by-apigateway';

interface Call {
  action: string;
  on: Kind[];
  sid: string;
  context?: Context;
  implies?: Array<{ action: string; on: Kind; sid: string }>;
}

/** Tags sent with a create are authorized as TagResource (`PUT /tags/<arn>`). */
const TAGS = { action: 'apigateway:PUT', on: 'tags', sid: 'RestApi' } as const;
const api = (action: string, on: Kind, implies?: Call['implies']): Call => ({
  action: `apigateway:${action}`,
  on: [on],
  sid: 'RestApi',
  ...(implies ? { implies } : {}),
});
const key = (action: string, on: Kind, implies?: Call['implies']): Call => ({
  ...api(action, on, implies),
  sid: 'UsagePlanAndApiKey',
});
const pool = (action: string, on: Kind[] = ['userpool']): Call => ({
  action: `cognito-idp:${action}`,
  on,
  sid: 'UserPool',
});
const logs = (action: string, on: Kind[] = ['log-group']): Call => ({
  action: `logs:${action}`,
  on,
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
  'api-gateway/GetRestApis': api('GET', 'restapis'),
  'api-gateway/CreateRestApi': api('POST', 'restapis', [TAGS]),
  'api-gateway/PutRestApi': api('PUT', 'restapi'),
  'api-gateway/DeleteRestApi': api('DELETE', 'restapi'),
  'api-gateway/GetResources': api('GET', 'resources'),
  'api-gateway/CreateDeployment': api('POST', 'deployments'),
  'api-gateway/GetDeployment': api('GET', 'deployment'),
  'api-gateway/GetStage': api('GET', 'stage'),
  'api-gateway/CreateStage': api('POST', 'stages', [TAGS]),
  'api-gateway/UpdateStage': api('PATCH', 'stage'),
  'api-gateway/GetUsagePlans': key('GET', 'usageplans'),
  'api-gateway/CreateUsagePlan': key('POST', 'usageplans', [{ ...TAGS, sid: 'UsagePlanAndApiKey' }]),
  'api-gateway/UpdateUsagePlan': key('PATCH', 'usageplan'),
  'api-gateway/DeleteUsagePlan': key('DELETE', 'usageplan'),
  'api-gateway/GetUsagePlanKeys': key('GET', 'usageplan-keys'),
  'api-gateway/CreateUsagePlanKey': key('POST', 'usageplan-keys'),
  'api-gateway/GetApiKeys': key('GET', 'apikeys'),
  'api-gateway/GetApiKey': key('GET', 'apikey'),
  'api-gateway/CreateApiKey': key('POST', 'apikeys', [{ ...TAGS, sid: 'UsagePlanAndApiKey' }]),
  'api-gateway/UpdateApiKey': key('PATCH', 'apikey'),
  'api-gateway/DeleteApiKey': key('DELETE', 'apikey'),
  // Pools are found by listing; a new pool's id is random, so creating one cannot be scoped to it.
  'cognito-identity-provider/ListUserPools': pool('ListUserPools', ['any']),
  'cognito-identity-provider/CreateUserPool': pool('CreateUserPool', ['any']),
  'cognito-identity-provider/DescribeUserPoolDomain': pool('DescribeUserPoolDomain', ['any']),
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
  'lambda/AddPermission': { ...invoke('AddPermission'), context: 'invoked-by-apigateway' },
  'lambda/RemovePermission': invoke('RemovePermission'),
  'cloudwatch-logs/DescribeLogGroups': logs('DescribeLogGroups', ['any']),
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
    'log-group': [group],
    alias: [alias],
    any: ['*'],
  };
  const contexts: Record<Context, Record<string, string>> = {
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
    for (const implied of call.implies ?? []) add(implied.action, [implied.on], implied.sid);
  }
  return out;
}
