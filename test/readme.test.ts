import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../packages/cli/test/init-build.js';
import { buildStale } from '../scripts/demo/build.js';
import { runDemo } from '../scripts/demo/demo.js';

/**
 * Every shell block of the README carries a marker on the line before it: `<!-- runnable -->` (run here, line by
 * line, in a temporary directory), `<!-- runnable: in <dir> -->` (the same, inside that directory), `<!-- runnable:
 * demo -->` (the set-up line; the demo it ends with is run through its library function), `<!-- test-command -->`
 * (CI's own command, checked by repo-ci.test.ts) or `<!-- not-runnable: <reason> -->`. A block without one fails.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Block {
  marker: string;
  commands: string[];
  line: number;
}

function shellBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const pattern = /```(?:sh|bash)\n([\s\S]*?)```/g;
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(0, match.index).trimEnd().split('\n');
    const previous = before.at(-1) ?? '';
    const commands = (match[1] as string)
      .split('\n')
      .map((line) => line.replace(/\s+#\s.*$/, '').trim())
      .filter(Boolean);
    blocks.push({ marker: /^<!-- (.*) -->$/.exec(previous)?.[1] ?? '', commands, line: before.length + 1 });
  }
  return blocks;
}

const blocks = shellBlocks(readme);
const work = mkdtempSync(join(tmpdir(), 'mlship-readme-'));
const bin = join(work, '.bin');

beforeAll(() => {
  // under the CLI tests' build lock, so no test sees a dist/ being rebuilt
  ensureBuilt(() => buildStale(root));
  mkdirSync(bin);
  // `mlship` is the CLI built from this checkout; `npx mlship` runs the same (what npx resolves once published).
  writeFileSync(
    join(bin, 'mlship'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'packages/cli/dist/bin.js')}" "$@"\n`,
  );
  chmodSync(join(bin, 'mlship'), 0o755);
  copyFileSync(join(root, 'scripts/iris/iris.onnx'), join(work, 'iris.onnx'));
  const answers = JSON.parse(readFileSync(join(root, 'examples/iris-onnx.answers.json'), 'utf8'));
  writeFileSync(join(work, 'answers.json'), JSON.stringify({ ...answers, modelFile: './iris.onnx' }));
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(command: string, cwd: string): string {
  const script = `npx() { if [ "$1" = mlship ]; then shift; mlship "$@"; else command npx "$@"; fi; }\n${command}`;
  try {
    return execFileSync('bash', ['-c', script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: '1' },
      stdio: 'pipe',
    });
  } catch (error) {
    const failed = error as { status: number; stdout?: string; stderr?: string };
    throw new Error(
      `README command failed (exit ${failed.status}) in ${cwd}: ${command}\n${failed.stdout}\n${failed.stderr}`,
    );
  }
}

describe('the README', () => {
  it('marks every shell block as runnable or says why not', () => {
    const unmarked = blocks.filter(
      (b) => !/^(runnable(: .+)?|test-command|not-runnable: .+)$/.test(b.marker),
    );
    expect(unmarked.map((b) => `README.md:${b.line}`)).toEqual([]);
    expect(blocks.filter((b) => b.marker.startsWith('runnable')).length).toBeGreaterThanOrEqual(3);
  });

  it('runs every runnable command, in order, each exiting 0', () => {
    const runnable = blocks.filter((b) => /^runnable(: in .+)?$/.test(b.marker));
    for (const block of runnable) {
      const dir = join(work, /^runnable: in (.+)$/.exec(block.marker)?.[1] ?? '.');
      for (const command of block.commands) sh(command, dir);
    }
    // what the commands were meant to do, so a command that silently did nothing fails too
    expect(existsSync(join(work, 'iris', 'release.yaml'))).toBe(true);
    expect(existsSync(join(work, 'demo'))).toBe(false);
    expect(JSON.parse(readFileSync(join(work, 'iris', 'release.schema.json'), 'utf8'))).toHaveProperty(
      '$schema',
    );
  }, 300_000);

  it('sets up with the pinned pnpm, then the demo prints MISS then HIT for each row, exits 0 and leaves no process', async () => {
    const demo = blocks.find((b) => b.marker === 'runnable: demo');
    const pnpm = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string })
      .packageManager;
    expect(demo?.commands).toEqual([`npm i -g ${pnpm} && pnpm install --frozen-lockfile && pnpm demo`]);
    const lines: string[] = [];
    const result = await runDemo({ log: (line) => lines.push(line) });
    expect(result.exitCode).toBe(0);
    expect(result.calls.map((c) => c.cache)).toEqual(['MISS', 'HIT', 'MISS', 'HIT', 'MISS', 'HIT']);
    expect(result.calls.map((c) => c.species)).toEqual([
      'setosa',
      'setosa',
      'versicolor',
      'versicolor',
      'virginica',
      'virginica',
    ]);
    for (const pid of result.pids) expect(() => process.kill(-pid, 0)).toThrow();
    expect(existsSync(result.projectDir)).toBe(false);
  }, 420_000);
});
