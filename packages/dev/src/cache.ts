import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import type { ResponseCache } from '@mlship/lambda-proxy';
import { MemoryCache } from './memory-cache.js';
import { freePort, type Started, startProcess, waitUntil } from './processes.js';

export interface DevCache {
  kind: 'redis-url' | 'redis-server' | 'memory';
  /** For the proxy: REDIS_URL (redis kinds) or an in-process cache (memory). */
  redisUrl?: string;
  cache?: ResponseCache;
  /** What to print: never a password. */
  description: string;
  process?: Started;
}

/** REDIS_URL when set, else a redis-server of our own on a free port when one is on PATH, else memory. */
export async function startCache(
  env: NodeJS.ProcessEnv,
  warn: (code: string, text: string) => void,
  signal?: AbortSignal,
  onProcess?: (name: string, pid: number) => void,
): Promise<DevCache> {
  if (env.REDIS_URL) {
    const url = new URL(env.REDIS_URL);
    return {
      kind: 'redis-url',
      redisUrl: env.REDIS_URL,
      description: `${url.protocol}//${url.host} (REDIS_URL)`,
    };
  }
  const binary = onPath('redis-server', env.PATH ?? '');
  if (!binary) {
    warn(
      'DEV_NO_REDIS',
      'redis-server is not on PATH and REDIS_URL is not set: answers are cached in memory (install Redis to run the deployed cache locally)',
    );
    return { kind: 'memory', cache: new MemoryCache(), description: 'in memory (no Redis)' };
  }
  const port = await freePort();
  const server = startProcess(
    'redis-server',
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
  );
  onProcess?.('redis-server', server.pid);
  try {
    await waitUntil('ready', () => pong(port), server, 10_000, signal);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    kind: 'redis-server',
    redisUrl: `redis://127.0.0.1:${port}`,
    description: `redis://127.0.0.1:${port} (redis-server, pid ${server.pid})`,
    process: server,
  };
}

export function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      answer += data.toString();
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(answer.startsWith('+PONG')));
    socket.on('error', () => resolve(false));
  });
}
