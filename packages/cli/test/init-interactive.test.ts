import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { spawn } from 'node-pty';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './init-build.js';

beforeAll(() => ensureBuilt(), 240_000);

const ENTER = '\r';
const DOWN = '\u001b[B';
const BACKSPACE = '\u007f';
const stripAnsi = (text: string) => stripVTControlCharacters(text);

/** A terminal session: `expect` waits until the screen output (since the last match) shows a pattern. */
function terminal(cwd: string, args: string[]) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.CI;
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  env.NO_COLOR = '1';
  const pty = spawn(process.execPath, [BIN, ...args], { cwd, env, cols: 120, rows: 40, name: 'xterm' });
  let output = '';
  let cursor = 0;
  const waiters: (() => void)[] = [];
  pty.onData((data) => {
    output += data;
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    exited,
    all: () => stripAnsi(output),
    async expect(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rest = stripAnsi(output.slice(cursor));
        const match = pattern.exec(rest);
        if (match) {
          cursor = output.length;
          return rest;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${rest}`);
        await Promise.race([
          new Promise<void>((wake) => waiters.push(wake)),
          new Promise((r) => setTimeout(r, 200)),
        ]);
      }
    },
    type(keys: string) {
      pty.write(keys);
    },
  };
}

describe('mlship init in a terminal', () => {
  it('asks every question, rejects an invalid name, writes the project and prints the one-line command', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlship-pty-'));
    const t = terminal(cwd, ['init']);

    await t.expect(/Model name/);
    t.type(`9lives${ENTER}`);
    await t.expect(/letters, digits and single hyphens, starting with a letter/);
    t.type(`${BACKSPACE.repeat(6)}iris-demo${ENTER}`);
    await t.expect(/Model framework/);
    t.type(ENTER); // custom: the default without a model file
    await t.expect(/Environments to create/);
    t.type(ENTER); // dev, staging, prod
    await t.expect(/API front door for dev/);
    t.type(ENTER); // apigateway
    await t.expect(/API front door for staging/);
    t.type(ENTER); // apigee
    await t.expect(/API front door for prod/);
    t.type(`${DOWN}${ENTER}`); // apigee -> none
    await t.expect(/Apigee organization/);
    t.type(`acme-apis${ENTER}`);
    await t.expect(/Apigee environment for staging/);
    t.type(ENTER);
    await t.expect(/JWKS URL/);
    t.type(ENTER);
    await t.expect(/AWS region/);
    t.type(`eu-west-1${ENTER}`);
    await t.expect(/instance count/);
    t.type(`${BACKSPACE}2${ENTER}`);
    const list = await t.expect(/SageMaker instance type \(on-demand price in eu-west-1\)/);
    expect(list).toMatch(/ml\.m5\.large\s+\$0\.\d{3}\/h\s+≈ \$\d+\/month for 2/);
    t.type(ENTER); // ml.m5.large
    await t.expect(/EBS volume size/);
    t.type(ENTER);
    await t.expect(/Enable autoscaling/);
    t.type(`y${ENTER}`);
    await t.expect(/minimum instances/);
    t.type(ENTER); // 2 (the count)
    await t.expect(/maximum instances/);
    t.type(ENTER);
    await t.expect(/target invocations/);
    t.type(ENTER);
    await t.expect(/response cache/);
    t.type(`n${ENTER}`);
    await t.expect(/Team tag/);
    t.type(`vision${ENTER}`);
    await t.expect(/Extra tags/);
    t.type(`cost-center=42${ENTER}`);
    await t.expect(/execution role ARN/);
    t.type(ENTER);
    await t.expect(/Create the git branch feature\/mlship-iris-demo/);
    t.type(`n${ENTER}`);
    await t.expect(/Install the dependencies now \(npm install, writes package-lock\.json\)/);
    t.type(`n${ENTER}`);
    const done = await t.expect(/The same, without the questions:\s+(npx mlship init [^\n]+)/, 30_000);
    expect(await t.exited).toBe(0);
    expect(done).toMatch(/Wrote \d+ files to .*iris-demo/);

    const release = readFileSync(join(cwd, 'iris-demo', 'release.yaml'), 'utf8');
    expect(release).toContain('name: iris-demo');
    expect(release).toMatch(/autoscaling:\n\s+enabled: true\n\s+minInstances: 2/);
    expect(release).toMatch(/prod:\n\s+front: none/);
    expect(release).toContain('cost-center: "42"');

    // The printed command reproduces the same project without a terminal.
    const command =
      /The same, without the questions:\s+(npx mlship init [^\n]+)/.exec(t.all())?.[1]?.trim() ?? '';
    const again = mkdtempSync(join(tmpdir(), 'mlship-pty-again-'));
    execFileSync('sh', ['-c', command.replace(/^npx mlship/, `"${process.execPath}" "${BIN}"`)], {
      cwd: again,
      env: { ...process.env, CI: '1', AWS_REGION: '' },
      stdio: 'pipe',
    });
    expect(readFileSync(join(again, 'iris-demo', 'release.yaml'), 'utf8')).toBe(release);
  }, 90_000);

  it('re-asks at the prompt: an unknown region (did you mean), a fraction, and a maximum below the minimum', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlship-pty-rules-'));
    const t = terminal(cwd, [
      'init',
      'rules-demo',
      '--framework',
      'custom',
      '--envs',
      'dev',
      '--front',
      'dev=none',
      '--instance-type',
      'ml.m5.large',
      '--volume-size',
      '30',
      '--no-cache',
      '--team',
      'ml',
      '--role-arn',
      'arn:aws:iam::111122223333:role/sagemaker',
      '--no-git',
    ]);
    await t.expect(/AWS region/);
    t.type(`us-east-9${ENTER}`);
    await t.expect(/us-east-9 is not an AWS region mlship knows; did you mean us-east-1\?/);
    t.type(`${BACKSPACE}1${ENTER}`);
    await t.expect(/instance count/);
    t.type(`${BACKSPACE}1.5${ENTER}`);
    await t.expect(/a whole number from 1 to 100/);
    t.type(`${BACKSPACE.repeat(3)}2${ENTER}`);
    await t.expect(/Enable autoscaling/);
    t.type(`y${ENTER}`);
    await t.expect(/minimum instances/);
    t.type(ENTER); // 2, the count
    await t.expect(/maximum instances/);
    t.type(`${BACKSPACE}1${ENTER}`);
    const conflict = await t.expect(/the maximum must be at least the minimum \(2\)/);
    expect(conflict).not.toMatch(/Too small|multiple of/);
    t.type(`${BACKSPACE}5${ENTER}`);
    await t.expect(/target invocations/);
    t.type(ENTER);
    await t.expect(/Extra tags/);
    t.type(ENTER);
    await t.expect(/Install the dependencies now/);
    t.type(`n${ENTER}`);
    await t.expect(/The same, without the questions/, 30_000);
    expect(await t.exited).toBe(0);
    const release = readFileSync(join(cwd, 'rules-demo', 'release.yaml'), 'utf8');
    expect(release).toContain('region: us-east-1');
    expect(release).toMatch(/count: 2\n/);
    expect(release).toMatch(/minInstances: 2\n\s+maxInstances: 5\n/);
  }, 90_000);
});
