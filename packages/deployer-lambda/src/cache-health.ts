import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { DeployContext } from '@mlship/core';
import { clientsFor, orMissing } from './clients.js';

/** How far back `status` looks for the handler's Redis events. */
export const CACHE_HEALTH_WINDOW_MS = 60 * 60_000;

export interface CacheHealth {
  /** Redis failures the handler logged in the window (each switched it to uncached for a cool-down). */
  failures: number;
  lastFailure?: string;
  lastRecovery?: string;
  /** True when the last event in the window is a failure: the handler is serving uncached now. */
  bypassing: boolean;
}

/** CloudWatch may answer a filter in several pages (even empty ones with a token); a few pages cover an hour. */
const MAX_PAGES = 10;

async function eventTimes(ctx: DeployContext, group: string, code: string, since: number) {
  const times: number[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await orMissing(() =>
      clientsFor(ctx).logs.send(
        new FilterLogEventsCommand({
          logGroupName: group,
          startTime: since,
          filterPattern: `"${code}"`,
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    if (!out) return undefined;
    times.push(...(out.events ?? []).map((e) => e.timestamp ?? 0));
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  return times;
}

/**
 * Redis reachability as the handler saw it: its PROXY_REDIS_UNAVAILABLE / PROXY_REDIS_RECOVERED log lines in the
 * last hour (Redis usually sits in a VPC that mlship's own machine cannot reach). Undefined without a log group.
 */
export async function cacheHealth(ctx: DeployContext, group: string): Promise<CacheHealth | undefined> {
  const since = ctx.clock.now() - CACHE_HEALTH_WINDOW_MS;
  const failures = await eventTimes(ctx, group, 'PROXY_REDIS_UNAVAILABLE', since);
  if (!failures) return undefined;
  const recoveries = (await eventTimes(ctx, group, 'PROXY_REDIS_RECOVERED', since)) ?? [];
  const lastFailure = Math.max(0, ...failures);
  const lastRecovery = Math.max(0, ...recoveries);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    failures: failures.length,
    ...(lastFailure ? { lastFailure: iso(lastFailure) } : {}),
    ...(lastRecovery ? { lastRecovery: iso(lastRecovery) } : {}),
    bypassing: lastFailure > lastRecovery,
  };
}

export function describeHealth(health: CacheHealth | undefined): string {
  if (!health) return 'no handler logs yet';
  if (health.failures === 0) return 'no Redis failures in the last hour';
  return health.bypassing
    ? `Redis unreachable since ${health.lastFailure} (serving uncached)`
    : `${health.failures} Redis failure(s) in the last hour, recovered at ${health.lastRecovery}`;
}
