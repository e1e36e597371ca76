import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseRelease } from '@mlship/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  completeAnswers,
  ENVIRONMENTS,
  type InitAnswers,
  type PartialAnswers,
  planInit,
  type RenderedFile,
} from '../src/index.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const irisModel = join(repoRoot, 'scripts', 'iris', 'iris.onnx');

/** Text that stresses the escaping: quotes, colons, hashes, newlines are outside what tags allow, so keep to it. */
const tagText = fc.stringMatching(/^[A-Za-z0-9 _.:/=+\-@]{1,20}$/);
const tagKey = tagText.filter((k) => k.trim().length > 0 && !k.toLowerCase().startsWith('aws:'));
const name = fc.stringMatching(/^[a-zA-Z](-?[a-zA-Z0-9]){1,20}$/);
const envs = fc.subarray([...ENVIRONMENTS], { minLength: 1 });
const front = fc.constantFrom('apigateway', 'apigee', 'none') as fc.Arbitrary<
  'apigateway' | 'apigee' | 'none'
>;

const answersArb: fc.Arbitrary<PartialAnswers> = fc.record({
  name,
  framework: fc.constantFrom('onnx', 'custom') as fc.Arbitrary<'onnx' | 'custom'>,
  environments: envs,
  fronts: fc.dictionary(fc.constantFrom(...ENVIRONMENTS), front, { maxKeys: 4 }),
  apigee: fc.record({
    organization: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    environments: fc.dictionary(
      fc.constantFrom(...ENVIRONMENTS),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    ),
    jwksUri: fc.constantFrom(
      'https://auth.example.com/jwks.json',
      'https://id.acme.io:8443/.well-known/jwks.json',
    ),
  }),
  region: fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1'),
  instanceCount: fc.integer({ min: 1, max: 10 }),
  instanceType: fc.constantFrom('ml.t2.medium', 'ml.m5.large', 'ml.c5.xlarge', 'ml.g4dn.xlarge'),
  volumeSize: fc.integer({ min: 1, max: 512 }),
  autoscaling: fc.record({
    enabled: fc.boolean(),
    min: fc.integer({ min: 1, max: 5 }),
    max: fc.integer({ min: 1, max: 20 }),
    target: fc.integer({ min: 1, max: 5000 }),
  }),
  cache: fc.oneof(
    fc.record({ enabled: fc.constant(false) }),
    fc.record({
      enabled: fc.constant(true),
      ttl: fc.integer({ min: 1, max: 604800 }),
      redisUrl: fc.constantFrom('redis://r:6379', 'rediss://user:p%40ss@cache.example.com:6380/2'),
    }),
    fc.record({
      enabled: fc.constant(true),
      provision: fc.constant(true),
      vpc: fc.record({
        subnetIds: fc.array(fc.stringMatching(/^subnet-[0-9a-f]{4,17}$/), { minLength: 1, maxLength: 3 }),
        securityGroupIds: fc.array(fc.stringMatching(/^sg-[0-9a-f]{4,17}$/), { minLength: 1, maxLength: 2 }),
      }),
    }),
  ),
  team: tagText,
  tags: fc.dictionary(tagKey, tagText, { maxKeys: 4 }),
});

function tryComplete(given: PartialAnswers): InitAnswers | undefined {
  try {
    return completeAnswers({ ...given, ...(given.framework === 'onnx' ? { modelFile: irisModel } : {}) });
  } catch {
    return undefined;
  }
}

function checkParses(files: RenderedFile[]): void {
  for (const file of files) {
    const text = file.contents.toString();
    if (file.path.endsWith('.json')) expect(() => JSON.parse(text), file.path).not.toThrow();
    if (/\.ya?ml$/.test(file.path)) expect(() => parseYaml(text), file.path).not.toThrow();
  }
}

describe('any answers the validator accepts', () => {
  it('render files that parse, and a release.yaml the loader accepts for every environment', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(answersArb, async (given) => {
        const answers = tryComplete(given);
        fc.pre(answers !== undefined);
        accepted++;
        const files = await planInit(answers as InitAnswers, { mlshipVersion: '0.1.0' });
        checkParses(files);
        const release = files.find((f) => f.path === 'release.yaml')?.contents.toString() ?? '';
        const loaded = parseRelease(release, 'release.yaml');
        expect(loaded.environments.map((e) => e.env)).toEqual(answers?.environments);
        const pkg = JSON.parse(files.find((f) => f.path === 'package.json')?.contents.toString() ?? '{}');
        expect(pkg.name).toBe(answers?.name);
        expect(Object.keys(pkg.devDependencies)).toContain('mlship');
      }),
      { numRuns: 60 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('rendered projects type-check', () => {
  // The generated projects' dependencies (fastify, onnxruntime-node, vitest, @types/node) are those of the
  // examples/iris-onnx workspace package, so a rendered project borrows its node_modules and the repo's tsc.
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  /** tsc's diagnostics ('' when the project type-checks). */
  const typecheck = (cwd: string): string => {
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd, encoding: 'utf8' });
      return '';
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  };

  it.each(['custom', 'onnx'] as const)(
    'a %s project passes tsc',
    async (framework) => {
      const answers = completeAnswers({
        name: `check-${framework}`,
        framework,
        ...(framework === 'onnx' ? { modelFile: irisModel } : {}),
      });
      const dir = mkdtempSync(join(tmpdir(), `mlship-tsc-${framework}-`));
      dirs.push(dir);
      for (const file of await planInit(answers)) {
        mkdirSync(dirname(join(dir, file.path)), { recursive: true });
        writeFileSync(join(dir, file.path), file.contents);
      }
      symlinkSync(join(repoRoot, 'examples', 'iris-onnx', 'node_modules'), join(dir, 'node_modules'), 'dir');
      expect(typecheck(dir)).toBe('');
      if (framework === 'custom') {
        writeFileSync(join(dir, 'src', 'broken.ts'), 'export const n: number = "not a number";\n');
        expect(typecheck(dir)).toMatch(/src\/broken\.ts.*TS2322/);
      }
    },
    120_000,
  );
});
