/**
 * CLI start-up benchmark, as ratios to a bare `node -e ''` in the same run: `mlship --help`, `mlship init demo
 * --yes` (no install; target ≤ 3×) and `mlship validate` of the four-environment sample (target ≤ 2.5×).
 * Uses hyperfine when installed (apt-get install -y hyperfine), else a node timer with the same statistics.
 * Run on a quiet machine (the load average is recorded): pnpm run build && pnpm run bench:cli
 *   → bench/results/cli.json (+ the numbers on stdout)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'mlship-bench-cli-'));
const runs = Number(process.env.BENCH_RUNS ?? 20);

interface Stats {
  command: string;
  runs: number;
  meanMs: number;
  medianMs: number;
  stddevMs: number;
  minMs: number;
  maxMs: number;
  /** Mean CPU time (user + system): steadier than wall time when other work shares the machine. */
  cpuMs: number;
}

const CASES: { name: string; args: string[] }[] = [
  { name: 'node -e ""', args: ['-e', ''] },
  { name: 'mlship --help', args: [bin, '--help'] },
  { name: 'mlship init demo --yes --dry-run', args: [bin, 'init', 'demo', '--yes', '--dry-run'] },
  {
    name: 'mlship init demo --yes',
    args: [bin, 'init', 'demo', '--yes', '--force', '--dir', join(work, 'demo')],
  },
  {
    name: 'mlship validate',
    args: [bin, 'validate', '--file', join(root, 'examples', 'release', 'release.yaml')],
  },
];

function hasHyperfine(): boolean {
  return spawnSync('hyperfine', ['--version']).status === 0;
}

const quote = (arg: string) => (/^[\w./=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

function withHyperfine(): Stats[] {
  const out = join(work, 'hyperfine.json');
  const commands = CASES.map((c) => [process.execPath, ...c.args].map(quote).join(' '));
  execFileSync(
    'hyperfine',
    ['--shell=none', '--warmup', '3', '--runs', String(runs), '--export-json', out, ...commands],
    { cwd: work, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: '1' } },
  );
  const { results } = JSON.parse(readFileSync(out, 'utf8')) as {
    results: {
      mean: number;
      median: number;
      stddev: number;
      min: number;
      max: number;
      user: number;
      system: number;
      times: number[];
    }[];
  };
  return results.map((r, i) => ({
    command: CASES[i]?.name ?? '',
    runs: r.times.length,
    meanMs: r.mean * 1000,
    medianMs: r.median * 1000,
    stddevMs: r.stddev * 1000,
    minMs: r.min * 1000,
    maxMs: r.max * 1000,
    cpuMs: (r.user + r.system) * 1000,
  }));
}

function withNodeTimer(): Stats[] {
  return CASES.map(({ name, args }) => {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { cwd: work, env: { ...process.env, CI: '1' } });
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
      if (i >= 3) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const stddev = Math.sqrt(times.reduce((a, b) => a + (b - mean) ** 2, 0) / times.length);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    return {
      command: name,
      runs: times.length,
      meanMs: mean,
      medianMs: median,
      stddevMs: stddev,
      minMs: times[0] ?? 0,
      maxMs: times.at(-1) ?? 0,
      cpuMs: Number.NaN,
    };
  });
}

if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm run build first`);
const loadBefore = loadavg()[0] ?? 0;
if (loadBefore > 3) {
  console.warn(
    `load average ${loadBefore.toFixed(1)} > 3: other work shares the CPUs, so wall times are inflated;`,
  );
  console.warn(
    'the CPU-time ratios (cpuOverNode) are steadier, but run again on a quieter machine for the record.',
  );
}
const tool = hasHyperfine() ? 'hyperfine' : 'node timer';
const stats = tool === 'hyperfine' ? withHyperfine() : withNodeTimer();
rmSync(work, { recursive: true, force: true });

const byName = Object.fromEntries(stats.map((s) => [s.command, s]));
const node = byName['node -e ""']?.medianMs ?? Number.NaN;
const help = byName['mlship --help']?.medianMs ?? Number.NaN;
const init = byName['mlship init demo --yes']?.medianMs ?? Number.NaN;
const validate = byName['mlship validate']?.medianMs ?? Number.NaN;
const cpu = (name: string) =>
  round((byName[name]?.cpuMs ?? Number.NaN) / (byName['node -e ""']?.cpuMs ?? Number.NaN), 2);
const result = {
  date: new Date().toISOString(),
  tool,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    loadAverage: loadavg().map((n) => round(n, 2)),
  },
  results: stats.map((s) => ({
    ...s,
    meanMs: round(s.meanMs),
    medianMs: round(s.medianMs),
    stddevMs: round(s.stddevMs),
    minMs: round(s.minMs),
    maxMs: round(s.maxMs),
    cpuMs: round(s.cpuMs),
  })),
  targets: {
    helpOverNode: { ratio: round(help / node, 2), target: 1.5, met: help / node <= 1.5 },
    initOverNode: { ratio: round(init / node, 2), target: 3, met: init / node <= 3 },
    validateOverNode: { ratio: round(validate / node, 2), target: 2.5, met: validate / node <= 2.5 },
  },
  cpuOverNode: {
    help: cpu('mlship --help'),
    init: cpu('mlship init demo --yes'),
    validate: cpu('mlship validate'),
  },
};
writeFileSync(join(root, 'bench', 'results', 'cli.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  JSON.stringify(
    { targets: result.targets, cpuOverNode: result.cpuOverNode, load: result.machine.loadAverage },
    null,
    2,
  ),
);

function round(n: number, digits = 1): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}
