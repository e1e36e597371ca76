/** What the handler reads from its environment (set by @mlship/deployer-lambda). */
export interface ProxyConfig {
  endpointName: string;
  modelVersion: string;
  redisUrl: string | undefined;
  cacheTtlSeconds: number;
  cacheMaxEntryBytes: number;
  maxBodyBytes: number;
  redisConnectTimeoutMs: number;
  redisCommandTimeoutMs: number;
  redisCooldownMs: number;
  invokeTimeoutMs: number;
  originSecret: string | undefined;
}

export type ProxyEnv = Record<string, string | undefined>;

/** Reads the configuration; a missing ENDPOINT_NAME or a malformed number fails the container's init. */
export function readProxyConfig(env: ProxyEnv): ProxyConfig {
  const endpointName = env.ENDPOINT_NAME;
  if (!endpointName) throw new Error('ENDPOINT_NAME is not set: the proxy needs the SageMaker endpoint name');
  return {
    endpointName,
    modelVersion: env.MODEL_VERSION ?? '',
    redisUrl: env.REDIS_URL || undefined,
    cacheTtlSeconds: integer(env, 'CACHE_TTL_SECONDS', 3600, 1),
    cacheMaxEntryBytes: integer(env, 'CACHE_MAX_ENTRY_BYTES', 1_048_576, 0),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 6_291_456, 1),
    redisConnectTimeoutMs: integer(env, 'REDIS_CONNECT_TIMEOUT_MS', 100, 1),
    redisCommandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', 100, 1),
    redisCooldownMs: integer(env, 'REDIS_COOLDOWN_MS', 5000, 0),
    invokeTimeoutMs: integer(env, 'INVOKE_TIMEOUT_MS', 60_000, 1),
    originSecret: env.ORIGIN_SECRET || undefined,
  };
}

function integer(env: ProxyEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
