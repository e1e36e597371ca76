import { join } from 'node:path';
import { type DeployContext, manualClock, type Permission, RecordingIoHost } from '@mlship/core';
import { sdkCommandsIn } from '@mlship/test-support';
import { describe, expect, it } from 'vitest';
import { CALLS } from '../src/iam.js';
import { deployer } from '../src/index.js';
import { ACCOUNT, resolved, useFakeAws } from './harness.js';

const SRC = join(import.meta.dirname, '../src');

const commandsCalled = () => sdkCommandsIn(SRC);

/** API Gateway authorizes a call by the HTTP verb of its REST operation. */
const VERB: Array<[RegExp, string]> = [
  [/^Get/, 'GET'],
  [/^Create/, 'POST'],
  [/^Put/, 'PUT'],
  [/^Update/, 'PATCH'],
  [/^Delete/, 'DELETE'],
];
function expectedAction(client: string, command: string): string {
  if (client === 'api-gateway') return `apigateway:${VERB.find(([re]) => re.test(command))?.[1]}`;
  const prefix = { 'cognito-identity-provider': 'cognito-idp', 'cloudwatch-logs': 'logs', lambda: 'lambda' }[
    client
  ];
  return `${prefix}:${command}`;
}

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

  it('each action is its command in the service of its client (API Gateway: the HTTP verb)', () => {
    for (const [key, call] of Object.entries(CALLS)) {
      const [client, command] = key.split('/');
      expect(call.action, key).toBe(expectedAction(client!, command!));
    }
  });
});

const GATEWAY = 'arn:aws:apigateway:us-east-1::';
const ALIAS = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:iris-dev-proxy:live`;
const actionsOf = (permissions: Permission[]) => [...new Set(permissions.map((p) => p.action))];

describe('permissions(ctx, plan) against the fakes: what apply calls, on the resources it names', () => {
  const h = useFakeAws();
  const context = (): DeployContext =>
    ({
      resolved: resolved(h.dir.path, { accessLogs: { retentionInDays: 7 } }),
      host: new RecordingIoHost(),
      upstream: { lambda: { functionName: 'iris-dev-proxy', aliasName: 'live', aliasArn: ALIAS } },
      wait: true,
      clock: manualClock(Date.now()),
      env: { ...process.env },
      cwd: h.dir.path,
    }) as unknown as DeployContext;
  const operationAction = (service: string, operation: string) =>
    service === 'apigateway'
      ? expectedAction('api-gateway', operation)
      : `${service === 'cognito-idp' ? 'cognito-idp' : service}:${operation}`;

  it('a first deploy: every mutating call apply made was declared by the plan, on the resources it names', async () => {
    const ctx = context();
    const plan = deployer.plan(ctx, await deployer.read(ctx));
    const declared = deployer.permissions!(ctx, plan);
    h.aws.calls.length = 0;
    await deployer.apply(plan, ctx);
    const made = h.aws.mutatingCalls().map((c) => operationAction(c.service, c.operation));
    expect(made).toEqual(
      expect.arrayContaining(['cognito-idp:CreateUserPool', 'apigateway:POST', 'lambda:AddPermission']),
    );
    expect([...new Set(made)].filter((action) => !actionsOf(declared).includes(action))).toEqual([]);
    expect(declared).toContainEqual({
      action: 'apigateway:POST',
      resource: `${GATEWAY}/restapis`,
      sid: 'ApiGatewayCreateTagged',
      context: { 'aws:RequestTag/mlship:app': 'iris' },
    });
    expect(declared).toContainEqual({
      action: 'lambda:AddPermission',
      resource: ALIAS,
      sid: 'AddInvokePermission',
      context: { 'lambda:Principal': 'apigateway.amazonaws.com' },
    });
    expect(declared).toContainEqual({
      action: 'logs:CreateLogGroup',
      resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/mlship/iris-dev/apigateway-access`,
      sid: 'AccessLogGroup',
    });
  });

  it('a second deploy with a new throttle: PATCH on the existing stage and usage plan by their ids, nothing created', async () => {
    const ctx = context();
    await deployer.apply(deployer.plan(ctx, await deployer.read(ctx)), ctx);
    const [api] = [...h.aws.apigateway.restApis.values()];
    const [usagePlan] = [...h.aws.apigateway.usagePlans.values()];
    const changed = {
      ...ctx,
      resolved: resolved(h.dir.path, {
        accessLogs: { retentionInDays: 7 },
        throttle: { rateLimit: 7, burstLimit: 9 },
      }),
    };
    const declared = deployer.permissions!(changed, deployer.plan(changed, await deployer.read(changed)));
    const writes = declared.filter((p) => !/:(Get|List|Describe)|:GET$/.test(p.action));
    expect(writes.map((p) => `${p.action} ${p.resource}`)).toEqual([
      `apigateway:PATCH ${GATEWAY}/restapis/${api?.id}/stages/v1`,
      `apigateway:PATCH ${GATEWAY}/usageplans/${usagePlan?.id}`,
    ]);
  });

  it('without a plan (doctor, --print-policy): the whole lifecycle; no log-group calls unless mlship manages it', () => {
    const all = (apigateway: Record<string, unknown>) =>
      actionsOf(deployer.permissions!({ ...context(), resolved: resolved(h.dir.path, apigateway) }));
    expect(all({})).toEqual(expect.arrayContaining(['apigateway:DELETE', 'cognito-idp:DeleteUserPool']));
    expect(all({}).some((a) => a.startsWith('logs:'))).toBe(false);
    expect(all({ accessLogs: { retentionInDays: 7 } })).toContain('logs:CreateLogGroup');
  });
});
