import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedSource, type MlshipSource, planInit, resolveAnswers, vendorMlship } from '../src/index.js';
import { type Manifest, packageClosure } from '../src/vendor.js';

const work = mkdtempSync(join(tmpdir(), 'mlship-vendor-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const manifests = new Map<string, Manifest>([
  [
    'mlship',
    {
      name: 'mlship',
      version: '0.1.0',
      dependencies: { '@mlship/scaffold': '0.1.0', commander: '14.0.3' },
      peerDependencies: { '@mlship/deployer-lambda': '0.1.0', '@mlship/core': '0.1.0' },
      peerDependenciesMeta: { '@mlship/deployer-lambda': { optional: true } },
    },
  ],
  [
    '@mlship/scaffold',
    { name: '@mlship/scaffold', version: '0.1.0', dependencies: { '@mlship/core': '0.1.0' } },
  ],
  ['@mlship/core', { name: '@mlship/core', version: '0.1.0' }],
  ['@mlship/deployer-lambda', { name: '@mlship/deployer-lambda', version: '0.1.0' }],
]);

/** A source that packs fake tarballs named like pnpm's. */
const fakeSource: MlshipSource = {
  description: 'a test source',
  async pack(names) {
    return packageClosure(names, manifests).map((name) => ({
      name,
      file: `${name.replace('@', '').replace('/', '-')}-0.1.0.tgz`,
      contents: Buffer.from(`tarball of ${name}`),
    }));
  },
};

describe('vendoring mlship into a project', () => {
  it('follows dependencies and required peers, not optional peers or packages it does not know', () => {
    expect(packageClosure(['mlship'], manifests)).toEqual(['@mlship/core', '@mlship/scaffold', 'mlship']);
    expect(packageClosure(['mlship', '@mlship/deployer-lambda'], manifests)).toContain(
      '@mlship/deployer-lambda',
    );
  });

  it('names every vendored package, and each package it needs, as a file: tarball under vendor/mlship', async () => {
    const plan = await vendorMlship({ mlship: '^0.1.0' }, fakeSource);
    expect(plan.devDependencies).toEqual({
      '@mlship/core': 'file:vendor/mlship/mlship-core-0.1.0.tgz',
      '@mlship/scaffold': 'file:vendor/mlship/mlship-scaffold-0.1.0.tgz',
      mlship: 'file:vendor/mlship/mlship-0.1.0.tgz',
    });
    expect(plan.missing).toEqual([]);
    expect(plan.files.map((f) => f.path)).toEqual([
      'vendor/mlship/mlship-core-0.1.0.tgz',
      'vendor/mlship/mlship-scaffold-0.1.0.tgz',
      'vendor/mlship/mlship-0.1.0.tgz',
    ]);
  });

  it('keeps the registry version of a package the source does not hold, and says so', async () => {
    const plan = await vendorMlship(
      { mlship: '^0.1.0', '@mlship/deployer-apigateway': '^0.1.0' },
      fakeSource,
    );
    expect(plan.devDependencies['@mlship/deployer-apigateway']).toBe('^0.1.0');
    expect(plan.missing).toEqual(['@mlship/deployer-apigateway']);
  });

  it('init writes the tarballs, the file: devDependencies and a Dockerfile that copies vendor/ for npm ci', async () => {
    const { answers } = await resolveAnswers({ name: 'demo', framework: 'custom', envs: 'dev' }, undefined, {
      yes: true,
      env: {},
      insideGitTree: false,
    });
    const files = await planInit(answers!, { mlshipVersion: '0.1.0', mlshipSource: fakeSource });
    const text = (path: string) => String(files.find((f) => f.path === path)?.contents);
    const pkg = JSON.parse(text('package.json')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.mlship).toBe('file:vendor/mlship/mlship-0.1.0.tgz');
    expect(pkg.devDependencies['@mlship/core']).toBe('file:vendor/mlship/mlship-core-0.1.0.tgz');
    expect(text('vendor/mlship/mlship-0.1.0.tgz')).toBe('tarball of mlship');
    expect(text('Dockerfile')).toMatch(/^COPY vendor \.\/vendor$/m);
    const registry = await planInit(answers!, { mlshipVersion: '0.1.0' });
    expect(registry.some((f) => f.path.startsWith('vendor/'))).toBe(false);
  });

  it('finds the local tarballs npm installed the CLI from, and nothing for a registry install', async () => {
    const project = join(work, 'app');
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs, { recursive: true });
    const lock: Record<string, { resolved?: string }> = {};
    for (const [name, manifest] of manifests) {
      mkdirSync(join(project, 'node_modules', name), { recursive: true });
      writeFileSync(join(project, 'node_modules', name, 'package.json'), JSON.stringify(manifest));
      const file = `${name.replace('@', '').replace('/', '-')}-0.1.0.tgz`;
      writeFileSync(join(tarballs, file), `packed ${name}`);
      lock[`node_modules/${name}`] = { resolved: `file:../tarballs/${file}` };
    }
    const hidden = join(project, 'node_modules', '.package-lock.json');
    writeFileSync(hidden, JSON.stringify({ packages: lock }));
    const scaffoldDir = join(project, 'node_modules', '@mlship', 'scaffold');

    const source = installedSource(scaffoldDir);
    expect(source?.description).toContain(tarballs);
    const packed = await source!.pack(['mlship']);
    expect(packed.map((p) => [p.name, String(p.contents)])).toEqual([
      ['@mlship/core', 'packed @mlship/core'],
      ['@mlship/scaffold', 'packed @mlship/scaffold'],
      ['mlship', 'packed mlship'],
    ]);

    for (const entry of Object.values(lock)) entry.resolved = 'https://registry.npmjs.org/x/-/x-0.1.0.tgz';
    writeFileSync(hidden, JSON.stringify({ packages: lock }));
    expect(installedSource(scaffoldDir)).toBeUndefined();
  });
});
