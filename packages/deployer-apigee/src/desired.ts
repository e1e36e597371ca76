import type { DeployContext } from '@mlship/core';
import type * as T from './client/types.js';
import type { ApigeeConfig, ApigeeNames } from './names.js';

/** Marks what mlship created, so destroy deletes only that. */
export const MANAGED_BY: T.Attribute = { name: 'managed-by', value: 'mlship' };

export function isManaged(attributes: T.Attribute[] | undefined): boolean {
  return (attributes ?? []).some((a) => a.name === MANAGED_BY.name && a.value === MANAGED_BY.value);
}

/** What the lambda target hands over for an Apigee environment: its Function URL and, in memory, the origin secret. */
export interface AwsSide {
  functionUrl: string | undefined;
  originSecret: string | undefined;
}

export function awsSide(ctx: DeployContext): AwsSide {
  const lambda = ctx.upstream.lambda ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return { functionUrl: text(lambda.functionUrl), originSecret: text(lambda.originSecret) };
}

export function targetServerDescription(names: ApigeeNames): string {
  return `mlship: the AWS side of API proxy ${names.proxy}`;
}

export function desiredTargetServer(names: ApigeeNames, functionUrl: string): T.TargetServer {
  const url = new URL(functionUrl);
  return {
    name: names.targetServer,
    host: url.hostname,
    port: url.port === '' ? 443 : Number(url.port),
    isEnabled: true,
    description: targetServerDescription(names),
    sSLInfo: { enabled: true, enforce: true, ignoreValidationErrors: false },
  };
}

export function sameTargetServer(a: T.TargetServer | undefined, b: T.TargetServer): boolean {
  return (
    a !== undefined &&
    a.host === b.host &&
    a.port === b.port &&
    a.isEnabled !== false &&
    a.sSLInfo?.enabled === true &&
    a.sSLInfo.enforce === true &&
    a.sSLInfo.ignoreValidationErrors !== true
  );
}

/** API products know minute/hour/day/month; a weekly quota becomes 7 × interval days. */
function productQuota(
  quota: ApigeeConfig['quota'],
): Pick<T.ApiProduct, 'quota' | 'quotaInterval' | 'quotaTimeUnit'> {
  const weekly = quota.timeUnit === 'week';
  return {
    quota: String(quota.limit),
    quotaInterval: String(weekly ? quota.interval * 7 : quota.interval),
    quotaTimeUnit: weekly ? 'day' : quota.timeUnit,
  };
}

export function desiredProduct(config: ApigeeConfig, names: ApigeeNames): T.ApiProduct {
  return {
    name: names.product,
    displayName: names.product,
    description: `mlship: access and quota for API proxy ${names.proxy}`,
    approvalType: 'auto',
    environments: [names.environment],
    proxies: [names.proxy],
    scopes: config.auth.type === 'oauth' ? config.auth.scopes : [],
    ...productQuota(config.quota),
    attributes: [{ name: 'access', value: 'private' }, MANAGED_BY],
  };
}

const PRODUCT_FIELDS = [
  'approvalType',
  'environments',
  'proxies',
  'scopes',
  'quota',
  'quotaInterval',
  'quotaTimeUnit',
] as const;

/** The product fields that differ from release.yaml (none: no update). */
export function productDiff(current: T.ApiProduct, desired: T.ApiProduct): string[] {
  return PRODUCT_FIELDS.filter(
    (field) =>
      JSON.stringify(current[field] ?? (field === 'scopes' ? [] : undefined)) !==
      JSON.stringify(desired[field]),
  );
}

export function desiredDeveloper(email: string): T.Developer {
  const local = email.split('@')[0] ?? email;
  return { email, firstName: local, lastName: 'mlship', userName: local, attributes: [MANAGED_BY] };
}

export function desiredApp(names: ApigeeNames): T.DeveloperApp {
  return { name: names.app!, apiProducts: [names.product], attributes: [MANAGED_BY] };
}
