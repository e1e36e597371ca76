import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Everything the server can be tuned with, read once at start-up from the environment. */
export interface ServerConfig {
  name: string;
  version: string;
  host: string;
  port: number;
  modelDir: string;
  modelFile: string;
  logLevel: string;
  maxBatchSize: number;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  maxConcurrency: number;
  maxQueue: number;
  shutdownTimeoutMs: number;
}

export const SAGEMAKER_MODEL_DIR = '/opt/ml/model';
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const defaults = {
  name: "fraud-scorer",
  modelFile: "",
  port: 8080,
  maxBatchSize: 100,
  bodyLimitBytes: 6291456,
  requestTimeoutMs: 60000,
  maxConcurrency: 32,
  maxQueue: 256,
  shutdownTimeoutMs: 25_000,
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function loadConfig(
  env: Env = process.env,
  holdsFiles: (path: string) => boolean = isNonEmptyDirectory,
): ServerConfig {
  return {
    name: env.MODEL_NAME || defaults.name,
    version: env.MODEL_VERSION || packageVersion(),
    host: env.HOST || '0.0.0.0',
    port: resolvePort(env),
    modelDir: resolveModelDir(env, holdsFiles),
    modelFile: env.MODEL_FILE ?? defaults.modelFile,
    logLevel: env.LOG_LEVEL || 'info',
    maxBatchSize: int(env, 'MAX_BATCH_SIZE', defaults.maxBatchSize, 1),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', defaults.bodyLimitBytes, 1),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', defaults.requestTimeoutMs, 1),
    maxConcurrency: int(env, 'MAX_CONCURRENCY', defaults.maxConcurrency, 1),
    maxQueue: int(env, 'MAX_QUEUE', defaults.maxQueue, 0),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', defaults.shutdownTimeoutMs, 0),
  };
}

/** SageMaker tells the container where to listen with SAGEMAKER_BIND_TO_PORT; PORT is the usual elsewhere. */
export function resolvePort(env: Env): number {
  if (env.SAGEMAKER_BIND_TO_PORT) return int(env, 'SAGEMAKER_BIND_TO_PORT', defaults.port, 1, 65_535);
  if (env.PORT) return int(env, 'PORT', defaults.port, 0, 65_535);
  return defaults.port;
}

/**
 * SageMaker extracts ModelDataUrl into /opt/ml/model; otherwise MODEL_DIR, otherwise ./model in the project.
 * An empty /opt/ml/model (no ModelDataUrl: the model is baked into the image) does not count.
 */
export function resolveModelDir(
  env: Env,
  holdsFiles: (path: string) => boolean = isNonEmptyDirectory,
): string {
  if (holdsFiles(SAGEMAKER_MODEL_DIR)) return SAGEMAKER_MODEL_DIR;
  if (env.MODEL_DIR) return env.MODEL_DIR;
  return `${projectRoot}model`;
}

function int(env: Env, key: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${key}=${JSON.stringify(raw)} is invalid: expected an integer from ${min} to ${max}`,
    );
  }
  return value;
}

export function isNonEmptyDirectory(path: string): boolean {
  try {
    return readdirSync(path).length > 0;
  } catch {
    return false;
  }
}

function packageVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version?: string }).version ??
      '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}
