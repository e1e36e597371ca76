import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planInit, type RenderedFile, resolveAnswers } from '../src/index.js';

/**
 * Answers in, file tree out. A golden case keeps only the files that depend on its answers (rendered templates,
 * the model) in `expected/`, and lists the template files copied byte for byte with their SHA-256 in
 * `copied-templates.json`; `examples/iris-onnx` is the one full tree. `UPDATE_GOLDEN=1 pnpm exec vitest run
 * packages/scaffold/test/golden.test.ts` rewrites them after an intended template change; review the diff.
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
    manifest: join(goldenRoot, e.name, 'copied-templates.json'),
  }));
const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.answers.json'))
  .map((f) => {
    const name = f.slice(0, -'.answers.json'.length);
    return {
      name,
      answers: join(repoRoot, 'examples', f),
      dir: join(repoRoot, 'examples', name),
      manifest: undefined,
    };
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

const templatesRoot = join(repoRoot, 'templates');
const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A planned file that is a template file copied as it is (no `.hbs`), so it cannot depend on the answers. */
function isTemplateCopy(file: RenderedFile): boolean {
  const name = file.path === '.gitignore' ? '_gitignore' : file.path;
  const candidates = [
    join(templatesRoot, 'project', name),
    ...['project', 'onnx', 'custom'].map((dir) => join(templatesRoot, 'server', dir, name)),
  ];
  const bytes = Buffer.from(file.contents);
  return candidates.some((path) => existsSync(path) && readFileSync(path).equals(bytes));
}

function manifestOf(files: RenderedFile[]): string {
  const entries = files.map((file) => [file.path, sha256(Buffer.from(file.contents))]);
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}

describe.each([...cases, ...examples])('golden $name', ({ answers, dir, manifest }) => {
  it('re-renders to the committed files (and, for a case, the manifest of copied templates)', async () => {
    const files = await plan(answers);
    const copied = manifest ? files.filter(isTemplateCopy) : [];
    const rendered = files.filter((file) => !copied.includes(file));
    if (update) {
      writeTree(dir, rendered);
      if (manifest) writeFileSync(manifest, manifestOf(copied));
    }
    expectTree(dir, rendered);
    if (manifest) {
      const hint = `${relative(repoRoot, manifest)} is stale: run UPDATE_GOLDEN=1 pnpm exec vitest run packages/scaffold/test/golden.test.ts`;
      expect(readFileSync(manifest, 'utf8'), hint).toBe(manifestOf(copied));
    }
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
    const files = (await plan(cases[0]?.answers ?? '')).filter((file) => !isTemplateCopy(file));
    const tampered = files.map((f) =>
      f.path === 'release.yaml' ? { ...f, contents: `${f.contents}# extra\n` } : f,
    );
    expect(() => expectTree(cases[0]?.dir ?? '', tampered)).toThrow(/release\.yaml differs/);
  });

  it('a golden tree holds only files that depend on the answers; copies are in the manifest', async () => {
    for (const { answers, dir, manifest } of cases) {
      const files = await plan(answers);
      const listed = Object.keys(JSON.parse(readFileSync(manifest, 'utf8')) as object);
      expect(listed.length).toBeGreaterThan(10);
      for (const path of listed) expect(existsSync(join(dir, path)), path).toBe(false);
      expect(files.find((file) => file.path === 'release.yaml' && isTemplateCopy(file))).toBeUndefined();
      expect(existsSync(join(dir, 'release.yaml'))).toBe(true);
    }
  });
});
