import { TARGETS } from '@mlship/core/base';
import type { FrontDoorChoice } from './answers.js';

const FRONT_TEXT: Record<Exclude<FrontDoorChoice, 'none'>, string> = {
  apigateway: 'API Gateway with a Cognito authorizer and an API key',
  apigee: 'Apigee X',
};

/**
 * What `mlship deploy` creates for one environment, in words, from the deployers this mlship release ships: the
 * generated README must not promise a proxy or a front door whose deployer is not installed.
 */
export function deploySummary(front: FrontDoorChoice, cache: boolean): string {
  const made = ['a SageMaker endpoint'];
  const pending: string[] = [];
  const wanted = TARGETS.filter((entry) => entry.enabled({ front } as Parameters<typeof entry.enabled>[0]));
  for (const entry of wanted) {
    if (entry.name === 'sagemaker') continue;
    const text =
      entry.name === 'lambda'
        ? `the Lambda proxy${cache ? ' with its Redis response cache' : ''}`
        : FRONT_TEXT[entry.name as keyof typeof FRONT_TEXT];
    if (entry.shipped) made.push(text);
    else pending.push(`${text} (${entry.packageName}, not released yet)`);
  }
  const sentence =
    made.length === 1 ? `${made[0]} only` : `${made.slice(0, -1).join(', ')} and ${made.at(-1)}`;
  if (pending.length === 0) return sentence;
  return `${sentence}; to come: ${pending.join(', ')}`;
}
