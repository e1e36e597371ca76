import { RecordingIoHost } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { cognitoDomains, QUOTA_CODE, resolved, runDoctor, seedQuota, useFakeAws } from './harness.js';

const h = useFakeAws();

describe('front door and --request-increase', () => {
  it('API Gateway: a free Cognito domain prefix is ✔, one taken by another pool is ✖', async () => {
    const config = resolved(h.dir.path, { front: 'apigateway', api: { apigateway: {} } });
    const free = await runDoctor(config);
    expect(free.rows.at(-1)).toMatchObject({
      check: 'front-door',
      status: 'ok',
      fact: 'Cognito domain prefix "iris-dev" is free',
    });
    cognitoDomains.set('iris-dev', 'us-east-1_Other1234');
    const taken = await runDoctor(config);
    expect(taken.rows.at(-1)).toMatchObject({ check: 'front-door', status: 'fail' });
    expect(taken.rows.at(-1)!.fact).toContain('taken by user pool us-east-1_Other1234');
  });

  it('Apigee: ⚠ not checked', async () => {
    const config = resolved(h.dir.path, {
      front: 'apigee',
      api: { apigee: { organization: 'acme', environment: 'prod', auth: { type: 'oauth' } } },
    });
    const report = await runDoctor(config);
    expect(report.rows.at(-1)).toMatchObject({ check: 'front-door', status: 'warn' });
    expect(report.rows.at(-1)!.fact).toContain('Apigee acme/prod: not checked');
  });

  it('--request-increase files the increase after a yes in a terminal, and asks nothing without a terminal', async () => {
    seedQuota(h.aws, 0);
    const asked = new RecordingIoHost({ interactive: true, confirmAnswers: [true] });
    const report = await runDoctor(resolved(h.dir.path), { host: asked, requestIncrease: true });
    expect(asked.events.find((e) => e.kind === 'confirm')?.text).toBe(
      "Request 'ml.m5.large for endpoint usage' = 1 in us-east-1 from AWS Service Quotas?",
    );
    expect(h.aws.quotas.requests).toMatchObject([
      { QuotaCode: QUOTA_CODE, DesiredValue: 1, Status: 'PENDING' },
    ]);
    expect(report.increaseRequestId).toBe(h.aws.quotas.requests[0]!.Id);

    const ci = new RecordingIoHost();
    const again = await runDoctor(resolved(h.dir.path), { host: ci, requestIncrease: true });
    expect(again.increaseRequestId).toBeUndefined();
    expect(ci.messages('warn').join('\n')).toContain('pass --yes');
    expect(h.aws.quotas.requests).toHaveLength(1);

    // Filing twice is refused by Service Quotas; doctor says so instead of failing.
    const twice = new RecordingIoHost();
    await runDoctor(resolved(h.dir.path), { host: twice, requestIncrease: true, yes: true });
    expect(twice.messages('warn').join('\n')).toContain('ResourceAlreadyExistsException');
  });

  it('--request-increase with a sufficient quota files nothing', async () => {
    const host = new RecordingIoHost({ interactive: true, confirmAnswers: [true] });
    await runDoctor(resolved(h.dir.path), { host, requestIncrease: true });
    expect(host.events.filter((e) => e.kind === 'confirm')).toEqual([]);
    expect(h.aws.quotas.requests).toEqual([]);
  });
});
