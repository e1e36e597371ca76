import { readFile } from 'node:fs/promises';
import { deploy, destroy, manualClock, RecordingIoHost, type TargetEntry } from '@mlship/core';
import { tempDir } from '@mlship/test-support';
import { describe, expect, it } from 'vitest';
import { resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

const TARGETS: TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
  {
    name: 'lambda',
    packageName: '@mlship/deployer-lambda',
    enabled: (c) => c.front !== 'none',
  },
];
const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-sagemaker') return import('@mlship/deployer-sagemaker');
  if (specifier === '@mlship/deployer-lambda') return import('../src/index.js');
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

describe('engine: sagemaker → lambda', () => {
  it('deploys the endpoint, then the proxy wired to it, and writes both outputs (no secret in the file)', async () => {
    const dir = await tempDir();
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
    await dir.cleanup?.();
  });
});
