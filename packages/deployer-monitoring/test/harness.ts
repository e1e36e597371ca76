import {
  DEPLOYER_CONTRACT_VERSION,
  type Deployer,
  type DeployOptions,
  deploy,
  destroy,
  manualClock,
  type Outputs,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
  status,
  type TargetEntry,
} from '@mlship/core';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

export const ACCOUNT = '123456789012';
export const REPO = 'iris-classifier';

/** A target that only hands over outputs (the real Lambda and API Gateway deployers are other teams' tests). */
function outputsOnly(name: string, outputs: Outputs): Deployer {
  return {
    contractVersion: DEPLOYER_CONTRACT_VERSION,
    name,
    read: async () => ({}),
    plan: () => ({ target: name, changes: [], detail: {}, plannedOutputs: outputs }),
    apply: async () => outputs,
    status: async () => ({ target: name, exists: true, summary: 'stub', detail: {} }),
    destroy: async () => ({ target: name, deleted: [], skipped: [] }),
  };
}

const LAMBDA = outputsOnly('lambda', { functionName: 'iris-dev-proxy', aliasName: 'live' });
const APIGATEWAY = outputsOnly('apigateway', { restApiId: 'abc123', stageName: 'v1' });

const TARGETS: TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
  { name: 'lambda', packageName: 'lambda-stub', enabled: (c) => c.front !== 'none' },
  { name: 'apigateway', packageName: 'apigateway-stub', enabled: (c) => c.front === 'apigateway' },
  { name: 'monitoring', packageName: '@mlship/deployer-monitoring', enabled: () => true },
];

const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-sagemaker') return import('../../deployer-sagemaker/src/index.js'); // a relative import: sagemaker depends on this package
  if (specifier === '@mlship/deployer-monitoring') return import('../src/index.js');
  if (specifier === 'lambda-stub') return { deployer: LAMBDA };
  if (specifier === 'apigateway-stub') return { deployer: APIGATEWAY };
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

export interface Harness {
  aws: FakeAws;
  dir: TempDir;
}

export function useFakeAws(): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.aws = await startFakeAws();
    Object.assign(process.env, harness.aws.env);
    delete process.env.CIRCLE_SHA1;
  });
  beforeEach(async () => {
    harness.aws.reset();
    harness.dir = await tempDir();
    harness.aws.ecr.putImage(REPO, 'v1');
    harness.aws.ecr.putImage(REPO, 'v2');
  });
  afterEach(() => expect(harness.aws.responseViolations).toEqual([]));
  afterAll(async () => {
    await harness.aws?.stop();
  });
  return harness;
}

// biome-ignore lint/suspicious/noExplicitAny: release.yaml overlay in tests
export function resolved(dir: string, overlay: Record<string, any> = {}): ResolvedConfig {
  const { sagemaker, ...rest } = overlay;
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx', timeoutSeconds: 10 },
    region: 'us-east-1',
    image: { repository: REPO },
    sagemaker: { executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/sagemaker-exec`, ...sagemaker },
    front: 'apigateway',
    tags: { team: 'insight' },
    ...rest,
  });
  return { env: 'dev', file: `${dir}/release.yaml`, config };
}

export function engine(h: Harness, config: ResolvedConfig, extra: Partial<DeployOptions> = {}) {
  const host = new RecordingIoHost();
  const base = {
    file: config.file,
    env: config.env,
    host,
    resolved: config,
    importer,
    targets: TARGETS,
    clock: manualClock(Date.now()),
    processEnv: { ...process.env },
    cwd: h.dir.path,
    imageTag: 'v1',
    ...extra,
  };
  return {
    host,
    deploy: (more: Partial<DeployOptions> = {}) => deploy({ ...base, ...more }),
    status: () => status(base),
    destroy: (more: { force?: boolean } = {}) => destroy({ ...base, yes: true, ...more }),
  };
}

/** The decoded input of the first recorded call of an operation. */
// biome-ignore lint/suspicious/noExplicitAny: request shapes vary per operation
export function inputOf(h: Harness, operation: string): any {
  return h.aws.calls.find((c) => c.operation === operation)?.input;
}
