import {
  type DeployContext,
  type DeployPlan,
  manualClock,
  type Outputs,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
} from '@mlship/core';
import { type FakeAws, startFakeAws } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { deployer } from '../src/index.js';
import type { LambdaDetail } from '../src/plan.js';

export const ACCOUNT = '123456789012';
export const ENDPOINT_ARN = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/iris-dev`;
export const SAGEMAKER_OUTPUTS = {
  endpointName: 'iris-dev',
  endpointArn: ENDPOINT_ARN,
  modelName: 'iris-dev-abcd1234',
  modelVersion: 'abcd1234',
};

/** Starts the AWS fakes for a test file, points the SDK at them, and resets them before every test. */
export function useFakeAws(): { aws: FakeAws } {
  const harness = {} as { aws: FakeAws };
  beforeAll(async () => {
    harness.aws = await startFakeAws();
    Object.assign(process.env, harness.aws.env);
  });
  beforeEach(() => harness.aws.reset());
  // A fake answer that does not fit the API model would let wrong code pass: fail the test instead.
  afterEach(() => expect(harness.aws.responseViolations).toEqual([]));
  afterAll(async () => {
    await harness.aws?.stop();
  });
  return harness;
}

// biome-ignore lint/suspicious/noExplicitAny: release.yaml overlay in tests
export function resolved(overlay: Record<string, any> = {}, env = 'dev'): ResolvedConfig {
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'us-east-1',
    image: { repository: 'iris' },
    sagemaker: {
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/sagemaker-exec`,
      instance: { type: 'ml.m5.large' },
    },
    api: { apigateway: {} },
    front: 'apigateway',
    tags: { team: 'insight' },
    ...overlay,
  });
  return { env, file: '/tmp/release.yaml', config };
}

export function context(
  config: ResolvedConfig,
  extra: Partial<DeployContext> = {},
): DeployContext & {
  host: RecordingIoHost;
  clock: ReturnType<typeof manualClock>;
} {
  return {
    resolved: config,
    host: new RecordingIoHost(),
    upstream: { sagemaker: { ...SAGEMAKER_OUTPUTS } },
    wait: true,
    clock: manualClock(Date.now()),
    env: { ...process.env },
    cwd: '/tmp',
    ...extra,
  } as DeployContext & { host: RecordingIoHost; clock: ReturnType<typeof manualClock> };
}

/** read → plan → apply, as the engine runs one target. */
export async function deployOnce(
  ctx: DeployContext,
): Promise<{ plan: DeployPlan<LambdaDetail>; outputs: Outputs }> {
  const current = await deployer.read(ctx);
  const plan = deployer.plan(ctx, current);
  const outputs = await deployer.apply(plan, ctx);
  return { plan, outputs };
}

export function mutating(aws: FakeAws): string[] {
  return aws.mutatingCalls().map((call) => `${call.service}.${call.operation}`);
}

/** The actions of a plan, as `action resource` lines without noops. */
export function actions(plan: DeployPlan): string[] {
  return plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.resource} ${c.id}`);
}
