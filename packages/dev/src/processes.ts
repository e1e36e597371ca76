import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child `mlship dev` started in its own process group, so stopping it also stops what it started (npm → tsx → node). */
export interface Started {
  name: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Each line the process writes (stdout and stderr). */
  onLine?: (line: string) => void;
}

export function startProcess(name: string, command: string, args: string[], options: StartOptions): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    });
    stream?.on('end', () => {
      if (rest) options.onLine?.(rest);
      rest = '';
    });
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} could not be started (${command})`);
  let stopping: Promise<void> | undefined;
  return {
    name,
    pid,
    child,
    stop(graceMs = 10_000) {
      stopping ??= stopGroup(pid, graceMs);
      return stopping;
    },
  };
}

/** True while any process of the group led by `pid` is alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopGroup(pid: number, graceMs: number): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) {
      signalGroup(pid, 'SIGKILL');
      await sleep(50);
      if (!groupAlive(pid)) return;
    }
    await sleep(25);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `ready()` is true; fails when the process exits first or the time is up. */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  process: Started,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (process.child.exitCode !== null || process.child.signalCode !== null) {
      throw new Error(
        `${process.name} exited (${process.child.exitCode ?? process.child.signalCode}) before ${what}`,
      );
    }
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${process.name} did not get ${what} within ${Math.round(timeoutMs / 1000)} s`);
}
