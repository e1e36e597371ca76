import { INSTANCE_TYPES, instanceTypeInfo } from './instance-types.js';
import { excerpt } from './problems.js';
import type { RuleProblem } from './rule-kit.js';
import { error, type Rule, warning } from './rule-kit.js';
import { closest, didYouMean } from './suggest.js';

const INSTANCE_SHAPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;
const PLAUSIBLE_INSTANCE = /^ml\.[a-z]+\d+[a-z]*\.(medium|large|\d*xlarge|metal)$/;

export const autoscaling: Rule = ({ sagemaker }) => {
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
  if (sagemaker.instance.type.startsWith('ml.t')) {
    return [
      warning(
        ['sagemaker', 'autoscaling', 'enabled'],
        `SageMaker does not auto scale burstable instances such as ${sagemaker.instance.type}; registering the scalable target will fail`,
        'use a non-burstable type such as ml.m5.large, or set enabled: false',
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

export const deployment: Rule = ({ sagemaker }) => {
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
  // SageMaker's TrafficRoutingConfig: CanarySize at most 50% of the fleet, LinearStepSize 10-50%.
  if (canary && canary.percent > 50) {
    problems.push(
      error(
        [...path, 'canary', 'percent'],
        `expected a percentage from 1 to 50, got ${canary.percent}`,
        'SageMaker lets a canary take at most half of the new fleet',
      ),
    );
  }
  if (linear && (linear.stepPercent < 10 || linear.stepPercent > 50)) {
    problems.push(
      error(
        [...path, 'linear', 'stepPercent'],
        `expected a percentage from 10 to 50, got ${linear.stepPercent}`,
        'SageMaker shifts 10-50% of the new fleet per linear step',
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

export const instanceType: Rule = ({ sagemaker }) => instanceTypeProblems(sagemaker.instance.type);

/**
 * Reads only the type, so the loader also runs it on environments whose other settings are invalid. A name that
 * could be a SageMaker type (new ones appear) is a warning; one that cannot (`ml.zz.huge`, `ml.m5.xlarg`) is an error.
 * Both name the nearest known type.
 */
export function instanceTypeProblems(type: string): RuleProblem[] {
  if (instanceTypeInfo(type)) return [];
  const path = ['sagemaker', 'instance', 'type'];
  const known = INSTANCE_TYPES.map((entry) => entry.type);
  if (PLAUSIBLE_INSTANCE.test(type)) {
    const near = closest(type, known, 2);
    return [
      warning(
        path,
        `no price known for ${type}; mlship cannot estimate its cost`,
        near
          ? `did you mean ${near}?`
          : `the nearest type mlship knows is ${closest(type, known, Number.POSITIVE_INFINITY)}; check that SageMaker offers ${type} for real-time inference in your region`,
      ),
    ];
  }
  return [
    error(
      path,
      `unknown instance type ${JSON.stringify(excerpt(type))}`,
      didYouMean(type, known) ??
        (INSTANCE_SHAPE.test(type)
          ? `not a SageMaker instance type; the nearest known is ${closest(type, known, Number.POSITIVE_INFINITY)}`
          : 'expected a SageMaker instance type such as ml.m5.large'),
    ),
  ];
}
