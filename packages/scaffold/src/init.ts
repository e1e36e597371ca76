import type { InitAnswers } from './answers.js';
import { type GitPlan, type GitResult, gitBranch, planGit } from './git.js';
import { type PlanOptions, planInit } from './project.js';
import { type WriteResult, writeInit } from './write.js';

export interface InitOptions extends PlanOptions {
  force?: boolean;
  dryRun?: boolean;
  /** Run `npm install` in the project after writing it (and before the git commit, so the lockfile is in it). */
  install?: boolean;
}

export interface InitResult extends WriteResult {
  /** What git will do (dry run) or did. */
  gitPlan: GitPlan;
  git?: GitResult;
  /** npm install ran and wrote package-lock.json. */
  installed: boolean;
}

/**
 * `mlship init` as a library call: plan the files, check git preconditions (before anything is written),
 * write, then branch and commit. With `dryRun` it only plans and checks.
 */
export async function init(answers: InitAnswers, options: InitOptions = {}): Promise<InitResult> {
  const files = await planInit(answers, options);
  const gitPlan: GitPlan = answers.git
    ? await planGit(answers.dir, answers.name, { init: true })
    : { action: 'skip', reason: 'not requested; --git creates feature/mlship-<model>' };
  const written = await writeInit(files, answers.dir, { force: options.force, dryRun: options.dryRun });
  const installed = Boolean(options.install && !options.dryRun);
  if (installed) await (await import('./install.js')).npmInstall(written.dir);
  if (options.dryRun || gitPlan.action === 'skip') return { ...written, gitPlan, installed };
  const git = await gitBranch(answers.dir, answers.name, { init: true });
  return { ...written, gitPlan, installed, ...(git ? { git } : {}) };
}
