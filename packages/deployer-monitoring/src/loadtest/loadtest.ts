import { type IoHost, loadEnvironment, type ResolvedConfig, readOutputs, userError } from '@mlship/core';
import type { Result } from 'autocannon';
import { type LoadSummary, summarize, summaryTable } from './summary.js';
import { checkRange, checkUrl, deployedUrl, LIMITS, readBody } from './target.js';

export interface LoadtestOptions {
  host: IoHost;
  /** A URL given by the user (`--url`): taken as is. */
  url?: string;
  /** A URL handed over by another command (e.g. `mlship dev`): only loopback or the deployed one. */
  localUrl?: string;
  /** `--env`: the URL and, for API Gateway, the token and API key come from the environment's outputs. */
  env?: string;
  file?: string;
  resolved?: ResolvedConfig;
  /** Appended to the deployed base URL with --env (default /predict). */
  path?: string;
  headers?: Record<string, string>;
  durationSeconds?: number;
  connections?: number;
  /** Requests per second over all connections. */
  rate?: number;
  /** The run stops after this many requests even when time is left. */
  maxRequests?: number;
  bodyFile?: string;
  /** `bar` in a terminal, `lines` in CI (one line every 5 s), `none`. */
  progress?: 'bar' | 'lines' | 'none';
  signal?: AbortSignal;
  /** The AWS configuration (profile, region, endpoints) for fetching API Gateway credentials. */
  processEnv?: Record<string, string | undefined>;
}

interface Target {
  url: string;
  /** Headers fetched for the run (token, API key): secrets, never printed. */
  headers: Record<string, string>;
}

async function target(o: LoadtestOptions): Promise<Target> {
  const given = o.url ?? o.localUrl;
  if (!o.env) {
    if (!given) {
      throw userError(
        'LOADTEST_BAD_OPTION',
        'loadtest needs --url <url> or --env <env>.',
        'Pass one of them.',
      );
    }
    return { url: checkUrl(given, o.url !== undefined, []).href, headers: {} };
  }
  const resolved = o.resolved ?? (await loadEnvironment(o.file ?? 'release.yaml', o.env, o.host));
  const outputs = await readOutputs(resolved.file, resolved.env);
  if (given && o.url !== undefined) return { url: checkUrl(given, true, []).href, headers: {} };
  const deployed = deployedUrl(resolved, outputs);
  const url = given
    ? checkUrl(given, false, [deployed.url]).href
    : `${deployed.url.replace(/\/$/, '')}${o.path ?? '/predict'}`;
  const hasAuth = Object.keys(o.headers ?? {}).some((h) => h.toLowerCase() === 'authorization');
  if (!deployed.needsAuth || hasAuth) return { url, headers: {} };
  // The API Gateway deployer is an optional peer: only environments fronted by it get here.
  const { callCredentials } = await import('@mlship/deployer-apigateway');
  const credentials = await callCredentials({
    resolved,
    ...(o.processEnv ? { processEnv: o.processEnv } : {}),
  });
  return { url, headers: credentials.headers };
}

/**
 * `mlship loadtest`: POSTs one JSON body to the URL with autocannon for a bounded time and request count and
 * summarizes throughput, latency percentiles, errors, non-2xx answers and the proxy's x-cache HIT ratio.
 */
export async function loadtest(o: LoadtestOptions): Promise<LoadSummary> {
  const { durationSeconds: d, connections: c, rate: r, maxRequests: m } = LIMITS;
  checkRange('--duration', o.durationSeconds, d.min, d.max);
  checkRange('--connections', o.connections, c.min, c.max);
  checkRange('--rate', o.rate, r.min, r.max);
  checkRange('--max-requests', o.maxRequests, m.min, m.max);
  const { url, headers } = await target(o);
  const body = await readBody(o.bodyFile);
  const { default: autocannon } = await import('autocannon');
  const cache = { hit: 0, miss: 0, other: 0 };
  const duration = o.durationSeconds ?? d.default;
  let done = 0;
  const run = new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...o.headers },
        body,
        connections: o.connections ?? c.default,
        duration,
        maxOverallRequests: o.maxRequests ?? m.default,
        ...(o.rate ? { overallRate: o.rate } : {}),
        requests: [
          {
            onResponse: (_status, _body, _context, headers = {}) => {
              const key = Object.keys(headers).find((h) => h.toLowerCase() === 'x-cache');
              const value = key ? String(headers[key]).toUpperCase() : undefined;
              if (value === 'HIT') cache.hit += 1;
              else if (value === 'MISS') cache.miss += 1;
              else if (value) cache.other += 1;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    o.signal?.addEventListener('abort', () => instance.stop(), { once: true });
    if (o.progress === 'bar') {
      autocannon.track(instance, {
        outputStream: process.stderr,
        renderProgressBar: true,
        renderResultsTable: false,
        renderLatencyTable: false,
      });
    } else if (o.progress === 'lines') {
      let seconds = 0;
      // 'tick' (once a second, with that second's response count) is missing from @types/autocannon.
      (instance as unknown as NodeJS.EventEmitter).on('tick', ({ counter }: { counter: number }) => {
        seconds += 1;
        done += counter;
        if (seconds % 5 === 0) {
          o.host.notify({ level: 'info', message: `loadtest ${seconds}/${duration} s: ${done} responses` });
        }
      });
    }
  });
  const result = await run;
  const seen = cache.hit + cache.miss + cache.other;
  const summary = summarize(url, result, { ...cache, hitRatio: seen === 0 ? null : cache.hit / seen });
  o.host.result(summary, summaryTable(summary));
  return summary;
}
