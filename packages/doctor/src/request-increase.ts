import { RequestServiceQuotaIncreaseCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { awsClient, type DeployContext } from '@mlship/core';
import { type CheckRow, errorMessage, errorName } from './types.js';

/**
 * `--request-increase`: files the increase a short quota row asks for, after a yes in a terminal (or --yes).
 * Returns the request id, or undefined when nothing was filed.
 */
export async function requestIncrease(
  ctx: DeployContext,
  row: CheckRow,
  yes: boolean,
): Promise<string | undefined> {
  const data = row.data as {
    quotaCode?: string;
    quotaName?: string;
    inUse?: number;
    count?: number;
    max?: number;
  };
  if (!data?.quotaCode || row.status === 'ok') return undefined;
  const desired = (data.inUse ?? 0) + Math.max(data.count ?? 0, data.max ?? 0);
  const { region } = ctx.resolved.config;
  const question = `Request '${data.quotaName}' = ${desired} in ${region} from AWS Service Quotas?`;
  if (!yes) {
    if (!ctx.host.interactive) {
      ctx.host.notify({
        level: 'warn',
        code: 'QUOTA_INCREASE_FAILED',
        message: 'Not filed: --request-increase asks in a terminal; pass --yes to file it from CI.',
      });
      return undefined;
    }
    if (!(await ctx.host.confirm(question, { default: false }))) return undefined;
  }
  try {
    const out = await awsClient(ctx, ServiceQuotasClient).send(
      new RequestServiceQuotaIncreaseCommand({
        ServiceCode: 'sagemaker',
        QuotaCode: data.quotaCode,
        DesiredValue: desired,
      }),
    );
    const id = out.RequestedQuota?.Id ?? '';
    ctx.host.notify({
      level: 'success',
      code: 'QUOTA_INCREASE_REQUESTED',
      message: `Requested '${data.quotaName}' = ${desired} in ${region} (request ${id}, ${out.RequestedQuota?.Status ?? 'PENDING'}).`,
      data: { id, desired, quotaCode: data.quotaCode },
    });
    return id;
  } catch (error) {
    ctx.host.notify({
      level: 'warn',
      code: 'QUOTA_INCREASE_FAILED',
      message: `Service Quotas refused the request (${errorName(error)}): ${errorMessage(error)}`,
    });
    return undefined;
  }
}
