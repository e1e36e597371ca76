import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedEnvironment } from '@mlship/core';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/program.js';

const SAMPLE = fileURLToPath(new URL('../../../examples/release/release.yaml', import.meta.url));

let stdout: MockInstance;
let stderr: MockInstance;
const written = (spy: MockInstance) => spy.mock.calls.map(([chunk]) => String(chunk)).join('');

const DEPLOYER_WARNING = /^Warning: (@mlship\/deployer-[a-z]+) is not installed, .*\n/gm;

/** Runs validate; deployer warnings (which depend on what this checkout has installed) are returned apart. */
async function mlship(
  ...args: string[]
): Promise<{ code: number; out: string; err: string; deployersMissing: string[] }> {
  const code = await run(['node', 'mlship', ...args]);
  const all = written(stderr);
  const deployersMissing = [...all.matchAll(DEPLOYER_WARNING)].map((match) => match[1]!);
  return { code, out: written(stdout), err: all.replace(DEPLOYER_WARNING, ''), deployersMissing };
}

beforeEach(() => {
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function invalidFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlship-validate-'));
  const file = join(dir, 'release.yaml');
  const text = (await import('node:fs')).readFileSync(SAMPLE, 'utf8');
  await writeFile(
    file,
    text
      .replace('count: 1, volumeSizeInGB: 50', 'count: 0, volumeSizeInGB: 50')
      .replace('type: ml.t2.medium', 'type: ml.t2.mediun'),
  );
  return file;
}

describe('mlship validate', () => {
  it('prints the merged prod settings of the sample', async () => {
    const { code, out, err } = await mlship('validate', '--file', SAMPLE, '--env', 'prod');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^# environment: prod \(front: apigee\)\n# cost: 2 x ml\.m5\.xlarge at ~\$0\.276\/h = ~\$402\.96\/month/,
    );
    const settings = parse(out) as ResolvedEnvironment;
    expect(settings.sagemaker.instance).toEqual({ type: 'ml.m5.xlarge', count: 2, volumeSizeInGB: 50 });
    expect(settings.sagemaker.autoscaling.enabled).toBe(true);
    expect(settings.sagemaker.deployment.strategy).toBe('canary');
    expect(settings.api.apigee?.environment).toBe('prod');
    expect(err).toBe(`${SAMPLE} is valid (prod; 0 warnings)\n`);
  });

  it('warns about a deployer package an environment needs that cannot be loaded, never about one that can', async () => {
    const { code, deployersMissing } = await mlship('validate', '--file', SAMPLE);
    expect(code).toBe(0);
    expect(deployersMissing).not.toContain('@mlship/deployer-sagemaker');
    const cliModules = fileURLToPath(new URL('../node_modules/', import.meta.url));
    for (const name of ['lambda', 'apigateway', 'apigee'].map((t) => `@mlship/deployer-${t}`)) {
      expect(deployersMissing.includes(name)).toBe(!existsSync(join(cliModules, name)));
    }
  });

  it('prints every environment by default', async () => {
    const { code, out } = await mlship('validate', '-f', SAMPLE);
    expect(code).toBe(0);
    expect(out.match(/^# environment: \w+/gm)).toEqual([
      '# environment: dev',
      '# environment: qa',
      '# environment: staging',
      '# environment: prod',
    ]);
  });

  it('prints warnings on stderr and still exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlship-validate-'));
    const file = join(dir, 'release.yaml');
    const text = (await import('node:fs')).readFileSync(SAMPLE, 'utf8');
    await writeFile(file, text.replace('timeoutSeconds: 20', 'timeoutSeconds: 40'));
    const { code, err } = await mlship('validate', '--file', file);
    expect(code).toBe(0);
    expect(err).toBe(
      `Warning: ${file}:4:67 model.timeoutSeconds [dev, qa]: 40 s is above API Gateway's 29 s integration timeout; slower requests get a 504 (use at most 29, or front: apigee)\n` +
        `${file} is valid (dev, qa, staging, prod; 1 warning)\n`,
    );
  });

  it('prints JSON with --json', async () => {
    const { code, out } = await mlship('validate', '--file', SAMPLE, '--env', 'staging', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      environments: Record<string, ResolvedEnvironment>;
      warnings: unknown[];
    };
    expect(Object.keys(json.environments)).toEqual(['staging']);
    expect(json.environments.staging?.api.apigee?.environment).toBe('staging');
    expect(json.warnings).toEqual([]);
  });

  it('masks the password of a Redis URL in the text and the JSON it prints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlship-validate-'));
    const file = join(dir, 'release.yaml');
    await writeFile(
      file,
      [
        'name: iris',
        'model: { framework: onnx }',
        'region: eu-west-1',
        'image: { repository: iris }',
        'sagemaker: { executionRoleArn: "arn:aws:iam::123456789012:role/x" }',
        'cache: { enabled: true, redisUrl: "rediss://app:hunter2-pw@cache.example.com:6380/0" }',
        'environments: { dev: {} }',
        '',
      ].join('\n'),
    );
    const text = await mlship('validate', '--file', file);
    expect(text.code).toBe(0);
    expect(text.out).toContain('rediss://app:****@cache.example.com:6380/0');
    stdout.mockClear();
    const json = await mlship('validate', '--file', file, '--json');
    expect(JSON.parse(json.out).environments.dev.cache.redisUrl).toBe(
      'rediss://app:****@cache.example.com:6380/0',
    );
    expect(text.out + json.out + text.err + json.err).not.toContain('hunter2-pw');
  });

  it('exits 2 on an invalid file with file:line:col on stderr and no stack trace', async () => {
    const file = await invalidFile();
    const { code, out, err } = await mlship('validate', '--file', file);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`Error [CONFIG_INVALID]: ${file} is invalid (2 errors):`);
    expect(err).toContain(
      `${file}:8:42 sagemaker.instance.count: expected a whole number from 1 to 100, got 0`,
    );
    expect(err).toContain(
      `${file}:26:36 sagemaker.instance.type [dev]: unknown instance type "ml.t2.mediun" (did you mean ml.t2.medium?)`,
    );
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('prints the problems as JSON with --json', async () => {
    const file = await invalidFile();
    const { code, err } = await mlship('validate', '--file', file, '--json');
    expect(code).toBe(2);
    const json = JSON.parse(err) as {
      error: { code: string; details: { line: number; col: number; path: string }[] };
    };
    expect(json.error.code).toBe('CONFIG_INVALID');
    expect(json.error.details.map(({ line, col, path }) => `${line}:${col} ${path}`)).toEqual([
      '8:42 sagemaker.instance.count',
      '26:36 sagemaker.instance.type',
    ]);
  });

  it('reports a missing --file with a hint about that path and an unknown environment with a suggestion', async () => {
    const missing = await mlship('validate', '--file', join(tmpdir(), 'nope', 'release.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Error [CONFIG_NOT_FOUND]');
    expect(missing.err).toContain('Hint: check the path given to --file');
    stderr.mockClear();
    const unknown = await mlship('validate', '--file', SAMPLE, '--env', 'prd');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Error [ENV_NOT_FOUND]: environment "prd" is not defined');
    expect(unknown.err).toContain('Hint: did you mean prod?');
  });
});

describe('mlship schema', () => {
  it('prints the committed JSON Schema', async () => {
    const { code, out } = await mlship('schema');
    expect(code).toBe(0);
    const committed = (await import('node:fs')).readFileSync(
      fileURLToPath(new URL('../../core/release.schema.json', import.meta.url)),
      'utf8',
    );
    expect(out).toBe(committed);
  });
});
