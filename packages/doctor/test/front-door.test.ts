import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { RecordingIoHost } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { QUOTA_CODE, resolved, runDoctor, seedQuota, useFakeAws } from './harness.js';

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
    // Another user pool of the account holds the prefix.
    const cognito = new CognitoIdentityProviderClient({ ...h.aws.clientConfig, maxAttempts: 1 });
    const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'someone-else' }));
    const id = pool.UserPool?.Id ?? '';
    await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: 'iris-dev' }));
    cognito.destroy();
    const taken = await runDoctor(config);
    expect(taken.rows.at(-1)).toMatchObject({ check: 'front-door', status: 'fail' });
    expect(taken.rows.at(-1)!.fact).toBe(`Cognito domain prefix "iris-dev" is taken by user pool ${id}`);

    // The same pool is this app's once the outputs file says so (a re-deploy keeps its domain).
    await mkdir(join(h.dir.path, '.mlship'), { recursive: true });
    const outputs = { env: 'dev', targets: { apigateway: { userPoolId: id } } };
    await writeFile(join(h.dir.path, '.mlship/dev.outputs.json'), JSON.stringify(outputs));
    const ours = await runDoctor(config);
    expect(ours.rows.at(-1)).toMatchObject({ check: 'front-door', status: 'ok' });
    expect(ours.rows.at(-1)!.fact).toContain(`belongs to this app's user pool ${id}`);
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
