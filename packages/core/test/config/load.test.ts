import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, loadRelease, MlshipError, parseRelease } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { BASE, problemsOf, valid, withLines } from './fixtures.js';

async function caught(promise: Promise<unknown>): Promise<MlshipError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MlshipError);
  return error as MlshipError;
}

describe('parseRelease', () => {
  it('resolves every environment in file order, overlays merged over the base', () => {
    const { environments, environmentNames, warnings } = valid(BASE);
    expect(environmentNames).toEqual(['dev', 'prod']);
    expect(warnings).toEqual([]);
    const [dev, prod] = environments;
    expect(dev?.env).toBe('dev');
    expect(dev?.config.front).toBe('apigateway');
    expect(dev?.config.sagemaker.instance).toEqual({ type: 'ml.m5.xlarge', count: 2, volumeSizeInGB: 50 });
    expect(prod?.config.front).toBe('apigee');
    expect(prod?.config.sagemaker.instance).toEqual({ type: 'ml.m5.xlarge', count: 3, volumeSizeInGB: 50 });
    expect(prod?.config.sagemaker.autoscaling.maxInstances).toBe(4);
    expect(prod?.file).toBe('release.yaml');
  });

  it('resolves only the environment asked for', () => {
    const { environments } = valid(BASE, 'prod');
    expect(environments.map((resolved) => resolved.env)).toEqual(['prod']);
  });

  it('fills defaults the file leaves out', () => {
    const config = valid(BASE).environments[0]!.config;
    expect(config.sagemaker.variantName).toBe('AllTraffic');
    expect(config.sagemaker.deployment).toEqual({
      strategy: 'all-at-once',
      terminationWaitSeconds: 0,
      rollbackAlarms: [],
    });
    expect(config.api.apigateway?.quota).toEqual({ limit: 10000, period: 'DAY' });
  });

  it('replaces lists, merges mappings key by key (tags too), and takes an empty overlay as no change', () => {
    const text = withLines({
      9: '  deployment: { strategy: all-at-once, rollbackAlarms: [a, b] }',
      16: '  dev:',
      17: '',
      19: '    front: apigee\n    tags: { tier: gold }',
      20: '    sagemaker: { deployment: { rollbackAlarms: [c] } }',
    });
    const [dev, prod] = valid(text).environments;
    expect(dev?.config.front).toBe('none');
    expect(dev?.config.sagemaker.deployment.rollbackAlarms).toEqual(['a', 'b']);
    expect(prod?.config.sagemaker.deployment.rollbackAlarms).toEqual(['c']);
    expect(prod?.config.tags).toEqual({ team: 'insight-engine', tier: 'gold' });
  });

  it('replaces a block whose type changes instead of merging the two variants', () => {
    const text = withLines({}, [
      '    api:',
      '      apigee:',
      '        auth: { type: jwt, issuer: https://id.example.com, audience: api, jwksUri: https://id.example.com/jwks }',
    ]);
    const prod = valid(text, 'prod').environments[0]!;
    expect(prod.config.api.apigee?.auth).toEqual({
      type: 'jwt',
      issuer: 'https://id.example.com',
      audience: 'api',
      jwksUri: 'https://id.example.com/jwks',
    });
  });

  it('reports every problem at once, sorted by position, in one CONFIG_INVALID error', () => {
    const text = withLines({
      2: 'model: { framework: tensorflow }',
      6: '  instance: { type: ml.m5.xlarge, count: 0 }',
      17: '    front: apigatway',
    });
    const { errors, error } = problemsOf(text);
    expect(errors).toHaveLength(3);
    expect(error.message.split('\n')).toEqual([
      'release.yaml is invalid (3 errors):',
      '  release.yaml:2:21 model.framework: expected one of onnx, custom, got "tensorflow"',
      '  release.yaml:6:42 sagemaker.instance.count: expected a whole number from 1 to 100, got 0',
      '  release.yaml:17:12 environments.dev.front: expected one of apigateway, apigee, none, got "apigatway" (did you mean apigateway?)',
    ]);
    expect(error.hint).toContain('mlship validate');
  });

  it('checks overlays of environments it was not asked to resolve', () => {
    const { errors } = problemsOf(withLines({ 17: '    front: apigatway' }), 'prod');
    expect(errors).toEqual([
      '17:12 environments.dev.front: expected one of apigateway, apigee, none, got "apigatway" (did you mean apigateway?)',
    ]);
  });

  it('names an unknown --env with the defined ones and a suggestion', () => {
    let error: unknown;
    try {
      parseRelease(BASE, 'release.yaml', { env: 'prd' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(MlshipError);
    expect((error as MlshipError).code).toBe('ENV_NOT_FOUND');
    expect((error as MlshipError).message).toBe(
      'environment "prd" is not defined in release.yaml (defined: dev, prod)',
    );
    expect((error as MlshipError).hint).toBe('did you mean prod?');
  });
});

it('reports a broken environments block rather than an unknown --env', () => {
  const { errors } = problemsOf(
    withLines({ 15: 'environments: [dev, prod]', 16: '', 17: '', 18: '', 19: '', 20: '' }),
    'prod',
  );
  expect(errors).toEqual(['15:15 environments: expected a mapping, got a list of 2 items']);
});

describe('warnings', () => {
  it('warns about a model timeout above API Gateway 29 s only where API Gateway is the front door', () => {
    const { warnings } = valid(withLines({ 2: 'model: { framework: onnx, timeoutSeconds: 45 }' }));
    expect(warnings.map(formatProblem)).toEqual([
      "release.yaml:2:43 model.timeoutSeconds [dev]: 45 s is above API Gateway's 29 s integration timeout; slower requests get a 504 (use at most 29, or front: apigee)",
    ]);
  });

  it('warns about an instance type without a known price instead of rejecting it', () => {
    const { warnings, environments } = valid(
      withLines({ 6: '  instance: { type: ml.p4d.24xlarge, count: 2 }' }),
    );
    expect(environments).toHaveLength(2);
    expect(warnings.map(formatProblem)).toEqual([
      'release.yaml:6:21 sagemaker.instance.type: no price known for ml.p4d.24xlarge; mlship cannot estimate its cost (the nearest type mlship knows is ml.m5.24xlarge; check that SageMaker offers ml.p4d.24xlarge for real-time inference in your region)',
    ]);
  });

  it('warns about a plausible but unpriced type near a known one, with the suggestion', () => {
    const { warnings } = valid(withLines({ 6: '  instance: { type: ml.g6.xlarge, count: 2 }' }));
    expect(warnings.map(formatProblem)).toEqual([
      'release.yaml:6:21 sagemaker.instance.type: no price known for ml.g6.xlarge; mlship cannot estimate its cost (did you mean ml.g5.xlarge?)',
    ]);
  });

  it('warns that SageMaker does not auto scale burstable ml.t* instances', () => {
    const { warnings } = valid(withLines({ 6: '  instance: { type: ml.t2.medium, count: 2 }' }));
    expect(warnings.map(formatProblem)).toEqual([
      'release.yaml:8:27 sagemaker.autoscaling.enabled: SageMaker does not auto scale burstable instances such as ml.t2.medium; registering the scalable target will fail (use a non-burstable type such as ml.m5.large, or set enabled: false)',
    ]);
  });

  it('warns about a region it does not know and a canary without rollback alarms', () => {
    const text = withLines({ 3: 'region: eu-middle-1', 9: '  deployment: { strategy: canary }' });
    expect(valid(text).warnings.map(formatProblem)).toEqual([
      'release.yaml:3:9 region: eu-middle-1 is not a region mlship knows (check that SageMaker is offered there)',
      'release.yaml:9:3 sagemaker.deployment.rollbackAlarms: canary deployment without rollbackAlarms cannot roll back on its own (list the CloudWatch alarms that should stop the rollout)',
    ]);
  });

  it('keeps warnings in the error details when the file is also invalid', () => {
    const text = withLines({ 2: 'model: { framework: onnx, timeoutSeconds: 45 }', 13: '' });
    const { warnings, errors } = problemsOf(text);
    expect(errors).toEqual([
      '18:12 front [prod]: front is apigee but api.apigee is not configured (add api.apigee with organization, environment and auth)',
    ]);
    expect(warnings).toHaveLength(1);
  });
});

describe('loadRelease', () => {
  it('reads a file and reports problems under the name it was given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlship-load-'));
    const file = join(dir, 'release.yaml');
    await writeFile(file, withLines({ 6: '  instance: { type: ml.m5.xlarg, count: 2 }' }));
    const error = await caught(loadRelease(file));
    expect(error.message).toContain(
      `${file}:6:21 sagemaker.instance.type: unknown instance type "ml.m5.xlarg" (did you mean ml.m5.xlarge?)`,
    );
    await writeFile(file, BASE);
    expect((await loadRelease(file, { env: 'dev' })).environments[0]?.config.name).toBe(
      'sentiment-classifier',
    );
  });

  it('turns a missing file into CONFIG_NOT_FOUND with a hint that fits how it was named', async () => {
    const passed = await caught(loadRelease(join(tmpdir(), 'no-such-dir-mlship', 'release.yaml')));
    expect(passed.code).toBe('CONFIG_NOT_FOUND');
    expect(passed.hint).toContain('check the path given to --file');
    expect(passed.hint).not.toContain('or pass --file');
    expect(passed.exitCode).toBe(2);
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      const byDefault = await caught(loadRelease('release.yaml'));
      expect(byDefault.hint).toContain('pass --file <path>, or create one with `mlship init`');
    } finally {
      process.chdir(cwd);
    }
  });

  it('turns a directory into CONFIG_UNREADABLE', async () => {
    const error = await caught(loadRelease(tmpdir()));
    expect(error.code).toBe('CONFIG_UNREADABLE');
  });
});
