import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MlshipError } from '@mlship/core/base';
import type { RenderedFile } from './render.js';
import { guarded, prepareDir } from './target-dir.js';

export interface WriteOptions {
  /** Write into a non-empty directory, overwriting files of the same name. */
  force?: boolean;
  /** Check and list, write nothing. */
  dryRun?: boolean;
}

export interface WriteResult {
  dir: string;
  files: string[];
  /** Files that existed and were (or, in a dry run, would be) overwritten. */
  overwritten: string[];
  dryRun: boolean;
}

/** Writes the planned files under `dir`; refuses a non-empty directory unless `force`. */
export async function writeInit(
  files: readonly RenderedFile[],
  dir: string,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const root = resolve(dir);
  await prepareDir(root, { dryRun: options.dryRun ?? false });
  const existing = await listExisting(root);
  if (existing.length > 0 && !options.force) {
    const shown =
      existing.slice(0, 5).join(', ') + (existing.length > 5 ? `, … (${existing.length} entries)` : '');
    throw new MlshipError('INIT_DIR_NOT_EMPTY', `${dir} is not empty (${shown}).`, {
      hint: 'Choose another --dir, or pass --force to write into it (files with the same names are overwritten).',
    });
  }
  const taken = new Set(await listFilesDeep(root));
  const overwritten = files.map((f) => f.path).filter((p) => taken.has(p));
  if (!options.dryRun) {
    for (const file of files) {
      const target = join(root, file.path);
      await guarded(dirname(target), () => mkdir(dirname(target), { recursive: true }));
      await guarded(target, () =>
        writeFile(target, file.contents, file.mode === undefined ? {} : { mode: file.mode }),
      );
    }
  }
  return { dir: root, files: files.map((f) => f.path), overwritten, dryRun: options.dryRun ?? false };
}

/** Entries that do not make a directory "non-empty" (a fresh `git init`, Finder litter). */
const IGNORABLE = new Set(['.git', '.DS_Store', 'Thumbs.db']);

async function listExisting(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !IGNORABLE.has(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function listFilesDeep(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) =>
        join(e.parentPath, e.name)
          .slice(dir.length + 1)
          .split('\\')
          .join('/'),
      );
  } catch {
    return [];
  }
}
