import {
  type DeployOptions,
  deploy,
  manualClock,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
  type TargetEntry,
} from '@mlship/core';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type DoctorOptions, doctor, preflight } from '../src/index.js';

export const ACCOUNT = '123456789012';
export const ROLE_NAME = 'sagemaker-exec';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`;
export const REPO = 'iris-classifier';
export const QUOTA_NAME = 'ml.m5.large for endpoint usage';
export const QUOTA_CODE = 'L-4A6B4D1A';

const TARGETS: TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
];
const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-sagemaker') return import('@mlship/deployer-sagemaker');
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

/** What SageMaker needs of its execution role. */
export const EXECUTION_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow' as const,
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${REPO}`,
    },
    { Effect: 'Allow' as const, Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Effect: 'Allow' as const,
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ],
};

export interface Harness {
  aws: FakeAws;
  dir: TempDir;
}

/**
 * The fakes behind the real SDK clients, reset before every test into an account where a deploy can succeed:
 * the image in ECR, the execution role trusted by SageMaker and allowed to pull and log, 2 ml.m5.large instances
 * of quota among 120 SageMaker quotas (two pages), and the caller allowed everything.
 */
export function useFakeAws(): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.aws = await startFakeAws({ transitionAfterDescribes: 0 });
    Object.assign(process.env, harness.aws.env);
    delete process.env.CIRCLE_SHA1;
  });
  beforeEach(async () => {
    const { aws } = harness;
    aws.reset();
    harness.dir = await tempDir();
    aws.ecr.putImage(REPO, 'v1');
    aws.iam.seedRole(ROLE_NAME, {
      trustService: 'sagemaker.amazonaws.com',
      policies: { execution: EXECUTION_POLICY },
    });
    for (let i = 0; i < 119; i += 1) {
      aws.quotas.seedQuota({
        serviceCode: 'sagemaker',
        quotaCode: `L-${String(i).padStart(8, '0')}`,
        quotaName: `ml.other${i}.large for endpoint usage`,
        defaultValue: 0,
        appliedValue: 1,
      });
    }
    seedQuota(aws, 2);
  });
  afterEach(() => expect(harness.aws.responseViolations).toEqual([]));
  afterAll(async () => {
    await harness.aws?.stop();
  });
  return harness;
}

/** The ml.m5.large endpoint quota: applied (listed by ListServiceQuotas) or only AWS's default. */
export function seedQuota(aws: FakeAws, value: number, applied = true): void {
  aws.quotas.seedQuota({
    serviceCode: 'sagemaker',
    quotaCode: QUOTA_CODE,
    quotaName: QUOTA_NAME,
    defaultValue: applied ? 0 : value,
    ...(applied ? { appliedValue: value } : {}),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: release.yaml overlay in tests
export function resolved(dir: string, overlay: Record<string, any> = {}, env = 'dev'): ResolvedConfig {
  const { sagemaker = {}, ...rest } = overlay;
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'us-east-1',
    image: { repository: REPO },
    ...rest,
    sagemaker: {
      executionRoleArn: ROLE,
      instance: { type: 'ml.m5.large', count: 1 },
      ...sagemaker,
    },
  });
  return { env, file: `${dir}/release.yaml`, config };
}

export function options(config: ResolvedConfig, host = new RecordingIoHost()) {
  return {
    file: config.file,
    env: config.env,
    host,
    resolved: config,
    importer,
    targets: TARGETS,
    clock: manualClock(Date.now()),
    processEnv: { ...process.env },
    cwd: config.file.replace(/\/release\.yaml$/, ''),
    imageTag: 'v1',
  };
}

export function runDoctor(config: ResolvedConfig, extra: Partial<DoctorOptions> = {}) {
  return doctor({ ...options(config), ...extra });
}

/** `mlship deploy` as the CLI runs it: with the preflight. */
export function runDeploy(config: ResolvedConfig, extra: Partial<DeployOptions> = {}) {
  const base = options(config);
  return {
    host: base.host,
    result: deploy({ ...base, preflight: (input) => preflight(input).then(() => {}), ...extra }),
  };
}

export function statuses(rows: Array<{ check: string; status: string }>): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.check, row.status]));
}
