import { access, constants, lstat, mkdir, readlink, stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MlshipError } from '@mlship/core/base';

const HINT = 'Choose a --dir on a writable file system (by default ./<model> in the current directory).';

function unusable(path: string, why: string, cause?: unknown): MlshipError {
  return new MlshipError('INIT_DIR_UNUSABLE', `Cannot write the project to ${path}: ${why}.`, {
    hint: HINT,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** What an errno means for the directory at `path`, in words. */
function describeErrno(path: string, error: NodeJS.ErrnoException): MlshipError {
  const reasons: Record<string, string> = {
    EROFS: `${path} is on a read-only file system`,
    EACCES: `no permission to write in ${dirname(path)}`,
    EPERM: `the file system does not allow creating ${path}`,
    ENOENT: `the file system does not allow creating ${path} (a virtual file system such as /proc?)`,
    ENOTDIR: `a part of ${path} is not a directory`,
    ENOSPC: `no space left on the device of ${path}`,
    EEXIST: `${path} exists and is not a directory`,
  };
  return unusable(path, `${reasons[error.code ?? ''] ?? error.message} (${error.code})`, error);
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return null;
    throw describeErrno(path, error as NodeJS.ErrnoException);
  }
}

/**
 * The directories from `dir` up to its nearest existing ancestor, checked for the mistakes people make: a file in
 * the path, a dangling symbolic link. Returns the missing directories, outermost first, and the existing ancestor.
 */
async function walkUp(dir: string): Promise<{ missing: string[]; existing: string }> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const info = await lstatOrUndefined(current);
    if (info?.isSymbolicLink()) {
      const target = await readlink(current);
      const resolved = await stat(current).catch(() => undefined);
      if (!resolved) throw unusable(current, `it is a symbolic link to ${target}, which does not exist`);
      if (!resolved.isDirectory())
        throw unusable(current, `it is a symbolic link to ${target}, which is a file`);
      return { missing: missing.reverse(), existing: current };
    }
    if (info?.isDirectory()) return { missing: missing.reverse(), existing: current };
    if (info) {
      const what =
        current === dir ? 'it is a file, not a directory' : `${current} is a file, not a directory`;
      throw unusable(dir, what);
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) throw unusable(dir, 'no part of the path exists');
    current = parent;
  }
}

/** File systems that hold kernel state, not files (statfs magic numbers from linux/magic.h). */
const VIRTUAL_FILE_SYSTEMS: Record<number, string> = {
  40864: 'proc',
  1650812274: 'sysfs',
  2613483: 'cgroup',
  1667723888: 'cgroup2',
  1684170528: 'debugfs',
};

async function virtualFileSystem(path: string): Promise<string | undefined> {
  try {
    return VIRTUAL_FILE_SYSTEMS[(await statfs(path)).type];
  } catch {
    return undefined;
  }
}

/**
 * Makes sure the project directory can be written: creates it one level at a time (never the recursive mkdir,
 * which spins forever on /proc), and turns every file-system refusal into INIT_DIR_UNUSABLE naming the path at
 * fault. With `dryRun` it only checks.
 */
export async function prepareDir(dir: string, options: { dryRun?: boolean } = {}): Promise<void> {
  const root = resolve(dir);
  const { missing, existing } = await walkUp(root);
  const virtual = await virtualFileSystem(existing);
  if (virtual)
    throw unusable(root, `${existing} is on ${virtual}, a virtual file system that holds no files`);
  try {
    await access(existing, constants.W_OK);
  } catch (error) {
    throw describeErrno(missing[0] ?? existing, error as NodeJS.ErrnoException);
  }
  if (options.dryRun) return;
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      throw describeErrno(path, error as NodeJS.ErrnoException);
    }
  }
}

/** Writes a file, turning a file-system refusal into INIT_DIR_UNUSABLE. */
export async function guarded<T>(path: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E'))
      throw describeErrno(path, error as NodeJS.ErrnoException);
    throw error;
  }
}
