import { relative, resolve } from 'node:path';
import { MlshipError } from '@mlship/core/base';
import type { SimpleGit } from 'simple-git';
import { nearestExisting } from './work-tree.js';

/** simple-git is loaded only when a run uses git (--git), not on every init. */
async function simpleGit(dir: string): Promise<SimpleGit> {
  const { simpleGit: create } = await import('simple-git');
  return create(dir);
}

export interface GitOptions {
  /** Outside a work tree: run `git init` first (else git is skipped with a reason). */
  init?: boolean;
}

export type GitPlan =
  | { action: 'branch'; root: string; branch: string }
  | { action: 'init'; branch: string }
  | { action: 'skip'; reason: string };

export interface GitResult {
  branch: string;
  commit: string;
  initialized: boolean;
}

export function featureBranch(name: string): string {
  return `feature/mlship-${name}`;
}

/**
 * Decides what `gitBranch` will do, before anything is written: refuses a work tree with uncommitted
 * changes (they would end up mixed into the scaffold's commit) or an existing feature branch.
 */
export async function planGit(dir: string, name: string, options: GitOptions = {}): Promise<GitPlan> {
  const branch = featureBranch(name);
  const git = await simpleGit(nearestExisting(resolve(dir)));
  if (!(await git.checkIsRepo())) {
    return options.init
      ? { action: 'init', branch }
      : { action: 'skip', reason: 'not inside a git work tree' };
  }
  const root = (await git.revparse(['--show-toplevel'])).trim();
  const status = await git.status();
  const changed = status.files.filter((f) => !(f.index === '?' && f.working_dir === '?'));
  if (changed.length > 0) {
    const list = changed.slice(0, 5).map((f) => f.path);
    throw new MlshipError(
      'INIT_GIT_DIRTY',
      `The git work tree ${root} has uncommitted changes (${list.join(', ')}${changed.length > 5 ? ', …' : ''}); ` +
        `mlship init will not mix them into the ${branch} commit.`,
      { hint: 'Commit or stash your changes first, or pass --no-git to write the files without a branch.' },
    );
  }
  const branches = await git.branchLocal();
  if (branches.all.includes(branch)) {
    throw new MlshipError('INIT_GIT_BRANCH_EXISTS', `The branch ${branch} already exists in ${root}.`, {
      hint: 'Delete or rename that branch, choose another model name, or pass --no-git.',
    });
  }
  return { action: 'branch', root, branch };
}

/**
 * Inside a work tree: creates `feature/mlship-<name>`, adds the scaffold directory and commits only it.
 * Outside (with `init`): `git init -b main`, an empty first commit on main, then the same branch and commit.
 */
export async function gitBranch(
  dir: string,
  name: string,
  options: GitOptions = {},
): Promise<GitResult | undefined> {
  const plan = await planGit(dir, name, options);
  if (plan.action === 'skip') return undefined;
  const project = resolve(dir);
  let git: SimpleGit;
  if (plan.action === 'init') {
    git = await simpleGit(project);
    await git.init(['--initial-branch=main']);
    await (await withIdentity(git)).commit('Initial commit', [], { '--allow-empty': null });
  } else {
    git = await simpleGit(plan.root);
  }
  const pathspec = relative(plan.action === 'init' ? project : plan.root, project) || '.';
  await git.checkoutLocalBranch(plan.branch);
  await git.add(['--', pathspec]);
  const commit = await (await withIdentity(git)).commit(`Scaffold ${name} with mlship init`, [pathspec]);
  return { branch: plan.branch, commit: commit.commit, initialized: plan.action === 'init' };
}

/** Commits as the user; falls back to an mlship identity only where git has none configured. */
async function withIdentity(git: SimpleGit): Promise<SimpleGit> {
  const configured = await git
    .raw(['config', '--get', 'user.email'])
    .then((out) => out.trim() !== '')
    .catch(() => false);
  if (configured || process.env.GIT_AUTHOR_EMAIL) return git;
  const name = 'mlship';
  const email = 'mlship@localhost';
  return git.env({
    ...process.env,
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
  });
}
