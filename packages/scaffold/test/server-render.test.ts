import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { defaultServerContext, renderServer } from '../src/server-context.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const text = (files: Awaited<ReturnType<typeof renderServer>>, path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} was not rendered`);
  return file.contents.toString();
};

const onnx = defaultServerContext({ name: 'iris-onnx', framework: 'onnx', modelFile: 'model.onnx' });
const custom = defaultServerContext({ name: 'churn', framework: 'custom' });

describe('renderServer', () => {
  it('renders the shared server plus the ONNX model code, and nothing the init templates own', async () => {
    const paths = (await renderServer(onnx)).map((f) => f.path);
    expect(paths).toEqual([
      '.dockerignore',
      '.npmrc',
      'API.md',
      'Dockerfile',
      'package.json',
      'src/app.ts',
      'src/config.ts',
      'src/csv.ts',
      'src/errors.ts',
      'src/healthcheck.ts',
      'src/limiter.ts',
      'src/metrics.ts',
      'src/model/batcher.ts',
      'src/model/index.ts',
      'src/model/onnx-model.ts',
      'src/model/tensor-input.ts',
      'src/model/tensor-output.ts',
      'src/model/types.ts',
      'src/request-observer.ts',
      'src/routes/health.ts',
      'src/routes/info.ts',
      'src/routes/predict.ts',
      'src/serve.ts',
      'src/shutdown.ts',
      'src/state.ts',
      'test/batcher.test.ts',
      'test/config.test.ts',
      'test/fixtures/model.onnx',
      'test/health.test.ts',
      'test/helpers.ts',
      'test/info.test.ts',
      'test/onnx-model.test.ts',
      'test/onnx-signatures.test.ts',
      'test/predict.test.ts',
      'test/shutdown.test.ts',
      'test/tensor-codec.test.ts',
      'tsconfig.build.json',
      'tsconfig.json',
      'vitest.config.ts',
    ]);
  });

  it('renders a custom project with a working predict() example and no onnxruntime', async () => {
    const files = await renderServer(custom);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['src/predict.ts', 'model/model.json', 'test/custom-model.test.ts']),
    );
    expect(paths.filter((p) => p.includes('onnx'))).toEqual([]);
    const pkg = JSON.parse(text(files, 'package.json'));
    expect(Object.keys(pkg.dependencies)).toEqual(['fastify']);
  });

  it('writes a package.json with the scripts, dependencies and extra devDependencies', async () => {
    const ctx = {
      ...onnx,
      devDependencies: { mlship: '^0.1.0', '@mlship/deployer-sagemaker': '^0.1.0' },
    };
    const pkg = JSON.parse(text(await renderServer(ctx), 'package.json'));
    expect(pkg.name).toBe('iris-onnx');
    expect(Object.keys(pkg.scripts)).toEqual(['build', 'start', 'serve', 'dev', 'test', 'typecheck']);
    expect(pkg.dependencies).toEqual({ fastify: '^5.12.8', 'onnxruntime-node': '^1.30.0' });
    expect(pkg.devDependencies).toMatchObject({
      mlship: '^0.1.0',
      '@mlship/deployer-sagemaker': '^0.1.0',
      vitest: '4.1.12',
    });
  });

  it('puts the limits from the context into the server defaults', async () => {
    const config = text(
      await renderServer({ ...onnx, maxBatchSize: 32, bodyLimitBytes: 1024, requestTimeoutMs: 5000 }),
      'src/config.ts',
    );
    expect(config).toContain('maxBatchSize: 32,');
    expect(config).toContain('bodyLimitBytes: 1024,');
    expect(config).toContain('requestTimeoutMs: 5000,');
    expect(config).toContain('modelFile: "model.onnx",');
  });

  it('keeps onnxruntime from downloading GPU binaries', async () => {
    expect(text(await renderServer(onnx), '.npmrc')).toContain('onnxruntime-node-install=skip');
  });

  it.each([onnx, custom])(
    'renders a Dockerfile that lints clean and follows the SageMaker contract ($framework)',
    async (ctx) => {
      const dockerfile = text(await renderServer(ctx), 'Dockerfile');
      expect(validate(dockerfile)).toEqual([]);
      expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
      expect(dockerfile).toMatch(/^FROM \$\{BUILD_IMAGE\} AS build$/m);
      expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
      expect(dockerfile, 'no `# syntax=` line: BuildKit would fetch it from Docker Hub').not.toMatch(
        /^# *syntax=/im,
      );
      expect(dockerfile, 'vendor/ is copied only when init vendored mlship').not.toMatch(/COPY vendor/);
      expect(dockerfile).toMatch(/npm prune --omit=dev/);
      const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
      expect(runtime, 'the runtime stage only copies built files').not.toMatch(/^RUN /m);
      expect(runtime).toContain('COPY --from=build /app/node_modules ./node_modules');
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK .* CMD \["node", "dist\/healthcheck\.js"\]$/m);
      expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/serve\.js"\]$/m);
      expect(dockerfile).toMatch(/^CMD \["serve"\]$/m);
    },
  );

  it('copies vendor/ into the build stage only when the mlship packages are vendored', async () => {
    const dockerfile = text(await renderServer({ ...onnx, vendored: true }), 'Dockerfile');
    expect(validate(dockerfile)).toEqual([]);
    const build = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
    expect(build.indexOf('COPY vendor ./vendor')).toBeGreaterThan(0);
    expect(build.indexOf('COPY vendor ./vendor')).toBeLessThan(
      build.indexOf('RUN if [ -f package-lock.json ]'),
    );
    expect(dockerfile.slice(build.length)).not.toContain('vendor');
  });

  it('the linter does catch a broken Dockerfile (the check can fail)', () => {
    expect(validate('FROM node:20\nEXPOSE http\n').length).toBeGreaterThan(0);
  });

  it('is deterministic, and examples/iris-onnx holds exactly its output', async () => {
    // The example is the full `init` output (golden.test.ts): its package.json adds the mlship devDependencies.
    const examplePkg = JSON.parse(readFileSync(join(repo, 'examples', 'iris-onnx', 'package.json'), 'utf8'));
    const devDependencies = Object.fromEntries(
      Object.entries(examplePkg.devDependencies as Record<string, string>).filter(
        ([name]) => name === 'mlship' || name.startsWith('@mlship/'),
      ),
    );
    const first = await renderServer({ ...onnx, devDependencies });
    expect(await renderServer({ ...onnx, devDependencies })).toEqual(first);
    for (const file of first) {
      const committed = readFileSync(join(repo, 'examples', 'iris-onnx', file.path));
      const hint = `examples/iris-onnx/${file.path} is stale: run UPDATE_GOLDEN=1 pnpm exec vitest run packages/scaffold/test/golden.test.ts`;
      expect(committed.equals(Buffer.from(file.contents)), hint).toBe(true);
    }
  });

  it('refuses an invalid context with every problem named', async () => {
    const bad = {
      ...onnx,
      name: '9lives',
      modelFile: '../x.onnx',
      maxBatchSize: 0,
      bodyLimitBytes: 7 * 1024 * 1024,
    };
    const error = await renderServer(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlshipError);
    const message = (error as MlshipError).message;
    for (const part of [
      'name "9lives"',
      'modelFile "../x.onnx"',
      'maxBatchSize 0',
      'bodyLimitBytes 7340032',
    ]) {
      expect(message).toContain(part);
    }
  });
});
