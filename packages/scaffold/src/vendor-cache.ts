import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A tarball cache for `pnpm pack` in a source checkout (`node_modules/.cache/mlship-vendor`), keyed by the size and
 * modification time of every file that can end up in the tarball, so an unchanged package is packed once.
 */
export class PackCache {
  constructor(private readonly dir: string) {}

  /** The fingerprint of a package: its directory (but node_modules) and any extra inputs, e.g. templates/. */
  static key(name: string, dirs: readonly string[]): string {
    const hash = createHash('sha256').update(name);
    for (const dir of dirs) {
      for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        const path = join(entry.parentPath, entry.name);
        if (!entry.isFile() || path.includes('node_modules')) continue;
        const stat = statSync(path);
        hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
    return `${name.replace('/', '+')}-${hash.digest('hex').slice(0, 16)}`;
  }

  async get(key: string): Promise<{ file: string; contents: Buffer } | undefined> {
    try {
      const [file] = readdirSync(join(this.dir, key));
      return file ? { file, contents: await readFile(join(this.dir, key, file)) } : undefined;
    } catch {
      return undefined;
    }
  }

  async put(key: string, file: string, contents: Buffer): Promise<void> {
    const partial = join(this.dir, `${key}.${process.pid}.partial`);
    await mkdir(partial, { recursive: true });
    await writeFile(join(partial, file), contents);
    await rename(partial, join(this.dir, key)).catch(() => undefined);
  }
}
