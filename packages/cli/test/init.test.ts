import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from './init-build.js';

beforeAll(() => ensureBuilt(), 240_000);

const tmp = () => mkdtempSync(join(tmpdir(), 'mlship-cli-init-'));
const env = { ...process.env, CI: '1', AWS_REGION: '', AWS_DEFAULT_REGION: '', NO_COLOR: '1' };

async function mlship(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('mlship init (no terminal)', () => {
  it('lists the missing answers as flags and exits 2', async () => {
    const noName = await mlship(tmp());
    expect(noName.code).toBe(2);
    const run = await mlship(tmp(), 'init', '--framework', 'onnx');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('INIT_ANSWERS_MISSING');
    expect(run.stderr).toContain('<model>');
    expect(run.stderr).toContain('--model-file <path.onnx>');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('without --yes, every answer not given is missing (the README rule), listed as flags', async () => {
    const run = await mlship(tmp(), 'init', 'demo');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error [INIT_ANSWERS_MISSING]: No terminal to ask in');
    for (const flag of [
      '--framework <onnx|custom>',
      '--envs <dev,qa,staging,prod>',
      '--region <aws-region>',
    ]) {
      expect(run.stderr).toContain(`  ${flag}\n`);
    }
    expect(run.stderr).not.toContain('<model>');
    expect(run.stderr).toContain('or add --yes to take the default of each one that has one');
    const complete = await mlship(
      tmp(),
      'init',
      '--answers',
      join(ROOT, 'examples', 'iris-onnx.answers.json'),
      '--role-arn',
      'arn:aws:iam::111122223333:role/sagemaker',
      '--no-git',
    );
    expect(complete.code, complete.stderr).toBe(0);
  });

  it.each([
    ['/proc/nope', '/proc is on proc, a virtual file system'],
    ['/etc/passwd/x', '/etc/passwd is a file, not a directory'],
  ])('--dir %s is a coded user error naming the path at fault', async (dir, reason) => {
    const run = await mlship(tmp(), 'init', 'demo', '--yes', '--dir', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Error [INIT_DIR_UNUSABLE]: Cannot write the project to ${dir}: ${reason}`);
    expect(run.stderr).not.toContain('Internal error');
  });

  it('--yes writes a project whose release.yaml passes mlship validate', async () => {
    const cwd = tmp();
    const run = await mlship(cwd, 'init', 'demo', '--yes', '--team', 'ml', '--tag', 'cost-center=42');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Wrote \d+ files to .*demo/);
    expect(readFileSync(join(cwd, 'demo', 'release.yaml'), 'utf8')).toContain('cost-center: "42"');
    const validate = await mlship(join(cwd, 'demo'), 'validate');
    expect(validate.code, validate.stderr).toBe(0);
  });

  it('--dry-run lists the files and writes nothing; --json prints the result', async () => {
    const cwd = tmp();
    const run = await mlship(cwd, 'init', 'demo', '--yes', '--dry-run', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { dryRun: boolean; files: string[] };
    expect(result.dryRun).toBe(true);
    expect(result.files).toEqual(
      expect.arrayContaining(['release.yaml', '.circleci/config.yml', 'Dockerfile']),
    );
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('refuses a non-empty directory without --force', async () => {
    const cwd = tmp();
    mkdirSync(join(cwd, 'demo'));
    writeFileSync(join(cwd, 'demo', 'notes.txt'), 'mine');
    const run = await mlship(cwd, 'init', 'demo', '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('INIT_DIR_NOT_EMPTY');
    expect((await mlship(cwd, 'init', 'demo', '--yes', '--force')).code).toBe(0);
    expect(readFileSync(join(cwd, 'demo', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('reads --answers, flags win, and bad values name their flag', async () => {
    const cwd = tmp();
    const answers = join(ROOT, 'examples', 'iris-onnx.answers.json');
    const run = await mlship(
      cwd,
      'init',
      '--answers',
      answers,
      '--dir',
      'out',
      '--region',
      'eu-west-1',
      '--yes',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'out', 'release.yaml'), 'utf8')).toContain('region: eu-west-1');
    expect(readFileSync(join(cwd, 'out', 'model', 'model.onnx'))).toEqual(
      readFileSync(join(ROOT, 'scripts', 'iris', 'iris.onnx')),
    );
    const bad = await mlship(cwd, 'init', 'x2', '--yes', '--instance-type', 'ml.m5.huge', '--envs', 'dev');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--instance-type <ml.type> \(instanceType\): .*ml\.m5\.large/);
  });
});

describe('mlship init --install', () => {
  /** A stand-in npm first on PATH: records its arguments and directory, writes a lockfile or fails. */
  function fakeNpm(exitCode: number): { bin: string; log: string } {
    const bin = tmp();
    const log = join(bin, 'calls.log');
    writeFileSync(
      join(bin, 'npm'),
      `#!/bin/sh\necho "$PWD $*" >> ${log}\n[ ${exitCode} -eq 0 ] && echo '{"lockfileVersion":3}' > package-lock.json\necho "npm ERR! 404 Not Found - GET https://registry.npmjs.org/x" >&2\nexit ${exitCode}\n`,
      { mode: 0o755 },
    );
    return { bin, log };
  }

  async function initWith(npm: { bin: string }, ...args: string[]) {
    const cwd = tmp();
    const pathEnv = `${npm.bin}:${process.env.PATH ?? ''}`;
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [BIN, 'init', 'demo', '--yes', ...args],
        { cwd, env: { ...env, PATH: pathEnv } },
      );
      return { cwd, code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { cwd, code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('runs npm install in the new project, which writes package-lock.json', async () => {
    const npm = fakeNpm(0);
    const run = await initWith(npm, '--install');
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(npm.log, 'utf8').trim()).toBe(
      `${join(run.cwd, 'demo')} install --no-audit --no-fund`,
    );
    expect(existsSync(join(run.cwd, 'demo', 'package-lock.json'))).toBe(true);
    expect(run.stdout).toContain('Dependencies: installed with npm install (package-lock.json written)');
  });

  it('does not install without --install (no terminal), nor in a dry run', async () => {
    const npm = fakeNpm(0);
    expect((await initWith(npm)).code).toBe(0);
    expect((await initWith(npm, '--install', '--dry-run')).code).toBe(0);
    expect(existsSync(npm.log)).toBe(false);
  });

  it('a failed install is INIT_INSTALL_FAILED (exit 1) with npm output, and the files stay', async () => {
    const run = await initWith(fakeNpm(1), '--install');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error [INIT_INSTALL_FAILED]: npm install in');
    expect(run.stderr).toContain('failed (exit 1):\nnpm ERR! 404 Not Found');
    expect(existsSync(join(run.cwd, 'demo', 'release.yaml'))).toBe(true);
  });
});
