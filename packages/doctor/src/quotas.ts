import { type DeployContext, endpointName, type QuotaShortfall, quotaFix, quotaMessage } from '@mlship/core';
import { type Quota, sagemakerQuotas } from './quota-lookup.js';
import { type CheckRow, errorMessage, errorName, fail, isAccessDenied, ok, warn } from './types.js';
import { instanceUsage, type Usage } from './usage.js';

export interface QuotaNeed {
  /** Instances the new endpoint config starts with. */
  count: number;
  /** Autoscaling's maximum, when autoscaling is on. */
  max?: number;
  /** The update is blue/green: the running fleet stays up until the new one serves. */
  blueGreen: boolean;
}

const TITLE = 'Instance quota';

/** What release.yaml asks of the quota (doctor, without a plan). */
export function needFromConfig(ctx: DeployContext): QuotaNeed {
  const { instance, autoscaling } = ctx.resolved.config.sagemaker;
  return {
    count: autoscaling.enabled ? Math.max(instance.count, autoscaling.minInstances) : instance.count,
    ...(autoscaling.enabled ? { max: autoscaling.maxInstances } : {}),
    blueGreen: true,
  };
}

/** Service Quotas `<type> for endpoint usage` against this deploy's need plus the other endpoints' usage. */
export async function checkQuota(ctx: DeployContext, need: QuotaNeed): Promise<CheckRow> {
  const { config, env } = ctx.resolved;
  const type = config.sagemaker.instance.type;
  const quotaName = `${type} for endpoint usage`;
  let quota: Quota | undefined;
  try {
    quota = (await sagemakerQuotas(ctx)).get(quotaName);
  } catch (error) {
    if (isAccessDenied(error)) {
      return warn(
        'quota',
        TITLE,
        `Cannot read Service Quotas: ${errorMessage(error)}`,
        'Allow servicequotas:ListServiceQuotas and servicequotas:ListAWSDefaultServiceQuotas to the deploying principal, or check the quota in the Service Quotas console.',
      );
    }
    // Service Quotas answers so for a service it holds no quotas of (then the quota is simply not found).
    if (errorName(error) !== 'NoSuchResourceException') throw error;
  }
  if (!quota) {
    return warn(
      'quota',
      TITLE,
      `Service Quotas has no quota named '${quotaName}' in ${config.region}`,
      `Check that ${type} is offered for SageMaker endpoints in ${config.region}.`,
    );
  }
  let usage: Usage;
  let usageNote = '';
  try {
    usage = await instanceUsage(ctx, type, endpointName(config.name, env));
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    usage = { others: 0, own: 0, endpoints: [] };
    usageNote = ' (usage by other endpoints unknown: allow sagemaker:ListEndpoints)';
  }
  const inUse = usage.others + (need.blueGreen ? usage.own : 0);
  const shortfall: QuotaShortfall = {
    quotaName,
    value: quota.value,
    inUse,
    need: need.count,
    region: config.region,
    quotaCode: quota.code,
    env,
    ...(need.max && need.max > need.count ? { desired: inUse + need.max } : {}),
  };
  const data = { quotaName, quotaCode: quota.code, value: quota.value, source: quota.source, inUse, ...need };
  if (inUse + need.count > quota.value) {
    return fail('quota', TITLE, quotaMessage(shortfall) + usageNote, quotaFix(shortfall), data);
  }
  const fact = `'${quotaName}' is ${quota.value} (${quota.source}); in use ${inUse}, this deploy ${need.count}`;
  if (need.max && inUse + need.max > quota.value) {
    return warn(
      'quota',
      TITLE,
      `${fact}, but autoscaling up to ${need.max} would need ${inUse + need.max}: it stops at ${quota.value - inUse}${usageNote}`,
      quotaFix(shortfall),
      data,
    );
  }
  return ok('quota', TITLE, `${fact}${need.max ? `, autoscaling up to ${need.max}` : ''}${usageNote}`, data);
}
