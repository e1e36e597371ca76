import { deployError, type MlshipError } from '../errors.js';

/** An instance quota that is too small for a deploy: found by the preflight or by SageMaker at CreateEndpoint. */
export interface QuotaShortfall {
  /** e.g. `ml.m5.large for endpoint usage` */
  quotaName: string;
  /** The account's current value in the region. */
  value: number;
  /** Instances of the type already running (other endpoints; during a blue/green update also the old fleet). */
  inUse: number;
  /** Instances this deploy adds. */
  need: number;
  region: string;
  /** The quota code (`L-…`), when known. */
  quotaCode?: string;
  /** The value to ask for, when more than `inUse + need` (e.g. room for autoscaling's maximum). */
  desired?: number;
  /** The environment, for the `mlship doctor --env <env> --request-increase` alternative. */
  env?: string;
}

export function quotaMessage(s: QuotaShortfall): string {
  return `The quota '${s.quotaName}' in ${s.region} is ${s.value}; this deploy needs ${s.need} on top of the ${s.inUse} running (${s.inUse + s.need} in all).`;
}

/** The AWS CLI command that files the increase (the code looked up by name when it is not known). */
export function quotaIncreaseCommand(s: QuotaShortfall): string {
  const code =
    s.quotaCode ??
    `"$(aws service-quotas list-aws-default-service-quotas --service-code sagemaker --region ${s.region} --query "Quotas[?QuotaName=='${s.quotaName}'].QuotaCode | [0]" --output text)"`;
  return `aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code ${code} --desired-value ${s.desired ?? s.inUse + s.need} --region ${s.region}`;
}

export function quotaFix(s: QuotaShortfall): string {
  return `Request an increase (approval can take from minutes to days), or pick an instance type with quota:\n  ${quotaIncreaseCommand(s)}\nor: mlship doctor --env ${s.env ?? '<env>'} --request-increase`;
}

const LIMIT_TEXT =
  /service limit '([^']+)' is (\d+) Instances?, with current utilization of (\d+) Instances? and a request delta of (\d+)/i;

/** Reads SageMaker's `ResourceLimitExceeded` text ("The account-level service limit '…' is 0 Instances, …"). */
export function quotaShortfallFromMessage(
  message: string,
  region: string,
  env?: string,
): QuotaShortfall | undefined {
  const match = LIMIT_TEXT.exec(message);
  if (!match) return undefined;
  return {
    quotaName: match[1]!,
    value: Number(match[2]),
    inUse: Number(match[3]),
    need: Number(match[4]),
    region,
    ...(env ? { env } : {}),
  };
}

/** The error a quota failure at CreateEndpoint ends in: the preflight's message and fix. */
export function quotaShortfallError(s: QuotaShortfall): MlshipError {
  return deployError('QUOTA_EXCEEDED', quotaMessage(s), quotaFix(s));
}
