import { isMlshipError } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { APIGEE_ENV, apigeeResolved } from './config.js';
import { engine, mutations, ORIGIN_SECRET, useFakeApigee } from './harness.js';

const h = useFakeApigee();
const APP = { developerApp: { developerEmail: 'ml-team@example.com' } };

async function twoRevisions() {
  await engine(h, apigeeResolved(h.dir.path)).deploy();
  await engine(h, apigeeResolved(h.dir.path, { spikeArrest: { rate: '9ps' } })).deploy();
}

describe('apigee day two', () => {
  it('status names the deployed revision, its state, and whether it matches release.yaml', async () => {
    await twoRevisions();
    const current = (
      await engine(h, apigeeResolved(h.dir.path, { spikeArrest: { rate: '9ps' } })).status()
    ).find((r) => r.target === 'apigee');
    expect(current?.summary).toBe('acme-org/staging iris-staging at /iris/staging: revision 2 READY');
    expect(current?.detail).toMatchObject({ revisions: [1, 2], upToDate: true });
    const stale = (await engine(h, apigeeResolved(h.dir.path)).status()).find((r) => r.target === 'apigee');
    expect(stale?.summary).toContain('(differs from release.yaml: deploy to update)');
  });

  it('rollback redeploys the previous revision, and a later deploy returns to release.yaml', async () => {
    await twoRevisions();
    h.apigee.calls.length = 0;
    const config = apigeeResolved(h.dir.path, { spikeArrest: { rate: '9ps' } });
    const [report] = await engine(h, config).rollback();
    expect(report).toMatchObject({ target: 'apigee', from: '2', to: '1', outputs: { revision: '1' } });
    expect(mutations(h)).toEqual(['environments.apis.revisions.deploy']);
    expect(h.apigee.org().deploymentsOf(APIGEE_ENV, 'iris-staging')).toMatchObject([
      { revision: 1, state: 'READY' },
    ]);
    h.apigee.calls.length = 0;
    await engine(h, config).deploy();
    expect(mutations(h)).toEqual(['environments.apis.revisions.deploy']);
    expect(h.apigee.org().deploymentsOf(APIGEE_ENV, 'iris-staging')).toMatchObject([{ revision: 2 }]);
  });

  it('rollback --to an endpoint config (not a revision) leaves the proxy where it is', async () => {
    await twoRevisions();
    h.apigee.calls.length = 0;
    const error = await engine(h, apigeeResolved(h.dir.path, { spikeArrest: { rate: '9ps' } }))
      .rollback('iris-staging-1a2b3c4d')
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_ROLLBACK_NO_REVISION');
    expect(isMlshipError(error) && error.message).toContain('stays at revision 2');
    expect(mutations(h)).toEqual([]);
  });

  it('rollback with a single revision is a usage error (exit 2)', async () => {
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    const error = await engine(h, apigeeResolved(h.dir.path))
      .rollback()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_ROLLBACK_NO_REVISION');
    expect(isMlshipError(error) && error.exitCode).toBe(2);
  });

  it('creates a developer and an app with a key for the product, and destroy deletes everything mlship made', async () => {
    const config = apigeeResolved(h.dir.path, APP);
    const result = await engine(h, config).deploy();
    const org = h.apigee.org();
    const developer = org.developers.get('ml-team@example.com');
    expect(developer?.apps.get('iris-staging-app')?.apiProducts).toEqual(['iris-staging-product']);
    expect(result.outputs.apigee?.appName).toBe('iris-staging-app');
    const printed = JSON.stringify(result.outputs);
    expect(printed).not.toContain(developer?.apps.get('iris-staging-app')?.consumerKey);

    const report = (await engine(h, config).destroy()).find((r) => r.target === 'apigee');
    expect(report?.deleted.map((d) => `${d.resource} ${d.id}`)).toEqual([
      'Apigee::Deployment iris-staging/1@staging',
      'Apigee::ApiProxy iris-staging',
      'Apigee::TargetServer iris-staging-aws',
      'Apigee::KeyValueMap iris-staging-secrets',
      'Apigee::DeveloperApp iris-staging-app',
      'Apigee::Developer ml-team@example.com',
      'Apigee::ApiProduct iris-staging-product',
    ]);
    expect(org.proxies.size).toBe(0);
    expect(org.deployments).toEqual([]);
    expect(org.targetServers.get(APIGEE_ENV)?.size).toBe(0);
    expect(org.kvms.get(APIGEE_ENV)?.size).toBe(0);
    expect(org.products.size).toBe(0);
    expect(org.developers.size).toBe(0);
  });

  it('destroy leaves a developer mlship did not create', async () => {
    const org = h.apigee.org();
    org.developers.set('ml-team@example.com', {
      email: 'ml-team@example.com',
      firstName: 'ML',
      lastName: 'Team',
      userName: 'mlteam',
      developerId: 'dev-1',
      createdAt: 0,
      apps: new Map(),
    });
    const config = apigeeResolved(h.dir.path, APP);
    await engine(h, config).deploy();
    const report = (await engine(h, config).destroy()).find((r) => r.target === 'apigee');
    expect(report?.skipped.map((s) => s.id)).toEqual(['ml-team@example.com']);
    expect(org.developers.has('ml-team@example.com')).toBe(true);
  });
});

describe('apigee management API failures', () => {
  it.each([
    [401, 'APIGEE_UNAUTHENTICATED', 1],
    [403, 'APIGEE_PERMISSION_DENIED', 1],
  ])('maps a persistent %i to %s before anything is changed', async (status, code, times) => {
    h.apigee.failNext('*', status, undefined, times);
    const error = await engine(h, apigeeResolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe(code);
    expect(isMlshipError(error) && error.exitCode).toBe(1);
    expect((error as Error).message).toMatch(
      /Apigee refused to read API proxy iris-staging: .+\((401 UNAUTHENTICATED|403 PERMISSION_DENIED)\)/,
    );
    expect(mutations(h)).toEqual([]);
  });

  it('maps a 409 from Apigee to APIGEE_CONFLICT', async () => {
    h.apigee.failNext(
      'apigee.organizations.environments.targetservers.create',
      409,
      'TargetServer iris-staging-aws already exists',
    );
    const error = await engine(h, apigeeResolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_CONFLICT');
    expect((error as Error).message).toContain(
      'TargetServer iris-staging-aws already exists (409 ALREADY_EXISTS)',
    );
  });

  it('keeps no reference to the request (which holds the origin secret) when storing the KVM entry fails', async () => {
    h.apigee.failNext('apigee.organizations.environments.keyvaluemaps.entries.create', 409);
    const error = await engine(h, apigeeResolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_CONFLICT');
    expect((error as Error).cause).toBeUndefined();
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(ORIGIN_SECRET);
  });

  it('names an unknown organization as Apigee does (403) without a stack of retries', async () => {
    const error = await engine(h, apigeeResolved(h.dir.path, { organization: 'other-org' }))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_PERMISSION_DENIED');
    expect((error as Error).message).toContain('organizations/other-org');
  });
});

describe('apigee validation and reachability', () => {
  it('stops before any change when Apigee rejects the bundle (action=validate)', async () => {
    h.apigee.failNext(
      'apigee.organizations.apis.create',
      400,
      'bundle contains errors: policy JWT-Verify: bad Algorithm',
    );
    const error = await engine(h, apigeeResolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_BUNDLE_INVALID');
    expect((error as Error).message).toContain('bad Algorithm');
    expect(mutations(h)).toEqual(['apis.create']);
    expect(h.apigee.calls.find((c) => c.method === 'apigee.organizations.apis.create')?.query.action).toBe(
      'validate',
    );
  });

  it('names the URL it could not reach', async () => {
    const closed = h.apigee.url.replace(/:\d+$/, ':9');
    process.env.APIGEE_API_URL = closed;
    const error = await engine(h, apigeeResolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_UNREACHABLE');
    expect((error as Error).message).toContain(closed);
  });
});
