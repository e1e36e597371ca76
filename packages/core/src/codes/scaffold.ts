import type { CodeTable } from './types.js';

/** `mlship init` and `mlship completion`: answers, the target directory, git, templates. */
export const SCAFFOLD_CODES = {
  INIT_ANSWERS_FILE: {
    kind: 'user',
    exit: 2,
    meaning: 'the --answers file cannot be read, is not JSON, or has unknown keys',
    fix: 'pass a JSON object with the keys of examples/*.answers.json',
  },
  INIT_ANSWERS_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'a flag or answer is invalid, or two of them conflict (e.g. min above max)',
    fix: 'fix the named flags; after prompts, init prints the command with everything typed',
  },
  INIT_ANSWERS_MISSING: {
    kind: 'user',
    exit: 2,
    meaning: 'no terminal to ask in and answers are missing (without --yes)',
    fix: 'pass the listed flags, or --yes to take the defaults',
  },
  INIT_FLAG_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'a flag value cannot be parsed (a number, a list, a key=value pair)',
    fix: 'see mlship init --help',
  },
  INIT_CANCELLED: { kind: 'user', exit: 2, meaning: 'the prompts were cancelled; nothing was written' },
  INIT_VENDOR_FAILED: {
    kind: 'user',
    exit: 2,
    meaning:
      'init runs from a source checkout and could not pack the mlship packages into vendor/mlship (a package is not built, or pnpm pack failed)',
    fix: 'run pnpm run build in the checkout, or pass --no-vendor to name registry versions',
  },
  INIT_VENDOR_PARTIAL: {
    kind: 'notice',
    meaning:
      'init vendored mlship, but the source does not hold every package the project names (e.g. a deployer not in this checkout); those keep registry versions',
    fix: 'pack or build the missing package in the checkout, or choose front doors whose deployers it holds',
  },
  INIT_DIR_NOT_EMPTY: {
    kind: 'user',
    exit: 2,
    meaning: 'the target directory is not empty',
    fix: 'choose another --dir, or --force to write into it',
  },
  INIT_DIR_UNUSABLE: {
    kind: 'user',
    exit: 2,
    meaning:
      'the project directory cannot be created or written: a path part is a file, a dangling symlink, a read-only or virtual file system, no permission',
    fix: 'choose a --dir on a writable file system; the message names the path at fault',
  },
  INIT_MODEL_FILE: {
    kind: 'user',
    exit: 2,
    meaning: 'the --model-file cannot be read',
    fix: 'pass the path of your exported .onnx model',
  },
  INIT_GIT_DIRTY: {
    kind: 'user',
    exit: 2,
    meaning: 'the git work tree has uncommitted changes, so --git would mix them into the scaffold commit',
    fix: 'commit or stash them, or pass --no-git',
  },
  INIT_GIT_BRANCH_EXISTS: {
    kind: 'user',
    exit: 2,
    meaning: 'the branch feature/mlship-<model> exists already',
    fix: 'delete or rename it, or pass --no-git',
  },
  INIT_INSTALL_FAILED: {
    kind: 'user',
    exit: 2,
    meaning: 'npm install in the new project failed (the files are written)',
    fix: 'run npm install in the project directory and read its output',
  },
  TEMPLATE_RENDER: {
    kind: 'internal',
    exit: 1,
    meaning: 'a template failed to render (a bug in mlship)',
    fix: 'report it with --debug output',
  },
  COMPLETION_SHELL: {
    kind: 'user',
    exit: 2,
    meaning: 'mlship completion was given a shell it does not support',
    fix: 'use bash, zsh or fish',
  },
} satisfies CodeTable;
