import { maxNameLength } from '../naming.js';
import { API_GATEWAY_TIMEOUT_SECONDS } from './constants.js';
import { INSTANCE_TYPES, instanceTypeInfo } from './instance-types.js';
import type { ConfigPath, Severity } from './problems.js';
import { AWS_REGIONS, partitionOf } from './regions.js';
import type { ResolvedEnvironment } from './schema.js';
import { closest, didYouMean } from './suggest.js';

/** A problem found by a cross-field rule, on the merged settings of one environment. */
export interface RuleProblem {
  path: ConfigPath;
  message: string;
  hint?: string;
  severity: Severity;
}

type Rule = (config: ResolvedEnvironment, env: string) => RuleProblem[];

const error = (path: ConfigPath, message: string, hint?: string): RuleProblem => ({
  path,
  message,
  severity: 'error',
  ...(hint ? { hint } : {}),
});
const warning = (path: ConfigPath, message: string, hint?: string): RuleProblem => ({
  ...error(path, message, hint),
  severity: 'warning',
});

const INSTANCE_SHAPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;
const PLAUSIBLE_INSTANCE = /^ml\.[a-z]+\d+[a-z]*\.(medium|large|\d*xlarge|metal)$/;

const autoscaling: Rule = ({ sagemaker }) => {
  const { enabled, minInstances: min, maxInstances: max } = sagemaker.autoscaling;
  if (!enabled) return [];
  if (min > max) {
    return [
      error(
        ['sagemaker', 'autoscaling', 'minInstances'],
        `minInstances (${min}) must not exceed maxInstances (${max})`,
      ),
    ];
  }
  const count = sagemaker.instance.count;
  if (count < min || count > max) {
    return [
      error(
        ['sagemaker', 'instance', 'count'],
        `expected a count within the autoscaling range ${min} to ${max}, got ${count}`,
        'Application Auto Scaling keeps the instance count between minInstances and maxInstances',
      ),
    ];
  }
  return [];
};

const deployment: Rule = ({ sagemaker }) => {
  const { strategy, canary, linear, rollbackAlarms } = sagemaker.deployment;
  const path = ['sagemaker', 'deployment'];
  const problems: RuleProblem[] = [];
  if (canary && strategy !== 'canary') {
    problems.push(
      error(
        [...path, 'canary'],
        `a canary block needs strategy: canary (strategy is ${strategy})`,
        'remove the block or set strategy: canary',
      ),
    );
  }
  if (linear && strategy !== 'linear') {
    problems.push(
      error(
        [...path, 'linear'],
        `a linear block needs strategy: linear (strategy is ${strategy})`,
        'remove the block or set strategy: linear',
      ),
    );
  }
  if (strategy !== 'all-at-once') {
    if (sagemaker.instance.count < 2) {
      const share = strategy === 'canary' ? 'the canary may hold at most 50%' : 'each step shifts 10-50%';
      problems.push(
        error(
          ['sagemaker', 'instance', 'count'],
          `${strategy} deployments need at least 2 instances (${share} of the fleet), got ${sagemaker.instance.count}`,
          'raise instance.count or use strategy: all-at-once',
        ),
      );
    }
    if (rollbackAlarms.length === 0) {
      problems.push(
        warning(
          [...path, 'rollbackAlarms'],
          `${strategy} deployment without rollbackAlarms cannot roll back on its own`,
          'list the CloudWatch alarms that should stop the rollout',
        ),
      );
    }
  }
  return problems;
};

const frontDoor: Rule = ({ front, api, model }) => {
  if (front === 'none') return [];
  const problems: RuleProblem[] = [];
  if (!api[front]) {
    const hint =
      front === 'apigee'
        ? 'add api.apigee with organization, environment and auth'
        : 'add api.apigateway: {} to take the defaults';
    problems.push(error(['front'], `front is ${front} but api.${front} is not configured`, hint));
  }
  if (front === 'apigateway' && model.timeoutSeconds > API_GATEWAY_TIMEOUT_SECONDS) {
    problems.push(
      warning(
        ['model', 'timeoutSeconds'],
        `${model.timeoutSeconds} s is above API Gateway's ${API_GATEWAY_TIMEOUT_SECONDS} s integration timeout; slower requests get a 504`,
        `use at most ${API_GATEWAY_TIMEOUT_SECONDS}, or front: apigee`,
      ),
    );
  }
  return problems;
};

const region: Rule = ({ region, sagemaker }) => {
  const problems: RuleProblem[] = [];
  if (!(AWS_REGIONS as readonly string[]).includes(region)) {
    problems.push(
      warning(
        ['region'],
        `${region} is not a region mlship knows`,
        didYouMean(region, AWS_REGIONS) ?? 'check that SageMaker is offered there',
      ),
    );
  }
  const partition = sagemaker.executionRoleArn.split(':')[1];
  const expected = partitionOf(region);
  if (partition !== expected) {
    problems.push(
      error(
        ['sagemaker', 'executionRoleArn'],
        `expected a role in partition ${expected} (region ${region}), got arn:${partition}`,
        `the ARN should start with arn:${expected}:iam::`,
      ),
    );
  }
  return problems;
};

const cache: Rule = ({ cache }) => {
  if (!cache.enabled) return [];
  if (cache.redisUrl && cache.provision) {
    return [
      error(
        ['cache', 'provision'],
        'set either redisUrl or provision: true, not both',
        'keep redisUrl to use an existing Redis',
      ),
    ];
  }
  if (!cache.redisUrl && !cache.provision) {
    return [
      error(
        ['cache', 'enabled'],
        'an enabled cache needs redisUrl or provision: true',
        'or set enabled: false',
      ),
    ];
  }
  if (cache.provision && !cache.vpc) {
    return [
      error(
        ['cache', 'provision'],
        'provision: true needs cache.vpc (subnetIds and securityGroupIds): ElastiCache runs in a VPC',
      ),
    ];
  }
  return [];
};

const names: Rule = ({ name }, env) => {
  const limit = maxNameLength(env);
  if (name.length <= limit) return [];
  return [
    error(
      ['name'],
      `expected at most ${limit} characters for environment ${env}, got ${name.length}: versioned names ${name}-${env}-<8-char hash> must fit 63 characters`,
      `shorten name to ${limit} characters`,
    ),
  ];
};

const instanceType: Rule = ({ sagemaker }) => {
  const type = sagemaker.instance.type;
  if (instanceTypeInfo(type)) return [];
  const path = ['sagemaker', 'instance', 'type'];
  const known = INSTANCE_TYPES.map((entry) => entry.type);
  const near = closest(type, known, 2);
  if (INSTANCE_SHAPE.test(type) && (!near || PLAUSIBLE_INSTANCE.test(type))) {
    return [
      warning(
        path,
        `no price known for ${type}; mlship cannot estimate its cost`,
        near
          ? `did you mean ${near}?`
          : 'check that SageMaker offers it for real-time inference in your region',
      ),
    ];
  }
  return [
    error(
      path,
      `unknown instance type ${JSON.stringify(type)}`,
      didYouMean(type, known) ?? 'expected a SageMaker instance type such as ml.m5.large',
    ),
  ];
};

const RULES: Rule[] = [names, region, instanceType, autoscaling, deployment, cache, frontDoor];

/** Cross-field rules on the merged settings of one environment. */
export function checkRules(config: ResolvedEnvironment, env: string): RuleProblem[] {
  return RULES.flatMap((rule) => rule(config, env));
}
