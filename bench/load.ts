import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LoadResult {
  tool: 'wrk' | 'autocannon';
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** Scheduling priority (nice value, -20..19) for the load generator; unchanged when undefined. */
  priority?: number | undefined;
}

/** Runs a command to completion, optionally at another scheduling priority. */
async function runAt(priority: number | undefined, file: string, args: string[]): Promise<string> {
  const pending = run(file, args, { maxBuffer: 16 * 1024 * 1024 });
  if (priority !== undefined && pending.child.pid) setPriority(pending.child.pid, priority);
  return (await pending).stdout;
}

export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version
    return (error as { status?: number }).status === 1;
  }
}

/** Drives one endpoint with a fixed JSON POST body from a separate process (wrk, else autocannon). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  return hasWrk() ? wrk(options) : autocannon(options);
}

async function wrk({ url, body, connections, durationSeconds, priority }: LoadOptions): Promise<LoadResult> {
  const script = join(tmpdir(), `mlship-bench-${process.pid}.lua`);
  writeFileSync(
    script,
    [
      `wrk.method = "POST"`,
      `wrk.headers["content-type"] = "application/json"`,
      `wrk.body = ${JSON.stringify(body)}`,
      `done = function(summary, latency, requests)`,
      `  io.write(string.format("JSON {\\"p50\\":%d,\\"p99\\":%d,\\"requests\\":%d,\\"non2xx\\":%d,\\"errors\\":%d,\\"seconds\\":%f}\\n",`,
      `    latency:percentile(50), latency:percentile(99), summary.requests, summary.errors.status,`,
      `    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.duration / 1e6))`,
      `end`,
    ].join('\n'),
  );
  const args = ['-t1', `-c${connections}`, `-d${durationSeconds}s`, '-s', script, url];
  const stdout = await runAt(priority, 'wrk', args);
  const line = stdout.split('\n').find((l) => l.startsWith('JSON '));
  if (!line) throw new Error(`unexpected wrk output:\n${stdout}`);
  const r = JSON.parse(line.slice(5)) as Record<string, number>;
  return {
    tool: 'wrk',
    requestsPerSecond: r.requests! / r.seconds!,
    latencyP50Ms: r.p50! / 1000,
    latencyP99Ms: r.p99! / 1000,
    requests: r.requests!,
    non2xx: r.non2xx!,
    errors: r.errors!,
  };
}

async function autocannon({
  url,
  body,
  connections,
  durationSeconds,
  priority,
}: LoadOptions): Promise<LoadResult> {
  const bin = join(import.meta.dirname, '..', 'node_modules', 'autocannon', 'autocannon.js');
  const args = [bin, '-c', String(connections), '-d', String(durationSeconds), '-m', 'POST'];
  args.push('-H', 'content-type=application/json', '-b', body, '--json', url);
  const stdout = await runAt(priority, process.execPath, args);
  const r = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    tool: 'autocannon',
    requestsPerSecond: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
