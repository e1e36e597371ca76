import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { describe, expect, it, vi } from 'vitest';
import { writeInit } from '../src/write.js';

// A read-only file system cannot be mounted here without privileges: the file system's answer is simulated for
// paths under a marker directory, the way the kernel gives it (EROFS from mkdir and access).
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readOnly = (path: unknown) => String(path).includes('read-only-fs');
  const erofs = (path: unknown) =>
    Object.assign(new Error(`EROFS: read-only file system, '${String(path)}'`), { code: 'EROFS' });
  return {
    ...real,
    access: async (path: string, mode?: number) => {
      if (readOnly(path) && mode) throw erofs(path);
      return real.access(path, mode);
    },
    mkdir: async (path: string, options?: object) => {
      if (readOnly(path)) throw erofs(path);
      return real.mkdir(path, options);
    },
  };
});

const base = mkdtempSync(join(tmpdir(), 'mlship-dir-'));
const file = join(base, 'a-file');
writeFileSync(file, 'x');
symlinkSync(join(base, 'gone'), join(base, 'dangling'));
symlinkSync(file, join(base, 'link-to-file'));
mkdirSync(join(base, 'read-only-fs'));

const FILES = [{ path: 'release.yaml', contents: 'name: x\n' }];

interface DirCase {
  name: string;
  dir: string;
  message: string;
}

const CASES: DirCase[] = [
  {
    name: '/proc/nope: a virtual file system that refuses mkdir (no endless retry)',
    dir: '/proc/nope',
    message:
      'Cannot write the project to /proc/nope: /proc is on proc, a virtual file system that holds no files.',
  },
  {
    name: 'a path through a file (/etc/passwd/x): names the file, not the target',
    dir: '/etc/passwd/x',
    message: 'Cannot write the project to /etc/passwd/x: /etc/passwd is a file, not a directory.',
  },
  {
    name: 'a deeper path through a file',
    dir: join(file, 'a', 'b'),
    message: `Cannot write the project to ${join(file, 'a', 'b')}: ${file} is a file, not a directory.`,
  },
  {
    name: 'the directory is a file',
    dir: file,
    message: `Cannot write the project to ${file}: it is a file, not a directory.`,
  },
  {
    name: 'a dangling symbolic link',
    dir: join(base, 'dangling'),
    message: `Cannot write the project to ${join(base, 'dangling')}: it is a symbolic link to ${join(base, 'gone')}, which does not exist.`,
  },
  {
    name: 'a symbolic link to a file',
    dir: join(base, 'link-to-file'),
    message: `Cannot write the project to ${join(base, 'link-to-file')}: it is a symbolic link to ${file}, which is a file.`,
  },
  {
    name: 'a read-only file system',
    dir: join(base, 'read-only-fs', 'demo'),
    message: `Cannot write the project to ${join(base, 'read-only-fs', 'demo')}: ${join(base, 'read-only-fs', 'demo')} is on a read-only file system (EROFS).`,
  },
];

describe('init --dir that cannot be written', () => {
  it.each(CASES)(
    '$name',
    async ({ dir, message }) => {
      for (const dryRun of [false, true]) {
        const error = await writeInit(FILES, dir, { dryRun }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(MlshipError);
        expect((error as MlshipError).code).toBe('INIT_DIR_UNUSABLE');
        expect((error as MlshipError).message).toBe(message);
        expect((error as MlshipError).exitCode).toBe(2);
      }
    },
    1000,
  );

  it('a writable path still works, creating every missing level (the check can pass)', async () => {
    const dir = join(base, 'new', 'deeper', 'demo');
    const result = await writeInit(FILES, dir);
    expect(result.files).toEqual(['release.yaml']);
  });
});
