import { MlshipError } from '@mlship/core';
import { createIoHost, hostKind } from '../io/create-host.js';
import type { LoadtestFlags } from './loadtest.define.js';
import { loadMonitoring } from './logs.run.js';

function whole(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new MlshipError('LOADTEST_BAD_OPTION', `${flag} ${JSON.stringify(value)} is not a whole number.`, {
      hint: 'See mlship loadtest --help for the limits.',
    });
  }
  return n;
}

function headers(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    if (colon <= 0) {
      throw new MlshipError(
        'LOADTEST_BAD_OPTION',
        `--header ${JSON.stringify(value)} is not "Name: value".`,
        {
          hint: 'Pass e.g. --header "x-api-key: abc".',
        },
      );
    }
    out[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
  }
  return out;
}

export async function runLoadtest(flags: LoadtestFlags): Promise<number> {
  const { loadtest } = await loadMonitoring(flags.release, flags.env ?? 'dev');
  const host = createIoHost(flags);
  const kind = hostKind(flags);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    await loadtest({
      host,
      file: flags.release,
      ...(flags.env ? { env: flags.env } : {}),
      ...(flags.url ? { url: flags.url } : {}),
      ...(flags.path ? { path: flags.path } : {}),
      headers: headers(flags.header),
      ...optional('durationSeconds', whole('--duration', flags.duration)),
      ...optional('connections', whole('--connections', flags.connections)),
      ...optional('rate', whole('--rate', flags.rate)),
      ...optional('maxRequests', whole('--max-requests', flags.maxRequests)),
      ...(flags.body ? { bodyFile: flags.body } : {}),
      progress: kind === 'interactive' ? 'bar' : kind === 'ci' ? 'lines' : 'none',
      signal: stop.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  return 0;
}

const optional = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;
