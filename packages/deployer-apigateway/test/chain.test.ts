import { readFile } from 'node:fs/promises';
import { TARGETS as CORE_TARGETS, deploy, destroy, manualClock, RecordingIoHost, status } from '@mlship/core';
import { type FakeAws, startFakeAws, tempDir } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolved } from './harness.js';

let aws: FakeAws;
beforeAll(async () => {
  aws = await startFakeAws({ transitionAfterDescribes: 0 });
  Object.assign(process.env, aws.env);
});
beforeEach(() => aws.reset());
afterEach(() => expect(aws.responseViolations).toEqual([]));
afterAll(async () => {
  await aws?.stop();
});

const TARGETS = CORE_TARGETS.filter((entry) => entry.name !== 'apigee');
const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-sagemaker') return import('@mlship/deployer-sagemaker');
  if (specifier === '@mlship/deployer-lambda') return import('@mlship/deployer-lambda');
  if (specifier === '@mlship/deployer-apigateway') return import('../src/index.js');
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

describe('the dev chain with the real deployers: sagemaker → lambda → apigateway', () => {
  it('deploys the three targets, writes their outputs, re-runs with no change, and destroys them', async () => {
    await using dir = await tempDir();
    aws.ecr.putImage('iris', 'v1');
    const config = { ...resolved(dir.path), file: `${dir.path}/release.yaml` };
    config.config.sagemaker.executionRoleArn = 'arn:aws:iam::123456789012:role/sagemaker-exec';
    const options = {
      file: config.file,
      env: config.env,
      host: new RecordingIoHost(),
      resolved: config,
      importer,
      targets: TARGETS,
      clock: manualClock(Date.now()),
      processEnv: { ...process.env },
      cwd: dir.path,
      imageTag: 'v1',
    };
    const result = await deploy(options);
    expect(result.plans.map((p) => p.target)).toEqual(['sagemaker', 'lambda', 'apigateway']);
    const lambda = result.outputs.lambda ?? {};
    const gateway = result.outputs.apigateway ?? {};
    const [api] = [...aws.apigateway.restApis.values()];
    const predict = [...(api?.resources.values() ?? [])].find((r) => r.path === '/predict');
    expect(predict?.resourceMethods.POST?.methodIntegration.uri).toContain(
      `/functions/${lambda.aliasArn}/invocations`,
    );
    const statements = aws.lambda.lookup(String(lambda.aliasArn)).record.policies.get('live') ?? [];
    expect(statements.map((s) => s.Sid)).toContain(`mlship-apigateway-${gateway.restApiId}`);
    const file = JSON.parse(await readFile(String(result.outputsFile), 'utf8'));
    expect(Object.keys(file.targets)).toEqual(['sagemaker', 'lambda', 'apigateway']);
    expect(file.targets.apigateway).toEqual(gateway);

    aws.calls.length = 0;
    const again = await deploy(options);
    expect(again.changed).toBe(false);
    expect(aws.mutatingCalls()).toEqual([]);

    const reports = await status(options);
    expect(reports.find((r) => r.target === 'apigateway')?.exists).toBe(true);

    await destroy({ ...options, yes: true });
    expect(aws.apigateway.restApis.size).toBe(0);
    expect(aws.cognito.pools.size).toBe(0);
    expect(aws.lambda.functions.size).toBe(0);
  });
});
