import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let time = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return time;
}

/** Builds the workspace packages whose src/ (or package.json) is newer than their dist/; returns their names. */
export function buildStale(root: string): string[] {
  const stale = readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir))
    .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => pkg.scripts?.build && !pkg.private)
    .filter(
      ({ dir }) =>
        Math.max(newest(join(dir, 'src')), statSync(join(dir, 'package.json')).mtimeMs) >
        newest(join(dir, 'dist')),
    )
    .map(({ pkg }) => pkg.name as string);
  if (stale.length > 0) {
    execFileSync('pnpm', [...stale.flatMap((name) => ['--filter', name]), 'run', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return stale;
}
