import { describe, expect, it } from 'vitest';
import { renderRows } from '../src/index.js';
import {
  ACCOUNT,
  QUOTA_CODE,
  QUOTA_NAME,
  resolved,
  runDoctor,
  seedQuota,
  statuses,
  useFakeAws,
} from './harness.js';

const h = useFakeAws();

describe('mlship doctor against the fakes', () => {
  it('all green: identity, quota, role, principal, image; nothing changed', async () => {
    const report = await runDoctor(resolved(h.dir.path));
    expect(statuses(report.rows)).toEqual({
      identity: 'ok',
      quota: 'ok',
      role: 'ok',
      principal: 'ok',
      image: 'ok',
    });
    expect(report.rows.map((r) => r.check)).toEqual(['identity', 'quota', 'role', 'principal', 'image']);
    expect(report.summary).toEqual({ ok: 5, fail: 0, warn: 0 });
    const identity = report.rows[0]!;
    expect(identity.fact).toContain(
      `arn:aws:iam::${ACCOUNT}:user/mlship-fake in account ${ACCOUNT}, region us-east-1`,
    );
    expect(identity.fact).toContain('credentials from environment variables (AWS_ACCESS_KEY_ID)');
    // No secret in what doctor prints.
    expect(JSON.stringify(report)).not.toContain(process.env.AWS_SECRET_ACCESS_KEY);
    expect(report.rows[1]!.fact).toBe(`'${QUOTA_NAME}' is 2 (applied); in use 0, this deploy 1`);
    expect(h.aws.mutatingCalls()).toEqual([]);
    // The quota list has two pages; it is listed once per run.
    const listings = h.aws.calls.filter((c) => c.operation === 'ListServiceQuotas');
    expect(listings).toHaveLength(2);
    expect((listings[1]!.input as { NextToken?: string }).NextToken).toBeDefined();
    expect(renderRows(report.rows)).toMatch(/^✔ Identity {13}arn:aws:iam::/);
  });

  it('a quota never raised in the account is found among the AWS defaults', async () => {
    h.aws.quotas.reset();
    seedQuota(h.aws, 3, false);
    const report = await runDoctor(resolved(h.dir.path));
    expect(report.rows.find((r) => r.check === 'quota')).toMatchObject({
      status: 'ok',
      fact: `'${QUOTA_NAME}' is 3 (default); in use 0, this deploy 1`,
    });
  });

  it('quota 0 for the type → ✖ with the quota name, value, need and the increase command', async () => {
    seedQuota(h.aws, 0);
    const report = await runDoctor(resolved(h.dir.path));
    const quota = report.rows.find((r) => r.check === 'quota')!;
    expect(quota.status).toBe('fail');
    expect(quota.fact).toBe(
      `The quota '${QUOTA_NAME}' in us-east-1 is 0; this deploy needs 1 on top of the 0 running (1 in all).`,
    );
    expect(quota.fix).toContain(
      `aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code ${QUOTA_CODE} --desired-value 1 --region us-east-1`,
    );
    expect(report.summary.fail).toBe(1);
  });

  it('quota enough for one endpoint but not with the other endpoints’ usage → ✖', async () => {
    h.aws.sagemaker.seedEndpoint({ name: 'churn-prod', instanceType: 'ml.m5.large', instanceCount: 2 });
    h.aws.sagemaker.seedEndpoint({ name: 'other-type', instanceType: 'ml.c5.large', instanceCount: 5 });
    seedQuota(h.aws, 2);
    const report = await runDoctor(resolved(h.dir.path));
    const quota = report.rows.find((r) => r.check === 'quota')!;
    expect(quota.status).toBe('fail');
    expect(quota.fact).toContain('is 2; this deploy needs 1 on top of the 2 running (3 in all)');
    expect(quota.fix).toContain('--desired-value 3');
  });

  it('autoscaling max above the quota → ⚠; the count above the quota → ✖', async () => {
    const scaling = { autoscaling: { enabled: true, minInstances: 1, maxInstances: 4 } };
    const warned = await runDoctor(resolved(h.dir.path, { sagemaker: scaling }));
    const quota = warned.rows.find((r) => r.check === 'quota')!;
    expect(quota.status).toBe('warn');
    expect(quota.fact).toContain('autoscaling up to 4 would need 4: it stops at 2');
    expect(quota.fix).toContain('--desired-value 4');
    expect(warned.summary.fail).toBe(0);

    const failed = await runDoctor(
      resolved(h.dir.path, { sagemaker: { ...scaling, instance: { type: 'ml.m5.large', count: 3 } } }),
    );
    expect(failed.rows.find((r) => r.check === 'quota')!.status).toBe('fail');
  });

  it('the caller may not call Service Quotas → ⚠ naming the permission', async () => {
    h.aws.quotas.denyAccess();
    const report = await runDoctor(resolved(h.dir.path));
    const quota = report.rows.find((r) => r.check === 'quota')!;
    expect(quota.status).toBe('warn');
    expect(quota.fact).toContain('not authorized to perform: servicequotas:ListServiceQuotas');
    expect(quota.fix).toContain('servicequotas:ListServiceQuotas');
    expect(report.summary.fail).toBe(0);
  });

  it('release.yaml pins another account → identity ✖', async () => {
    const report = await runDoctor(resolved(h.dir.path, { accountId: '999999999999' }));
    expect(report.rows[0]).toMatchObject({ check: 'identity', status: 'fail' });
    expect(report.rows[0]!.fact).toContain('pins environment dev to account 999999999999');
  });

  it('expired credentials → identity ✖ and the rest not run', async () => {
    h.aws.failNext('sts', 'GetCallerIdentity', {
      code: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
    const report = await runDoctor(resolved(h.dir.path));
    expect(statuses(report.rows)).toEqual({ identity: 'fail', rest: 'warn' });
    expect(report.rows[0]!.fact).toContain('ExpiredToken');
  });

  it('the image tag is not in ECR → image ✖ with the push commands', async () => {
    const report = await runDoctor(resolved(h.dir.path), { imageTag: 'nope' });
    const image = report.rows.find((r) => r.check === 'image')!;
    expect(image.status).toBe('fail');
    expect(image.fact).toContain(`${'iris-classifier'}:nope is not in ECR`);
    expect(image.fix).toContain('docker push');
  });
});

describe('a target that cannot be planned', () => {
  it('is ✖ with the error and its fix (the deploy would stop there too)', async () => {
    h.aws.sagemaker.seedEndpoint({ name: 'iris-dev', instanceType: 'ml.m5.large', instanceCount: 1 });
    const report = await runDoctor(resolved(h.dir.path));
    const plan = report.rows.find((r) => r.check === 'plan')!;
    expect(plan).toMatchObject({ status: 'fail', title: 'Plan (sagemaker)' });
    expect(plan.fact).toContain('not tagged mlship:app=iris');
    expect(report.rows.find((r) => r.check === 'image')!.status).toBe('warn');
  });
});
