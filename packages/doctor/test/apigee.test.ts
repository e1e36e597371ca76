import {
  DEPLOYER_CONTRACT_VERSION,
  type Deployer,
  RecordingIoHost,
  resolvedEnvironmentSchema,
  type TargetEntry,
} from '@mlship/core';
import { type FakeApigee, startFakeApigee } from '@mlship/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doctor } from '../src/index.js';
import { options, REPO, ROLE, useFakeAws } from './harness.js';

const h = useFakeAws();
let apigee: FakeApigee;
const ORG = 'acme-org';
const SAVED = [
  'GOOGLE_APPLICATION_CREDENTIALS',
  'APIGEE_API_URL',
  'METADATA_SERVER_DETECTION',
  'CLOUDSDK_CONFIG',
];
const saved = Object.fromEntries(SAVED.map((k) => [k, process.env[k]]));

/** The lambda target's stand-in: it hands the Apigee target a Function URL, as deployer-lambda's plan does. */
const lambdaDouble: Deployer = {
  contractVersion: DEPLOYER_CONTRACT_VERSION,
  name: 'lambda',
  read: async () => ({}),
  plan: () => ({
    target: 'lambda',
    changes: [],
    detail: {},
    plannedOutputs: { functionUrl: 'https://abc.lambda-url.us-east-1.on.aws/', originSecret: 's' },
  }),
  apply: async () => ({}),
  status: async () => ({ target: 'lambda', exists: true, summary: '', detail: {} }),
  destroy: async () => ({ target: 'lambda', deleted: [], skipped: [] }),
};
const TARGETS: TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
  { name: 'lambda', packageName: 'lambda-double', enabled: () => true },
  { name: 'apigee', packageName: '@mlship/deployer-apigee', enabled: () => true },
];
const importer = async (specifier: string) => {
  if (specifier === 'lambda-double') return { deployer: lambdaDouble };
  return import(specifier);
};

function config(organization = ORG) {
  const parsed = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'us-east-1',
    image: { repository: REPO },
    sagemaker: { executionRoleArn: ROLE, instance: { type: 'ml.m5.large', count: 1 } },
    front: 'apigee',
    api: { apigee: { organization, environment: 'staging', auth: { type: 'oauth' } } },
  });
  return { env: 'staging', file: `${h.dir.path}/release.yaml`, config: parsed };
}

const run = (organization?: string) =>
  doctor({ ...options(config(organization), new RecordingIoHost()), importer, targets: TARGETS });

beforeAll(async () => {
  apigee = await startFakeApigee({ organizations: { [ORG]: ['staging'] } });
});
beforeEach(async () => {
  apigee.reset();
  process.env.GOOGLE_APPLICATION_CREDENTIALS = await apigee.sts.writeCredentials(`${h.dir.path}/gcloud`);
  process.env.APIGEE_API_URL = apigee.url;
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.CLOUDSDK_CONFIG = `${h.dir.path}/gcloud`;
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await apigee?.stop();
});

describe('front door: Apigee through the Apigee deployer’s client', () => {
  it('ADC found and the organization/environment readable → ✔; the bundle is only validated, nothing imported or deployed', async () => {
    const report = await run();
    expect(report.rows.at(-1)).toMatchObject({
      check: 'front-door',
      status: 'ok',
      fact: 'Apigee acme-org/staging: Google ADC found, organization and environment readable',
    });
    expect(apigee.mutatingCalls().map((c) => `${c.method} ${c.query.action}`)).toEqual([
      'apigee.organizations.apis.create validate',
    ]);
  });

  it('no Google credentials → ✖ with the gcloud login fix', async () => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = `${h.dir.path}/nope.json`;
    const report = await run();
    const row = report.rows.at(-1)!;
    expect(row).toMatchObject({ check: 'front-door', status: 'fail' });
    expect(`${row.fact}\n${row.fix}`).toMatch(/credentials|gcloud/i);
  });

  it('an organization the credentials cannot read → ✖ naming it', async () => {
    const report = await run('other-org');
    const row = report.rows.at(-1)!;
    expect(row).toMatchObject({ check: 'front-door', status: 'fail' });
    expect(row.fact).toContain('Apigee other-org/staging');
  });
});
