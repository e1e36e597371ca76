import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import {
  DEPLOYER_CONTRACT_VERSION,
  type Deployer,
  type DeployOptions,
  deploy,
  destroy,
  deterministicZip,
  manualClock,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
  status,
  type TargetEntry,
} from '@mlship/core';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

export const ACCOUNT = '123456789012';

/** The Lambda target as the apigateway target sees it: only its outputs (the real deployer is another team's). */
export function lambdaStub(h: Harness): Deployer {
  const outputs = () => ({
    functionName: h.functionName,
    functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${h.functionName}`,
    aliasName: 'live',
    aliasArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${h.functionName}:live`,
  });
  return {
    contractVersion: DEPLOYER_CONTRACT_VERSION,
    name: 'lambda',
    read: async () => ({}),
    plan: () => ({ target: 'lambda', changes: [], detail: {}, plannedOutputs: outputs() }),
    apply: async () => outputs(),
    status: async () => ({ target: 'lambda', exists: true, summary: 'stub', detail: {} }),
    destroy: async () => ({ target: 'lambda', deleted: [], skipped: [] }),
  };
}

export const TARGETS: TargetEntry[] = [
  { name: 'lambda', packageName: 'lambda-stub', enabled: () => true },
  { name: 'apigateway', packageName: '@mlship/deployer-apigateway', enabled: () => true },
];

export interface Harness {
  aws: FakeAws;
  dir: TempDir;
  lambda: LambdaClient;
  functionName: string;
}

/** Creates a function with a published version behind a `live` alias in the Lambda fake. */
export async function createProxyFunction(h: Harness, name: string): Promise<void> {
  if (!h.aws.iam.roles.has('proxy')) h.aws.iam.seedRole('proxy');
  const zip = deterministicZip([{ path: 'index.mjs', data: 'export const handler = async () => ({});' }]);
  await h.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${ACCOUNT}:role/proxy`,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: zip.bytes },
    }),
  );
  for (let i = 0; i < 5; i++) {
    const config = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (config.State === 'Active') break;
  }
  const version = await h.lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await h.lambda.send(
    new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: version.Version }),
  );
}

/** Fakes for a test file, reset before each test, with a proxy function `iris-dev-proxy:live` ready. */
export function useFakeAws(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.aws = await startFakeAws();
    Object.assign(process.env, h.aws.env);
    h.lambda = new LambdaClient({ ...h.aws.clientConfig, maxAttempts: 1 });
  });
  beforeEach(async () => {
    h.aws.reset();
    h.dir = await tempDir();
    h.functionName = 'iris-dev-proxy';
    await createProxyFunction(h, h.functionName);
    h.aws.calls.length = 0;
  });
  afterEach(() => expect(h.aws.responseViolations).toEqual([]));
  afterAll(async () => {
    h.lambda?.destroy();
    await h.aws?.stop();
  });
  return h;
}

// biome-ignore lint/suspicious/noExplicitAny: release.yaml api.apigateway in tests
export function resolved(dir: string, apigateway: Record<string, any> = {}, env = 'dev'): ResolvedConfig {
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'us-east-1',
    image: { repository: 'iris' },
    sagemaker: { executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/sm`, instance: { type: 'ml.m5.large' } },
    api: { apigateway },
    front: 'apigateway',
    tags: { team: 'insight' },
  });
  return { env, file: `${dir}/release.yaml`, config };
}

export function engine(
  h: Harness,
  config: ResolvedConfig,
  processEnv: Record<string, string | undefined> = {},
  targets: TargetEntry[] = TARGETS,
) {
  const host = new RecordingIoHost();
  const importer = async (specifier: string) => {
    if (specifier === 'lambda-stub') return { deployer: lambdaStub(h) };
    if (specifier === '@mlship/deployer-apigateway') return import('../src/index.js');
    throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
  };
  const base = {
    file: config.file,
    env: config.env,
    host,
    resolved: config,
    importer,
    targets,
    clock: manualClock(Date.now()),
    processEnv: { ...process.env, ...processEnv },
    cwd: h.dir.path,
    yes: true,
  };
  return {
    host,
    deploy: (more: Partial<DeployOptions> = {}) => deploy({ ...base, ...more }),
    status: () => status(base),
    destroy: () => destroy({ ...base, yes: true }),
  };
}

export function mutating(aws: FakeAws): string[] {
  return aws.mutatingCalls().map((call) => call.operation);
}
