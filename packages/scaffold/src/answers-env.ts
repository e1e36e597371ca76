import { type FRONT_DOORS, placeholderRoleArnIn } from '@mlship/core/base';
import type { EnvironmentName, InitAnswers } from './answers.js';

// One definition of the placeholders, in core: validate warns about them and deploy refuses them.
export { PLACEHOLDER_APIGEE_ORG, PLACEHOLDER_JWKS_URI } from '@mlship/core/base';
export const PLACEHOLDER_ROLE_ARN = placeholderRoleArnIn('aws');

export type FrontDoorChoice = (typeof FRONT_DOORS)[number];

/** The front door of an environment: the explicit choice, else API Gateway for dev/qa and Apigee for staging/prod. */
export function frontOf(answers: Pick<InitAnswers, 'fronts'>, env: EnvironmentName): FrontDoorChoice {
  return answers.fronts[env] ?? defaultFront(env);
}

export function defaultFront(env: EnvironmentName): FrontDoorChoice {
  return env === 'dev' || env === 'qa' ? 'apigateway' : 'apigee';
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The placeholder execution role, in the region's partition. */
export function placeholderRoleArn(region: string): string {
  return placeholderRoleArnIn(partitionOf(region));
}

export function apigeeEnvironmentOf(answers: InitAnswers, env: EnvironmentName): string {
  return answers.apigee?.environments[env] ?? env;
}
