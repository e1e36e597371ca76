import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './init-build.js';

/**
 * The CLI installed on its own (as `npm i -g mlship` with only the SageMaker deployer next to it), so the other
 * deployers are missing whatever this checkout has built: its dist is copied into a fresh node_modules whose other
 * packages link to the workspace's.
 */
function installCliAlone(into: string): string {
  const modules = join(into, 'node_modules');
  const cliDir = join(ROOT, 'packages', 'cli');
  const cli = join(modules, '@mlship', 'cli');
  mkdirSync(cli, { recursive: true });
  cpSync(join(cliDir, 'dist'), join(cli, 'dist'), { recursive: true });
  cpSync(join(cliDir, 'package.json'), join(cli, 'package.json'));
  const link = (name: string, from: string) => {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(realpathSync(join(from, 'node_modules', name)), join(modules, name), 'dir');
  };
  for (const name of ['commander', 'ora', '@inquirer/prompts', '@mlship/core', '@mlship/scaffold'])
    link(name, cliDir);
  link('@mlship/deployer-sagemaker', cliDir);
  return join(cli, 'dist', 'bin.js');
}

let aws: FakeAws;
let dir: TempDir;
let bin: string;

beforeAll(async () => {
  ensureBuilt();
  aws = await startFakeAws({ transitionAfterDescribes: 0 });
  dir = await tempDir();
  bin = installCliAlone(join(dir.path, 'global'));
}, 240_000);
afterAll(async () => {
  await aws?.stop();
  await dir?.cleanup();
});

function mlship(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...aws.env, CI: 'true' };
  delete env.AWS_REGION;
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('no partial deploys', () => {
  it('a fresh init project (front: apigateway) without the API Gateway deployer exits 2 before any AWS call', () => {
    const init = mlship(['init', 'demo', '--yes', '--no-git'], dir.path);
    expect(init.code).toBe(0);
    const project = join(dir.path, 'demo');
    expect(readFileSync(join(project, 'release.yaml'), 'utf8')).toMatch(/front: apigateway/);
    aws.ecr.putImage('demo', 'v1');
    aws.calls.length = 0;

    const run = mlship(['deploy', '--env', 'dev', '--image-tag', 'v1'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error [DEPLOYER_MISSING]');
    expect(run.stderr).toContain('@mlship/deployer-apigateway');
    expect(run.stderr).toContain('Hint: Install them in the project: npm install --save-dev');
    expect(run.stdout).not.toContain('Deployed');
    expect(aws.calls).toEqual([]);

    const validate = mlship(['validate', '--env', 'dev'], project);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/Warning: @mlship\/deployer-apigateway is not installed/);
    expect(validate.stderr).not.toContain('deployer-sagemaker is not installed');
  });
});
