import { describe, expect, it } from 'vitest';
import { completeAnswers } from '../src/index.js';
import { mlshipDevDependencies } from '../src/project.js';

const deps = (fronts: Record<string, string>, environments = Object.keys(fronts)) =>
  Object.keys(
    mlshipDevDependencies(
      completeAnswers({ name: 'demo', environments, fronts } as Parameters<typeof completeAnswers>[0]),
      '0.1.0',
    ),
  );

describe("the generated project's package.json names the deployers its environments need, the doctor and @mlship/dev", () => {
  it('SageMaker and monitoring always; Lambda with any front door; each front door its own', () => {
    expect(deps({ dev: 'none', prod: 'none' })).toEqual([
      '@mlship/deployer-monitoring',
      '@mlship/deployer-sagemaker',
      '@mlship/dev',
      '@mlship/doctor',
      'mlship',
    ]);
    expect(deps({ dev: 'apigateway', prod: 'none' })).toEqual([
      '@mlship/deployer-apigateway',
      '@mlship/deployer-lambda',
      '@mlship/deployer-monitoring',
      '@mlship/deployer-sagemaker',
      '@mlship/dev',
      '@mlship/doctor',
      'mlship',
    ]);
    expect(deps({ dev: 'apigateway', prod: 'apigee' })).toEqual([
      '@mlship/deployer-apigateway',
      '@mlship/deployer-apigee',
      '@mlship/deployer-lambda',
      '@mlship/deployer-monitoring',
      '@mlship/deployer-sagemaker',
      '@mlship/dev',
      '@mlship/doctor',
      'mlship',
    ]);
    expect(deps({ staging: 'apigee' })).not.toContain('@mlship/deployer-apigateway');
  });
});
