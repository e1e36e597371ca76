import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultServerContext,
  renderServer,
  type ServerTemplateContext,
} from '../packages/scaffold/src/index.js';

// A freshly rendered project installs with plain npm (what users run) and its own `npm test` passes.
const run = promisify(execFile);
const npmCache = join(tmpdir(), 'mlship-npm-cache');
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function renderInto(ctx: ServerTemplateContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `mlship-${ctx.framework}-`));
  dirs.push(dir);
  for (const file of await renderServer(ctx)) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.contents);
  }
  return dir;
}

async function npm(dir: string, args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_cache: npmCache,
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'FORCE_COLOR') delete env[key];
    if (key === 'npm_config_verify_deps_before_run') delete env[key];
  }
  try {
    const { stdout, stderr } = await run('npm', args, { cwd: dir, env, maxBuffer: 32 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `npm ${args.join(' ')} failed in ${dir}:\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`,
    );
  }
}

describe('a rendered inference server project', () => {
  it.concurrent.each([
    defaultServerContext({ name: 'iris-onnx', framework: 'onnx', modelFile: 'model.onnx' }),
    defaultServerContext({ name: 'churn-custom', framework: 'custom' }),
  ])(
    'npm install && npm run typecheck && npm test pass ($framework)',
    async (ctx) => {
      const dir = await renderInto(ctx);
      await npm(dir, ['install', '--no-audit', '--no-fund', '--prefer-offline']);
      await npm(dir, ['run', 'typecheck']);
      const output = await npm(dir, ['test']);
      const summary = /Tests\s+(\d+) passed \((\d+)\)/.exec(output);
      expect(summary, output).not.toBeNull();
      expect(Number(summary![1])).toBeGreaterThan(30);
      expect(summary![1]).toBe(summary![2]);
    },
    180_000,
  );
});
