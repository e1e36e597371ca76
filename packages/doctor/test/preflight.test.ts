import { isMlshipError, type MlshipError, type RecordingIoHost } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, QUOTA_NAME, resolved, runDeploy, seedQuota, useFakeAws } from './harness.js';

const h = useFakeAws();
const USER = `arn:aws:iam::${ACCOUNT}:user/mlship-fake`;

async function failure(promise: Promise<unknown>): Promise<MlshipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMlshipError(error)) throw new Error(`expected an MlshipError, got ${String(error)}`);
  return error;
}

const codes = (host: RecordingIoHost) =>
  host.events.flatMap((e) => (e.message?.code ? [e.message.code] : []));

describe('deploy preflight', () => {
  it('all green: the deploy applies after simulating the planned calls on the planned resources', async () => {
    const { result } = runDeploy(resolved(h.dir.path));
    const done = await result;
    expect(done.changed).toBe(true);
    const inputs = h.aws.calls
      .filter((c) => c.operation === 'SimulatePrincipalPolicy')
      .map((c) => c.input as { PolicySourceArn: string; ResourceArns: string[] });
    const resources = inputs.filter((i) => i.PolicySourceArn === USER).flatMap((i) => i.ResourceArns);
    expect(resources).toContain(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/iris-dev`);
    expect(resources.some((r) => /model\/iris-dev-[0-9a-f]{8}$/.test(r))).toBe(true);
    // The preflight runs before the first change.
    const first = h.aws.calls.findIndex((c) => !/^(Describe|List|Get|Simulate)/.test(c.operation));
    const lastSimulate = h.aws.calls.findLastIndex((c) => c.operation === 'SimulatePrincipalPolicy');
    expect(lastSimulate).toBeLessThan(first);
  });

  it('quota 0 → exit 2 with the doctor table, 0 mutating calls', async () => {
    seedQuota(h.aws, 0);
    const error = await failure(runDeploy(resolved(h.dir.path)).result);
    expect(error.code).toBe('PREFLIGHT_FAILED');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`✖ Instance quota`);
    expect(error.message).toContain(`The quota '${QUOTA_NAME}' in us-east-1 is 0`);
    expect(error.hint).toContain('mlship doctor --env dev');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('a principal without sagemaker:CreateEndpoint → exit 2 listing it, 0 mutating calls', async () => {
    h.aws.iam.setPrincipalPolicies(USER, {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'sagemaker:CreateEndpoint', Resource: '*' },
      ],
    });
    const error = await failure(runDeploy(resolved(h.dir.path)).result);
    expect(error.code).toBe('PREFLIGHT_FAILED');
    expect(error.message).toContain(
      `✖ Deploying principal  ${USER} may not: sagemaker:CreateEndpoint on arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/iris-dev`,
    );
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('a role trusted by the wrong service → exit 2, 0 mutating calls', async () => {
    h.aws.iam.roles.clear();
    h.aws.iam.seedRole('sagemaker-exec', { trustService: 'ec2.amazonaws.com' });
    const error = await failure(runDeploy(resolved(h.dir.path)).result);
    expect(error.message).toContain('✖ Execution role');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('credentials of another account than release.yaml pins → exit 2, 0 mutating calls', async () => {
    const error = await failure(runDeploy(resolved(h.dir.path, { accountId: '210987654321' })).result);
    expect(error.message).toContain('✖ Identity');
    expect(error.message).toContain('pins environment dev to account 210987654321');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('autoscaling max above the quota → ⚠ and the deploy proceeds', async () => {
    const { host, result } = runDeploy(
      resolved(h.dir.path, {
        sagemaker: { autoscaling: { enabled: true, minInstances: 1, maxInstances: 4 } },
      }),
    );
    await result;
    const warning = host.events.find((e) => e.message?.code === 'DOCTOR_REPORT')?.message;
    expect(warning).toMatchObject({ level: 'warn' });
    expect(JSON.stringify(warning)).toContain('autoscaling up to 4 would need 4: it stops at 2');
    expect(h.aws.sagemaker.endpoints.size).toBe(1);
  });

  it('an update counts the running fleet (blue/green keeps it until the new one serves)', async () => {
    await runDeploy(resolved(h.dir.path)).result;
    h.aws.calls.length = 0;
    const error = await failure(
      runDeploy(resolved(h.dir.path, { sagemaker: { instance: { type: 'ml.m5.large', count: 2 } } })).result,
    );
    expect(error.message).toContain('this deploy needs 2 on top of the 1 running (3 in all)');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('a re-run without changes runs no preflight and makes 0 mutating calls', async () => {
    await runDeploy(resolved(h.dir.path)).result;
    h.aws.calls.length = 0;
    await runDeploy(resolved(h.dir.path)).result;
    expect(h.aws.calls.filter((c) => c.operation === 'SimulatePrincipalPolicy')).toEqual([]);
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('--skip-preflight: a notice says what was not checked; a quota refusal at CreateEndpoint gives the same message and fix, and removes what was created', async () => {
    seedQuota(h.aws, 0);
    h.aws.sagemaker.limits = { instances: { 'ml.m5.large': 0 } };
    const preflightError = await failure(runDeploy(resolved(h.dir.path)).result);
    h.aws.calls.length = 0;
    const { host, result } = runDeploy(resolved(h.dir.path), { skipPreflight: true });
    const error = await failure(result);
    expect(codes(host)).toContain('PREFLIGHT_SKIPPED');
    expect(h.aws.calls.filter((c) => c.operation === 'SimulatePrincipalPolicy')).toEqual([]);
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      `The quota '${QUOTA_NAME}' in us-east-1 is 0; this deploy needs 1 on top of the 0 running (1 in all).`,
    );
    expect(preflightError.message).toContain(error.message);
    expect(error.hint).toContain(
      'aws service-quotas request-service-quota-increase --service-code sagemaker',
    );
    expect(error.hint).toContain(`QuotaName=='${QUOTA_NAME}'`);
    expect(error.hint).toContain('mlship doctor --env dev --request-increase');
    expect(h.aws.mutatingCalls().map((c) => c.operation)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
    ]);
    expect(h.aws.sagemaker.models.size).toBe(0);
    expect(h.aws.sagemaker.endpointConfigs.size).toBe(0);
    expect(h.aws.sagemaker.endpoints.size).toBe(0);
  });
});
