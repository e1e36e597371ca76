import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildStale } from './build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SPECIES = ['setosa', 'versicolor', 'virginica'];
/** One iris row of each species (sepal length, sepal width, petal length, petal width in cm). */
export const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [6.4, 3.2, 4.5, 1.5],
  [6.3, 3.3, 6.0, 2.5],
];

export interface DemoCall {
  row: number[];
  species: string;
  probability: number;
  cache: string;
  ms: number;
}

export interface DemoResult {
  projectDir: string;
  built: string[];
  calls: DemoCall[];
  /** The processes `mlship dev` said it started; all gone when runDemo returns. */
  pids: number[];
  exitCode: number | null;
}

export interface DemoOptions {
  log?: (line: string) => void;
  /** Keep the rendered project (default: removed). */
  keep?: boolean;
}

/**
 * The README's first command: build what is stale, render a fresh project from examples/iris-onnx's answers with the
 * CLI from this checkout (it vendors the mlship packages), npm install it, start `mlship dev`, send each iris row twice
 * (MISS then HIT), and stop everything.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const step = (text: string) => log(`\n▸ ${text}`);
  step('build the mlship packages (only the stale ones)');
  const built = buildStale(ROOT);
  log(built.length ? `  built ${built.join(', ')}` : '  up to date');

  const work = mkdtempSync(join(tmpdir(), 'mlship-demo-'));
  const projectDir = join(work, 'iris-onnx');
  let dev: ChildProcess | undefined;
  try {
    step(`render a project from examples/iris-onnx.answers.json into ${projectDir}`);
    const cli = join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
    const answers = join(ROOT, 'examples', 'iris-onnx.answers.json');
    run(
      process.execPath,
      [cli, 'init', '--answers', answers, '--dir', projectDir, '--yes', '--no-git'],
      work,
      log,
    );

    step('npm install (the project as init wrote it: mlship comes from vendor/mlship/*.tgz)');
    const started = performance.now();
    run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      projectDir,
      log,
    );
    log(`  installed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    step('mlship dev');
    dev = spawn(join(projectDir, 'node_modules', '.bin', 'mlship'), ['dev', '--port', '0'], {
      cwd: projectDir,
      env: { ...process.env, REDIS_URL: '', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const banner = await untilUp(dev);
    for (const line of banner.split('\n').filter((l) => l && !l.startsWith('[server]'))) log(`  ${line}`);
    const front = /front \(API Gateway stand-in\) (http:\/\/\S+)/.exec(banner)?.[1];
    const pids = (/processes started\s+([\d, ]+)/.exec(banner)?.[1] ?? '').split(', ').map(Number);
    if (!front) throw new Error(`mlship dev printed no front URL:\n${banner}`);

    step('predict: each row twice');
    const calls: DemoCall[] = [];
    for (const row of IRIS_ROWS) {
      for (let i = 0; i < 2; i++) {
        const call = await predict(front, row);
        calls.push(call);
        log(
          `  [${row.join(', ')}] → ${call.species.padEnd(10)} p=${call.probability.toFixed(3)}  x-cache: ${call.cache.padEnd(4)}  ${call.ms.toFixed(1)} ms`,
        );
      }
    }

    step('stop (SIGINT, as Ctrl-C)');
    dev.kill('SIGINT');
    const [exitCode] = (await once(dev, 'exit')) as [number | null];
    dev = undefined;
    const left = pids.filter(alive);
    log(
      left.length
        ? `  still running: ${left.join(', ')}`
        : `  exit ${exitCode}; no process left (${pids.join(', ')} gone)`,
    );
    if (left.length) throw new Error(`processes left behind: ${left.join(', ')}`);
    return { projectDir, built, calls, pids, exitCode };
  } finally {
    if (dev && dev.exitCode === null) {
      dev.kill('SIGINT');
      await once(dev, 'exit');
    }
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string, log: (line: string) => void): void {
  try {
    const output = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    for (const line of output.trim().split('\n').filter(Boolean).slice(-12)) log(`  ${line}`);
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`,
    );
  }
}

function untilUp(child: ChildProcess): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (data) => {
      out += data;
      if (/Try it[^\n]*\n[^\n]*curl[^\n]*\n/.test(out)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`mlship dev exited ${code} before it was up:\n${out}`)));
  });
}

async function predict(front: string, row: number[]): Promise<DemoCall> {
  const started = performance.now();
  const response = await fetch(`${front}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instances: [row] }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`POST /predict answered ${response.status}: ${text}`);
  const probabilities = (JSON.parse(text) as { predictions: number[][] }).predictions[0] ?? [];
  const best = probabilities.indexOf(Math.max(...probabilities));
  return {
    row,
    species: SPECIES[best] ?? String(best),
    probability: probabilities[best] ?? 0,
    cache: response.headers.get('x-cache') ?? '-',
    ms,
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const result = await runDemo({ keep: process.env.MLSHIP_DEMO_KEEP === '1' });
  const ok =
    result.exitCode === 0 && result.calls.every((c, i) => c.cache === (i % 2 === 0 ? 'MISS' : 'HIT'));
  console.log(
    `\n${ok ? 'Demo done' : 'Demo FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  process.exitCode = ok ? 0 : 1;
}
