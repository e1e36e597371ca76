import { createHash } from 'node:crypto';

/** SageMaker model, endpoint config and endpoint names: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`. */
const MAX = 63;
const HASH_LENGTH = 10;

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

function fit(base: string, room: number): string {
  return base.slice(0, room).replace(/-+$/, '');
}

export function endpointName(name: string, env: string): string {
  return fit(`${name}-${env}`, MAX);
}

/** Prefix shared by every versioned model and endpoint config of one app and environment. */
export function versionPrefix(name: string, env: string): string {
  return `${fit(`${name}-${env}`, MAX - HASH_LENGTH - 3)}-`;
}

export function modelName(name: string, env: string, hash: string): string {
  return `${versionPrefix(name, env)}m${hash}`;
}

export function endpointConfigName(name: string, env: string, hash: string): string {
  return `${versionPrefix(name, env)}c${hash}`;
}

export function scalingResourceId(endpoint: string, variant: string): string {
  return `endpoint/${endpoint}/variant/${variant}`;
}

export function scalingPolicyName(endpoint: string): string {
  return `${endpoint}-invocations-per-instance`;
}
