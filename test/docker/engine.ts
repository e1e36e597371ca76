import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A Docker engine the tests may use: one that already answers, or a dockerd this harness started (and stops). */
export interface Engine {
  /** The environment for `docker` commands (DOCKER_HOST for an engine started here). */
  env: NodeJS.ProcessEnv;
  /** True when this harness started the daemon: it may import stand-in images into it. */
  owned: boolean;
  stop(): Promise<void>;
}

export type EngineResult = { engine: Engine } | { unavailable: string };

/**
 * An engine that answers `docker version` as configured (DOCKER_HOST, context), else a private dockerd with
 * no bridge and no iptables rules: nothing about the machine's network changes, containers use --network=host
 * or none. Its exec root and socket live in a temp dir removed by `stop()`. Its data root (images, build cache)
 * is `persistent` when given and free (dockerd refuses a pidfile whose daemon still runs), so later runs reuse
 * layers; otherwise a temp dir too.
 */
export async function startEngine(persistent?: string): Promise<EngineResult> {
  if (!onPath('docker')) return { unavailable: 'no docker client on PATH (apt-get install docker.io)' };
  if (answers(process.env)) return { engine: { env: process.env, owned: false, stop: async () => {} } };
  if (!onPath('dockerd')) return { unavailable: 'no Docker engine answers and dockerd is not installed' };
  if (process.getuid?.() !== 0) {
    return { unavailable: 'no Docker engine answers and starting dockerd needs root' };
  }
  const shared = persistent ? await launch(persistent) : undefined;
  if (shared && 'engine' in shared) return shared;
  return launch();
}

async function launch(persistent?: string): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mlship-dockerd-'));
  const state = persistent ?? dir;
  const env = { ...process.env, DOCKER_HOST: `unix://${join(dir, 'docker.sock')}` };
  const daemon = spawn(
    'dockerd',
    [
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-forward=false',
      '--ip-masq=false',
      `--data-root=${join(state, 'data')}`,
      `--exec-root=${join(dir, 'exec')}`,
      `--pidfile=${join(state, 'dockerd.pid')}`,
      `--host=${env.DOCKER_HOST}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  daemon.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const stop = () => stopDaemon(daemon, exited, dir, state);
  for (let i = 0; i < 60; i++) {
    if (daemon.exitCode !== null) break;
    if (answers(env)) return { engine: { env, owned: true, stop } };
    await sleep(500);
  }
  await stop();
  return { unavailable: `dockerd did not start within 30 s:\n${log.split('\n').slice(-10).join('\n')}` };
}

async function stopDaemon(
  daemon: ChildProcess,
  exited: Promise<void>,
  dir: string,
  state: string,
): Promise<void> {
  if (daemon.exitCode === null) {
    daemon.kill('SIGTERM');
    const timeout = sleep(30_000).then(() => daemon.kill('SIGKILL'));
    await Promise.race([exited, timeout]);
  }
  // dockerd leaves its default network namespace mounted under the exec root; unmount what is left.
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((path) => path.startsWith(`${dir}/`) || path.startsWith(`${state}/`))
    .reverse();
  for (const path of mounts) spawnSync('umount', [path]);
  rmSync(dir, { recursive: true, force: true });
}

function answers(env: NodeJS.ProcessEnv): boolean {
  return (
    spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { env, timeout: 10_000 }).status === 0
  );
}

export function onPath(command: string): boolean {
  return clientsOnPath(command).length > 0;
}

/** Every executable of that name on PATH, in PATH order. */
export function clientsOnPath(command: string): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      if (!found.includes(join(dir, command))) found.push(join(dir, command));
    } catch {}
  }
  return found;
}

/**
 * A docker client that builds with BuildKit against this engine: one with the buildx plugin, or a client from
 * before BuildKit needed buildx (Debian's docker.io 20.10 uses the engine's built-in BuildKit).
 */
export function buildKitClient(env: NodeJS.ProcessEnv): string | undefined {
  for (const client of clientsOnPath('docker')) {
    if (spawnSync(client, ['buildx', 'version'], { env, timeout: 10_000 }).status === 0) return client;
    const version = execFileSync(client, ['version', '--format', '{{.Client.Version}}'], {
      env,
      encoding: 'utf8',
    });
    if (Number(version.split('.')[0]) < 23) return client;
  }
  return undefined;
}
