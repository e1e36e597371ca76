import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '@mlship/core';

/** The three routes the proxy serves behind the gateway; the Lambda permission and the API cover exactly these. */
export const ROUTES = ['/predict', '/predict/batch', '/invocations'] as const;

export interface Names {
  /** User pool, app client, REST API, usage plan and API key all share `<name>-<env>`. */
  base: string;
  /** The resource server identifier: scopes are `<name>/<scope>`. */
  resourceServer: string;
  tags: Record<string, string>;
}

export function namesFor(resolved: ResolvedConfig): Names {
  const { config, env } = resolved;
  return {
    base: `${config.name}-${env}`,
    resourceServer: config.name,
    tags: { ...config.tags, 'mlship:app': config.name, 'mlship:env': env },
  };
}

/** True when a resource carries this app's and environment's mlship tags. */
export function isOurs(tags: Record<string, string> | undefined, names: Names): boolean {
  return (
    tags?.['mlship:app'] === names.tags['mlship:app'] && tags?.['mlship:env'] === names.tags['mlship:env']
  );
}

export function statementId(restApiId: string): string {
  return `mlship-apigateway-${restApiId}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so equal definitions hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A free-looking alternative to a taken domain prefix: the prefix plus a short hash of account and region. */
export function suggestPrefix(prefix: string, accountId: string, region: string): string {
  const suffix = sha256(`${accountId}:${region}:${prefix}`).slice(0, 6);
  return `${prefix.slice(0, 63 - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}
