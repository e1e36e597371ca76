import { defaultDomainPrefix, domainPrefixProblem, maxNameLength } from '../naming.js';
import { API_GATEWAY_TIMEOUT_SECONDS } from './constants.js';
import { AWS_REGIONS, partitionOf } from './regions.js';
import { error, type Rule, type RuleProblem, warning } from './rule-kit.js';
import { proxy } from './rules-proxy.js';
import { autoscaling, deployment, instanceType, instanceTypeProblems } from './rules-sagemaker.js';
import type { ResolvedEnvironment } from './schema.js';
import { didYouMean } from './suggest.js';

export type { RuleProblem } from './rule-kit.js';

const frontDoor: Rule = ({ front, api, model, name }, env) => {
  if (front === 'none') return [];
  const problems: RuleProblem[] = [];
  if (!api[front]) {
    const hint =
      front === 'apigee'
        ? 'add api.apigee with organization, environment and auth'
        : 'add api.apigateway: {} to take the defaults';
    problems.push(error(['front'], `front is ${front} but api.${front} is not configured`, hint));
  }
  const gateway = front === 'apigateway' ? api.apigateway : undefined;
  const derivedProblem =
    gateway && !gateway.domainPrefix && domainPrefixProblem(defaultDomainPrefix(name, env));
  if (derivedProblem) {
    problems.push(
      error(
        ['name'],
        `the Cognito domain prefix derived from name and environment is not allowed: ${derivedProblem}`,
        'set api.apigateway.domainPrefix',
      ),
    );
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

const RULES: Rule[] = [names, region, instanceType, autoscaling, deployment, cache, frontDoor, proxy];

/** Cross-field rules on the merged settings of one environment. */
export function checkRules(config: ResolvedEnvironment, env: string): RuleProblem[] {
  return RULES.flatMap((rule) => rule(config, env));
}

/** The rules that read a single field, for an environment whose settings failed the schema elsewhere. */
export function checkFieldRules(merged: unknown): RuleProblem[] {
  const sagemaker = (merged as { sagemaker?: { instance?: { type?: unknown } } } | null)?.sagemaker;
  const type = sagemaker?.instance?.type;
  return typeof type === 'string' ? instanceTypeProblems(type) : [];
}
