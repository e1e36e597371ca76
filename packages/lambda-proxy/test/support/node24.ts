import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const cache = join(import.meta.dirname, '..', '..', '..', '..', 'node_modules', '.cache', 'mlship-node24');

/**
 * A Node 24 binary (the runtime of `nodejs24.x`) from the npm registry's `node` package, installed once into
 * node_modules/.cache. Returns undefined with the reason when the registry cannot be reached.
 */
export function node24(): { path: string } | { skip: string } {
  const path = join(cache, 'node_modules', '.bin', 'node');
  if (!existsSync(path)) {
    try {
      mkdirSync(cache, { recursive: true });
      execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cache, 'node@24'], {
        stdio: 'pipe',
        timeout: 240_000,
      });
    } catch (error) {
      return {
        skip: `could not install node@24 from the npm registry: ${(error as Error).message.split('\n')[0]}`,
      };
    }
  }
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) return { skip: `node_modules/.cache holds ${version}, not Node 24` };
  return { path };
}
