import { AWS_REGIONS, didYouMean } from '@mlship/core/base';
import { checkAnswer } from './answers-check.js';
import { partitionOf } from './answers-env.js';
import { type AnswerPath, type PartialAnswers, setPath } from './answers-fields.js';

/**
 * A cross-field rule as a prompt sees it: once every field it reads is known, `check` says what is wrong with the
 * answer just typed at `asked` (phrased for that prompt), so the prompt asks again instead of failing at the end.
 */
interface PromptRule {
  reads: AnswerPath[];
  check(answers: PartialAnswers, asked: AnswerPath): string | undefined;
}

const autoscalingOn = (a: PartialAnswers) => a.autoscaling?.enabled === true;

const PROMPT_RULES: PromptRule[] = [
  {
    reads: ['autoscaling.enabled', 'autoscaling.min', 'autoscaling.max'],
    check: (a, asked) => {
      const { min = 0, max = 0 } = a.autoscaling ?? {};
      if (!autoscalingOn(a) || min <= max) return undefined;
      return asked === 'autoscaling.max'
        ? `the maximum must be at least the minimum (${min})`
        : `the minimum must be at most the maximum (${max})`;
    },
  },
  {
    reads: ['autoscaling.enabled', 'instanceCount', 'autoscaling.min'],
    check: (a, asked) => {
      const count = a.instanceCount ?? 0;
      const min = a.autoscaling?.min ?? 0;
      if (!autoscalingOn(a) || min <= count) return undefined;
      return asked === 'instanceCount'
        ? `the instance count must be at least the autoscaling minimum (${min})`
        : `the minimum must be at most the instance count (${count}): autoscaling keeps the count between minimum and maximum`;
    },
  },
  {
    reads: ['autoscaling.enabled', 'instanceCount', 'autoscaling.max'],
    check: (a, asked) => {
      const count = a.instanceCount ?? 0;
      const max = a.autoscaling?.max ?? 0;
      if (!autoscalingOn(a) || max >= count) return undefined;
      return asked === 'instanceCount'
        ? `the instance count must be at most the autoscaling maximum (${max})`
        : `the maximum must be at least the instance count (${count}): autoscaling keeps the count between minimum and maximum`;
    },
  },
  {
    reads: ['region', 'executionRoleArn'],
    check: (a, asked) => {
      const partition = partitionOf(a.region ?? '');
      if (a.executionRoleArn?.startsWith(`arn:${partition}:`)) return undefined;
      return asked === 'region'
        ? `the execution role ${a.executionRoleArn} is not in this region's partition (${partition})`
        : `region ${a.region} needs a role in partition ${partition} (arn:${partition}:iam::...)`;
    },
  },
];

function known(answers: PartialAnswers, path: AnswerPath): boolean {
  let value: unknown = answers;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value !== undefined;
}

/** An AWS region mlship knows, or (for a near miss such as us-east-9) the one the user probably meant. */
function checkRegion(value: unknown): true | string {
  if (typeof value !== 'string' || (AWS_REGIONS as readonly string[]).includes(value)) return true;
  const suggestion = didYouMean(value, AWS_REGIONS, 1);
  return suggestion ? `${value} is not an AWS region mlship knows; ${suggestion}` : true;
}

/**
 * Checks an answer typed at a prompt: the field itself, then every cross-field rule whose fields are all known
 * once this answer is added. `true`, or the message to show while asking again.
 */
export function checkAnswerWith(path: AnswerPath, value: unknown, given: PartialAnswers): true | string {
  const own = checkAnswer(path, value);
  if (own !== true) return own;
  if (path === 'region') {
    const region = checkRegion(value);
    if (region !== true) return region;
  }
  const answers = setPath(given, path, value);
  for (const rule of PROMPT_RULES) {
    if (!rule.reads.includes(path) || !rule.reads.every((read) => known(answers, read))) continue;
    const message = rule.check(answers, path);
    if (message) return message;
  }
  return true;
}
