import { readFileSync } from 'node:fs';
import { isMlshipError, type MlshipError, resolvedEnvironmentSchema } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import {
  DOCS,
  type DocTarget,
  docPath,
  renderDocPolicy,
  SAMPLE_ENV,
  updateDoc,
  withPlaceholders,
} from '../../../scripts/gen-policy-docs.js';
import { preflight, printPolicy } from '../src/index.js';
import { ACCOUNT, CHAIN_TARGETS, options, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();
const USER = `arn:aws:iam::${ACCOUNT}:user/mlship-fake`;
const FRONT = { front: 'apigateway', api: { apigateway: {} } };

async function failure(promise: Promise<unknown>): Promise<MlshipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMlshipError(error)) throw new Error(`expected an MlshipError, got ${String(error)}`);
  return error;
}

function chainDeploy(config = resolved(h.dir.path, FRONT)) {
  const base = options(config, undefined, CHAIN_TARGETS);
  return import('@mlship/core').then(({ deploy }) =>
    deploy({ ...base, preflight: (input) => preflight(input).then(() => {}) }),
  );
}

describe('the Lambda and API Gateway docs policies come from the deployers’ declarations', () => {
  for (const target of ['lambda', 'apigateway'] as DocTarget[]) {
    it(`docs/targets/${target}.md is current (run scripts/gen-policy-docs.ts to refresh it)`, () => {
      const doc = readFileSync(docPath(target), 'utf8');
      expect(updateDoc(doc, target)).toBe(doc);
      expect(doc).toContain('"lambda:');
    });
  }

  it('--print-policy for a front: apigateway environment holds every statement of the SageMaker and API Gateway docs', async () => {
    const config = {
      env: SAMPLE_ENV,
      file: '/tmp/x/release.yaml',
      config: resolvedEnvironmentSchema.parse(DOCS.apigateway.release),
    };
    const { policy, undeclared } = await printPolicy(options(config, undefined, CHAIN_TARGETS));
    expect(undeclared).toEqual([]);
    const printed = JSON.parse(withPlaceholders(policy)).Statement as unknown[];
    for (const target of ['sagemaker', 'apigateway'] as DocTarget[]) {
      for (const statement of JSON.parse(renderDocPolicy(target)).Statement) {
        expect(printed).toContainEqual(statement);
      }
    }
    expect(policy).toContain('"lambda:CreateFunction"');
    expect(policy).toContain('arn:aws:lambda:eu-west-1:111122223333:function:myapp-myenv-proxy');
  });
});

describe('the deploy preflight covers the whole chain', () => {
  it('a principal without lambda:CreateFunction → exit 2 naming it on the function, 0 mutating calls', async () => {
    h.aws.iam.setPrincipalPolicies(USER, {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'lambda:CreateFunction', Resource: '*' },
      ],
    });
    const error = await failure(chainDeploy());
    expect(error.code).toBe('PREFLIGHT_FAILED');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(
      `✖ Deploying principal  ${USER} may not: lambda:CreateFunction on arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy`,
    );
    expect(error.message).not.toContain('not declared');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('a principal without apigateway:POST on /restapis → exit 2 naming it, 0 mutating calls', async () => {
    h.aws.iam.setPrincipalPolicies(USER, {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'apigateway:POST', Resource: 'arn:aws:apigateway:us-east-1::/restapis' },
      ],
    });
    const error = await failure(chainDeploy());
    expect(error.message).toContain('apigateway:POST on arn:aws:apigateway:us-east-1::/restapis');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('the preflight accepts the policy --print-policy prints: attached alone, the chain deploys (the fakes do not enforce IAM on the calls themselves)', async () => {
    const config = resolved(h.dir.path, FRONT);
    const { policy } = await printPolicy(options(config, undefined, CHAIN_TARGETS));
    h.aws.iam.setPrincipalPolicies(USER, JSON.parse(policy));
    const result = await chainDeploy(config);
    expect(result.changed).toBe(true);
    expect(Object.keys(result.outputs)).toEqual(['sagemaker', 'lambda', 'apigateway']);
  });
});
