import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cacheKey } from './cache-key.js';
import type { ProxyConfig } from './config.js';
import { errorResult, ProxyError } from './errors.js';
import { type ProxyEvent, type ProxyRequest, type ProxyResult, readEvent } from './event.js';
import { type Invoke, type Prediction, sageMakerInvoke } from './invoke.js';
import { logLine } from './log.js';
import { type CacheStatus, emfLine } from './metrics.js';
import { type CacheRead, RedisCache, type ResponseCache } from './redis-cache.js';
import { parseBody } from './request-body.js';
import { matchRoute } from './routes.js';
import { SingleFlight } from './single-flight.js';

export const ORIGIN_SECRET_HEADER = 'x-mlship-origin-secret';

export interface ProxyDeps {
  /** Defaults to InvokeEndpoint through the SDK's standard configuration. */
  invoke?: Invoke;
  /** Receives each Embedded Metric Format line; defaults to stdout. */
  writeMetrics?: (line: string) => void;
  /** A response cache used instead of REDIS_URL's (`mlship dev` without Redis keeps answers in memory). */
  cache?: ResponseCache;
}

export interface LambdaProxy {
  handler(event: ProxyEvent, context?: { awsRequestId?: string }): Promise<ProxyResult>;
  /** Drops the Redis connection (tests, `mlship dev` shutdown). */
  close(): Promise<void>;
}

interface Answer {
  result: ProxyResult;
  cache?: CacheStatus;
  modelMs?: number;
}

/** The proxy with its per-container state: one Redis client, one single-flight table, one SDK client. */
export function createProxy(config: ProxyConfig, deps: ProxyDeps = {}): LambdaProxy {
  const invoke = deps.invoke ?? sageMakerInvoke();
  const writeMetrics = deps.writeMetrics ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cache = deps.cache ?? responseCache(config);
  const flights = new SingleFlight<Prediction>();
  const secretDigest = config.originSecret ? sha256(config.originSecret) : undefined;

  async function answer(request: ProxyRequest, requestId: string): Promise<Answer> {
    if (secretDigest) {
      const sent = request.headers[ORIGIN_SECRET_HEADER];
      if (sent === undefined || !timingSafeEqual(sha256(sent), secretDigest)) {
        throw new ProxyError(403, 'FORBIDDEN', `missing or wrong ${ORIGIN_SECRET_HEADER} header`);
      }
    }
    const route = matchRoute(request.path);
    if (!route || request.method !== 'POST') {
      throw new ProxyError(404, 'NOT_FOUND', `no route for ${request.method} ${request.path}`);
    }
    const body = parseBody(request, route, config);
    const key = cacheKey(config.endpointName, config.modelVersion, body);
    const noCache = /\bno-cache\b/i.test(request.headers['cache-control'] ?? '');
    const read: CacheRead = cache && !noCache ? await cache.get(key) : 'bypass';
    const hit = typeof read === 'object' ? readEntry(read.hit) : undefined;
    if (hit) return { result: success(hit.b, hit.c, hit.e === 1, 'HIT', requestId), cache: 'HIT' };
    const status: CacheStatus = read === 'bypass' ? 'BYPASS' : 'MISS';
    const started = performance.now();
    let prediction: Prediction;
    try {
      prediction = await flights.run(key, () =>
        invoke(config.endpointName, request.body, config.invokeTimeoutMs),
      );
    } catch (error) {
      const proxyError = error instanceof ProxyError ? error : unexpected(error);
      const result = errorResult(proxyError, requestId);
      result.headers['x-cache'] = status;
      return { result, cache: status, modelMs: performance.now() - started };
    }
    const modelMs = performance.now() - started;
    if (cache) {
      const entry = JSON.stringify({
        c: prediction.contentType,
        b: prediction.body,
        ...(prediction.base64 ? { e: 1 } : {}),
      });
      if (Buffer.byteLength(entry) <= config.cacheMaxEntryBytes)
        cache.set(key, entry, config.cacheTtlSeconds);
    }
    return {
      result: success(prediction.body, prediction.contentType, prediction.base64, status, requestId),
      cache: status,
      modelMs,
    };
  }

  return {
    async handler(event, context) {
      const started = performance.now();
      let outcome: Answer;
      let requestId = context?.awsRequestId ?? randomUUID();
      try {
        const request = readEvent(event);
        requestId = request.requestId ?? requestId;
        outcome = await answer(request, requestId);
      } catch (error) {
        outcome = { result: errorResult(error instanceof ProxyError ? error : unexpected(error), requestId) };
      }
      outcome.result.headers['x-request-id'] = requestId;
      writeMetrics(
        emfLine(
          {
            endpointName: config.endpointName,
            cache: outcome.cache,
            statusCode: outcome.result.statusCode,
            modelLatencyMs: outcome.modelMs,
            totalLatencyMs: performance.now() - started,
            requestId,
          },
          Date.now(),
        ),
      );
      return outcome.result;
    },
    async close() {
      await cache?.close();
    },
  };
}

/** A REDIS_URL that cannot be parsed turns the cache off (logged once): Redis never fails a request. */
function responseCache(config: ProxyConfig): RedisCache | undefined {
  if (!config.redisUrl) return undefined;
  try {
    return new RedisCache({
      url: config.redisUrl,
      connectTimeoutMs: config.redisConnectTimeoutMs,
      commandTimeoutMs: config.redisCommandTimeoutMs,
      cooldownMs: config.redisCooldownMs,
    });
  } catch {
    logLine(
      'ERROR',
      'PROXY_REDIS_URL_INVALID',
      'REDIS_URL is not a redis:// or rediss:// URL; caching is off',
    );
    return undefined;
  }
}

function success(
  body: string,
  contentType: string,
  base64: boolean,
  cache: CacheStatus,
  requestId: string,
): ProxyResult {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'x-cache': cache, 'x-request-id': requestId },
    body,
    isBase64Encoded: base64,
  };
}

function unexpected(error: unknown): ProxyError {
  logLine('ERROR', 'PROXY_INTERNAL_ERROR', 'request failed unexpectedly', {
    error: error instanceof Error ? error.message : String(error),
  });
  return new ProxyError(500, 'INTERNAL_ERROR', 'internal error; the proxy log has the details');
}

interface Entry {
  c: string;
  b: string;
  e?: 1;
}

/** A stored answer; an entry this version cannot read counts as a miss. */
function readEntry(text: string): Entry | undefined {
  try {
    const entry = JSON.parse(text) as Entry;
    return typeof entry.b === 'string' && typeof entry.c === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
