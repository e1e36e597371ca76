import { join } from 'node:path';
import type { Permission } from '@mlship/core';
import { sdkCommandsIn } from '@mlship/test-support';
import { describe, expect, it } from 'vitest';
import { CALLS } from '../src/iam.js';
import { deployer } from '../src/index.js';
import { ACCOUNT, context, deployOnce, resolved, useFakeAws } from './harness.js';

const SRC = join(import.meta.dirname, '../src');

const commandsCalled = () => sdkCommandsIn(SRC);

const PREFIX: Record<string, string> = {
  lambda: 'lambda',
  iam: 'iam',
  elasticache: 'elasticache',
  'cloudwatch-logs': 'logs',
};

describe('iam.ts declares the IAM action of every call the deployer makes', () => {
  it('has an entry for each SDK command in src/ (so the declared policy cannot drift)', () => {
    const called = commandsCalled();
    expect(called.size).toBeGreaterThan(40);
    const undeclared = [...called]
      .filter(([key]) => !CALLS[key])
      .map(([k, files]) => `${k} in ${files.join(', ')}`);
    expect(undeclared).toEqual([]);
  });

  it('declares no call the source does not make', () => {
    const called = commandsCalled();
    expect(Object.keys(CALLS).filter((key) => !called.has(key))).toEqual([]);
  });

  it('each action is its command in the service of its client', () => {
    for (const [key, call] of Object.entries(CALLS)) {
      const [client, command] = key.split('/');
      expect(call.action, key).toBe(`${PREFIX[client!]}:${command}`);
    }
  });
});

const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy`;
const actionsOf = (permissions: Permission[]) => [...new Set(permissions.map((p) => p.action))];

describe('permissions(ctx, plan) against the fakes: what apply calls, on the resources it names', () => {
  const h = useFakeAws();
  const SERVICE_PREFIX: Record<string, string> = {
    lambda: 'lambda',
    iam: 'iam',
    elasticache: 'elasticache',
    logs: 'logs',
  };

  it('a first deploy behind Apigee: every mutating call apply made was declared by the plan', async () => {
    const ctx = context(
      resolved({
        front: 'apigee',
        api: { apigee: { organization: 'o', environment: 'e', auth: { type: 'oauth' } } },
      }),
    );
    const current = await deployer.read(ctx);
    const plan = deployer.plan(ctx, current);
    const declared = deployer.permissions!(ctx, plan);
    h.aws.calls.length = 0;
    await deployer.apply(plan, ctx);
    const made = h.aws.mutatingCalls().map((c) => `${SERVICE_PREFIX[c.service] ?? c.service}:${c.operation}`);
    expect(made).toContain('lambda:CreateFunction');
    expect(made.filter((action) => !actionsOf(declared).includes(action))).toEqual([]);
    expect(declared).toContainEqual({ action: 'lambda:CreateFunction', resource: FN, sid: 'ProxyFunction' });
    expect(declared).toContainEqual({
      action: 'iam:PassRole',
      resource: `arn:aws:iam::${ACCOUNT}:role/iris-dev-proxy`,
      sid: 'PassProxyRole',
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    });
    expect(declared).toContainEqual({
      action: 'lambda:CreateFunctionUrlConfig',
      resource: `${FN}:live`,
      sid: 'ProxyFunctionUrl',
      context: { 'lambda:FunctionUrlAuthType': 'NONE' },
    });
  });

  it('a re-run with no change declares only reads', async () => {
    const ctx = context(resolved());
    await deployOnce(ctx);
    const plan = deployer.plan(ctx, await deployer.read(ctx));
    expect(
      actionsOf(deployer.permissions!(ctx, plan)).filter((a) => !/:(Get|List|Describe)/.test(a)),
    ).toEqual([]);
  });

  it('without a plan (doctor, --print-policy): the whole lifecycle, with no Function URL for API Gateway', () => {
    const all = actionsOf(deployer.permissions!(context(resolved())));
    expect(all).toEqual(
      expect.arrayContaining(['lambda:DeleteFunction', 'iam:DeleteRole', 'logs:FilterLogEvents']),
    );
    expect(all).not.toContain('lambda:CreateFunctionUrlConfig');
    expect(all.some((a) => a.startsWith('elasticache:'))).toBe(false);
  });
});
