import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MlshipError } from '@mlship/core';
import { sourceCheckout } from './templates-dir.js';
import { type Manifest, type MlshipSource, type PackedPackage, packageClosure } from './vendor.js';
import { PackCache } from './vendor-cache.js';

const run = promisify(execFile);

/**
 * Where this mlship's packages can be vendored from when no registry serves them: the source checkout it runs
 * from (packed with `pnpm pack`), else the local tarballs npm installed it from. Undefined for a registry install.
 */
export function detectMlshipSource(): MlshipSource | undefined {
  const checkout = sourceCheckout();
  if (checkout) return checkoutSource(checkout);
  return installedSource(fileURLToPath(new URL('..', import.meta.url)));
}

/** `pnpm pack` of the checkout's publishable packages (packages/*), as `pnpm publish` would pack them. */
export function checkoutSource(root: string): MlshipSource {
  const dirs = new Map<string, string>();
  const manifests = new Map<string, Manifest>();
  for (const entry of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', entry, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (manifest.private) continue;
    dirs.set(manifest.name, dirname(file));
    manifests.set(manifest.name, manifest);
  }
  const cache = new PackCache(join(root, 'node_modules', '.cache', 'mlship-vendor'));
  return {
    description: `the source checkout ${root}`,
    async pack(names) {
      const wanted = packageClosure(names, manifests);
      const out = await mkdtemp(join(tmpdir(), 'mlship-vendor-'));
      try {
        return await Promise.all(
          wanted.map(async (name) => {
            const dir = dirs.get(name) as string;
            // scaffold's prepack copies the checkout's templates/ into its tarball.
            const key = PackCache.key(name, [dir, join(root, 'templates')]);
            const cached = await cache.get(key);
            if (cached) return { name, ...cached };
            const packed = await pnpmPack(name, dir, out);
            await cache.put(key, packed.file, packed.contents);
            return packed;
          }),
        );
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
  };
}

async function pnpmPack(name: string, dir: string, out: string): Promise<PackedPackage> {
  if (!existsSync(join(dir, 'dist'))) {
    throw new MlshipError(
      'INIT_VENDOR_FAILED',
      `Cannot pack ${name} from ${dir}: it is not built (no dist/).`,
      {
        hint: 'Run `pnpm run build` in the checkout first, or pass --no-vendor to name registry versions.',
      },
    );
  }
  const destination = join(out, name.replace('/', '+'));
  try {
    await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir });
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new MlshipError(
      'INIT_VENDOR_FAILED',
      `pnpm pack failed for ${name} in ${dir}: ${failed.stderr || failed.message}`,
      {
        hint: 'Check that pnpm is installed and the checkout builds (`pnpm run build`), or pass --no-vendor.',
      },
    );
  }
  const [file] = (await readdir(destination)).filter((f) => f.endsWith('.tgz'));
  if (!file) throw new MlshipError('INIT_VENDOR_FAILED', `pnpm pack wrote no tarball for ${name}.`);
  return { name, file, contents: await readFile(join(destination, file)) };
}

interface HiddenLockfile {
  packages?: Record<string, { resolved?: string }>;
}

/**
 * The tarballs an npm install of this package came from, found through npm's hidden lockfile
 * (`node_modules/.package-lock.json`): only packages installed from a local `.tgz` are vendored.
 */
export function installedSource(packageDir: string): MlshipSource | undefined {
  let nodeModules = resolve(packageDir);
  while (basename(nodeModules) !== 'node_modules') {
    if (dirname(nodeModules) === nodeModules) return undefined;
    nodeModules = dirname(nodeModules);
  }
  const project = dirname(nodeModules);
  let lock: HiddenLockfile;
  try {
    lock = JSON.parse(readFileSync(join(nodeModules, '.package-lock.json'), 'utf8')) as HiddenLockfile;
  } catch {
    return undefined;
  }
  const tarballs = new Map<string, string>();
  const manifests = new Map<string, Manifest>();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = path.slice('node_modules/'.length);
    if (!path.startsWith('node_modules/') || name.includes('/node_modules/')) continue;
    if (!entry.resolved?.startsWith('file:') || !entry.resolved.endsWith('.tgz')) continue;
    const tarball = resolve(project, entry.resolved.slice('file:'.length));
    if (!existsSync(tarball)) continue;
    tarballs.set(name, tarball);
    manifests.set(name, JSON.parse(readFileSync(join(project, path, 'package.json'), 'utf8')) as Manifest);
  }
  if (!manifests.has(readName(packageDir))) return undefined;
  return {
    description: `the local tarballs in ${dirname([...tarballs.values()][0] as string)}`,
    async pack(names) {
      const wanted = packageClosure(names, manifests);
      return Promise.all(
        wanted.map(async (name) => {
          const tarball = tarballs.get(name) as string;
          return { name, file: basename(tarball), contents: await readFile(tarball) };
        }),
      );
    },
  };
}

function readName(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest).name;
}
