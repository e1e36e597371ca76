import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import {
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
let iam: IAMClient;
let sq: ServiceQuotasClient;
const USER = 'arn:aws:iam::123456789012:user/mlship-fake';
beforeAll(() => {
  iam = new IAMClient({ ...h.fake.clientConfig, maxAttempts: 1 });
  sq = new ServiceQuotasClient({ ...h.fake.clientConfig, maxAttempts: 1 });
});
afterAll(() => {
  iam?.destroy();
  sq?.destroy();
});

const decisions = async (input: ConstructorParameters<typeof SimulatePrincipalPolicyCommand>[0]) =>
  ((await iam.send(new SimulatePrincipalPolicyCommand(input))).EvaluationResults ?? []).map(
    (r) => `${r.EvalActionName} ${r.EvalResourceName} ${r.EvalDecision}`,
  );

describe('IAM SimulatePrincipalPolicy', () => {
  it('the default caller may do anything; a test sets a principal’s policies', async () => {
    expect(await decisions({ PolicySourceArn: USER, ActionNames: ['sagemaker:CreateEndpoint'] })).toEqual([
      'sagemaker:CreateEndpoint * allowed',
    ]);
    h.fake.iam.setPrincipalPolicies(USER, {
      Statement: [
        { Effect: 'Allow', Action: 'sagemaker:*', Resource: 'arn:aws:sagemaker:*:*:endpoint/iris-*' },
        { Effect: 'Deny', Action: 'sagemaker:DeleteEndpoint', Resource: '*' },
      ],
    });
    expect(
      await decisions({
        PolicySourceArn: USER,
        ActionNames: ['sagemaker:CreateEndpoint', 'sagemaker:DeleteEndpoint', 'ecr:DescribeImages'],
        ResourceArns: ['arn:aws:sagemaker:us-east-1:123456789012:endpoint/iris-dev'],
      }),
    ).toEqual([
      'sagemaker:CreateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/iris-dev allowed',
      'sagemaker:DeleteEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/iris-dev explicitDeny',
      'ecr:DescribeImages arn:aws:sagemaker:us-east-1:123456789012:endpoint/iris-dev implicitDeny',
    ]);
  });

  it('evaluates conditions against the context entries and names the keys nobody supplied', async () => {
    h.fake.iam.setPrincipalPolicies(USER, {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sagemaker:CreateModel',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestTag/mlship:app': 'iris' } },
        },
      ],
    });
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: USER, ActionNames: ['sagemaker:CreateModel'] }),
    );
    expect(out.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:RequestTag/mlship:app'],
    });
    const context = (value: string) => ({
      PolicySourceArn: USER,
      ActionNames: ['sagemaker:CreateModel'],
      ContextEntries: [
        {
          ContextKeyName: 'aws:RequestTag/mlship:app',
          ContextKeyValues: [value],
          ContextKeyType: 'string' as const,
        },
      ],
    });
    expect(await decisions(context('iris'))).toEqual(['sagemaker:CreateModel * allowed']);
    expect(await decisions(context('churn'))).toEqual(['sagemaker:CreateModel * implicitDeny']);
  });

  it('a role’s own inline policies; an unknown principal is NoSuchEntity; pages with MaxItems/Marker', async () => {
    const role = h.fake.iam.seedRole('exec', {
      trustService: 'sagemaker.amazonaws.com',
      policies: { pull: { Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }] } },
    });
    const first = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: role.Arn,
        ActionNames: ['ecr:BatchGetImage', 'logs:PutLogEvents', 'ecr:GetAuthorizationToken'],
        MaxItems: 2,
      }),
    );
    expect(first.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: role.Arn,
        ActionNames: ['ecr:BatchGetImage', 'logs:PutLogEvents', 'ecr:GetAuthorizationToken'],
        Marker: first.Marker,
      }),
    );
    expect(second.EvaluationResults?.map((r) => r.EvalActionName)).toEqual(['ecr:GetAuthorizationToken']);
    expect(second.IsTruncated).toBe(false);
    expect(
      await rejection(
        iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: 'arn:aws:iam::123456789012:user/nobody',
            ActionNames: ['s3:GetObject'],
          }),
        ),
      ),
    ).toMatchObject({ name: 'NoSuchEntityException', message: 'The user with name nobody cannot be found.' });
  });

  it('denyAccess answers AccessDenied (403) for the named operations only', async () => {
    h.fake.iam.seedRole('exec');
    h.fake.iam.denyAccess('SimulatePrincipalPolicy');
    const denied = await rejection(
      iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: USER, ActionNames: ['s3:GetObject'] })),
    );
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect((await iam.send(new GetRoleCommand({ RoleName: 'exec' }))).Role?.RoleName).toBe('exec');
  });
});

describe('Service Quotas ListAWSDefaultServiceQuotas', () => {
  it('lists every quota with its default value, also those never applied', async () => {
    h.fake.quotas.seedQuota({
      serviceCode: 'sagemaker',
      quotaCode: 'L-1',
      quotaName: 'a',
      defaultValue: 0,
      appliedValue: 4,
    });
    h.fake.quotas.seedQuota({ serviceCode: 'sagemaker', quotaCode: 'L-2', quotaName: 'b', defaultValue: 2 });
    const defaults = await sq.send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'sagemaker' }));
    expect(defaults.Quotas?.map((q) => [q.QuotaCode, q.Value])).toEqual([
      ['L-1', 0],
      ['L-2', 2],
    ]);
    const applied = await sq.send(new ListServiceQuotasCommand({ ServiceCode: 'sagemaker' }));
    expect(applied.Quotas?.map((q) => [q.QuotaCode, q.Value])).toEqual([['L-1', 4]]);
  });
});
