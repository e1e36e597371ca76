import { readFile } from 'node:fs/promises';
import {
  TARGETS as CORE_TARGETS,
  deploy,
  destroy,
  manualClock,
  RecordingIoHost,
  rollback,
} from '@mlship/core';
import { tempDir } from '@mlship/test-support';
import { describe, expect, it } from 'vitest';
import { resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

// The engine's own entries (order and enablement), the SageMaker target first.
const TARGETS = CORE_TARGETS.filter((entry) => entry.name === 'sagemaker' || entry.name === 'lambda');
const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-sagemaker') return import('@mlship/deployer-sagemaker');
  if (specifier === '@mlship/deployer-lambda') return import('../src/index.js');
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

describe('engine: sagemaker → lambda', () => {
  it('deploys the endpoint, then the proxy wired to it, and writes both outputs (no secret in the file)', async () => {
    await using dir = await tempDir();
    h.aws.ecr.putImage('iris', 'v1');
    const apigee = {
      front: 'apigee',
      api: { apigee: { organization: 'org', environment: 'prod', auth: { type: 'oauth' } } },
    };
    const config = { ...resolved(apigee), file: `${dir.path}/release.yaml` };
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
    const sagemaker = result.outputs.sagemaker ?? {};
    const lambda = result.outputs.lambda ?? {};
    expect(lambda.modelVersion).toBe(String(sagemaker.modelName).slice(-8));
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    expect(fn?.latest.Environment?.Variables).toMatchObject({
      ENDPOINT_NAME: sagemaker.endpointName,
      MODEL_VERSION: lambda.modelVersion,
    });
    const policy = h.aws.iam.roles.get('iris-dev-proxy')?.inline.get('mlship-proxy')?.doc;
    expect(policy?.Statement[0]?.Resource).toBe(sagemaker.endpointArn);
    expect(typeof lambda.originSecret).toBe('string');

    const file = JSON.parse(await readFile(String(result.outputsFile), 'utf8'));
    expect(file.targets.lambda).toMatchObject({
      functionUrl: lambda.functionUrl,
      aliasName: 'live',
      version: '1',
    });
    expect(file.targets.lambda.originSecret).toBeUndefined();
    expect(JSON.stringify(file)).not.toContain(String(lambda.originSecret));

    h.aws.calls.length = 0;
    const again = await deploy(options);
    expect(again.changed).toBe(false);
    expect(h.aws.mutatingCalls()).toEqual([]);

    const report = await destroy({ ...options, yes: true });
    expect(JSON.stringify(report)).toContain('Lambda::Function');
    expect(h.aws.lambda.functions.size).toBe(0);
  });

  it('a dry run prints the plans of both targets without the Redis password, and changes nothing', async () => {
    await using dir = await tempDir();
    h.aws.ecr.putImage('iris', 'v1');
    const withCache = resolved({
      cache: { enabled: true, redisUrl: 'rediss://:p4ssw0rd-x@redis.internal:6380' },
    });
    const config = { ...withCache, file: `${dir.path}/release.yaml` };
    const host = new RecordingIoHost();
    const result = await deploy({
      file: config.file,
      env: config.env,
      host,
      resolved: config,
      importer,
      targets: TARGETS,
      clock: manualClock(Date.now()),
      processEnv: { ...process.env },
      cwd: dir.path,
      imageTag: 'v1',
      dryRun: true,
    });
    expect(result.plans.map((p) => p.target)).toEqual(['sagemaker', 'lambda']);
    expect(h.aws.mutatingCalls()).toEqual([]);
    const printed = JSON.stringify(host.events);
    expect(printed).toContain('Lambda::Function');
    expect(printed).not.toContain('p4ssw0rd-x');
  });

  it('rollback takes SageMaker back to the previous config and the proxy back to the version of that model', async () => {
    await using dir = await tempDir();
    h.aws.ecr.putImage('iris', 'v1');
    h.aws.ecr.putImage('iris', 'v2');
    const config = { ...resolved(), file: `${dir.path}/release.yaml` };
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
    };
    const first = await deploy({ ...options, imageTag: 'v1' });
    const second = await deploy({ ...options, imageTag: 'v2' });
    expect(second.outputs.lambda?.modelVersion).not.toBe(first.outputs.lambda?.modelVersion);
    expect(second.outputs.lambda?.version).toBe('2');

    const reports = await rollback(options);
    expect(reports.map((r) => [r.target, r.to])).toEqual([
      ['sagemaker', first.outputs.sagemaker?.endpointConfigName],
      ['lambda', '1'],
    ]);
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    expect(fn?.aliases.get('live')?.FunctionVersion).toBe('1');
    expect(fn?.versions.get('1')?.Environment?.Variables.MODEL_VERSION).toBe(
      first.outputs.lambda?.modelVersion,
    );
  });
});
