import { describe, expect, it } from 'vitest';
import { engine, ops, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

async function deployedV1(): Promise<string> {
  const result = await engine(h, resolved(h.dir.path)).deploy();
  h.aws.calls.length = 0;
  return String(result.outputs.sagemaker?.endpointConfigName);
}

describe('deploy failures', () => {
  it('a failed update exits 1 with the FailureReason and the previous config still serves', async () => {
    const v1 = await deployedV1();
    h.aws.sagemaker.failNextUpdate(
      'The primary container for production variant AllTraffic did not pass the ping health check.',
    );
    const error = await engine(h, resolved(h.dir.path), { imageTag: 'v2' })
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPDATE_FAILED', exitCode: 1 });
    expect((error as Error).message).toContain('did not pass the ping health check');
    expect((error as Error).message).toContain(`${v1} still serves`);
    const endpoint = h.aws.sagemaker.requireEndpoint('iris-dev');
    expect(endpoint).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: v1 });
  });

  it('an update that ends InService on the old config after an alarm is reported as a rollback (exit 1)', async () => {
    const v1 = await deployedV1();
    h.aws.sagemaker.rollbackNextUpdate('iris-5xx');
    const config = resolved(h.dir.path, { deployment: { strategy: 'linear', rollbackAlarms: ['iris-5xx'] } });
    const e = engine(h, config, { imageTag: 'v2' });
    const error = await e.deploy().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEPLOY_ROLLED_BACK', exitCode: 1 });
    // The wait kept polling through RollingBack (a busy status) instead of stopping there.
    const progress = e.host.events.filter((ev) => ev.kind === 'progress').map((ev) => ev.text ?? '');
    const statuses = progress
      .filter((t) => t.startsWith('Updating endpoint iris-dev'))
      .map((t) => t.split(': ')[1]);
    expect(statuses).toEqual([undefined, 'Updating', 'RollingBack', 'InService']);
    expect((error as Error).message).toContain(`rolled iris-dev back to ${v1}`);
    expect((error as Error).message).toContain('iris-5xx');
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').EndpointConfigName).toBe(v1);
  });

  it('a failed first create exits 1; the next deploy deletes the Failed endpoint (with a message) and creates it', async () => {
    h.aws.sagemaker.failNextCreate('CannotStartContainerError. Please ensure the model container can start.');
    const error = await engine(h, resolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENDPOINT_FAILED', exitCode: 1 });
    expect((error as Error).message).toContain('CannotStartContainerError');
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').EndpointStatus).toBe('Failed');

    h.aws.calls.length = 0;
    const e = engine(h, resolved(h.dir.path));
    await e.deploy();
    expect(ops(h.aws)).toEqual(['DeleteEndpoint', 'CreateEndpoint']);
    expect(e.host.messages().join('\n')).toContain(
      'Deleting endpoint iris-dev: an earlier create left it Failed',
    );
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').EndpointStatus).toBe('InService');
  });

  it('throttling is retried by the SDK (adaptive mode) and the deploy completes', async () => {
    h.aws.failNext('sagemaker', 'CreateModel', { code: 'ThrottlingException', message: 'Rate exceeded' });
    await engine(h, resolved(h.dir.path)).deploy();
    const creates = h.aws.calls.filter((c) => c.operation === 'CreateModel');
    expect(creates.map((c) => c.error)).toEqual(['ThrottlingException', undefined]);
  });

  it('an AWS error that is not ours to fix surfaces with its code, exit 1', async () => {
    h.aws.failNext('sagemaker', 'CreateEndpoint', {
      code: 'ResourceLimitExceeded',
      message: "The account-level service limit 'ml.m5.large for endpoint usage' is 0 Instances",
    });
    const error = await engine(h, resolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AWS_ResourceLimitExceeded', exitCode: 1 });
    expect((error as Error).message).toBe(
      "sagemaker: ResourceLimitExceeded: The account-level service limit 'ml.m5.large for endpoint usage' is 0 Instances",
    );
  });

  it('refuses to take over an endpoint of the same name that mlship did not create (exit 2)', async () => {
    h.aws.sagemaker.seedEndpoint({ name: 'iris-dev', tags: { owner: 'data-team' } });
    const error = await engine(h, resolved(h.dir.path))
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENDPOINT_NOT_OURS', exitCode: 2 });
    expect((error as { hint: string }).hint).toContain('Key=mlship:app,Value=iris');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('an endpoint busy with another update is waited for', async () => {
    await deployedV1();
    h.aws.sagemaker.setEndpointStatus('iris-dev', 'Updating');
    const e = engine(h, resolved(h.dir.path), { imageTag: 'v2' });
    await e.deploy();
    expect(e.host.messages().join('\n')).toContain('Endpoint iris-dev is Updating; waiting for it');
    expect(ops(h.aws)).toContain('UpdateEndpoint');
  });

  it('with --no-wait a busy endpoint fails fast, changing nothing', async () => {
    await deployedV1();
    h.aws.sagemaker.setEndpointStatus('iris-dev', 'Updating');
    const error = await engine(h, resolved(h.dir.path), { imageTag: 'v2', wait: false })
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENDPOINT_BUSY', exitCode: 1 });
    expect((error as Error).message).toContain('iris-dev is Updating');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('gives up after the timeout while the endpoint stays Updating', async () => {
    await deployedV1();
    h.aws.sagemaker.holdUpdating();
    const e = engine(h, resolved(h.dir.path), { imageTag: 'v2', timeoutMinutes: 5 });
    const error = await e.deploy().catch((err: unknown) => err);
    h.aws.sagemaker.release();
    expect(error).toMatchObject({ code: 'WAIT_TIMEOUT', exitCode: 1 });
    // fast polls first, then the ~30 s cadence
    expect(e.clock.sleeps.slice(0, 6)).toEqual([2000, 4000, 8000, 15000, 30000, 30000]);
  });
});
