import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from './init-build.js';

const SAMPLE = fileURLToPath(new URL('../../../examples/release/release.yaml', import.meta.url));

// Builds only when a source file is newer than the bin, so parallel bin tests never see dist/ being cleaned.
beforeAll(() => ensureBuilt(), 240_000);

async function bin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the built mlship bin', () => {
  it('validates the sample, prints prod as JSON, and exits 2 with file:line:col for a bad --env file', async () => {
    const ok = await bin('validate', '--file', SAMPLE, '--env', 'prod', '--json');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { environments: Record<string, unknown> }).environments).toHaveProperty(
      'prod',
    );

    const dir = mkdtempSync(join(tmpdir(), 'mlship-bin-'));
    writeFileSync(
      join(dir, 'release.yaml'),
      readFileSync(SAMPLE, 'utf8').replace('region: eu-central-1', 'region: eu-central1'),
    );
    const bad = await bin('validate', '--file', join(dir, 'release.yaml'), '--env', 'prod');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      [
        `Error [CONFIG_INVALID]: ${dir}/release.yaml is invalid (1 error):`,
        `  ${dir}/release.yaml:5:9 region: expected an AWS region such as eu-central-1, got "eu-central1" (did you mean eu-central-1?)`,
        'Hint: fix the lines above and run `mlship validate` again; `mlship schema` gives your editor the same checks',
        '',
      ].join('\n'),
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      ['validate', '--file', '/nonexistent'],
      'Hint: check the path given to --file (the current directory is',
    ],
    [
      ['validate'],
      'Hint: run this in your project directory, pass --file <path>, or create one with `mlship init`',
    ],
  ])('fits the missing-file hint to how the file was named: %j', async (args, hint) => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlship-nofile-'));
    const result = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((result as { code: number }).code).toBe(2);
    expect(result.stderr).toContain('Error [CONFIG_NOT_FOUND]');
    expect(result.stderr).toContain(hint);
  });
});
