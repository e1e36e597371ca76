import { AwsError } from '../server/aws-error.js';
import type { EndpointRecord, VariantState } from './state.js';

export function checkCountLimit(quota: string, unit: string, used: number, limit: number | undefined): void {
  if (limit !== undefined && used + 1 > limit) throw limitExceeded(quota, unit, limit, used, 1);
}

/** A deployment needs its new fleet on top of what runs (blue/green keeps the old fleet until it shifts). */
export function checkInstanceLimits(
  limits: Record<string, number>,
  variants: VariantState[],
  endpoints: EndpointRecord[],
): void {
  for (const [type, limit] of Object.entries(limits)) {
    const delta = sumInstances(variants, type);
    const used = endpoints.reduce((n, e) => n + sumInstances(e.ProductionVariants, type), 0);
    if (delta > 0 && used + delta > limit) {
      throw limitExceeded(`${type} for endpoint usage`, 'Instances', limit, used, delta);
    }
  }
}

function sumInstances(variants: VariantState[], type: string): number {
  return variants.filter((v) => v.InstanceType === type).reduce((n, v) => n + v.DesiredInstanceCount, 0);
}

function limitExceeded(quota: string, unit: string, limit: number, used: number, delta: number): AwsError {
  return new AwsError(
    'ResourceLimitExceeded',
    `The account-level service limit '${quota}' is ${limit} ${unit}, with current utilization of ${used} ${unit} ` +
      `and a request delta of ${delta} ${unit}. Please use AWS Service Quotas to request an increase for this quota. ` +
      'If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.',
  );
}
