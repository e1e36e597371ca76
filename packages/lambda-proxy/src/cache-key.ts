import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so key order never changes the cache key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 over endpoint, model version and canonical body, NUL-separated so no field can run into the next. */
export function cacheKey(endpointName: string, modelVersion: string, body: unknown): string {
  const digest = createHash('sha256')
    .update(endpointName)
    .update('\0')
    .update(modelVersion)
    .update('\0')
    .update(canonicalJson(body))
    .digest('hex');
  return `mlship:proxy:${digest}`;
}
