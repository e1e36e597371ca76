import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages', 'cli', 'dist', 'bin.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const LOCK = join(tmpdir(), 'mlship-cli-build.lock');
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds core, scaffold and the CLI when a source file is newer than the built bin (CI builds before testing).
 * Test files run in parallel, so one builds while the others wait on a lock directory; `build` replaces the build
 * (e.g. every stale workspace package) under the same lock.
 */
export function ensureBuilt(build: () => void = buildIfStale): void {
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (
        Date.now() > deadline ||
        Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 240_000
      ) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      sleep(250);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function buildIfStale(): void {
  const packages = ['core', 'scaffold', 'cli'];
  const builtAt = (pkg: string) => {
    const entry = join(ROOT, 'packages', pkg, 'dist', pkg === 'cli' ? 'bin.js' : 'index.js');
    return existsSync(entry) ? statSync(entry).mtimeMs : 0;
  };
  const stale = packages.filter((pkg) => newestMtime(join(ROOT, 'packages', pkg, 'src')) > builtAt(pkg));
  if (stale.length === 0) return;
  const filters = packages.flatMap((pkg) => ['--filter', pkg === 'cli' ? 'mlship' : `@mlship/${pkg}`]);
  execFileSync('pnpm', [...filters, 'run', 'build'], { cwd: ROOT, stdio: 'pipe' });
}
