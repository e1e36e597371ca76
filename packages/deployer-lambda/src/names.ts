import { createHash } from 'node:crypto';

export const ALIAS = 'live';
/** Inline policy of the execution role mlship creates. */
export const ROLE_POLICY = 'mlship-proxy';
/** Resource-policy statement that opens the function URL (AuthType NONE) to the public. */
export const URL_STATEMENT_ID = 'mlship-function-url';
export const HANDLER_ENV_ORIGIN_SECRET = 'ORIGIN_SECRET';

export function functionName(app: string, env: string): string {
  return `${app}-${env}-proxy`;
}

export function roleName(app: string, env: string): string {
  return `${app}-${env}-proxy`;
}

export function logGroupName(fn: string): string {
  return `/aws/lambda/${fn}`;
}

/** ElastiCache Serverless: 1-40 lower-case letters, digits, single hyphens; long names end in a hash. */
export function cacheName(app: string, env: string): string {
  const base = `${app}-${env}`.toLowerCase().replace(/-+/g, '-');
  if (base.length <= 40) return base;
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 8);
  return `${base.slice(0, 31).replace(/-+$/, '')}-${hash}`;
}

/** `<partition>` and `<account>` of an ARN such as the endpoint's. */
export function arnParts(arn: string | undefined): { partition: string; account: string } | undefined {
  const match = /^arn:([\w-]+):[\w-]+:[\w-]*:(\d{12}):/.exec(arn ?? '');
  return match?.[1] && match[2] ? { partition: match[1], account: match[2] } : undefined;
}
