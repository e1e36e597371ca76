import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@mlship/test-support';
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run } from '../src/program.js';

const release = `name: iris
model: { framework: onnx }
region: eu-west-1
image: { repository: iris }
sagemaker:
  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
environments:
  dev: {}
`;

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

let stderr: MockInstance;
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

async function deployAgainst(env: Record<string, string>) {
  const dir = await tempDir();
  await writeFile(join(dir.path, 'release.yaml'), release);
  for (const [key, value] of Object.entries({
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_MAX_ATTEMPTS: '1',
    CI: 'true',
    ...env,
  })) {
    vi.stubEnv(key, value);
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await run([
    'node',
    'mlship',
    'deploy',
    '--env',
    'dev',
    '--file',
    join(dir.path, 'release.yaml'),
    '--image-tag',
    'v1',
  ]);
  return { code, err: stderr.mock.calls.map(([chunk]) => String(chunk)).join('') };
}

describe('a network failure names the endpoint it tried and the variable that chose it', () => {
  it('AWS_ENDPOINT_URL at a closed port: exit 1, AWS_UNREACHABLE with the URL and how to unset it', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, err } = await deployAgainst({ AWS_ENDPOINT_URL: url });
    expect(code).toBe(1);
    expect(err).toContain(`Error [AWS_UNREACHABLE]: Cannot reach ECR at ${url}`);
    expect(err).toContain('(ECONNREFUSED)');
    expect(err).toContain(`Hint: AWS_ENDPOINT_URL=${url} sends ECR requests there`);
    expect(err).toContain('unset AWS_ENDPOINT_URL');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a per-service variable is named when it chose the endpoint', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, err } = await deployAgainst({ AWS_ENDPOINT_URL_ECR: url });
    expect(code).toBe(1);
    expect(err).toContain(`Cannot reach ECR at ${url}`);
    expect(err).toContain('unset AWS_ENDPOINT_URL_ECR');
  });

  it('an unknown host is the same error, suggesting how to point at an emulator', async () => {
    const { code, err } = await deployAgainst({ AWS_ENDPOINT_URL_ECR: 'http://mlship-no-such-host.invalid' });
    expect(code).toBe(1);
    expect(err).toMatch(
      /Cannot reach ECR at http:\/\/mlship-no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });
});
