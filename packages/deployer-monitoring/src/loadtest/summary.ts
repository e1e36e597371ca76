import type { Result } from 'autocannon';

export interface LoadSummary {
  url: string;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Responses that carried an x-cache header, and the share of those that were HIT (null: none carried one). */
  xCache: { hit: number; miss: number; other: number; hitRatio: number | null };
}

export function summarize(url: string, result: Result, cache: LoadSummary['xCache']): LoadSummary {
  const statusCodes: Record<string, number> = {};
  const stats =
    (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  for (const [code, { count }] of Object.entries(stats)) statusCodes[code] = count;
  const requests = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  return {
    url,
    durationSeconds: result.duration,
    requests,
    requestsPerSecond: Math.round((requests / Math.max(result.duration, 0.001)) * 10) / 10,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    xCache: cache,
  };
}

/** The summary as a small aligned table. */
export function summaryTable(s: LoadSummary): string {
  const ratio =
    s.xCache.hitRatio === null ? '- (no x-cache header)' : `${(s.xCache.hitRatio * 100).toFixed(1)} %`;
  const rows: Array<[string, string]> = [
    ['url', s.url],
    ['requests', `${s.requests} in ${s.durationSeconds.toFixed(1)} s`],
    ['req/s', String(s.requestsPerSecond)],
    ['latency p50 / p90 / p99', `${s.latencyMs.p50} / ${s.latencyMs.p90} / ${s.latencyMs.p99} ms`],
    ['errors (timeouts)', `${s.errors} (${s.timeouts})`],
    ['non-2xx', String(s.non2xx)],
    ['x-cache HIT ratio', ratio],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
