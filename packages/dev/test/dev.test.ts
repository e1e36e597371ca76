import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type DevChain, groupAlive, startDev } from '../src/index.js';

const IRIS = fileURLToPath(new URL('../../../examples/iris-onnx', import.meta.url));
const SETOSA = JSON.stringify({ instances: [[5.1, 3.5, 1.4, 0.2]] });

let chain: DevChain | undefined;
afterEach(async () => {
  await chain?.stop();
  chain = undefined;
});

async function predict(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, cache: response.headers.get('x-cache'), body: await response.text() };
}

describe('startDev on examples/iris-onnx', () => {
  it('answers MISS then HIT through the local front with one inference in the server log, checks the API key, and leaves no process behind', async () => {
    const lines: string[] = [];
    chain = await startDev({
      projectDir: IRIS,
      port: 0,
      apiKey: 'local-key-123',
      env: { ...process.env, REDIS_URL: '' },
      onServerLine: (line) => lines.push(line),
    });
    expect(chain.cache.kind).toBe('redis-server');
    expect(chain.sample).toBe(JSON.stringify({ instances: [[1, 1, 1, 1]] }));

    expect((await predict(chain.frontUrl, SETOSA)).status).toBe(403);
    const before = lines.filter((line) => line.includes('/invocations')).length;
    const first = await predict(chain.frontUrl, SETOSA, { 'x-api-key': 'local-key-123' });
    const second = await predict(chain.frontUrl, SETOSA, { 'x-api-key': 'local-key-123' });
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'MISS', 200, 'HIT']);
    expect(JSON.parse(second.body)).toEqual(JSON.parse(first.body));
    const predictions = (JSON.parse(first.body) as { predictions: number[][] }).predictions;
    expect(predictions[0]?.indexOf(Math.max(...(predictions[0] ?? [])))).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.filter((line) => line.includes('/invocations')).length - before).toBe(1);

    const front = chain.frontUrl;
    const pids = chain.pids;
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(groupAlive(pid)).toBe(true);
    await chain.stop();
    chain = undefined;
    for (const pid of pids) expect(groupAlive(pid), `process group ${pid}`).toBe(false);
    await expect(
      fetch(`${front}/predict`, { method: 'POST' }).then(
        () => 'open',
        () => 'closed',
      ),
    ).resolves.toBe('closed');
  }, 180_000);

  it('uses REDIS_URL when set and never prints its password', async () => {
    const { startCache } = await import('../src/cache.js');
    const cache = await startCache({ REDIS_URL: 'redis://:s3cret@127.0.0.1:6390/0', PATH: '' }, () => {});
    expect(cache).toMatchObject({ kind: 'redis-url', redisUrl: 'redis://:s3cret@127.0.0.1:6390/0' });
    expect(cache.description).not.toContain('s3cret');
    expect(cache.process).toBeUndefined();
  });

  it('falls back to an in-memory cache with a DEV_NO_REDIS notice when no redis-server is on PATH', async () => {
    const { startCache } = await import('../src/cache.js');
    const notices: string[] = [];
    const cache = await startCache({ PATH: '/nonexistent' }, (code) => notices.push(code));
    expect(cache.kind).toBe('memory');
    expect(notices).toEqual(['DEV_NO_REDIS']);
    await cache.cache?.set('k', 'v', 60);
    await expect(cache.cache?.get('k')).resolves.toEqual({ hit: 'v' });
    await expect(cache.cache?.get('other')).resolves.toBe('miss');
  });

  it('stops what it started when aborted during start-up (the server has started, not yet answered /ping)', async () => {
    const pids: number[] = [];
    const abort = new AbortController();
    const starting = startDev({
      projectDir: IRIS,
      port: 0,
      env: { ...process.env, REDIS_URL: '' },
      signal: abort.signal,
      onProcess: (_name, pid) => {
        pids.push(pid);
        abort.abort(new Error('Ctrl-C'));
      },
    });
    await expect(starting).rejects.toThrow('Ctrl-C');
    expect(pids).toHaveLength(1);
    for (const pid of pids) expect(groupAlive(pid), `process group ${pid}`).toBe(false);
  }, 60_000);

  it('refuses a directory that is not a project, with a coded error and nothing started', async () => {
    await expect(
      startDev({ projectDir: fileURLToPath(new URL('.', import.meta.url)), port: 0 }),
    ).rejects.toMatchObject({
      code: 'DEV_NOT_A_PROJECT',
    });
  });
});
