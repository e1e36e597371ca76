import type { FrontDoorChoice } from './answers.js';

const FRONT_TEXT: Record<Exclude<FrontDoorChoice, 'none'>, string> = {
  apigateway: 'API Gateway with a Cognito authorizer and an API key',
  apigee: 'Apigee X',
};

/** What `mlship deploy` creates for one environment, in words, for the generated README. */
export function deploySummary(front: FrontDoorChoice, cache: boolean): string {
  const made = ['a SageMaker endpoint'];
  if (front !== 'none') {
    made.push(`the Lambda proxy${cache ? ' with its Redis response cache' : ''}`);
    made.push(FRONT_TEXT[front]);
  }
  made.push('CloudWatch alarms and a dashboard');
  return `${made.slice(0, -1).join(', ')} and ${made.at(-1)}`;
}
