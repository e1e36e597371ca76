import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');

let aws: FakeAws;
let dir: TempDir;

function mlship(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...aws.env, CI: 'true' };
    delete env.AWS_REGION;
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir.path, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const release = `name: iris
model: { framework: onnx }
region: us-east-1
image: { repository: iris }
sagemaker:
  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
environments:
  dev: {}
`;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` before the CLI tests`);
  aws = await startFakeAws();
});
beforeEach(async () => {
  aws.reset();
  dir = await tempDir();
  await writeFile(join(dir.path, 'release.yaml'), release);
});
afterAll(async () => {
  await aws?.stop();
});

describe('mlship logs and mlship loadtest (built CLI)', () => {
  it('logs prints the endpoint’s events as JSON lines', async () => {
    const now = Date.now();
    aws.logs.putEvents('/aws/sagemaker/Endpoints/iris-dev', 'AllTraffic/i-1', [
      { timestamp: now - 2000, message: 'model loaded' },
      { timestamp: now - 1000, message: 'predict 200' },
    ]);
    const run = await mlship(['logs', '--env', 'dev', '--since', '5m', '--json']);
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => [e.source, e.message])).toEqual([
      ['sagemaker', 'model loaded'],
      ['sagemaker', 'predict 200'],
    ]);
  });

  it('a bad --since exits 2 naming the flag', async () => {
    const run = await mlship(['logs', '--env', 'dev', '--since', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error [LOGS_BAD_SINCE]: --since "soon"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('loadtest refuses an out-of-range flag with exit 2 before sending anything', async () => {
    const run = await mlship(['loadtest', '--url', 'http://127.0.0.1:9/predict', '--duration', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error [LOADTEST_BAD_OPTION]: --duration is 0');
    const notNumber = await mlship(['loadtest', '--url', 'http://127.0.0.1:9/predict', '--rate', 'fast']);
    expect(notNumber.stderr).toContain('--rate "fast" is not a whole number');
  });
});
