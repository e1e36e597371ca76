import {
  type DeployOptions,
  deploy,
  destroy,
  manualClock,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
  rollback,
  status,
  type TargetEntry,
} from '@mlship/core';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

export const ACCOUNT = '123456789012';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/sagemaker-exec`;
export const REPO = 'iris-classifier';

const TARGETS: TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
];
const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-sagemaker') return import('../src/index.js');
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

export interface Harness {
  aws: FakeAws;
  dir: TempDir;
}

/** Starts the AWS fakes for a test file, points the SDK at them, and resets them before every test. */
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
  // A fake answer that does not fit the API model would let wrong code pass: fail the test instead.
  afterEach(() => expect(harness.aws.responseViolations).toEqual([]));
  afterAll(async () => {
    await harness.aws?.stop();
  });
  return harness;
}

// biome-ignore lint/suspicious/noExplicitAny: release.yaml overlay in tests
export function resolved(dir: string, sagemaker: Record<string, any> = {}, env = 'dev'): ResolvedConfig {
  const { autoscaling, deployment, instance, ...rest } = sagemaker;
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'us-east-1',
    image: { repository: REPO },
    sagemaker: {
      executionRoleArn: ROLE,
      instance: { type: 'ml.m5.large', count: 1, ...instance },
      ...(autoscaling ? { autoscaling } : {}),
      ...(deployment ? { deployment } : {}),
      ...rest,
    },
    tags: { team: 'insight' },
  });
  return { env, file: `${dir}/release.yaml`, config };
}

export function engine(h: Harness, config: ResolvedConfig, extra: Partial<DeployOptions> = {}) {
  const host = new RecordingIoHost();
  const clock = manualClock(Date.now());
  const base = {
    file: config.file,
    env: config.env,
    host,
    resolved: config,
    importer,
    targets: TARGETS,
    clock,
    processEnv: { ...process.env },
    cwd: h.dir.path,
    imageTag: 'v1',
    ...extra,
  };
  return {
    host,
    clock,
    deploy: (more: Partial<DeployOptions> = {}) => deploy({ ...base, ...more }),
    status: () => status(base),
    rollback: (to?: string) => rollback({ ...base, ...(to ? { to } : {}) }),
    destroy: (more: { yes?: boolean } = {}) => destroy({ ...base, ...more }),
  };
}

export function ops(aws: FakeAws, mutatingOnly = true): string[] {
  return (mutatingOnly ? aws.mutatingCalls() : aws.calls).map((call) => call.operation);
}
