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
  rollback,
  status,
  type TargetEntry,
} from '@mlship/core';
import { type FakeApigee, startFakeApigee, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { APIGEE_ENV, ORG } from './config.js';

import { FUNCTION_URL, ORIGIN_SECRET } from './harness-constants.js';

export { FUNCTION_URL, ORIGIN_SECRET };

/** A stand-in for the lambda target: it plans nothing and hands over a Function URL and the in-memory origin secret. */
export const lambdaOutputs: Outputs = { functionUrl: FUNCTION_URL, originSecret: ORIGIN_SECRET };
const lambdaDouble: Deployer = {
  contractVersion: DEPLOYER_CONTRACT_VERSION,
  name: 'lambda',
  read: async () => ({}),
  plan: () => ({ target: 'lambda', changes: [], detail: {}, plannedOutputs: { ...lambdaOutputs } }),
  apply: async () => ({ ...lambdaOutputs }),
  status: async () => ({ target: 'lambda', exists: true, summary: 'double', detail: {} }),
  destroy: async () => ({ target: 'lambda', deleted: [], skipped: [] }),
};

const TARGETS: TargetEntry[] = [
  { name: 'lambda', packageName: 'lambda-double', enabled: () => true },
  {
    name: 'apigee',
    packageName: '@mlship/deployer-apigee',

    enabled: (c) => c.front === 'apigee',
  },
];
const importer = async (specifier: string) => {
  if (specifier === '@mlship/deployer-apigee') return import('../src/index.js');
  if (specifier === 'lambda-double') return { deployer: lambdaDouble };
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

export interface Harness {
  apigee: FakeApigee;
  dir: TempDir;
  /** The workload-identity ADC file pointing at the fake's STS. */
  credentials: string;
}

const SAVED = [
  'GOOGLE_APPLICATION_CREDENTIALS',
  'APIGEE_API_URL',
  'METADATA_SERVER_DETECTION',
  'CLOUDSDK_CONFIG',
];

/** Starts the fake Apigee, points ADC (GOOGLE_APPLICATION_CREDENTIALS) and APIGEE_API_URL at it, resets it per test. */
export function useFakeApigee(): Harness {
  const harness = {} as Harness;
  const saved = Object.fromEntries(SAVED.map((k) => [k, process.env[k]]));
  beforeAll(async () => {
    harness.apigee = await startFakeApigee({ organizations: { [ORG]: [APIGEE_ENV, 'prod'] } });
  });
  beforeEach(async () => {
    harness.apigee.reset();
    harness.dir = await tempDir();
    harness.credentials = await harness.apigee.sts.writeCredentials(`${harness.dir.path}/gcloud`);
    process.env.GOOGLE_APPLICATION_CREDENTIALS = harness.credentials;
    process.env.APIGEE_API_URL = harness.apigee.url;
    // No GCE metadata server probing and no gcloud user credentials from the machine running the tests.
    process.env.METADATA_SERVER_DETECTION = 'none';
    process.env.CLOUDSDK_CONFIG = `${harness.dir.path}/gcloud`;
    lambdaOutputs.originSecret = ORIGIN_SECRET;
  });
  afterEach(async () => {
    await harness.dir.cleanup();
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await harness.apigee?.stop();
  });
  return harness;
}

export function engine(h: Harness, config: ResolvedConfig) {
  const host = new RecordingIoHost();
  const base = () => ({
    file: config.file,
    env: config.env,
    host,
    resolved: config,
    importer,
    targets: TARGETS,
    clock: manualClock(Date.now()),
    processEnv: { ...process.env },
    cwd: h.dir.path,
  });
  return {
    host,
    deploy: (more: Partial<DeployOptions> = {}) => deploy({ ...base(), ...more }),
    status: () => status(base()),
    rollback: (to?: string) => rollback({ ...base(), ...(to ? { to } : {}) }),
    destroy: () => destroy({ ...base(), yes: true }),
  };
}

/** Mutating management-API calls by discovery method name (the part after `apigee.organizations.`). */
export function mutations(h: Harness): string[] {
  return h.apigee
    .mutatingCalls()
    .map((c) => (c.method ?? `${c.httpMethod} ${c.path}`).replace('apigee.organizations.', ''));
}

export function codes(host: RecordingIoHost): string[] {
  return host.events.flatMap((e) => (e.kind === 'notify' && e.message?.code ? [e.message.code] : []));
}
