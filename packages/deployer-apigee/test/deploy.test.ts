import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMlshipError } from '@mlship/core';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { APIGEE_ENV, apigeeResolved } from './config.js';
import { codes, engine, FUNCTION_URL, mutations, ORIGIN_SECRET, useFakeApigee } from './harness.js';

const h = useFakeApigee();

describe('apigee deploy', () => {
  it('creates the product, target server, encrypted KVM entry, imports the bundle and deploys it', async () => {
    const config = apigeeResolved(h.dir.path);
    const run = engine(h, config);
    const result = await run.deploy();
    // The host puts the label before each update: the update itself is only the state.
    const label = `Apigee iris-staging revision 1 in ${APIGEE_ENV}`;
    expect(run.host.events.filter((e) => e.kind === 'progress').map((e) => e.text)).toEqual([
      label,
      `${label}: PROGRESSING (0s)`,
      `${label}: READY (2s)`,
      `ok ${label}: READY`,
    ]);

    expect(mutations(h)).toEqual([
      'apis.create', // action=validate during read
      'apiproducts.create',
      'environments.targetservers.create',
      'environments.keyvaluemaps.create',
      'environments.keyvaluemaps.entries.create',
      'apis.create',
      'environments.apis.revisions.deploy',
    ]);
    const [validate, imported] = h.apigee.uploads;
    expect(validate?.action).toBe('validate');
    expect(imported?.action).toBe('import');
    const files = Object.keys(unzipSync(imported!.zip));
    expect(files).toContain('apiproxy/iris-staging.xml');
    expect(files).toContain('apiproxy/policies/JWT-Verify.xml');
    const deployCall = h.apigee.calls.find((c) => c.method?.endsWith('revisions.deploy'));
    expect(deployCall?.query).toEqual({ override: 'true' });
    expect(deployCall?.path).toBe(
      `/v1/organizations/acme-org/environments/${APIGEE_ENV}/apis/iris-staging/revisions/1/deployments`,
    );
    expect(h.apigee.calls.every((c) => /^Bearer ya29\.fake-/.test(c.authorization ?? ''))).toBe(true);

    const org = h.apigee.org();
    const server = org.targetServers.get(APIGEE_ENV)!.get('iris-staging-aws');
    expect(server).toMatchObject({
      host: new URL(FUNCTION_URL).hostname,
      port: 443,
      sSLInfo: { enabled: true, enforce: true },
    });
    expect(org.kvms.get(APIGEE_ENV)!.get('iris-staging-secrets')).toMatchObject({ encrypted: true });
    expect(org.kvms.get(APIGEE_ENV)!.get('iris-staging-secrets')!.entries.get('origin-secret')).toBe(
      ORIGIN_SECRET,
    );
    expect(org.products.get('iris-staging-product')).toMatchObject({
      quota: '1000',
      quotaInterval: '1',
      quotaTimeUnit: 'minute',
    });
    expect(org.deploymentsOf(APIGEE_ENV, 'iris-staging')).toMatchObject([{ revision: 1, state: 'READY' }]);

    const written = await readFile(join(h.dir.path, '.mlship', 'staging', 'apigee-bundle.zip'));
    expect(Buffer.from(imported!.zip).equals(written)).toBe(true);
    expect(result.outputs.apigee).toMatchObject({
      organization: 'acme-org',
      environment: APIGEE_ENV,
      proxyName: 'iris-staging',
      revision: '1',
      basePath: '/iris/staging',
    });
    const bundle = JSON.stringify(h.apigee.uploads.map((u) => Buffer.from(u.zip).toString('latin1')));
    expect(bundle).not.toContain(ORIGIN_SECRET);
    const outputsFile = await readFile(join(h.dir.path, '.mlship', 'staging.outputs.json'), 'utf8');
    expect(outputsFile).not.toContain(ORIGIN_SECRET);
  });

  it('makes no mutating call when nothing changed', async () => {
    const config = apigeeResolved(h.dir.path);
    await engine(h, config).deploy();
    h.apigee.calls.length = 0;
    const again = await engine(h, config).deploy();
    expect(again.changed).toBe(false);
    expect(mutations(h)).toEqual([]);
    expect(h.apigee.calls.length).toBeGreaterThan(0);
    expect(again.outputs.apigee).toMatchObject({ revision: '1' });
  });

  it('imports and deploys a new revision when release.yaml changes, replacing the old one', async () => {
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    h.apigee.calls.length = 0;
    const changed = apigeeResolved(h.dir.path, { spikeArrest: { rate: '20ps' } });
    const result = await engine(h, changed).deploy();
    expect(mutations(h)).toEqual(['apis.create', 'apis.create', 'environments.apis.revisions.deploy']);
    expect(result.outputs.apigee).toMatchObject({ revision: '2' });
    expect(h.apigee.org().deploymentsOf(APIGEE_ENV, 'iris-staging')).toMatchObject([
      { revision: 2, state: 'READY' },
    ]);
    const policy = Object.entries(unzipSync(h.apigee.uploads.at(-1)!.zip)).find(([p]) =>
      p.endsWith('SA-Limit.xml'),
    );
    expect(Buffer.from(policy![1]).toString()).toContain('<Rate>20ps</Rate>');
  });

  it('updates the product quota without a new revision when only the product changes', async () => {
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    h.apigee.calls.length = 0;
    // The quota's literal fallback is in the bundle too, so a quota change also makes a revision.
    await engine(
      h,
      apigeeResolved(h.dir.path, { quota: { limit: 50, interval: 1, timeUnit: 'week' } }),
    ).deploy();
    expect(mutations(h)).toContain('apiproducts.update');
    expect(h.apigee.org().products.get('iris-staging-product')).toMatchObject({
      quota: '50',
      quotaInterval: '7',
      quotaTimeUnit: 'day',
    });
  });

  it('replaces the KVM entry when the Lambda origin secret changes', async () => {
    const { lambdaOutputs } = await import('./harness.js');
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    h.apigee.calls.length = 0;
    lambdaOutputs.originSecret = 'rotated-secret-value-rotated-secret-value';
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    expect(mutations(h)).toEqual([
      'environments.keyvaluemaps.entries.delete',
      'environments.keyvaluemaps.entries.create',
    ]);
    const kvm = h.apigee.org().kvms.get(APIGEE_ENV)!.get('iris-staging-secrets')!;
    expect(kvm.entries.get('origin-secret')).toBe('rotated-secret-value-rotated-secret-value');
  });

  it('fails with exit 1 and Apigee’s error text when the deployment ends in ERROR', async () => {
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    h.apigee.failNextDeployment([{ code: 9, message: 'Unresolved variable : propertyset.mlship.jwks_uri' }]);
    const error = await engine(h, apigeeResolved(h.dir.path, { spikeArrest: { rate: '5ps' } }))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_DEPLOY_FAILED');
    expect(isMlshipError(error) && error.exitCode).toBe(1);
    expect((error as Error).message).toContain('Unresolved variable : propertyset.mlship.jwks_uri');
    const deployments = h.apigee.org().deploymentsOf(APIGEE_ENV, 'iris-staging');
    expect(deployments.find((d) => d.state === 'READY')?.revision).toBe(1);
  });

  it('deletes undeployed revisions beyond keepRevisions', async () => {
    for (const rate of ['1ps', '2ps', '3ps']) {
      await engine(h, apigeeResolved(h.dir.path, { keepRevisions: 2, spikeArrest: { rate } })).deploy();
    }
    const proxy = h.apigee.org().proxies.get('iris-staging')!;
    expect([...proxy.revisions.keys()]).toEqual([2, 3]);
  });

  it('redeploys an existing revision with the same content instead of importing it again', async () => {
    await engine(h, apigeeResolved(h.dir.path)).deploy();
    await engine(h, apigeeResolved(h.dir.path, { spikeArrest: { rate: '7ps' } })).deploy();
    h.apigee.calls.length = 0;
    const result = await engine(h, apigeeResolved(h.dir.path)).deploy();
    expect(mutations(h)).toEqual(['environments.apis.revisions.deploy']);
    expect(result.outputs.apigee).toMatchObject({ revision: '1' });
  });
});

describe('apigee deploy --dry-run', () => {
  it('without Google credentials writes the bundle, exits 0 and says validation was skipped', async () => {
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const run = engine(h, apigeeResolved(h.dir.path));
    const result = await run.deploy({ dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(codes(run.host)).toContain('APIGEE_VALIDATION_SKIPPED');
    expect(h.apigee.calls).toEqual([]);
    const zip = unzipSync(await readFile(join(h.dir.path, '.mlship', 'staging', 'apigee-bundle.zip')));
    expect(Object.keys(zip)).toContain('apiproxy/proxies/default.xml');
  });

  it('without Google credentials and without --dry-run stops before any change with exit 2', async () => {
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const error = await engine(h, apigeeResolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(isMlshipError(error) && error.code).toBe('APIGEE_CREDENTIALS_MISSING');
    expect(isMlshipError(error) && error.exitCode).toBe(2);
    expect(h.apigee.calls).toEqual([]);
  });

  it('with credentials has Apigee validate the bundle and changes nothing', async () => {
    const result = await engine(h, apigeeResolved(h.dir.path)).deploy({ dryRun: true });
    expect(mutations(h)).toEqual(['apis.create']);
    expect(h.apigee.uploads.map((u) => u.action)).toEqual(['validate']);
    expect(h.apigee.org().proxies.size).toBe(0);
    const planned = result.plans
      .find((p) => p.target === 'apigee')!
      .changes.map((c) => `${c.action} ${c.resource}`);
    expect(planned).toContain('create Apigee::ApiProxyRevision');
    expect(planned).toContain('create Apigee::Deployment');
  });
});
