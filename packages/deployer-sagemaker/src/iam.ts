import type { DeployContext, Permission } from '@mlship/core';

type Kind = 'model' | 'config' | 'endpoint' | 'any' | 'repository' | 'role' | 'linked-role';

interface Call {
  action: string;
  /** What the call acts on; `any` for calls without resource-level permissions. */
  on: Kind[];
  sid: string;
  /** Condition keys the call carries (the printed policy requires them; the simulation passes them). */
  context?: 'request-tag' | 'resource-tag' | 'passed-to-sagemaker' | 'autoscaling-service';
  /** Actions a service performs with the caller's permissions because of this call. */
  implies?: string[];
}

const read = (action: string): Call => ({ action, on: ['any'], sid: 'ReadSageMaker' });
const create = (action: string, on: Kind[]): Call => ({
  action,
  on,
  sid: 'CreateTaggedVersions',
  context: 'request-tag',
});
const change = (action: string, on: Kind[]): Call => ({
  action,
  on,
  sid: 'ChangeOwnResources',
  context: 'resource-tag',
});
const scaling = (action: string, implies?: string[]): Call => ({
  action,
  on: ['any'],
  sid: 'Autoscaling',
  ...(implies ? { implies } : {}),
});
/** Target tracking creates and deletes its CloudWatch alarms and resizes the variant on the caller's behalf. */
const TARGET_TRACKING = [
  'cloudwatch:DescribeAlarms',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:DeleteAlarms',
  'sagemaker:UpdateEndpointWeightsAndCapacities',
  'iam:CreateServiceLinkedRole',
];

/**
 * Every AWS call this deployer makes, by SDK command name, with the IAM action it needs. A test fails when a
 * `new <Name>Command(` in src/ has no entry here, so the declared permissions cannot drift from the calls.
 */
export const CALLS: Record<string, Call> = {
  DescribeImages: { action: 'ecr:DescribeImages', on: ['repository'], sid: 'CheckImage' },
  DescribeEndpoint: read('sagemaker:DescribeEndpoint'),
  DescribeEndpointConfig: read('sagemaker:DescribeEndpointConfig'),
  DescribeModel: read('sagemaker:DescribeModel'),
  ListEndpointConfigs: read('sagemaker:ListEndpointConfigs'),
  ListModels: read('sagemaker:ListModels'),
  ListTags: read('sagemaker:ListTags'),
  CreateModel: { ...create('sagemaker:CreateModel', ['model']), implies: ['iam:PassRole'] },
  CreateEndpointConfig: create('sagemaker:CreateEndpointConfig', ['config']),
  CreateEndpoint: create('sagemaker:CreateEndpoint', ['endpoint']),
  AddTags: create('sagemaker:AddTags', ['model', 'config', 'endpoint']),
  UpdateEndpoint: change('sagemaker:UpdateEndpoint', ['endpoint', 'config']),
  DeleteEndpoint: change('sagemaker:DeleteEndpoint', ['endpoint']),
  DeleteEndpointConfig: change('sagemaker:DeleteEndpointConfig', ['config']),
  DeleteModel: change('sagemaker:DeleteModel', ['model']),
  DescribeScalableTargets: scaling('application-autoscaling:DescribeScalableTargets'),
  DescribeScalingPolicies: scaling('application-autoscaling:DescribeScalingPolicies'),
  RegisterScalableTarget: scaling('application-autoscaling:RegisterScalableTarget', [
    'application-autoscaling:TagResource',
    ...TARGET_TRACKING,
  ]),
  PutScalingPolicy: scaling('application-autoscaling:PutScalingPolicy', TARGET_TRACKING),
  DeregisterScalableTarget: scaling('application-autoscaling:DeregisterScalableTarget', [
    'application-autoscaling:DeleteScalingPolicy',
    'cloudwatch:DeleteAlarms',
  ]),
};

/** The statement and resource of the actions a call implies. */
const IMPLIED: Record<string, { sid: string; on: Kind; context?: Call['context'] }> = {
  'iam:PassRole': { sid: 'PassExecutionRole', on: 'role', context: 'passed-to-sagemaker' },
  'iam:CreateServiceLinkedRole': {
    sid: 'AutoscalingServiceLinkedRole',
    on: 'linked-role',
    context: 'autoscaling-service',
  },
  'sagemaker:UpdateEndpointWeightsAndCapacities': {
    sid: 'ChangeOwnResources',
    on: 'endpoint',
    context: 'resource-tag',
  },
  'application-autoscaling:TagResource': { sid: 'Autoscaling', on: 'any' },
  'application-autoscaling:DeleteScalingPolicy': { sid: 'Autoscaling', on: 'any' },
};
const ALARMS: { sid: string; on: Kind; context?: Call['context'] } = {
  sid: 'TargetTrackingAndRollbackAlarms',
  on: 'any',
};

export interface Names {
  models: string[];
  configs: string[];
  endpoints: string[];
}

/** The permissions for the given calls on the given resources (names, or patterns such as `iris-*`). */
export function permissionsOf(ctx: DeployContext, calls: string[], names: Names): Permission[] {
  const { config } = ctx.resolved;
  const account = config.accountId ?? config.sagemaker.executionRoleArn.split(':')[4] ?? '*';
  const partition = config.region.startsWith('cn-') ? 'aws-cn' : 'aws';
  const arn = (type: string, name: string) =>
    `arn:${partition}:sagemaker:${config.region}:${account}:${type}/${name.toLowerCase()}`;
  const resources: Record<Kind, string[]> = {
    model: names.models.map((n) => arn('model', n)),
    config: names.configs.map((n) => arn('endpoint-config', n)),
    endpoint: names.endpoints.map((n) => arn('endpoint', n)),
    any: ['*'],
    repository: [`arn:${partition}:ecr:${config.region}:${account}:repository/${config.image.repository}`],
    role: [config.sagemaker.executionRoleArn],
    'linked-role': [
      `arn:${partition}:iam::${account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    ],
  };
  const contexts: Record<NonNullable<Call['context']>, Record<string, string>> = {
    'request-tag': { 'aws:RequestTag/mlship:app': config.name },
    'resource-tag': { 'aws:ResourceTag/mlship:app': config.name },
    'passed-to-sagemaker': { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    'autoscaling-service': { 'iam:AWSServiceName': 'sagemaker.application-autoscaling.amazonaws.com' },
  };
  const out: Permission[] = [];
  const add = (action: string, on: Kind[], sid: string, context?: Call['context']) => {
    for (const resource of on.flatMap((kind) => resources[kind])) {
      out.push({ action, resource, sid, ...(context ? { context: contexts[context] } : {}) });
    }
  };
  for (const name of calls) {
    const call = CALLS[name];
    if (!call) throw new Error(`deployer-sagemaker calls ${name} without declaring its IAM action in iam.ts`);
    add(call.action, call.on, call.sid, call.context);
    for (const implied of call.implies ?? []) {
      const where = IMPLIED[implied] ?? ALARMS;
      add(implied, [where.on], where.sid, where.context);
    }
  }
  return out;
}
