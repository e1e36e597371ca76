import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordingIoHost } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { logs } from '../src/index.js';
import { resolved, useFakeAws } from './harness.js';

const h = useFakeAws();
const T0 = Date.parse('2026-11-30T08:00:00Z');
const NOW = T0 + 60_000;

async function outputs(dir: string) {
  await mkdir(join(dir, '.mlship'), { recursive: true });
  const targets = {
    sagemaker: { endpointName: 'iris-dev' },
    lambda: { functionName: 'iris-dev-proxy' },
    apigateway: { restApiId: 'abc123', stageName: 'v1' },
  };
  await writeFile(join(dir, '.mlship', 'dev.outputs.json'), JSON.stringify({ targets }));
}

function run(extra: Partial<Parameters<typeof logs>[0]> = {}) {
  const lines: string[] = [];
  const host = new RecordingIoHost();
  const config = resolved(h.dir.path);
  const done = logs({
    file: config.file,
    env: 'dev',
    host,
    resolved: config,
    since: '5m',
    now: () => NOW,
    write: (line) => lines.push(line),
    ...extra,
  });
  return { lines, host, done };
}

describe('mlship logs', () => {
  it('merges the endpoint, proxy and API Gateway groups in time order, across pages', async () => {
    await outputs(h.dir.path);
    h.aws.logs.putEvents('/aws/sagemaker/Endpoints/iris-dev', 'AllTraffic/i-1', [
      { timestamp: T0 + 2, message: 'model loaded' },
      { timestamp: T0 + 5, message: 'predict 200' },
    ]);
    h.aws.logs.putEvents('/aws/lambda/iris-dev-proxy', '2026/11/30/[1]abc', [
      { timestamp: T0 + 1, message: 'START' },
      { timestamp: T0 + 4, message: 'x-cache MISS' },
      { timestamp: T0 + 6, message: 'END' },
    ]);
    h.aws.logs.putEvents('API-Gateway-Execution-Logs_abc123/v1', 'req-1', [
      { timestamp: T0 + 3, message: 'Method request' },
    ]);
    const { lines, done } = run({ pageLimit: 2 });
    expect(await done).toBe(6);
    expect(lines).toEqual([
      `${new Date(T0 + 1).toISOString()} [lambda] START`,
      `${new Date(T0 + 2).toISOString()} [sagemaker] model loaded`,
      `${new Date(T0 + 3).toISOString()} [apigateway] Method request`,
      `${new Date(T0 + 4).toISOString()} [lambda] x-cache MISS`,
      `${new Date(T0 + 5).toISOString()} [sagemaker] predict 200`,
      `${new Date(T0 + 6).toISOString()} [lambda] END`,
    ]);
    const pages = h.aws.calls.filter(
      (c) => c.operation === 'FilterLogEvents' && (c.input as { nextToken?: string }).nextToken,
    );
    // The proxy's three events come in two pages of two: the second is fetched with the first page's nextToken.
    expect(pages.map((c) => (c.input as { logGroupName: string }).logGroupName)).toEqual([
      '/aws/lambda/iris-dev-proxy',
    ]);
  });

  it('a missing group is a notice, not an error; --json prints one object per line; --target and --filter narrow', async () => {
    await outputs(h.dir.path);
    h.aws.logs.putEvents('/aws/lambda/iris-dev-proxy', 's', [
      { timestamp: T0 + 1, message: 'ERROR timeout' },
      { timestamp: T0 + 2, message: 'ok' },
    ]);
    const { lines, host, done } = run({ json: true, filter: 'ERROR' });
    await done;
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        source: 'lambda',
        message: 'ERROR timeout',
        group: '/aws/lambda/iris-dev-proxy',
      }),
    ]);
    const notices = host.events.filter((e) => e.kind === 'notify').map((e) => JSON.stringify(e));
    expect(notices.filter((n) => n.includes('LOGS_GROUP_MISSING'))).toHaveLength(2);
    const only = run({ target: 'sagemaker' });
    expect(await only.done).toBe(0);
    expect(h.aws.calls.filter((c) => c.operation === 'FilterLogEvents').at(-1)?.input).toMatchObject({
      logGroupName: '/aws/sagemaker/Endpoints/iris-dev',
    });
  });

  it('--follow prints new events as they arrive, each once, until aborted', async () => {
    await outputs(h.dir.path);
    h.aws.logs.putEvents('/aws/lambda/iris-dev-proxy', 's', [{ timestamp: T0 + 1, message: 'first' }]);
    const stop = new AbortController();
    const delays: number[] = [];
    let polls = 0;
    const { lines, done } = run({
      follow: true,
      signal: stop.signal,
      sleep: async (ms) => {
        delays.push(ms);
        polls += 1;
        if (polls === 1)
          h.aws.logs.putEvents('/aws/lambda/iris-dev-proxy', 's', [{ timestamp: T0 + 9, message: 'second' }]);
        if (polls === 3) stop.abort();
      },
    });
    expect(await done).toBe(2);
    expect(lines.map((l) => l.split(' ').at(-1))).toEqual(['first', 'second']);
    // Backoff: 1 s after events, doubling while nothing arrives.
    expect(delays).toEqual([1000, 1000, 2000]);
  });

  it('--since must be a duration or an ISO time', async () => {
    await expect(run({ since: 'yesterday' }).done).rejects.toMatchObject({ code: 'LOGS_BAD_SINCE' });
  });
});
