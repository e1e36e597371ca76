import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from './init-build.js';

beforeAll(() => ensureBuilt(), 240_000);

const work = mkdtempSync(join(tmpdir(), 'mlship-loads-'));
const hooks = join(work, 'record-hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MLSHIP_LOAD_LOG, result.url + '\\n');
  return result;
}
`,
);
const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(hooks).href)});`;

/** Runs node with a resolve hook and returns every module URL it resolved. */
function loadedModules(args: string[], cwd: string): string[] {
  const log = join(work, `log-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  execFileSync(process.execPath, ['--import', register, ...args], {
    cwd,
    env: { ...process.env, MLSHIP_LOAD_LOG: log, CI: '1' },
    stdio: 'pipe',
  });
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const awsSdk = (urls: string[]) => urls.filter((url) => /\/@aws-sdk\/|\/@smithy\//.test(url));
/** Packages loaded from node_modules: the lazy loads (git, spinners, prompts, the template compiler) show here. */
const fromNodeModules = (urls: string[]) => [
  ...new Set(
    urls.filter((url) => url.includes('/node_modules/')).map((url) => url.replace(/.*\/node_modules\//, '')),
  ),
];

describe('mlship --help, init and validate load only what they use', () => {
  it('--help: the CLI alone (commander is bundled)', () => {
    const urls = loadedModules([BIN, '--help'], work);
    expect(urls.some((url) => url.includes('/packages/cli/dist/'))).toBe(true);
    expect(fromNodeModules(urls)).toEqual([]);
  });

  it('init --yes, dry run and real: no AWS SDK, no simple-git, ora, prompts, yaml or template compiler', () => {
    const dry = loadedModules([BIN, 'init', 'demo', '--yes', '--dry-run'], work);
    expect(dry.some((url) => url.endsWith('/scaffold/dist/precompiled.js'))).toBe(true);
    expect(fromNodeModules(dry)).toEqual([]);
    const real = loadedModules([BIN, 'init', 'demo', '--yes', '--force'], work);
    expect(awsSdk(real)).toEqual([]);
    expect(fromNodeModules(real)).toEqual([]);
  });

  it('init --git loads simple-git (the lazy load happens when asked for)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlship-loads-git-'));
    const urls = loadedModules([BIN, 'init', 'demo', '--yes', '--git'], cwd);
    expect(fromNodeModules(urls).some((url) => url.includes('simple-git'))).toBe(true);
  });

  it('validate: the config part of core only (no deploy engine, no zip, no AWS SDK)', () => {
    const urls = loadedModules(
      [BIN, 'validate', '--file', join(ROOT, 'examples', 'release', 'release.yaml')],
      work,
    );
    expect(urls.some((url) => url.endsWith('/core/dist/config/index.js'))).toBe(true);
    expect(urls.some((url) => url.endsWith('/core/dist/index.js'))).toBe(false);
    expect(fromNodeModules(urls)).toEqual([]);
  });

  it('doctor --help and deploy --help (the checks and their STS/IAM/Service Quotas clients load only when they run)', () => {
    for (const command of ['doctor', 'deploy']) {
      const urls = loadedModules([BIN, command, '--help'], work);
      expect(urls.some((url) => /\/cli\/(dist|src)\//.test(url))).toBe(true);
      expect(awsSdk(urls)).toEqual([]);
      expect(urls.filter((url) => /doctor\/(dist|src)\//.test(url))).toEqual([]);
    }
  });

  it('the recorder does see an AWS SDK when one is imported (the check can fail)', () => {
    const cwd = join(ROOT, 'packages', 'deployer-sagemaker');
    const urls = loadedModules(['--input-type=module', '-e', "await import('@aws-sdk/client-ecr')"], cwd);
    expect(awsSdk(urls).length).toBeGreaterThan(0);
  });
});
