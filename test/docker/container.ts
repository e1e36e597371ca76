import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Docker } from './docker.js';

/** Polls the container's Docker health status until it leaves `starting` (healthy, unhealthy, or none). */
export async function healthStatus(docker: Docker, id: string, limitMs = 90_000): Promise<string> {
  const until = Date.now() + limitMs;
  let status = 'starting';
  while (Date.now() < until) {
    status = await docker([
      'inspect',
      '--format',
      '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}',
      id,
    ]);
    if (status !== 'starting') return status;
    await sleep(500);
  }
  return status;
}

/** `docker stop` with SageMaker's 30 s grace; the exit code is 0 only if the process drained and exited itself. */
export async function stopExitCode(docker: Docker, id: string, graceSeconds = 30): Promise<number> {
  await docker(['stop', '--time', String(graceSeconds), id], { timeoutMs: (graceSeconds + 30) * 1000 });
  return Number(await docker(['inspect', '--format', '{{.State.ExitCode}}', id]));
}

/** The packages installed at the top of /app/node_modules in an image (scoped ones as @scope/name). */
export async function installedPackages(docker: Docker, image: string): Promise<string[]> {
  const listing = await docker([
    'run',
    '--rm',
    '--network=none',
    '--entrypoint',
    'sh',
    image,
    '-c',
    'cd /app/node_modules && ls -d -- * @*/* 2>/dev/null; true',
  ]);
  return listing.split('\n').filter((name) => name && !(name.startsWith('@') && !name.includes('/')));
}

/** Waits until GET url answers 200 (the container is listening and the model is loaded). */
export async function waitForOk(url: string, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${limitMs / 1000} s (last: ${last})`);
}

/**
 * Inside a running container (no network of its own): waits for /ping on the port, then POSTs the body to
 * /invocations; prints {ping, status, body} as JSON.
 */
export async function probeInside(docker: Docker, id: string, port: number, body: unknown) {
  const script = `
    const base = 'http://127.0.0.1:${port}';
    let ping = 0;
    for (let i = 0; i < 120 && ping !== 200; i++) {
      ping = await fetch(base + '/ping').then((r) => r.status, () => 0);
      if (ping !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    const r = await fetch(base + '/invocations', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(body))},
    }).catch((e) => ({ status: 0, json: async () => String(e) }));
    console.log(JSON.stringify({ ping, status: r.status, body: await r.json() }));`;
  const out = await docker(['exec', id, 'node', '--input-type=module', '-e', script]);
  return JSON.parse(out) as { ping: number; status: number; body: unknown };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}
