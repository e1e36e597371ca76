import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  awsClient,
  type IoHost,
  loadEnvironment,
  type ResolvedConfig,
  readOutputs,
  userError,
} from '@mlship/core';
import { type LogSource, type LogTarget, logSources, parseSince } from './sources.js';

export interface LogEvent {
  timestamp: number;
  source: string;
  group: string;
  stream: string;
  message: string;
  eventId: string;
}

export interface LogsOptions {
  file: string;
  env: string;
  host: IoHost;
  target?: LogTarget;
  /** Duration (10m) or ISO time; default 10m. */
  since?: string;
  /** A CloudWatch Logs filter pattern (terms, "quoted phrases", -excluded). */
  filter?: string;
  follow?: boolean;
  json?: boolean;
  /** Where event lines go (stdout by default). */
  write?: (line: string) => void;
  /** Stops --follow (Ctrl-C in the CLI). */
  signal?: AbortSignal;
  resolved?: ResolvedConfig;
  processEnv?: Record<string, string | undefined>;
  now?: () => number;
  /** Waits between --follow polls (tests pass a fast one); gets the signal. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Events per FilterLogEvents page (default: the service's 10000). */
  pageLimit?: number;
}

/** Every event of one group in [start, now], all pages; undefined when the group does not exist. */
async function readGroup(
  client: CloudWatchLogsClient,
  source: LogSource,
  startTime: number,
  filter: string | undefined,
  limit: number | undefined,
  signal?: AbortSignal,
): Promise<LogEvent[] | undefined> {
  const events: LogEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const out = await client.send(
        new FilterLogEventsCommand({
          logGroupName: source.group,
          startTime,
          ...(filter ? { filterPattern: filter } : {}),
          ...(limit ? { limit } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
        { abortSignal: signal },
      );
      for (const e of out.events ?? []) {
        events.push({
          timestamp: e.timestamp ?? 0,
          source: source.label,
          group: source.group,
          stream: e.logStreamName ?? '',
          message: (e.message ?? '').replace(/\n$/, ''),
          eventId: e.eventId ?? `${e.logStreamName}/${e.timestamp}`,
        });
      }
      nextToken = out.nextToken;
    } while (nextToken);
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
  return events;
}

/** Events of several sources in time order (stable for equal timestamps: source order, then arrival). */
export function mergeEvents(lists: LogEvent[][]): LogEvent[] {
  return lists.flat().sort((a, b) => a.timestamp - b.timestamp);
}

export function formatEvent(event: LogEvent, json: boolean): string {
  if (json) return JSON.stringify(event);
  return `${new Date(event.timestamp).toISOString()} [${event.source}] ${event.message}`;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * `mlship logs`: reads the log groups of what mlship deployed, merges them in time order and prints one line per
 * event. `follow` polls FilterLogEvents (1 s, backing off to 10 s while nothing arrives) until the signal aborts.
 * Returns the number of events printed.
 */
export async function logs(options: LogsOptions): Promise<number> {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const resolved = options.resolved ?? (await loadEnvironment(options.file, options.env, options.host));
  const outputs = await readOutputs(resolved.file, resolved.env);
  const sources = logSources(resolved, outputs).filter((s) => !options.target || s.target === options.target);
  if (sources.length === 0) {
    throw userError(
      'LOGS_NOTHING_DEPLOYED',
      `Environment ${resolved.env} has no ${options.target ?? ''} log group mlship knows of (no outputs for it).`,
      `Deploy it first: mlship deploy --env ${resolved.env}`,
    );
  }
  const client = awsClient({ resolved, env: options.processEnv ?? process.env }, CloudWatchLogsClient);
  let since = parseSince(options.since ?? '10m', now());
  // Event ids printed, with their timestamps (pruned as `since` moves on).
  const seen = new Map<string, number>();
  const missing = new Set<string>();
  let printed = 0;
  let delay = 1000;
  for (;;) {
    const lists: LogEvent[][] = [];
    for (const source of sources) {
      const events = await readGroup(
        client,
        source,
        since,
        options.filter,
        options.pageLimit,
        options.signal,
      );
      if (events === undefined) {
        if (!missing.has(source.group)) {
          missing.add(source.group);
          options.host.notify({
            level: 'warn',
            code: 'LOGS_GROUP_MISSING',
            message: `Log group ${source.group} does not exist (yet): nothing logged for ${source.target}.`,
          });
        }
        continue;
      }
      lists.push(events.filter((e) => !seen.has(e.eventId)));
    }
    const merged = mergeEvents(lists);
    for (const event of merged) {
      seen.set(event.eventId, event.timestamp);
      write(formatEvent(event, Boolean(options.json)));
    }
    printed += merged.length;
    if (!options.follow || options.signal?.aborted) return printed;
    // Later polls start at the newest event seen (events at that same millisecond are de-duplicated by id).
    const newest = merged.at(-1)?.timestamp;
    if (newest !== undefined) since = newest;
    for (const [id, at] of seen) if (at < since) seen.delete(id);
    delay = merged.length > 0 ? 1000 : Math.min(delay * 2, 10_000);
    await (options.sleep ?? defaultSleep)(delay, options.signal);
    if (options.signal?.aborted) return printed;
  }
}
