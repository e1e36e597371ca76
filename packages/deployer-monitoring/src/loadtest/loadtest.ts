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
  /** `--env`: the URL (and later the credentials) come from the environment's outputs. */
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
}

async function targetUrl(o: LoadtestOptions): Promise<string> {
  const given = o.url ?? o.localUrl;
  if (!o.env) {
    if (!given) {
      throw userError(
        'LOADTEST_BAD_OPTION',
        'loadtest needs --url <url> or --env <env>.',
        'Pass one of them.',
      );
    }
    return checkUrl(given, o.url !== undefined, []).href;
  }
  const resolved = o.resolved ?? (await loadEnvironment(o.file ?? 'release.yaml', o.env, o.host));
  const outputs = await readOutputs(resolved.file, resolved.env);
  if (given && o.url !== undefined) return checkUrl(given, true, []).href;
  const deployed = deployedUrl(resolved, outputs);
  if (given) return checkUrl(given, false, [deployed.url]).href;
  const hasAuth = Object.keys(o.headers ?? {}).some((h) => h.toLowerCase() === 'authorization');
  if (deployed.needsAuth && !hasAuth) {
    // TODO(issue 15): fetch the Cognito token and API key as `mlship call` does once its code is shared.
    throw userError(
      'LOADTEST_AUTH_UNSUPPORTED',
      `loadtest --env ${resolved.env} cannot fetch the Cognito token and API key by itself yet.`,
      'Pass --header "Authorization: Bearer <token>" and --header "x-api-key: <key>" (mlship call --curl shows how to get them).',
    );
  }
  return `${deployed.url.replace(/\/$/, '')}${o.path ?? '/predict'}`;
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
  const url = await targetUrl(o);
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
        headers: { 'content-type': 'application/json', ...o.headers },
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
