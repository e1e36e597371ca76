import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { groupAlive } from '@mlship/dev';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const IRIS = fileURLToPath(new URL('../../../examples/iris-onnx', import.meta.url));

/** `mlship dev` from source, as a user runs it; resolves with its output once the banner is printed. */
function startCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', SOURCE_BIN, 'dev', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  const up = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (data) => {
      stdout += data;
      if (/Try it[^\n]*\n[^\n]*curl[^\n]*\n/.test(stdout)) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`mlship dev exited ${code}:\n${stdout}\n${stderr}`)));
  });
  return { child, up, output: () => ({ stdout, stderr }) };
}

describe('mlship dev (the CLI)', () => {
  it('prints the URLs and a curl that answers MISS then HIT; SIGINT stops every process it started and exits 0', async () => {
    const cli = startCli(['--dir', IRIS, '--port', '0']);
    const banner = await cli.up;
    const front = /front \(API Gateway stand-in\) (http:\/\/\S+)/.exec(banner)?.[1] as string;
    const pids = (/processes started\s+([\d, ]+)/.exec(banner)?.[1] ?? '').split(', ').map(Number);
    expect(front).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(pids).toHaveLength(2);
    expect(banner).toContain(
      `curl -i -X POST ${front}/predict -H 'content-type: application/json' -d '{"instances":[[1,1,1,1]]}'`,
    );

    const caches: Array<string | null> = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${front}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"instances":[[1,1,1,1]]}',
      });
      expect(response.status).toBe(200);
      caches.push(response.headers.get('x-cache'));
    }
    expect(caches).toEqual(['MISS', 'HIT']);
    for (const pid of pids) expect(groupAlive(pid)).toBe(true);

    cli.child.kill('SIGINT');
    const [code] = await once(cli.child, 'exit');
    expect(code, cli.output().stderr).toBe(0);
    expect(cli.output().stdout).toContain('Stopped everything mlship dev started.');
    expect(cli.output().stdout.match(/"url":"\/invocations"/g)).toHaveLength(1);
    for (const pid of pids) expect(groupAlive(pid), `process group ${pid}`).toBe(false);
  }, 180_000);

  it('exits 2 with DEV_NOT_A_PROJECT outside a project, starting nothing', async () => {
    const cli = startCli(['--dir', ROOT + 'docs', '--port', '0']);
    cli.up.catch(() => undefined);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(2);
    expect(cli.output().stderr).toContain('Error [DEV_NOT_A_PROJECT]');
    expect(cli.output().stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits 2 with INVALID_FLAG for a --port that is not a port, naming the flag', async () => {
    const cli = startCli(['--dir', IRIS, '--port', 'eighty']);
    cli.up.catch(() => undefined);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(2);
    expect(cli.output().stderr).toContain(
      'Error [INVALID_FLAG]: --port expects a port from 0 to 65535, got "eighty"',
    );
  }, 60_000);
});
