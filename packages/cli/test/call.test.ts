import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@mlship/test-support';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run } from '../src/program.js';

const release = `name: iris
model: { framework: onnx }
region: eu-west-1
image: { repository: iris }
sagemaker:
  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
  instance: { type: ml.m5.large, count: 1 }
api:
  apigateway: {}
environments:
  dev: { front: apigateway }
`;

const outputs = {
  restApiId: 'a1b2c3d4e5',
  stageName: 'v1',
  invokeUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1',
  tokenUrl: 'https://iris-dev.auth.eu-west-1.amazoncognito.com/oauth2/token',
  userPoolId: 'eu-west-1_AbCdEf123',
  clientId: 'abcdefghijklmnopqrstuvwxyz',
  apiKeyId: 'k1k2k3k4k5',
  scope: 'iris/invoke',
};

let stdout: MockInstance;
let stderr: MockInstance;
const written = (spy: MockInstance) => spy.mock.calls.map(([chunk]) => String(chunk)).join('');
let file: string;

beforeEach(async () => {
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const dir = await tempDir();
  file = join(dir.path, 'release.yaml');
  await writeFile(file, release);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function mlship(...args: string[]) {
  const code = await run(['node', 'mlship', 'call', '--env', 'dev', '--release', file, ...args]);
  return { code, out: written(stdout), err: written(stderr) };
}

async function withOutputs(): Promise<void> {
  await mkdir(join(file, '..', '.mlship'), { recursive: true });
  await writeFile(
    join(file, '..', '.mlship', 'dev.outputs.json'),
    JSON.stringify({ env: 'dev', targets: { apigateway: outputs } }),
  );
}

describe('mlship call', () => {
  it('says to deploy first when the environment has no outputs (exit 2)', async () => {
    const { code, err } = await mlship('--data', '{}');
    expect(code).toBe(2);
    expect(err).toMatch(/^Error \[CALL_NO_OUTPUTS\]: No API Gateway outputs for dev yet/m);
    expect(err).toContain('Hint: Deploy first: mlship deploy --env dev');
  });

  it('prints curl commands from the outputs with the secret and key masked, without calling AWS', async () => {
    await withOutputs();
    const { code, out } = await mlship(
      '--data',
      '{"instances":[[1,2,3,4]]}',
      '--path',
      '/predict/batch',
      '--curl',
    );
    expect(code).toBe(0);
    expect(out).toContain("-u 'abcdefghijklmnopqrstuvwxyz:********'");
    expect(out).toContain("'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1/predict/batch'");
    expect(out).toContain("-H 'x-api-key: ********'");
    expect(out).toContain('-d \'{"instances":[[1,2,3,4]]}\'');
    expect(out).toContain('add --show-secrets to print them');
  });

  it('reads the body from --file (refusing one that is not JSON) and gives --curl as JSON with --json', async () => {
    await withOutputs();
    const { code, out } = await mlship('--file', file, '--curl', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(written(stderr).trim().split('\n').pop() as string).error.code).toBe('CALL_BAD_INPUT');
    stdout.mockClear();
    const body = join(file, '..', 'body.json');
    await writeFile(body, '{"instances": []}');
    const ok = await mlship('--file', body, '--curl', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).curl).toHaveLength(2);
    expect(out).toBe('');
  });

  it('refuses both --data and --file, and a path the API does not serve (exit 2)', async () => {
    await withOutputs();
    expect((await mlship('--data', '{}', '--file', 'body.json')).code).toBe(2);
    expect(written(stderr)).toContain('Error [CALL_BAD_INPUT]: Pass either --data or --file, not both.');
    expect((await mlship('--data', '{}', '--path', '/admin')).code).toBe(2);
    expect(written(stderr)).toContain('Use one of /predict, /predict/batch, /invocations.');
  });
});
