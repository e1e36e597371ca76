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
    delete env.CIRCLE_SHA1;
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
region: eu-west-1
image: { repository: iris }
sagemaker:
  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
  instance: { type: ml.m5.large, count: 1 }
environments:
  dev: {}
`;

function seedQuota(value: number) {
  aws.quotas.seedQuota({
    serviceCode: 'sagemaker',
    quotaCode: 'L-4A6B4D1A',
    quotaName: 'ml.m5.large for endpoint usage',
    defaultValue: 0,
    appliedValue: value,
  });
}

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` before the CLI tests`);
  aws = await startFakeAws({ transitionAfterDescribes: 0 });
});
beforeEach(async () => {
  aws.reset();
  aws.ecr.putImage('iris', 'v1');
  aws.iam.seedRole('sagemaker-exec', {
    trustService: 'sagemaker.amazonaws.com',
    policies: { pull: { Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' }] } },
  });
  seedQuota(2);
  dir = await tempDir();
  await writeFile(join(dir.path, 'release.yaml'), release);
});
afterAll(async () => {
  await aws?.stop();
});

describe('mlship doctor (built CLI against the fakes)', () => {
  it('all green → exit 0 with the table; --json for CI', async () => {
    const run = await mlship(['doctor', '--env', 'dev', '--image-tag', 'v1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ Identity {13}arn:aws:iam::123456789012:user\/mlship-fake/);
    expect(run.stdout).toContain('✔ Instance quota       ');
    expect(run.stdout).toContain('dev: 5 ✔, 0 ✖, 0 ⚠');
    const json = await mlship(['doctor', '--env', 'dev', '--image-tag', 'v1', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ env: 'dev', summary: { ok: 5, fail: 0, warn: 0 } });
    expect(aws.mutatingCalls()).toEqual([]);
  });

  it('a ✖ → exit 1; deploy stops with exit 2 and the same table, nothing created', async () => {
    aws.quotas.reset();
    seedQuota(0);
    const run = await mlship(['doctor', '--env', 'dev', '--image-tag', 'v1', '--json']);
    expect(run.code).toBe(1);
    const quota = JSON.parse(run.stdout).rows.find((r: { check: string }) => r.check === 'quota');
    expect(quota).toMatchObject({ status: 'fail', data: { quotaCode: 'L-4A6B4D1A', value: 0 } });

    const deploy = await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1']);
    expect(deploy.code).toBe(2);
    expect(deploy.stderr).toContain(
      'Error [PREFLIGHT_FAILED]: Preflight: 1 check(s) failed; nothing was changed.',
    );
    expect(deploy.stderr).toContain(`✖ Instance quota       ${quota.fact}`);
    expect(deploy.stderr).toContain('--quota-code L-4A6B4D1A --desired-value 1 --region eu-west-1');
    expect(aws.mutatingCalls()).toEqual([]);
  });

  it('deploy --skip-preflight says what was not checked', async () => {
    const run = await mlship(['deploy', '--env', 'dev', '--image-tag', 'v1', '--skip-preflight']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Preflight skipped (--skip-preflight): instance quotas');
    expect(aws.calls.filter((c) => c.operation === 'SimulatePrincipalPolicy')).toEqual([]);
  });

  it('--print-policy prints the policy JSON on stdout', async () => {
    const run = await mlship(['doctor', '--env', 'dev', '--print-policy']);
    expect(run.code).toBe(0);
    const policy = JSON.parse(run.stdout);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toContain('CreateTaggedVersions');
    expect(aws.calls).toEqual([]);
  });
});
