import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ListServiceQuotasCommand,
  RequestServiceQuotaIncreaseCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
let sq: ServiceQuotasClient;
let sts: STSClient;
beforeAll(() => {
  sq = new ServiceQuotasClient({ ...h.fake.clientConfig, maxAttempts: 1 });
  sts = new STSClient({ ...h.fake.clientConfig, maxAttempts: 1 });
});
afterAll(() => {
  sq?.destroy();
  sts?.destroy();
});

describe('STS GetCallerIdentity', () => {
  it('answers the fake account, and a set identity until reset', async () => {
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/mlship-fake',
    });
    h.fake.sts.setIdentity({ Arn: 'arn:aws:sts::123456789012:assumed-role/deployer/ci', UserId: 'AROAX:ci' });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deployer/ci',
    );
    h.fake.reset();
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:iam::123456789012:user/mlship-fake',
    );
  });

  it('answers expired credentials as STS does, through failNext', async () => {
    h.fake.failNext('sts', 'GetCallerIdentity', {
      code: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
    const error = await rejection(sts.send(new GetCallerIdentityCommand({})));
    expect([error.name, error.message]).toEqual([
      'ExpiredToken',
      'The security token included in the request is expired',
    ]);
  });
});

describe('Service Quotas', () => {
  beforeEach(() => {
    for (let i = 1; i <= 5; i++) {
      h.fake.quotas.seedQuota({
        serviceCode: 'sagemaker',
        serviceName: 'Amazon SageMaker',
        quotaCode: `L-00000${i}`,
        quotaName: `ml.m5.${i}xlarge for endpoint usage`,
        defaultValue: 2,
        ...(i === 3 ? {} : { appliedValue: 2 * i }),
      });
    }
  });

  it('lists applied values only, paginated, in quota-code order', async () => {
    const first = await sq.send(new ListServiceQuotasCommand({ ServiceCode: 'sagemaker', MaxResults: 3 }));
    expect(first.Quotas?.map((q) => [q.QuotaCode, q.Value])).toEqual([
      ['L-000001', 2],
      ['L-000002', 4],
      ['L-000004', 8],
    ]);
    const second = await sq.send(
      new ListServiceQuotasCommand({ ServiceCode: 'sagemaker', MaxResults: 3, NextToken: first.NextToken }),
    );
    expect(second.Quotas?.map((q) => q.QuotaCode)).toEqual(['L-000005']);
    expect(second.NextToken).toBeUndefined();
    expect(second.Quotas?.[0]).toMatchObject({
      QuotaArn: 'arn:aws:servicequotas:us-east-1:123456789012:sagemaker/L-000005',
      QuotaName: 'ml.m5.5xlarge for endpoint usage',
      Adjustable: true,
    });
  });

  it('refuses a token from another listing, and an unknown service', async () => {
    const first = await sq.send(new ListServiceQuotasCommand({ ServiceCode: 'sagemaker', MaxResults: 1 }));
    const bad = await rejection(
      sq.send(
        new ListServiceQuotasCommand({
          ServiceCode: 'sagemaker',
          QuotaCode: 'L-000002',
          NextToken: first.NextToken,
        }),
      ),
    );
    expect(bad.name).toBe('InvalidPaginationTokenException');
    expect((await rejection(sq.send(new ListServiceQuotasCommand({ ServiceCode: 'lambda' })))).name).toBe(
      'NoSuchResourceException',
    );
  });

  it('tells applied from default values: no applied value means GetServiceQuota does not find it', async () => {
    expect(
      (await sq.send(new GetServiceQuotaCommand({ ServiceCode: 'sagemaker', QuotaCode: 'L-000004' }))).Quota
        ?.Value,
    ).toBe(8);
    const missing = await rejection(
      sq.send(new GetServiceQuotaCommand({ ServiceCode: 'sagemaker', QuotaCode: 'L-000003' })),
    );
    expect(missing.name).toBe('NoSuchResourceException');
    const def = await sq.send(
      new GetAWSDefaultServiceQuotaCommand({ ServiceCode: 'sagemaker', QuotaCode: 'L-000004' }),
    );
    expect(def.Quota?.Value).toBe(2);
  });

  it('records an increase request as PENDING; approve() applies it; a second pending request is refused', async () => {
    const out = await sq.send(
      new RequestServiceQuotaIncreaseCommand({
        ServiceCode: 'sagemaker',
        QuotaCode: 'L-000003',
        DesiredValue: 6,
      }),
    );
    expect(out.RequestedQuota).toMatchObject({ Status: 'PENDING', DesiredValue: 6, QuotaCode: 'L-000003' });
    const again = await rejection(
      sq.send(
        new RequestServiceQuotaIncreaseCommand({
          ServiceCode: 'sagemaker',
          QuotaCode: 'L-000003',
          DesiredValue: 8,
        }),
      ),
    );
    expect(again.name).toBe('ResourceAlreadyExistsException');
    h.fake.quotas.approve(out.RequestedQuota?.Id ?? '');
    expect(
      (await sq.send(new GetServiceQuotaCommand({ ServiceCode: 'sagemaker', QuotaCode: 'L-000003' }))).Quota
        ?.Value,
    ).toBe(6);
    const lower = await rejection(
      sq.send(
        new RequestServiceQuotaIncreaseCommand({
          ServiceCode: 'sagemaker',
          QuotaCode: 'L-000003',
          DesiredValue: 6,
        }),
      ),
    );
    expect(lower.name).toBe('IllegalArgumentException');
  });

  it('answers AccessDeniedException for every call while access is denied', async () => {
    h.fake.quotas.denyAccess();
    const error = await rejection(sq.send(new ListServiceQuotasCommand({ ServiceCode: 'sagemaker' })));
    expect([error.name, error.message]).toEqual([
      'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/mlship-fake is not authorized to perform: servicequotas:ListServiceQuotas',
    ]);
  });
});
