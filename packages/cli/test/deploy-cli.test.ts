import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');

let aws: FakeAws;
let dir: TempDir;

function mlship(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...aws.env, CI: 'true', ...extraEnv };
    delete env.CIRCLE_SHA1;
    // The region comes from release.yaml alone; an AWS_REGION that disagrees would only add a warning.
    if (!('AWS_REGION' in extraEnv)) delete env.AWS_REGION;
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
region: eu-west-1
image: { repository: iris }
sagemaker:
  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
  instance: { type: ml.m5.large, count: 1 }
tags: { team: insight }
environments:
  dev: {}
`;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` before the CLI tests`);
  // Transitions complete on the first DescribeEndpoint, so the real-time backoff never sleeps.
  aws = await startFakeAws({ transitionAfterDescribes: 0 });
});
beforeEach(async () => {
  aws.reset();
  aws.ecr.putImage('iris', 'v1');
  aws.ecr.putImage('sentiment-classifier', 'v1');
  // What the deploy preflight checks: an execution role SageMaker can assume and pull with, and instance quota.
  aws.iam.seedRole('sagemaker-exec', {
    trustService: 'sagemaker.amazonaws.com',
    policies: { pull: { Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' }] } },
  });
  aws.quotas.seedQuota({
    serviceCode: 'sagemaker',
    quotaCode: 'L-4A6B4D1A',
    quotaName: 'ml.m5.large for endpoint usage',
    defaultValue: 0,
    appliedValue: 4,
  });
  dir = await tempDir();
  await writeFile(join(dir.path, 'release.yaml'), release);
});
afterAll(async () => {
  await aws?.stop();
});

describe('mlship deploy (built CLI against the fakes, configured only through AWS_* env vars)', () => {
  it('`deploy --env dev --dry-run` prints a plan without any mutating call', async () => {
    const run = await mlship(['deploy', '--env', 'dev', '--dry-run', '--image-tag', 'v1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan for dev:');
    expect(run.stdout).toMatch(/\+ SageMaker::Endpoint iris-dev/);
    expect(run.stdout).toContain(
      'Dry run: nothing was changed.\n  sagemaker: would be created (3 to create)',
    );
    expect(aws.mutatingCalls()).toEqual([]);
    expect(aws.calls.map((c) => c.operation)).toContain('DescribeImages');
  });

  it("deploys to release.yaml's region and says so when AWS_REGION disagrees", async () => {
    const run = await mlship(['deploy', '--env', 'dev', '--dry-run', '--image-tag', 'v1'], {
      AWS_REGION: 'us-east-1',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: AWS_REGION=us-east-1 is ignored: release.yaml deploys dev to eu-west-1',
    );
  });

  it('deploys, writes the outputs file, and a re-run prints "no changes" with zero mutating calls', async () => {
    const first = await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Deployed dev:\n  sagemaker: created (3 created)\n');
    expect(first.stdout).toMatch(/done: Creating endpoint iris-dev: InService/);
    const outputs = JSON.parse(await readFile(join(dir.path, '.mlship/dev.outputs.json'), 'utf8'));
    expect(outputs.targets.sagemaker.endpointName).toBe('iris-dev');

    aws.calls.length = 0;
    const again = await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      env: 'dev',
      changed: false,
      summary: [{ target: 'sagemaker', result: 'unchanged' }],
    });
    expect(aws.mutatingCalls()).toEqual([]);
    const text = await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1']);
    expect(text.stdout.match(/no changes/g)).toEqual(['no changes']);
  });

  it('a missing image exits 2 naming repo:tag and how to push it', async () => {
    const run = await mlship(['deploy', '--env', 'dev', '--image-tag', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error [IMAGE_NOT_FOUND]: Image iris:nope is not in ECR');
    expect(run.stderr).toContain('docker push 123456789012.dkr.ecr.eu-west-1.amazonaws.com/iris:nope');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a failed update exits 1 with the failure reason', async () => {
    expect((await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1'])).code).toBe(0);
    aws.ecr.putImage('iris', 'v2');
    aws.sagemaker.failNextUpdate('Image pull failed');
    const run = await mlship(['deploy', '--env', 'dev', '--image-tag', 'v2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Image pull failed');
  });

  it('status, rollback and destroy (which needs --yes without a terminal)', async () => {
    expect((await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1'])).code).toBe(0);
    aws.ecr.putImage('iris', 'v2');
    expect((await mlship(['deploy', '--env', 'dev', '--image-tag', 'v2'])).code).toBe(0);
    const status = await mlship(['status', '--env', 'dev', '--json']);
    expect(JSON.parse(status.stdout).targets[0].detail.versions).toHaveLength(2);
    const back = await mlship(['rollback', '--env', 'dev']);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/sagemaker: rolled back iris-dev-\w{8} → iris-dev-\w{8}/);
    const refused = await mlship(['destroy', '--env', 'dev']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const destroyed = await mlship(['destroy', '--env', 'dev', '--yes']);
    expect(destroyed.code).toBe(0);
    expect(aws.sagemaker.endpoints.size).toBe(0);
  });

  it('Ctrl-C while waiting stops with exit 1 and says AWS carries on', async () => {
    expect((await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1'])).code).toBe(0);
    aws.ecr.putImage('iris', 'v2');
    aws.sagemaker.holdUpdating();
    const env: NodeJS.ProcessEnv = { ...process.env, ...aws.env, CI: 'true' };
    const child = spawn(process.execPath, [bin, 'deploy', '--env', 'dev', '--image-tag', 'v2'], {
      cwd: dir.path,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    await new Promise<void>((ready) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes(': Updating')) ready();
      }),
    );
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.on('close', done));
    aws.sagemaker.release();
    expect(code).toBe(1);
    expect(stderr).toContain('Error [INTERRUPTED]');
  });

  it('bad flags exit 2 naming the flag', async () => {
    const run = await mlship(['deploy', '--env', 'dev', '--timeout', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout');
    expect((await mlship(['deploy'])).code).toBe(2);
  });
});

describe('mlship --help stays light', () => {
  it('the modules loaded for --help import no AWS SDK and no deployer', async () => {
    const seen = new Set<string>();
    const queue = [bin];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = await readFile(file, 'utf8');
      // static imports only; `import("...")` is lazy
      for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/gm)) {
        const specifier = match[1]!;
        expect(specifier).not.toMatch(/@aws-sdk|deployer-|@smithy/);
        if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      }
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
