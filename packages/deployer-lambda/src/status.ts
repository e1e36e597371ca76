import type { DeployContext, StatusReport } from '@mlship/core';
import { cacheHealth, describeHealth } from './cache-health.js';
import { canonical } from './config-diff.js';
import { redisEndpoint } from './desired.js';
import { ALIAS, cacheName, functionName, logGroupName } from './names.js';
import { readCache } from './read.js';
import { type FunctionSnapshot, readFunction } from './read-function.js';

/** True when two configurations run the same code with the same settings (Version and ARN aside). */
function sameDeployment(a: FunctionSnapshot, b: FunctionSnapshot): boolean {
  const { Version: _a, FunctionArn: _b, ...left } = a;
  const { Version: _c, FunctionArn: _d, ...right } = b;
  return canonical(left) === canonical(right);
}

/**
 * Function state, live version, code, URL, and the cache the handler is wired to with its reachability as the handler
 * logged it. Reads only (never waits).
 */
export async function statusLambda(ctx: DeployContext): Promise<StatusReport> {
  const { config, env } = ctx.resolved;
  const name = functionName(config.name, env);
  const fn = await readFunction({ ...ctx, wait: false }, name).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'LAMBDA_BUSY') return 'busy' as const;
    throw error;
  });
  if (!fn) {
    return {
      target: 'lambda',
      exists: false,
      summary: `function ${name} does not exist`,
      detail: { functionName: name },
    };
  }
  if (fn === 'busy') {
    return {
      target: 'lambda',
      exists: true,
      summary: `${name} is being updated`,
      detail: { functionName: name, busy: true },
    };
  }
  const live = fn.versions.find((v) => v.Version === fn.alias?.version);
  const cacheEndpoint = redisEndpoint(live?.Environment.REDIS_URL ?? fn.latest.Environment.REDIS_URL);
  const cache = config.cache.provision ? await readCache(ctx, cacheName(config.name, env)) : undefined;
  const health = cacheEndpoint ? await cacheHealth(ctx, logGroupName(name)) : undefined;
  const cacheState = !cacheEndpoint
    ? 'no cache'
    : `${cache ? `ElastiCache ${cache.name} ${cache.status}` : 'external Redis'}; handler: ${describeHealth(health)}`;
  const summary =
    `${name} ${fn.state}, ${ALIAS} → ${fn.alias ? `version ${fn.alias.version}` : 'missing'}` +
    (live && !sameDeployment(live, fn.latest)
      ? ' ($LATEST differs from live: after a rollback or an unfinished deploy)'
      : '') +
    (cacheEndpoint ? `, cache ${cacheEndpoint} (${cacheState})` : ', no cache') +
    (fn.url ? `, URL ${fn.url.url}` : '');
  return {
    target: 'lambda',
    exists: true,
    summary,
    detail: {
      functionName: name,
      functionArn: fn.latest.FunctionArn,
      state: fn.state,
      aliasName: ALIAS,
      liveVersion: fn.alias?.version ?? null,
      codeSha256: live?.CodeSha256 ?? fn.latest.CodeSha256,
      modelVersion: live?.Environment.MODEL_VERSION ?? fn.latest.Environment.MODEL_VERSION ?? null,
      runtime: fn.latest.Runtime,
      architecture: fn.latest.Architecture,
      memoryMb: fn.latest.MemorySize,
      timeoutSeconds: fn.latest.Timeout,
      reservedConcurrency: fn.reservedConcurrency ?? null,
      versions: fn.versions.map((v) => v.Version),
      functionUrl: fn.url?.url ?? null,
      cacheEndpoint: cacheEndpoint ?? null,
      cacheStatus: cache?.status ?? null,
      cache: cacheState,
      cacheHealth: health ?? null,
    },
  };
}
