import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planInit, type RenderedFile, resolveAnswers } from '../src/index.js';

/**
 * Answers in, file tree out. `UPDATE_GOLDEN=1 pnpm exec vitest run packages/scaffold/test/golden.test.ts`
 * rewrites the expected trees (and the examples) after an intended template change; review the diff.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const goldenRoot = join(import.meta.dirname, 'golden');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage']);

const cases = readdirSync(goldenRoot, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({
    name: e.name,
    answers: join(goldenRoot, e.name, 'answers.json'),
    dir: join(goldenRoot, e.name, 'expected'),
  }));
const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.answers.json'))
  .map((f) => {
    const name = f.slice(0, -'.answers.json'.length);
    return { name, answers: join(repoRoot, 'examples', f), dir: join(repoRoot, 'examples', name) };
  });

async function plan(answersFile: string): Promise<RenderedFile[]> {
  const { answers, missing } = await resolveAnswers({}, answersFile, {
    yes: true,
    env: {},
    insideGitTree: false,
  });
  if (!answers) throw new Error(`${answersFile} lacks ${missing.join(', ')}`);
  return planInit(answers, { mlshipVersion: '0.1.0' });
}

/**
 * The committed tree: files git tracks under `dir`, plus planned files already on disk (new, not yet committed).
 * Untracked leftovers of other tools (builds, benchmarks) are not part of it.
 */
function listTree(dir: string, planned: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files', '-z', '.'], { cwd: dir, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  } catch {
    tracked = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((path) => !SKIP_DIRS.has(path.split('/')[0] ?? ''));
  }
  const present = planned.filter((path) => existsSync(join(dir, path)));
  return [...new Set([...tracked.filter((path) => existsSync(join(dir, path))), ...present])].sort();
}

function writeTree(dir: string, files: RenderedFile[]): void {
  const planned = new Set(files.map((f) => f.path));
  for (const stale of listTree(dir, [...planned]).filter((p) => !planned.has(p))) rmSync(join(dir, stale));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
}

function expectTree(dir: string, files: RenderedFile[]): void {
  const hint = `${relative(repoRoot, dir)} is stale: run UPDATE_GOLDEN=1 pnpm exec vitest run packages/scaffold/test/golden.test.ts`;
  const planned = files.map((f) => f.path).sort();
  expect(listTree(dir, planned), hint).toEqual(planned);
  for (const file of files) {
    const actual = readFileSync(join(dir, file.path));
    const expected = Buffer.from(file.contents);
    if (!actual.equals(expected)) {
      expect(actual.toString('utf8'), `${hint}\n(${file.path} differs)`).toBe(expected.toString('utf8'));
    }
  }
}

describe.each([...cases, ...examples])('golden $name', ({ answers, dir }) => {
  it('re-renders to the committed file tree', async () => {
    const files = await plan(answers);
    if (update) writeTree(dir, files);
    expectTree(dir, files);
  });
});

describe('golden cases', () => {
  it('cover the required combinations and the examples exist', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([
      'autoscaling-no-cache',
      'custom-four-envs-apigee',
      'onnx-apigateway-dev',
    ]);
    expect(examples.map((e) => e.name)).toContain('iris-onnx');
  });

  it('a changed template shows up as a diff (the comparison can fail)', async () => {
    const files = await plan(cases[0]?.answers ?? '');
    const tampered = files.map((f) =>
      f.path === 'release.yaml' ? { ...f, contents: `${f.contents}# extra\n` } : f,
    );
    expect(() => expectTree(cases[0]?.dir ?? '', tampered)).toThrow(/release\.yaml differs/);
  });
});
