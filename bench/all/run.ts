/**
 * `pnpm bench`: every benchmark in one go, one after the other on a quiet machine — the inference server against a
 * raw node:http ceiling and a bare Fastify echo (single row and 64-row batches), the Lambda proxy (HIT/MISS, zip
 * size, init time), CLI start-up and init against `node -e ''`, and deploys against the AWS fakes (phases, no-op
 * calls). Writes bench/results/latest.json and the results table in docs/performance.md.
 * BENCH_DURATION (s per server measurement, default 5 here) and BENCH_ROUNDS (default 3) are passed through.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildStale } from '../../scripts/demo/build.js';
import { renderTable } from './table.js';

const root = join(import.meta.dirname, '..', '..');
const results = join(root, 'bench', 'results');
const started = performance.now();
const loadAverageAtStart = loadavg();

const suites = [
  { name: 'server', args: ['bench/server.ts'] },
  { name: 'proxy', args: ['--conditions=source', 'bench/proxy.ts'] },
  { name: 'cli', args: ['bench/cli.ts'] },
  { name: 'deploy', args: ['--conditions=source', 'bench/deploy.ts'] },
] as const;

/** BENCH_TABLE_ONLY=1 rewrites the docs table from the last bench/results/latest.json, running nothing. */
const latest =
  process.env.BENCH_TABLE_ONLY === '1'
    ? JSON.parse(readFileSync(join(results, 'latest.json'), 'utf8'))
    : runAll();

const doc = join(root, 'docs', 'performance.md');
const START = '<!-- bench:latest:start (written by pnpm bench) -->';
const END = '<!-- bench:latest:end -->';
const text = readFileSync(doc, 'utf8');
const block = `${START}\n${renderTable(latest)}\n${END}`;
const at = text.indexOf(START);
const updated =
  at === -1
    ? text.replace(/\n## /, `\n## Latest \`pnpm bench\`\n\n${block}\n\n## `)
    : text.slice(0, at) + block + text.slice(text.indexOf(END) + END.length);
writeFileSync(doc, updated);
console.log(
  `\n${renderTable(latest)}\n\nwrote bench/results/latest.json and docs/performance.md in ${latest.totalSeconds} s`,
);

function runAll() {
  console.log(`▸ build (stale packages only): ${buildStale(root).join(', ') || 'up to date'}`);
  const seconds: Record<string, number> = {};
  for (const suite of suites) {
    console.log(`\n▸ bench ${suite.name}`);
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ...suite.args], {
      cwd: root,
      stdio: 'inherit',
      env: { BENCH_DURATION: '5', ...process.env },
    });
    seconds[suite.name] = Math.round((performance.now() - t0) / 100) / 10;
  }

  const read = (name: string) => JSON.parse(readFileSync(join(results, `${name}.json`), 'utf8'));
  const latest = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)),
      freeMemoryGbAtEnd: Number((freemem() / 2 ** 30).toFixed(1)),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    loadAverageAtStart: loadAverageAtStart.map((n) => Number(n.toFixed(2))),
    loadAverageAtEnd: loadavg().map((n) => Number(n.toFixed(2))),
    secondsPerSuite: seconds,
    totalSeconds: Math.round((performance.now() - started) / 1000),
    server: read('server'),
    proxy: read('proxy'),
    cli: read('cli'),
    deploy: read('deploy'),
  };
  writeFileSync(join(results, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
  return latest;
}
