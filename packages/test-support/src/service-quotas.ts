import { randomUUID } from 'node:crypto';
import { page } from './paging.js';
import { AwsError } from './server/aws-error.js';
import type { Handler } from './server/service.js';

export interface SeedQuota {
  serviceCode: string;
  quotaCode: string;
  quotaName: string;
  defaultValue: number;
  /** The account's applied value; without it the quota is not listed and GetServiceQuota does not find it. */
  appliedValue?: number;
  serviceName?: string;
  unit?: string;
  adjustable?: boolean;
  globalQuota?: boolean;
}

interface QuotaRecord extends Required<Omit<SeedQuota, 'appliedValue'>> {
  appliedValue?: number;
}

export interface QuotaRequest {
  Id: string;
  ServiceCode: string;
  ServiceName: string;
  QuotaCode: string;
  QuotaName: string;
  QuotaArn: string;
  DesiredValue: number;
  Status: 'PENDING' | 'CASE_OPENED' | 'APPROVED' | 'DENIED' | 'CASE_CLOSED';
  Created: Date;
  LastUpdated: Date;
  Unit: string;
  GlobalQuota: boolean;
}

/** Service Quotas: applied vs default values, pagination, increase requests. Behaviour: FAKES.md. */
export class FakeServiceQuotas {
  private readonly quotas = new Map<string, QuotaRecord>();
  readonly requests: QuotaRequest[] = [];
  private denied = false;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  seedQuota(quota: SeedQuota): void {
    this.quotas.set(`${quota.serviceCode}/${quota.quotaCode}`, {
      serviceName: quota.serviceCode,
      unit: 'None',
      adjustable: true,
      globalQuota: false,
      ...quota,
    });
  }

  /** Every call answers AccessDeniedException (the caller lacks servicequotas:* permissions) until reset(). */
  denyAccess(denied = true): void {
    this.denied = denied;
  }

  /** Approves a pending increase request: the applied value becomes the desired value. */
  approve(requestId: string): void {
    const request = this.requests.find((r) => r.Id === requestId);
    if (!request) throw new Error(`no quota request ${requestId}`);
    request.Status = 'APPROVED';
    request.LastUpdated = new Date();
    const quota = this.quotas.get(`${request.ServiceCode}/${request.QuotaCode}`);
    if (quota) quota.appliedValue = request.DesiredValue;
  }

  reset(): void {
    this.quotas.clear();
    this.requests.length = 0;
    this.denied = false;
  }

  operations(): Record<string, Handler> {
    const guarded =
      (action: string, fn: Handler): Handler =>
      (input) => {
        if (this.denied) {
          throw new AwsError(
            'AccessDeniedException',
            `User: arn:aws:iam::${this.accountId}:user/mlship-fake is not authorized to perform: servicequotas:${action}`,
          );
        }
        return fn(input);
      };
    return {
      ListServiceQuotas: guarded('ListServiceQuotas', (input) => this.list(input, 'applied')),
      ListAWSDefaultServiceQuotas: guarded('ListAWSDefaultServiceQuotas', (input) =>
        this.list(input, 'default'),
      ),
      GetServiceQuota: guarded('GetServiceQuota', (input) => {
        const quota = this.find(input.ServiceCode, input.QuotaCode);
        if (quota.appliedValue === undefined) throw noSuchQuota(input.ServiceCode, input.QuotaCode);
        return { Quota: this.describe(quota, quota.appliedValue) };
      }),
      GetAWSDefaultServiceQuota: guarded('GetAWSDefaultServiceQuota', (input) => {
        const quota = this.find(input.ServiceCode, input.QuotaCode);
        return { Quota: this.describe(quota, quota.defaultValue) };
      }),
      RequestServiceQuotaIncrease: guarded('RequestServiceQuotaIncrease', (input) => this.request(input)),
    };
  }

  private list(
    input: { ServiceCode: string; QuotaCode?: string; MaxResults?: number; NextToken?: string },
    values: 'applied' | 'default',
  ) {
    const all = [...this.quotas.values()].filter((q) => q.serviceCode === input.ServiceCode);
    if (all.length === 0) {
      throw new AwsError(
        'NoSuchResourceException',
        `The request failed because the specified service does not exist.`,
      );
    }
    const listed = all
      .filter((q) => values === 'default' || q.appliedValue !== undefined)
      .filter((q) => !input.QuotaCode || q.quotaCode === input.QuotaCode)
      .sort((a, b) => a.quotaCode.localeCompare(b.quotaCode));
    const { items, nextToken } = page(
      listed,
      input.NextToken,
      input.MaxResults ?? 100,
      `${values}/${input.ServiceCode}/${input.QuotaCode ?? ''}`,
      () => new AwsError('InvalidPaginationTokenException', 'Invalid pagination token'),
    );
    return {
      Quotas: items.map((q) =>
        this.describe(q, (values === 'default' ? q.defaultValue : q.appliedValue) as number),
      ),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  }

  private request(input: { ServiceCode: string; QuotaCode: string; DesiredValue: number }) {
    const quota = this.find(input.ServiceCode, input.QuotaCode);
    if (!quota.adjustable) {
      throw new AwsError('IllegalArgumentException', `Quota ${input.QuotaCode} is not adjustable.`);
    }
    const current = quota.appliedValue ?? quota.defaultValue;
    if (input.DesiredValue <= current) {
      throw new AwsError(
        'IllegalArgumentException',
        `The desired value ${input.DesiredValue} must be greater than the current value ${current}.`,
      );
    }
    const open = this.requests.find(
      (r) => r.ServiceCode === input.ServiceCode && r.QuotaCode === input.QuotaCode && r.Status === 'PENDING',
    );
    if (open) {
      throw new AwsError(
        'ResourceAlreadyExistsException',
        `A request for ${input.QuotaCode} is already pending.`,
      );
    }
    const now = new Date();
    const request: QuotaRequest = {
      Id: randomUUID().replaceAll('-', ''),
      ServiceCode: quota.serviceCode,
      ServiceName: quota.serviceName,
      QuotaCode: quota.quotaCode,
      QuotaName: quota.quotaName,
      QuotaArn: this.arn(quota),
      DesiredValue: input.DesiredValue,
      Status: 'PENDING',
      Created: now,
      LastUpdated: now,
      Unit: quota.unit,
      GlobalQuota: quota.globalQuota,
    };
    this.requests.push(request);
    return { RequestedQuota: { ...request } };
  }

  private find(serviceCode: string, quotaCode: string): QuotaRecord {
    const quota = this.quotas.get(`${serviceCode}/${quotaCode}`);
    if (!quota) throw noSuchQuota(serviceCode, quotaCode);
    return quota;
  }

  private arn(q: QuotaRecord): string {
    return `arn:aws:servicequotas:${this.region}:${this.accountId}:${q.serviceCode}/${q.quotaCode}`;
  }

  private describe(q: QuotaRecord, value: number) {
    return {
      ServiceCode: q.serviceCode,
      ServiceName: q.serviceName,
      QuotaArn: this.arn(q),
      QuotaCode: q.quotaCode,
      QuotaName: q.quotaName,
      Value: value,
      Unit: q.unit,
      Adjustable: q.adjustable,
      GlobalQuota: q.globalQuota,
    };
  }
}

function noSuchQuota(serviceCode: string, quotaCode: string): AwsError {
  return new AwsError(
    'NoSuchResourceException',
    `The request failed because the specified quota ${quotaCode} of service ${serviceCode} does not exist.`,
  );
}
