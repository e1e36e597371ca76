import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { completeAnswers, gitBranch, init, planGit, writeInit } from '../src/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'mlship-init-'));
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com'];

function repo(): string {
  const dir = tmp();
  git(dir, 'init', '-q', '--initial-branch=main');
  writeFileSync(join(dir, 'existing.txt'), 'hello\n');
  git(dir, 'add', '.');
  git(dir, ...identity, 'commit', '-q', '-m', 'first');
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<MlshipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MlshipError);
  return error as MlshipError;
}

const files = [
  { path: 'a.txt', contents: 'a\n' },
  { path: 'nested/b.sh', contents: 'echo b\n', mode: 0o755 },
];

describe('writeInit', () => {
  it('writes the files, creating directories and keeping modes', async () => {
    const dir = join(tmp(), 'project');
    const result = await writeInit(files, dir);
    expect(result.files).toEqual(['a.txt', 'nested/b.sh']);
    expect(readFileSync(join(dir, 'nested/b.sh'), 'utf8')).toBe('echo b\n');
  });

  it('refuses a non-empty directory unless forced, and overwrites then', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'mine\n');
    const error = await failure(writeInit(files, dir));
    expect(error.code).toBe('INIT_DIR_NOT_EMPTY');
    expect(error.exitCode).toBe(2);
    expect(error.hint).toContain('--force');
    const forced = await writeInit(files, dir, { force: true });
    expect(forced.overwritten).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('a\n');
  });

  it('counts a directory holding only .git as empty', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    expect((await writeInit(files, dir)).files).toHaveLength(2);
  });

  it('--dry-run lists and writes nothing', async () => {
    const dir = join(tmp(), 'project');
    const result = await writeInit(files, dir, { dryRun: true });
    expect(result.files).toHaveLength(2);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('gitBranch', () => {
  it('inside a work tree: branches, adds only the scaffold and commits', async () => {
    const root = repo();
    writeFileSync(join(root, 'untracked-elsewhere.txt'), 'not mine\n');
    const dir = join(root, 'models', 'demo');
    await writeInit(files, dir);
    const result = await gitBranch(dir, 'demo');
    expect(result?.branch).toBe('feature/mlship-demo');
    expect(git(root, 'branch', '--show-current')).toBe('feature/mlship-demo');
    expect(git(root, 'show', '--name-only', '--format=%s', 'HEAD').split('\n')).toEqual([
      'Scaffold demo with mlship init',
      '',
      'models/demo/a.txt',
      'models/demo/nested/b.sh',
    ]);
    expect(git(root, 'status', '--porcelain')).toBe('?? untracked-elsewhere.txt');
  });

  it('refuses uncommitted changes in the user tree, before anything is written', async () => {
    const root = repo();
    writeFileSync(join(root, 'existing.txt'), 'changed\n');
    const error = await failure(planGit(join(root, 'demo'), 'demo'));
    expect(error.code).toBe('INIT_GIT_DIRTY');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('existing.txt');
    expect(error.hint).toContain('--no-git');
  });

  it('refuses an existing feature branch', async () => {
    const root = repo();
    git(root, 'branch', 'feature/mlship-demo');
    expect((await failure(planGit(join(root, 'demo'), 'demo'))).code).toBe('INIT_GIT_BRANCH_EXISTS');
  });

  it('outside a work tree: skips, or with init runs git init, a first commit on main, then the branch', async () => {
    const dir = join(tmp(), 'demo');
    expect(await planGit(dir, 'demo')).toEqual({ action: 'skip', reason: 'not inside a git work tree' });
    await writeInit(files, dir);
    const result = await gitBranch(dir, 'demo', { init: true });
    expect(result?.initialized).toBe(true);
    expect(git(dir, 'branch', '--show-current')).toBe('feature/mlship-demo');
    expect(git(dir, 'log', '--format=%s', 'main')).toBe('Initial commit');
    expect(git(dir, 'ls-files')).toBe('a.txt\nnested/b.sh');
  });
});

describe('init', () => {
  it('checks git before writing: a dirty tree leaves no files behind', async () => {
    const root = repo();
    writeFileSync(join(root, 'existing.txt'), 'changed\n');
    const dir = join(root, 'demo');
    const answers = completeAnswers({ name: 'demo', git: true, dir });
    expect((await failure(init(answers))).code).toBe('INIT_GIT_DIRTY');
    expect(existsSync(dir)).toBe(false);
  });

  it('writes the whole project and commits it on the feature branch', async () => {
    const root = repo();
    const dir = join(root, 'demo');
    mkdirSync(dir);
    const result = await init(completeAnswers({ name: 'demo', git: true, dir }));
    expect(result.files).toEqual(
      expect.arrayContaining(['release.yaml', '.circleci/config.yml', 'package.json']),
    );
    expect(result.git?.branch).toBe('feature/mlship-demo');
    expect(git(root, 'ls-files', 'demo').split('\n')).toEqual(result.files.map((f) => `demo/${f}`).sort());
  });
});
