import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The packaging proof: every publishable package is packed with `pnpm pack`, the tarballs are installed with npm
 * into an empty directory, `npx mlship init demo --yes` scaffolds a project there, and the project installs
 * (resolving @mlship/* from the tarballs) and passes its own `npm test`. This is what proves `bin`, `files` and
 * `exports` of the published packages. npm uses its usual cache (~/.npm), so later runs install from it.
 */
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'mlship-packaging-'));
const tarballDir = join(work, 'tarballs');
const quiet = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

interface Pkg {
  name: string;
  dir: string;
  private?: boolean;
}

const packages: Pkg[] = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ ...(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Pkg), dir }))
  .filter((pkg) => !pkg.private);
const tarballs = new Map<string, string>();

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, ...env },
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${failed.stdout ?? ''}\n${failed.stderr ?? failed.message}`,
    );
  }
}

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let time = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) time = Math.max(time, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return time;
}

beforeAll(() => {
  const stale = packages.filter((pkg) => newest(join(pkg.dir, 'src')) > newest(join(pkg.dir, 'dist')));
  if (stale.length > 0) {
    run('pnpm', [...stale.flatMap((pkg) => ['--filter', pkg.name]), 'run', 'build'], root);
  }
  mkdirSync(tarballDir, { recursive: true });
  for (const pkg of packages) {
    const before = new Set(readdirSync(tarballDir));
    run('pnpm', ['pack', '--pack-destination', tarballDir], pkg.dir);
    const made = readdirSync(tarballDir).find((file) => !before.has(file));
    if (!made) throw new Error(`pnpm pack produced no tarball for ${pkg.name}`);
    tarballs.set(pkg.name, join(tarballDir, made));
  }
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the published packages', () => {
  it('pack every publishable package, including the CLI, core, scaffold and its templates', () => {
    expect([...tarballs.keys()]).toEqual(
      expect.arrayContaining(['@mlship/cli', '@mlship/core', '@mlship/scaffold']),
    );
    const listing = run('tar', ['tzf', tarballs.get('@mlship/scaffold') ?? ''], work);
    expect(listing).toContain('package/templates/project/release.yaml.hbs');
    expect(listing).toContain('package/templates/project/_gitignore');
    expect(listing).toMatch(/package\/templates\/server\/onnx\/_npmrc/);
    expect(listing).toContain('package/dist/precompiled.js');
    const manifest = run('tar', ['xzOf', tarballs.get('@mlship/cli') ?? '', 'package/package.json'], work);
    expect(manifest).not.toContain('workspace:');
  });

  it('install with npm, scaffold with npx mlship init demo --yes, and the project passes npm test', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    run('npm', ['install', ...quiet, ...tarballs.values()], app);

    const help = run('npx', ['--no-install', 'mlship', '--help'], app);
    expect(help).toMatch(/init \[options\] \[model\]/);
    const init = run('npx', ['--no-install', 'mlship', 'init', 'demo', '--yes'], app, { CI: '1' });
    expect(init).toMatch(/Wrote \d+ files/);

    const project = join(app, 'demo');
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const fromTarball = (name: string) => `file:${tarballs.get(name)}`;
    const wanted = Object.keys(manifest.devDependencies).filter((name) => name.startsWith('@mlship/'));
    // Every @mlship package a generated project names must be one this repository publishes.
    expect(wanted.filter((name) => !tarballs.has(name))).toEqual([]);
    for (const name of wanted) manifest.devDependencies[name] = fromTarball(name);
    manifest.overrides = Object.fromEntries([...tarballs.keys()].map((name) => [name, fromTarball(name)]));
    for (const name of Object.keys(manifest.devDependencies)) delete manifest.overrides[name];
    writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
    expect(wanted).toContain('@mlship/cli');

    run('npm', ['install', ...quiet], project);
    expect(existsSync(join(project, 'node_modules', '@mlship', 'core', 'release.schema.json'))).toBe(true);
    const test = stripVTControlCharacters(run('npm', ['test'], project));
    expect(test).toMatch(/Tests\s+\d+ passed/);
    const validate = run('npx', ['--no-install', 'mlship', 'validate'], project, { CI: '1' });
    expect(validate).toContain('demo');
  }, 300_000);
});
