import { createHash } from 'node:crypto';

import { VERSION_HASH_LENGTH } from '@mlship/core';

export { endpointConfigName, endpointName, modelName } from '@mlship/core';

const HASH_LENGTH = VERSION_HASH_LENGTH;

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, HASH_LENGTH);
}

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

/** Prefix shared by every versioned model and endpoint config of one app and environment. */
export function versionPrefix(name: string, env: string): string {
  return `${name}-${env}-`;
}

/** True for `<name>-<env>-<hash>` names that mlship versions (models and endpoint configs). */
export function isVersionName(candidate: string, name: string, env: string): boolean {
  const prefix = versionPrefix(name, env);
  return (
    candidate.startsWith(prefix) &&
    /^[a-z0-9]+$/.test(candidate.slice(prefix.length)) &&
    candidate.length === prefix.length + HASH_LENGTH
  );
}

export function scalingResourceId(endpoint: string, variant: string): string {
  return `endpoint/${endpoint}/variant/${variant}`;
}

export function scalingPolicyName(endpoint: string): string {
  return `${endpoint}-invocations-per-instance`;
}

/** The content hash at the end of a versioned model name (`<name>-<env>-<hash>`), or undefined. */
export function versionOf(candidate: string, name: string, env: string): string | undefined {
  return isVersionName(candidate, name, env) ? candidate.slice(versionPrefix(name, env).length) : undefined;
}
