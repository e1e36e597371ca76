import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { type FakeAws, startFakeAws, type TempDir, tempDir } from '@mlship/test-support';
import { spawn as spawnPty } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'packages/cli/dist/bin.js');
let aws: FakeAws;
let dir: TempDir;

/** Runs the built CLI in a pseudo-terminal, typing `answer` once `prompt` shows up. */
function inTerminal(args: string[], prompt: string, answer: string, stdoutTo?: string) {
  return new Promise<{ code: number; output: string }>((done) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...aws.env })) {
      if (value !== undefined && key !== 'CI' && key !== 'NO_COLOR') env[key] = value;
    }
    // With `stdoutTo`, stdout goes to that file (as in `mlship deploy | tee log`); stdin and stderr stay the terminal.
    const [file, argv] = stdoutTo
      ? ['/bin/sh', ['-c', `exec "$0" "$@" > ${JSON.stringify(stdoutTo)}`, process.execPath, bin, ...args]]
      : [process.execPath, [bin, ...args]];
    const term = spawnPty(file, argv, { cwd: dir.path, env, cols: 120, rows: 30 });
    let output = '';
    let answered = false;
    term.onData((data) => {
      output += data;
      if (!answered && output.includes(prompt)) {
        answered = true;
        term.write(answer);
      }
    });
    term.onExit(({ exitCode }) => done({ code: exitCode, output: stripVTControlCharacters(output) }));
  });
}

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` before the CLI tests`);
  aws = await startFakeAws({ transitionAfterDescribes: 0 });
  aws.ecr.putImage('iris', 'v1');
  dir = await tempDir();
  await writeFile(
    join(dir.path, 'release.yaml'),
    'name: iris\nmodel: { framework: onnx }\nregion: eu-west-1\nimage: { repository: iris }\nsagemaker:\n  executionRoleArn: arn:aws:iam::123456789012:role/x\nenvironments:\n  dev: {}\n',
  );
});
afterAll(async () => {
  await aws?.stop();
  await dir?.cleanup();
});

describe('in a terminal', () => {
  it('deploy asks before applying and spins while waiting; destroy asks and "no" keeps everything', async () => {
    const deployed = await inTerminal(
      // The preflight has its own tests; this one is about who is asked.
      ['deploy', '--env', 'dev', '--image-tag', 'v1', '--skip-preflight'],
      'Apply 7 change(s) to dev?',
      'y\r',
    );
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toContain('✔ Creating endpoint iris-dev: InService');
    expect(aws.sagemaker.endpoints.has('iris-dev')).toBe(true);

    const kept = await inTerminal(
      ['destroy', '--env', 'dev'],
      'Destroy every resource of iris in dev?',
      'n\r',
    );
    expect(kept.code).toBe(2);
    expect(kept.output).toContain('Destroy cancelled; nothing was deleted.');
    expect(aws.sagemaker.endpoints.has('iris-dev')).toBe(true);

    const interrupted = await inTerminal(
      ['destroy', '--env', 'dev'],
      'Destroy every resource of iris in dev?',
      '\x03',
    );
    expect(interrupted.code).toBe(2);
    expect(interrupted.output).toContain('Destroy cancelled; nothing was deleted.');
    expect(interrupted.output).not.toContain('Internal error');
    expect(aws.sagemaker.endpoints.has('iris-dev')).toBe(true);
  });
});

describe('the question follows the person, not stdout', () => {
  it('deploy --json with stdout piped still asks (on stderr) when stdin is a terminal; destroy too', async () => {
    aws.ecr.putImage('iris', 'v2');
    const out = join(dir.path, 'deploy.json');
    const deployed = await inTerminal(
      ['deploy', '--env', 'dev', '--image-tag', 'v2', '--json', '--skip-preflight'],
      'change(s) to dev?',
      'y\r',
      out,
    );
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toMatch(/Apply \d+ change\(s\) to dev\?/);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ env: 'dev', changed: true });

    const kept = await inTerminal(
      ['destroy', '--env', 'dev'],
      'Destroy every resource of iris in dev?',
      'n\r',
      join(dir.path, 'destroy.log'),
    );
    expect(kept.code).toBe(2);
    expect(kept.output).toContain('Destroy cancelled; nothing was deleted.');
    expect(aws.sagemaker.endpoints.has('iris-dev')).toBe(true);
  });
});
