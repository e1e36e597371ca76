import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * Whether `dir` (or, before it exists, its nearest existing parent) lies inside a git work tree: a `.git` entry
 * (directory, or file for worktrees and submodules) in it or a parent, or GIT_DIR set. The same discovery git does,
 * without starting git (this runs on every init, only for a default).
 */
export async function isInsideWorkTree(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.GIT_DIR) return true;
  let current = nearestExisting(resolve(dir));
  for (;;) {
    if (existsSync(join(current, '.git'))) return true;
    const parent = dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}
