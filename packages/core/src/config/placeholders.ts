import { MlshipError } from '../errors.js';
import { formatProblem, type Problem } from './problems.js';
import { type RuleProblem, warning } from './rule-kit.js';
import type { ResolvedEnvironment } from './schema.js';

/**
 * The exact values `mlship init` writes when an answer is not given. They are never real (the account does not
 * exist, the organization and the auth service are examples), so `validate` warns and `deploy` refuses them.
 * Only these values count: emulators and docs use account 123456789012 too.
 */
export const PLACEHOLDER_ROLE_NAME = 'mlship-sagemaker-execution';
export const PLACEHOLDER_ACCOUNT = '123456789012';
export const PLACEHOLDER_APIGEE_ORG = 'my-apigee-org';
export const PLACEHOLDER_JWKS_URI = 'https://auth.example.com/.well-known/jwks.json';
export const PLACEHOLDER_ISSUER = 'https://auth.example.com';
export const PLACEHOLDER_CODE = 'CONFIG_PLACEHOLDER';

/** The placeholder execution role in a partition (aws, aws-cn, aws-us-gov). */
export function placeholderRoleArnIn(partition: string): string {
  return `arn:${partition}:iam::${PLACEHOLDER_ACCOUNT}:role/${PLACEHOLDER_ROLE_NAME}`;
}

const PLACEHOLDER_ROLE = new RegExp(
  `^arn:aws(-cn|-us-gov)?:iam::${PLACEHOLDER_ACCOUNT}:role/${PLACEHOLDER_ROLE_NAME}$`,
);

const placeholder = (path: string[], what: string, hint: string): RuleProblem => ({
  ...warning(path, `${what} is the placeholder mlship init wrote; deploy refuses it`, hint),
  code: 'CONFIG_PLACEHOLDER',
});

/** Placeholders left in the merged settings of one environment. */
export function placeholderProblems({ sagemaker, api, front }: ResolvedEnvironment): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (PLACEHOLDER_ROLE.test(sagemaker.executionRoleArn)) {
    problems.push(
      placeholder(
        ['sagemaker', 'executionRoleArn'],
        'the execution role',
        'set the ARN of your SageMaker execution role',
      ),
    );
  }
  const apigee = front === 'apigee' ? api.apigee : undefined;
  if (apigee?.organization === PLACEHOLDER_APIGEE_ORG) {
    problems.push(
      placeholder(
        ['api', 'apigee', 'organization'],
        'the Apigee organization',
        'set your Apigee X organization',
      ),
    );
  }
  if (apigee?.auth.type === 'jwt') {
    if (apigee.auth.jwksUri === PLACEHOLDER_JWKS_URI) {
      problems.push(
        placeholder(
          ['api', 'apigee', 'auth', 'jwksUri'],
          'the JWKS URL',
          'set the JWKS URL of your auth service',
        ),
      );
    }
    if (apigee.auth.issuer === PLACEHOLDER_ISSUER) {
      problems.push(
        placeholder(['api', 'apigee', 'auth', 'issuer'], 'the issuer', 'set the issuer of your tokens'),
      );
    }
  }
  return problems;
}

/** Throws CONFIG_PLACEHOLDER (exit 2) naming each placeholder's line, when any of `problems` is one. */
export function assertNoPlaceholders(problems: readonly Problem[]): void {
  const found = problems.filter((problem) => problem.code === PLACEHOLDER_CODE);
  if (found.length === 0) return;
  const lines = found.map((problem) => `  ${formatProblem(problem)}`);
  throw new MlshipError(
    'CONFIG_PLACEHOLDER',
    `${found[0]?.file} still holds placeholders from mlship init; nothing was deployed:\n${lines.join('\n')}`,
    { hint: 'replace them with your real values, then deploy again', details: found },
  );
}
