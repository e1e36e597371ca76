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

describe('mlship --help and mlship init load no AWS SDK', () => {
  it('--help', () => {
    const urls = loadedModules([BIN, '--help'], work);
    expect(urls.some((url) => url.includes('/commander/'))).toBe(true);
    expect(awsSdk(urls)).toEqual([]);
  });

  it('init --dry-run and a real init', () => {
    const dry = loadedModules([BIN, 'init', 'demo', '--yes', '--dry-run'], work);
    expect(dry.some((url) => url.includes('/handlebars/'))).toBe(true);
    expect(awsSdk(dry)).toEqual([]);
    expect(awsSdk(loadedModules([BIN, 'init', 'demo', '--yes'], work))).toEqual([]);
  });

  it('doctor --help and deploy --help (the checks and their STS/IAM/Service Quotas clients load only when they run)', () => {
    for (const command of ['doctor', 'deploy']) {
      const urls = loadedModules([BIN, command, '--help'], work);
      expect(urls.some((url) => url.includes('/commander/'))).toBe(true);
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
