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
 * The packaging proof: every publishable package is packed with `pnpm pack`; the `mlship` tarball (with the
 * @mlship tarballs it depends on) is installed with npm into an empty directory; `npx mlship init demo --yes`
 * scaffolds a project there. That CLI was installed from local tarballs, so init vendors them into the project
 * (vendor/mlship/*.tgz, named as file: devDependencies): the project installs exactly as init wrote it, with no
 * registry copy of mlship, and passes its own `npm test`. npm uses its usual cache (~/.npm), so later runs install
 * from it.
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

afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000);

describe('the published packages', () => {
  it('pack every publishable package, including the CLI (unscoped: mlship), core, scaffold and its templates', () => {
    expect([...tarballs.keys()]).toEqual(
      expect.arrayContaining(['mlship', '@mlship/core', '@mlship/scaffold']),
    );
    expect([...tarballs.keys()]).not.toContain('@mlship/cli');
    const listing = run('tar', ['tzf', tarballs.get('@mlship/scaffold') ?? ''], work);
    expect(listing).toContain('package/templates/project/release.yaml.hbs');
    expect(listing).toContain('package/templates/project/_gitignore');
    expect(listing).toMatch(/package\/templates\/server\/project\/_npmrc/);
    const manifest = run('tar', ['xzOf', tarballs.get('mlship') ?? '', 'package/package.json'], work);
    expect(manifest).not.toContain('workspace:');
  });

  it('the CLI installed alone (what `npx mlship init` fetches) brings no AWS SDK and no deployer, and inits', () => {
    const alone = join(work, 'alone');
    mkdirSync(alone);
    writeFileSync(join(alone, 'package.json'), JSON.stringify({ name: 'alone', private: true }));
    // @mlship/core and @mlship/scaffold are packed here, not published, so they are installed beside the CLI.
    const cliAndItsDependencies = ['mlship', '@mlship/core', '@mlship/scaffold'].map(
      (name) => tarballs.get(name)!,
    );
    run('npm', ['install', ...quiet, ...cliAndItsDependencies], alone);
    const installed = readdirSync(join(alone, 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['@mlship', 'mlship']));
    expect(installed.filter((name) => name === '@aws-sdk' || name === '@smithy')).toEqual([]);
    expect(readdirSync(join(alone, 'node_modules', '@mlship')).sort()).toEqual(['core', 'scaffold']);
    const size = run('du', ['-sh', 'node_modules'], alone).split('\t')[0];
    console.log(`mlship alone installs ${size} (node_modules)`);
    const init = run('npx', ['--no-install', 'mlship', 'init', 'demo', '--yes', '--no-git'], alone, {
      CI: '1',
    });
    expect(init).toMatch(/Wrote \d+ files/);
    // the check can fail: with the SageMaker deployer the SDK comes along
    run('npm', ['install', ...quiet, tarballs.get('@mlship/deployer-sagemaker')!], alone);
    expect(readdirSync(join(alone, 'node_modules'))).toContain('@aws-sdk');
  }, 300_000);

  it('install the mlship tarballs with npm, scaffold with npx mlship init demo --yes, and the project installs as written and passes npm test', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    // The CLI and the deployers (its optional peers) from their tarballs, as a user installs them.
    run('npm', ['install', ...quiet, ...tarballs.values()], app);

    const help = run('npx', ['--no-install', 'mlship', '--help'], app);
    expect(help).toMatch(/init \[options\] \[model\]/);
    // Front doors only when their deployer packages are in this repository (they land target by target).
    const fronted = ['lambda', 'apigateway', 'apigee'].every((t) => tarballs.has(`@mlship/deployer-${t}`));
    const fronts = fronted ? [] : ['--front', 'dev=none,staging=none,prod=none'];
    const init = run('npx', ['--no-install', 'mlship', 'init', 'demo', '--yes', ...fronts], app, { CI: '1' });
    expect(init).toMatch(/Wrote \d+ files/);
    expect(init).toContain('packed from the local tarballs');

    const project = join(app, 'demo');
    const written = readFileSync(join(project, 'package.json'), 'utf8');
    const manifest = JSON.parse(written) as { devDependencies: Record<string, string> };
    const ours = Object.entries(manifest.devDependencies).filter(
      ([name]) => name === 'mlship' || name.startsWith('@mlship/'),
    );
    expect(ours.map(([name]) => name)).toEqual(
      expect.arrayContaining(['mlship', '@mlship/core', '@mlship/deployer-sagemaker']),
    );
    for (const [name, spec] of ours) {
      expect(spec, name).toMatch(/^file:vendor\/mlship\/[\w.-]+\.tgz$/);
      expect(existsSync(join(project, spec.slice('file:'.length))), spec).toBe(true);
    }

    run('npm', ['install', ...quiet], project);
    expect(
      readFileSync(join(project, 'package.json'), 'utf8'),
      'npm install ran on the package.json init wrote',
    ).toBe(written);
    expect(existsSync(join(project, 'node_modules', '@mlship', 'core', 'release.schema.json'))).toBe(true);
    const test = stripVTControlCharacters(run('npm', ['test'], project));
    expect(test).toMatch(/Tests\s+\d+ passed/);
    const validate = run('npx', ['--no-install', 'mlship', 'validate'], project, { CI: '1' });
    expect(validate).toContain('demo');
  }, 300_000);
});
